/**
 * Building blocks of the exported document: paragraphs of safe text and data tables with repeating header
 * rows. Officers' rich text is converted in richTextBlocks.ts. Every string goes through sanitize.ts on its
 * way in.
 */
import {
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import {
  cleanLine,
  cleanText,
  hasRightToLeft,
  MAX_PARAGRAPH_CHARS,
  splitLongText,
  startsRightToLeft,
} from './sanitize';
import { HEADER_SHADING, STYLE_IDS } from './styles';
import { describeTable } from './tableCaption';

/** What a document body is made of. */
export type BodyBlock = Paragraph | Table;

export type RunStyle = Omit<IRunOptions, 'text' | 'children' | 'break'>;

/** Runs for a piece of text: line feeds become line breaks, right-to-left script is marked as such. */
export function textRuns(text: string, style: RunStyle = {}): TextRun[] {
  const lines = cleanText(text).split('\n');
  const runs: TextRun[] = [];
  lines.forEach((line, index) => {
    const rtl = hasRightToLeft(line) && !/[A-Za-z]/.test(line);
    if (line.length > 0 || index > 0) {
      runs.push(
        new TextRun({
          ...style,
          text: line,
          ...(index > 0 ? { break: 1 } : {}),
          ...(rtl ? { rightToLeft: true } : {}),
        }),
      );
    }
  });
  return runs;
}

/**
 * Paragraphs of plain text, split where the text is very long. `options` apply to each paragraph; a paragraph
 * whose text starts in a right-to-left script reads right to left.
 */
export function textParagraphs(
  text: string,
  options: Omit<IParagraphOptions, 'children' | 'text'> = {},
  run: RunStyle = {},
): Paragraph[] {
  const cleaned = cleanText(text);
  return splitLongText(cleaned).map(
    (piece) =>
      new Paragraph({
        ...options,
        ...(startsRightToLeft(piece) ? { bidirectional: true } : {}),
        children: textRuns(piece, run),
      }),
  );
}

/** One paragraph of one-line text (names, labels): never split, line breaks folded. */
export function line(
  text: string,
  options: Omit<IParagraphOptions, 'children' | 'text'> = {},
  run: RunStyle = {},
): Paragraph {
  const cleaned = cleanLine(text);
  return new Paragraph({
    ...options,
    ...(startsRightToLeft(cleaned) ? { bidirectional: true } : {}),
    children: textRuns(cleaned, run),
  });
}

/** "Lead partner: Glenmore Council", with the label in bold. */
export function labelled(label: string, value: string): Paragraph {
  const cleaned = cleanText(value);
  return new Paragraph({
    spacing: { after: 80 },
    children: [
      new TextRun({ text: `${label}: `, bold: true }),
      ...textRuns(cleaned.length > MAX_PARAGRAPH_CHARS ? cleaned.slice(0, MAX_PARAGRAPH_CHARS) : cleaned),
    ],
  });
}

export function note(text: string): Paragraph {
  return line(text, { style: STYLE_IDS.note });
}

// ---- data tables --------------------------------------------------------------------------------------

/** A cell of a data table: plain text, or blocks already built (rich text). */
export type CellContent =
  | string
  | { readonly blocks: readonly BodyBlock[] }
  | { readonly text: string; readonly bold?: boolean };

export interface DataTableOptions {
  /** What the table is, for screen readers and Word's accessibility checker (w:tblCaption), e.g. "Commitments of Police Scotland". */
  readonly caption: string;
  /** What it shows, when the caption does not say (w:tblDescription). */
  readonly description?: string;
  /** Column headings; this row repeats at the top of each page the table runs onto. */
  readonly header: readonly string[];
  /** Column widths in twips; they should add up to the text width of the page the table is on. */
  readonly widths: readonly number[];
  readonly rows: readonly (readonly CellContent[])[];
  /** Half-points, when the table must be smaller than body text (the National Outcomes matrix). */
  readonly size?: number;
  /** Indices of rows (in `rows`) written in bold, such as a totals row. */
  readonly boldRows?: readonly number[];
  /** Centre the cells of these columns (ticks in a matrix). */
  readonly centredColumns?: readonly number[];
  /**
   * Keep the table on one page when it fits (every row kept with the next), so a short table never leaves
   * a row or two stranded on a page of their own; a table longer than a page still breaks.
   */
  readonly keepTogether?: boolean;
  /** Keep the whole table on the page of what follows it (a table that belongs with the next one). */
  readonly keepWithNext?: boolean;
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '808080' } as const;
export const TABLE_BORDERS = {
  top: THIN,
  bottom: THIN,
  left: THIN,
  right: THIN,
  insideHorizontal: THIN,
  insideVertical: THIN,
} as const;

function cellParagraphs(
  content: CellContent,
  size: number | undefined,
  bold: boolean,
  centred: boolean,
  keepNext = false,
): BodyBlock[] {
  const run: RunStyle = { ...(size ? { size } : {}), ...(bold ? { bold: true } : {}) };
  const paragraphOptions = {
    style: STYLE_IDS.tableText,
    ...(centred ? { alignment: 'center' as const } : {}),
    ...(keepNext ? { keepNext: true } : {}),
  };
  if (typeof content === 'string') return textParagraphs(content, paragraphOptions, run);
  if ('blocks' in content)
    return content.blocks.length > 0 ? [...content.blocks] : [new Paragraph({ style: STYLE_IDS.tableText })];
  return textParagraphs(content.text, paragraphOptions, { ...run, ...(content.bold ? { bold: true } : {}) });
}

/** A table of data with a shaded header row that repeats on each page; rows do not split across pages. */
export function dataTable(options: DataTableOptions): Table {
  const { header, widths, rows, size } = options;
  const bold = new Set(options.boldRows ?? []);
  const centred = new Set(options.centredColumns ?? []);
  const total = widths.reduce((sum, width) => sum + width, 0);
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: header.map(
      (text, column) =>
        new TableCell({
          width: { size: widths[column] ?? 0, type: WidthType.DXA },
          shading: { fill: HEADER_SHADING, type: 'clear', color: 'auto' },
          children: cellParagraphs(
            text,
            size,
            true,
            centred.has(column),
            options.keepTogether === true || options.keepWithNext === true,
          ),
        }),
    ),
  });
  const bodyRows = rows.map(
    (row, rowIndex) =>
      new TableRow({
        // A row taller than a page must be allowed to split, or Word clips it.
        cantSplit: row.every((cell) => typeof cell !== 'string' || cell.length < 600),
        children: header.map(
          (_, column) =>
            new TableCell({
              width: { size: widths[column] ?? 0, type: WidthType.DXA },
              children: cellParagraphs(
                row[column] ?? '',
                size,
                bold.has(rowIndex),
                centred.has(column),
                options.keepWithNext === true || (options.keepTogether === true && rowIndex < rows.length - 1),
              ),
            }),
        ),
      }),
  );
  const table = new Table({
    rows: [headerRow, ...bodyRows],
    width: { size: total, type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
  });
  return describeTable(
    table,
    options.caption,
    options.description ?? `Columns: ${header.join(', ')}. ${rows.length} ${rows.length === 1 ? 'row' : 'rows'}.`,
  );
}

// ---- rich text ----------------------------------------------------------------------------------------

/** The empty paragraphs written after officers' tables; see `withoutSpareSeparators`. */
const TABLE_SEPARATORS = new WeakSet<Paragraph>();

/** Marks the empty paragraph written after an officer's table, which `withoutSpareSeparators` may drop. */
export function markTableSeparator(paragraph: Paragraph): void {
  TABLE_SEPARATORS.add(paragraph);
}

/** Blocks without the empty paragraphs after tables that something other than a table follows (no empty spacers). */
export function withoutSpareSeparators(blocks: readonly BodyBlock[]): BodyBlock[] {
  return blocks.filter((block, index) => {
    if (!(block instanceof Paragraph) || !TABLE_SEPARATORS.has(block)) return true;
    const next = blocks[index + 1];
    return next === undefined || next instanceof Table;
  });
}
