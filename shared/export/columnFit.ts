/**
 * Whether a table's words fit its columns without being broken mid-word, measured with Arial's advance
 * widths; it decides which tables need a landscape page.
 */
import type { CellContent } from './blocks';

/** Arial's advance widths of the printable ASCII characters (space to tilde), in thousandths of an em. */
const ARIAL_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
/** Twips of a word at 12 pt in Arial, with a margin for bold and for how LibreOffice and Word round. */
function wordTwips(word: string): number {
  let thousandths = 0;
  for (const char of word) {
    const code = char.codePointAt(0) ?? 0x20;
    thousandths += code >= 0x20 && code <= 0x7e ? ARIAL_WIDTHS[code - 0x20]! : 600;
  }
  return (thousandths / 1000) * 240 * 1.1;
}
/** Left and right cell margins Word and LibreOffice use by default (0.19 cm each). */
const CELL_PADDING = 216;

/** Whether every word of every cell fits its column's width, so no word is broken mid-way. */
export function fitsColumns(rows: readonly (readonly CellContent[])[], widths: readonly number[]): boolean {
  return rows.every((row) =>
    row.every((cell, column) => {
      const text = typeof cell === 'string' ? cell : 'text' in cell ? cell.text : '';
      const room = (widths[column] ?? 0) - CELL_PADDING;
      return text.split(/\s+/).every((word) => wordTwips(word) <= room);
    }),
  );
}
