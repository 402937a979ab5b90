/** Saves a file the app made (Word, PDF, change file, damaged copy) through the desktop's native dialog, or downloads it in a browser. */
import type { FileFilter } from '../../../shared/bridge/desktopBridge';
import { bridge } from '../store/catalogue';

export interface SavedFile {
  /** Where the desktop saved it; null for a browser download (the browser says where). */
  readonly savedTo: string | null;
  readonly cancelled: boolean;
}

export async function saveBytes(
  bytes: Uint8Array,
  fileName: string,
  filter: FileFilter,
  mimeType: string,
): Promise<SavedFile> {
  const desktop = bridge();
  if (desktop) {
    const result = await desktop.saveFile({ suggestedName: fileName, bytes, filters: [filter] });
    return result.saved ? { savedTo: result.path, cancelled: false } : { savedTo: null, cancelled: true };
  }
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { savedTo: null, cancelled: false };
}

export const WORD_FILTER: FileFilter = { name: 'Word document', extensions: ['docx'] };
export const WORD_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
