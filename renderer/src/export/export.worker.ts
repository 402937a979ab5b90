/** Builds the .docx off the main thread so typing and the progress bar stay responsive. */
import { exportSoaDocx, type ExportOptions } from '../../../shared/export';
import type { SoaSnapshot } from '../../../shared/model';

interface Request {
  readonly snapshot: SoaSnapshot;
  readonly options: ExportOptions;
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Request>) => void) | null;
  postMessage: (message: unknown, transfer?: Transferable[]) => void;
};

scope.onmessage = (event) => {
  const { snapshot, options } = event.data;
  exportSoaDocx(snapshot, options, (progress) => scope.postMessage({ type: 'progress', progress })).then(
    (bytes) => scope.postMessage({ type: 'done', bytes }, [bytes.buffer as ArrayBuffer]),
    (error: unknown) =>
      scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};
