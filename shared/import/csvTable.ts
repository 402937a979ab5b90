/**
 * A CSV file as rows of cells, each row with the line of the file it starts on (so a bad row can be named
 * the way the officer sees it in a text editor or in Excel's row numbers). Parsing is papaparse's: quoted
 * fields, commas and line breaks inside quotes, other delimiters (a semicolon or tab export).
 */
import Papa from 'papaparse';

export interface CsvRow {
  /** The 1-based line of the file the row starts on. */
  readonly line: number;
  readonly cells: readonly string[];
}

export interface CsvTable {
  readonly headers: readonly string[];
  /** The data rows after the header row; blank rows are left out. */
  readonly rows: readonly CsvRow[];
  /** Problems papaparse found (an unclosed quote), with their lines. */
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

/** A file no larger than this many characters is read (CPOP's whole-Scotland export is about 2 MB). */
export const MAX_CSV_CHARACTERS = 20_000_000;

export class CsvUnreadableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvUnreadableError';
  }
}

export function readCsv(text: string): CsvTable {
  if (text.length > MAX_CSV_CHARACTERS)
    throw new CsvUnreadableError(
      `The file is larger than ${(MAX_CSV_CHARACTERS / 1_000_000).toLocaleString('en-GB')} million characters; export only your area's rows and try again.`,
    );
  const source = text.replace(/^\uFEFF/, '');
  // Line starts, so a row's offset in the file gives its line number.
  const lineStarts: number[] = [0];
  for (let index = 0; index < source.length; index++) if (source.charCodeAt(index) === 10) lineStarts.push(index + 1);
  const lineAt = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };

  const all: CsvRow[] = [];
  const problems: { line: number; message: string }[] = [];
  let offset = 0;
  Papa.parse(source, {
    skipEmptyLines: false,
    step: (result) => {
      // The row starts after any line break the previous step left before it.
      let start = offset;
      while (start < source.length && (source[start] === '\n' || source[start] === '\r') && start < result.meta.cursor)
        start++;
      const line = lineAt(start);
      offset = result.meta.cursor;
      for (const error of result.errors)
        problems.push({ line, message: describeParseError(error.code, error.message) });
      const cells = result.data.map((cell) => cell.trim());
      if (cells.every((cell) => cell === '')) return;
      all.push({ line, cells });
    },
  });
  const [header, ...rows] = all;
  if (!header)
    throw new CsvUnreadableError('The file has no rows. Choose a CSV file with a header row and one row per value.');
  return { headers: header.cells, rows, problems };
}

function describeParseError(code: string, message: string): string {
  if (code === 'MissingQuotes')
    return 'A quoted cell is never closed ("), so the rest of the file cannot be read reliably.';
  if (code === 'InvalidQuotes') return 'A cell has a stray quote mark (").';
  return message;
}
