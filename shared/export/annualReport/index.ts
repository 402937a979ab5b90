/**
 * The Annual Report export (issue 18): the assembled SOA and its progress for a reporting year, to the bytes
 * of a .docx, through the same packaging as the SOA (packaging.ts: deterministic bytes, en-GB, the
 * application's name). `soa-relay report` and the app's "Export Annual Report" both call this.
 */
import type { SoaSnapshot } from '../../model/assemble';
import type { ProgressSnapshot } from '../../model/progress';
import { safeFileNamePart } from '../fileName';
import { packDocument } from '../packaging';
import { cleanLine } from '../sanitize';
import { annualReportTitle, buildAnnualReportDocument, type AnnualReportOptions } from './reportDocument';

export {
  buildAnnualReportDocument,
  annualReportTitle,
  yearSpan,
  type AnnualReportOptions,
  type AnnualReportDocument,
} from './reportDocument';
export { reportFacts, type ReportFacts, type IndicatorFacts } from './reportFacts';
export { chartData, indicatorLineChart } from './indicatorChart';
export { plainSummary } from './plainSummary';

export async function exportAnnualReportDocx(
  snapshot: SoaSnapshot,
  progress: ProgressSnapshot,
  options: AnnualReportOptions,
): Promise<Uint8Array> {
  const { document, charts } = buildAnnualReportDocument(snapshot, progress, options);
  return packDocument(
    document,
    { generatedOn: options.generatedOn, company: cleanLine(snapshot.meta.partnershipName).trim() },
    (parts) => charts.fill(parts),
  );
}

/** "Glenmore Annual Report 2014-15.docx". */
export function annualReportFileName(snapshot: SoaSnapshot, options: AnnualReportOptions): string {
  return `${safeFileNamePart(annualReportTitle(snapshot, options.year).replace('/', '-'))}.docx`;
}
