/**
 * Sets every entry time of a zip to one moment, in place of the time it was written, by rewriting the DOS
 * time and date fields of its central directory and local headers; the entries' bytes are untouched (no
 * inflating and deflating again). Used for the workbook `docx` embeds in each native chart, which its zip
 * stamps with the current time, so two exports of one report on one date are the same bytes.
 */
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** The zip with every entry stamped `mtime` (local time, as DOS times are), or the input unchanged when it is not a plain zip. */
export function restampZip(bytes: Uint8Array, mtime: Date): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let offset = bytes.byteLength - 22; offset >= Math.max(0, bytes.byteLength - 22 - 0xffff); offset--) {
    if (view.getUint32(offset, true) === END_OF_CENTRAL_DIRECTORY) {
      end = offset;
      break;
    }
  }
  if (end < 0) return bytes;
  const time = (mtime.getHours() << 11) | (mtime.getMinutes() << 5) | Math.floor(mtime.getSeconds() / 2);
  const date = ((mtime.getFullYear() - 1980) << 9) | ((mtime.getMonth() + 1) << 5) | mtime.getDate();
  const copy = bytes.slice();
  const out = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  for (let index = 0; index < entries; index++) {
    if (offset + 46 > bytes.byteLength || view.getUint32(offset, true) !== CENTRAL_HEADER) return bytes;
    out.setUint16(offset + 12, time, true);
    out.setUint16(offset + 14, date, true);
    const local = view.getUint32(offset + 42, true);
    if (local + 30 > bytes.byteLength || view.getUint32(local, true) !== LOCAL_HEADER) return bytes;
    out.setUint16(local + 10, time, true);
    out.setUint16(local + 12, date, true);
    offset +=
      46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return copy;
}
