/**
 * The Word export (issue 5): a pure pipeline from the assembled SOA snapshot to a docx object tree (the
 * `docx` package) to the bytes of a .docx file. It runs in the browser, in Electron and in Node: no DOM, no
 * Node built-ins. The editor's export button and `soa-relay export` both call `exportSoaDocx`; the desktop
 * saves the bytes through its native dialog, a browser downloads them.
 *
 * Any snapshot can be exported, so exporting a saved version is exporting the snapshot assembled from that
 * version's documents; nothing here depends on the live rooms.
 */
import type { Document } from 'docx';
import type { SoaSnapshot } from '../model/assemble';
import { buildDocument, type ExportOptions } from './document';
import { suggestedFileName } from './fileName';
import { packDocument } from './packaging';
import { addReviewComments } from './reviewComments';
import { cleanLine } from './sanitize';

export { NOT_YET_WRITTEN, documentStatus, type ExportOptions } from './document';
export { cleanText, splitLongText } from './sanitize';
export { APPLICATION_NAME, DOCUMENT_LANGUAGE } from './packaging';

/** How far an export has got, for a progress bar: `fraction` from 0 to 1 and a plain-English stage. */
export interface ExportProgress {
  readonly fraction: number;
  readonly stage: string;
}

/** Builds the docx Document (the object tree) for structure tests. Throws when a partner scope names no partner of the SOA. */
export function buildSoaDocument(snapshot: SoaSnapshot, options: ExportOptions): Document {
  return buildDocument(snapshot, options);
}

/**
 * Builds the .docx bytes; reports progress and yields to the event loop between stages so a window does
 * not freeze. Uses `Packer.toArrayBuffer`, which needs no Node Buffer.
 */
export async function exportSoaDocx(
  snapshot: SoaSnapshot,
  options: ExportOptions,
  onProgress?: (progress: ExportProgress) => void,
): Promise<Uint8Array> {
  const report = (fraction: number, stage: string) => onProgress?.({ fraction, stage });
  report(0, 'Preparing the document');
  await yieldToEventLoop();
  const document = buildDocument(snapshot, options);
  report(0.4, 'Writing the Word file');
  await yieldToEventLoop();
  const threads = options.reviewThreads;
  const bytes = await packDocument(
    document,
    { generatedOn: options.generatedOn, company: cleanLine(snapshot.meta.partnershipName).trim() },
    threads ? (parts) => addReviewComments(parts, snapshot, threads) : undefined,
  );
  report(1, 'Done');
  return bytes;
}

/** A file name such as "Glenmore SOA 2013-2023 (Draft v0.3).docx", safe on Windows, macOS and Linux. */
export function suggestedExportFileName(snapshot: SoaSnapshot, options: ExportOptions): string {
  return suggestedFileName(snapshot, options);
}

/** Lets the event loop run (paint a progress bar, handle input) before the next stage of work. */
function yieldToEventLoop(): Promise<void> {
  const timer = (globalThis as { setTimeout?: (callback: () => void, ms: number) => unknown }).setTimeout;
  return new Promise((resolve) => {
    if (timer) timer(resolve, 0);
    else resolve();
  });
}
