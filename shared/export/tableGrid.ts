/**
 * An officer's table as a rectangular grid, as Word needs it (rich text's tables, richTextBlocks.ts).
 */
import type { RichBlock, RichTableRow } from '../model/richText';

export interface GridCell {
  readonly header: boolean;
  readonly colspan: number;
  readonly rowspan: number;
  readonly content: readonly RichBlock[];
}

const MAX_COLUMNS = 40;

/**
 * Makes a rectangular grid of a table as officers may have left it (rows of different lengths, spans past the
 * edge): spans are clamped to the table and short rows are padded with empty cells, because Word asks to repair
 * a table whose rows do not add up. Cells covered by a row span above are left out, as docx expects.
 */
export function normaliseTable(rows: readonly RichTableRow[]): { columns: number; rows: GridCell[][] } {
  const limited = rows.slice(0, 5000);
  let columns = 0;
  for (const row of limited) {
    const width = row.cells.reduce((sum, cell) => sum + Math.max(1, Math.min(cell.colspan, MAX_COLUMNS)), 0);
    columns = Math.max(columns, Math.min(width, MAX_COLUMNS));
  }
  if (columns === 0) return { columns: 0, rows: [] };
  // covered[r][c]: slot taken by a rowspan from above.
  const covered: boolean[][] = limited.map(() => new Array<boolean>(columns).fill(false));
  const out: GridCell[][] = [];
  limited.forEach((row, rowIndex) => {
    const cells: GridCell[] = [];
    let column = 0;
    const skipCovered = () => {
      while (column < columns && covered[rowIndex]![column]) column++;
    };
    for (const cell of row.cells) {
      skipCovered();
      if (column >= columns) break;
      let colspan = Math.max(1, Math.min(cell.colspan, columns - column));
      // A span may not run into a slot covered from above.
      for (let offset = 1; offset < colspan; offset++) {
        if (covered[rowIndex]![column + offset]) {
          colspan = offset;
          break;
        }
      }
      const rowspan = Math.max(1, Math.min(cell.rowspan, limited.length - rowIndex));
      for (let below = 1; below < rowspan; below++) {
        for (let offset = 0; offset < colspan; offset++) covered[rowIndex + below]![column + offset] = true;
      }
      cells.push({ header: cell.header, colspan, rowspan, content: cell.content });
      column += colspan;
    }
    // Pad: empty cells for every free slot left in the row.
    for (skipCovered(); column < columns; skipCovered()) {
      cells.push({ header: false, colspan: 1, rowspan: 1, content: [] });
      column++;
    }
    out.push(cells);
  });
  return { columns, rows: out };
}

export function countHeaderRows(rows: readonly GridCell[][]): number {
  let count = 0;
  for (const row of rows) {
    if (row.length > 0 && row.every((cell) => cell.header) && count < rows.length - 1) count++;
    else break;
  }
  return count;
}
