/**
 * "Export Annual Report": the report's code (shared/export/annualReport, with the Word library) is fetched on
 * the first export only, as the SOA's export is (see export/loadExportModule.ts); the file is saved through
 * the desktop bridge's native dialog, or downloaded in a browser.
 */
import type { ProgressSnapshot, ReportingYear, SoaSnapshot } from '../../../shared/model';
import { bridge } from '../store/catalogue';

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
  const desktop = bridge();
  if (desktop) {
    const result = await desktop.saveFile({
      suggestedName: fileName,
      bytes,
      filters: [{ name: 'Word document', extensions: ['docx'] }],
    });
    return result.saved
      ? { fileName, savedTo: result.path, cancelled: false }
      : { fileName, savedTo: null, cancelled: true };
  }
  const url = URL.createObjectURL(
    new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { fileName, savedTo: null, cancelled: false };
}
