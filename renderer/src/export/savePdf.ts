/** Saves a PDF through the desktop's native dialog, or downloads it in a browser (as exportWord.ts does a .docx). */
import { bridge } from '../store/catalogue';

export async function savePdf(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ readonly savedTo: string | null; readonly cancelled: boolean }> {
  const desktop = bridge();
  if (desktop) {
    const result = await desktop.saveFile({
      suggestedName: fileName,
      bytes,
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    });
    return result.saved ? { savedTo: result.path, cancelled: false } : { savedTo: null, cancelled: true };
  }
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { savedTo: null, cancelled: false };
}
