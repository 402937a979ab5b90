/**
 * The one way from the editor to shared/export (and so to `docx`, a third of the app's weight): a dynamic
 * import, so the Word export is fetched the first time an officer exports, not before the first screen.
 * The service worker precaches the chunk with the rest of the build, so exporting works offline too.
 *
 * A new export follows the same pattern: in its click handler, report a "Loading the Word export" stage,
 * then `const { exportSomethingDocx } = await loadExportModule()`. Lint refuses a static value import of
 * shared/export or docx anywhere else in renderer/ (type imports are fine: they vanish from the build).
 */
export type ExportModule = typeof import('../../../shared/export');

/** The progress stage shown while the export's code is on its way. */
export const LOADING_EXPORT_STAGE = 'Loading the Word export';

let loading: Promise<ExportModule> | null = null;

export function loadExportModule(): Promise<ExportModule> {
  loading ??= import('../../../shared/export').catch((error: unknown) => {
    // Let the next click try again (the connection may be back).
    loading = null;
    throw new Error(
      `the Word export could not be loaded (${error instanceof Error ? error.message : String(error)}). Check the connection and try again.`,
    );
  });
  return loading;
}
