/**
 * "Export Annual Report": the report's code (shared/export/annualReport, with the Word library) is fetched on
 * the first export only, as the SOA's export is (see export/loadExportModule.ts); the file is saved through
 * the desktop bridge's native dialog, or downloaded in a browser.
 */
import type { ProgressSnapshot, ReportingYear, SoaSnapshot } from '../../../shared/model';
import { saveBytes, WORD_FILTER, WORD_MIME } from '../export/saveBytes';

export interface ReportResult {
  readonly fileName: string;
  readonly savedTo: string | null;
  readonly cancelled: boolean;
}

export async function exportAnnualReport(
  snapshot: SoaSnapshot,
  progress: ProgressSnapshot,
  year: ReportingYear,
  generatedOn: string,
  author: string,
): Promise<ReportResult> {
  let module: typeof import('../../../shared/export/annualReport');
  try {
    module = await import('../../../shared/export/annualReport');
  } catch (error) {
    throw new Error(
      `the Word export could not be loaded (${error instanceof Error ? error.message : String(error)}). Check the connection and try again.`,
    );
  }
  const options = { year, generatedOn, author };
  const bytes = await module.exportAnnualReportDocx(snapshot, progress, options);
  const fileName = module.annualReportFileName(snapshot, options);
  return { fileName, ...(await saveBytes(bytes, fileName, WORD_FILTER, WORD_MIME)) };
}
