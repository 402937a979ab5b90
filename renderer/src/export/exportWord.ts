/**
 * The export button's work: build the Word file from the assembled snapshot (shared/export) in a Web
 * Worker, falling back to the main thread (which yields between stages) where workers are unavailable; then
 * save it through the desktop bridge's native dialog, or download it in a browser. The export's code (the
 * worker's chunk, or the main thread's through loadExportModule) is fetched on the first export only.
 */
import type { ExportOptions, ExportProgress } from '../../../shared/export';
import { suggestedFileName } from '../../../shared/export/fileName';
import type { CommentThread, SoaSnapshot } from '../../../shared/model';
import { LOADING_EXPORT_STAGE, loadExportModule } from './loadExportModule';
import { saveBytes, WORD_FILTER, WORD_MIME } from './saveBytes';

export type { ExportProgress };

type WorkerMessage =
  | { type: 'progress'; progress: ExportProgress }
  | { type: 'done'; bytes: Uint8Array }
  | { type: 'error'; message: string };

function buildInWorker(
  snapshot: SoaSnapshot,
  options: ExportOptions,
  onProgress: (progress: ExportProgress) => void,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === 'progress') onProgress(message.progress);
      else {
        worker.terminate();
        if (message.type === 'done') resolve(message.bytes);
        else reject(new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'The export worker failed to start.'));
    };
    worker.postMessage({ snapshot, options });
  });
}

export interface ExportResult {
  readonly fileName: string;
  readonly savedTo: string | null;
  readonly cancelled: boolean;
}

/** With `reviewThreads`, a review copy: the open threads go in as Word comments (never in a submission copy). */
export async function exportToWord(
  snapshot: SoaSnapshot,
  options: ExportOptions,
  onProgress: (progress: ExportProgress) => void,
  reviewThreads?: readonly CommentThread[],
): Promise<ExportResult> {
  const submissionName = suggestedFileName(snapshot, options);
  const fileName = reviewThreads
    ? submissionName.replace(/\.docx$/, ' - review copy with comments.docx')
    : submissionName;
  const built: ExportOptions = reviewThreads ? { ...options, reviewThreads } : options;
  // The worker's first message comes once its chunk has loaded.
  onProgress({ fraction: 0, stage: LOADING_EXPORT_STAGE });
  let bytes: Uint8Array;
  try {
    bytes = await buildInWorker(snapshot, built, onProgress);
  } catch {
    onProgress({ fraction: 0, stage: LOADING_EXPORT_STAGE });
    const { exportSoaDocx } = await loadExportModule();
    bytes = await exportSoaDocx(snapshot, built, onProgress);
  }
  return saveWordFile(bytes, fileName);
}

/** Saves a Word file: the desktop bridge's native dialog, or a download in a browser. */
export async function saveWordFile(bytes: Uint8Array, fileName: string): Promise<ExportResult> {
  return { fileName, ...(await saveBytes(bytes, fileName, WORD_FILTER, WORD_MIME)) };
}
