/**
 * Officers' rich text (the `RichText` tree of shared/model) as Word paragraphs, lists and tables, with the
 * document's own styles and numbering. Tables are first made rectangular (tableGrid.ts).
 */
import {
  ExternalHyperlink,
  HeadingLevel,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import type { RichBlock, RichInline, RichListItem, RichText, RichTableRow } from '../model/richText';
import { cleanLine, MAX_PARAGRAPH_CHARS, safeLinkTarget, splitLongText, startsRightToLeft } from './sanitize';
import { BULLET_NUMBERING, HEADER_SHADING, orderedNumberingReference, STYLE_IDS } from './styles';
import { describeTable } from './tableCaption';
import { markTableSeparator, TABLE_BORDERS, textRuns, type BodyBlock, type RunStyle } from './blocks';
import { countHeaderRows, normaliseTable } from './tableGrid';

/** Where rich text is written: how deep its headings go and how wide it may be. */
export interface RichContext {
  /** The heading level of the section the text sits under (1 under a Heading 1). */
  readonly headingBase: number;
  /** Twips available for tables. */
  readonly width: number;
  /** In a table cell, headings become bold text (a heading there would enter the contents). */
  readonly inTable?: boolean;
  /** Left indent in twips (block quotes, continuation paragraphs of list items). */
  readonly indent?: number;
  /** Level of a nested list (0 for a list at the top). */
  readonly listLevel?: number;
  /** All text bold (header cells of tables). */
  readonly bold?: boolean;
}

const MAX_NESTING = 8;

/**
 * Converts rich text, keeping count of ordered lists so each starts at its own first number. One converter
 * serves one document: the ordered-list first numbers it saw go into the document's numbering definitions.
 */
export class RichTextConverter {
  private nextListInstance = 1;
  private readonly starts = new Set<number>();

  /** First numbers of the ordered lists written so far (for the numbering definitions). */
  get orderedStarts(): ReadonlySet<number> {
    return this.starts;
  }

  blocks(text: RichText, context: RichContext): BodyBlock[] {
    // A field whose top headings are level 2 (as some officers write) starts at the next level of the document
    // all the same, so the numbering never skips a level (3, 3.1, not 3, 3.1.1).
    let top = 3;
    for (const block of text) if (block.type === 'heading') top = Math.min(top, block.level);
    const shifted = { ...context, headingBase: context.headingBase - (top - 1) };
    const out: BodyBlock[] = [];
    for (const block of text) this.block(block, shifted, out, 0);
    return out;
  }

  private block(block: RichBlock, context: RichContext, out: BodyBlock[], depth: number): void {
    switch (block.type) {
      case 'paragraph':
        out.push(...this.paragraphs(block.content, this.indentOptions(context), context.bold));
        return;
      case 'heading': {
        const level = context.headingBase + block.level;
        if (!context.inTable && level <= 3) {
          const heading =
            level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
          // A heading is one line of the contents: never split, line breaks folded.
          out.push(new Paragraph({ heading, children: this.runs(block.content.map(foldBreaks), false) }));
        } else {
          out.push(
            ...this.paragraphs(block.content.map(foldBreaks), {
              style: STYLE_IDS.minorHeading,
              ...this.indentOptions(context),
            }),
          );
        }
        return;
      }
      case 'bulletList':
        this.list(block.items, BULLET_NUMBERING, undefined, context, out, depth);
        return;
      case 'orderedList': {
        const start = Math.max(1, Math.min(Math.floor(block.start), 32767));
        this.starts.add(start);
        this.list(block.items, orderedNumberingReference(start), this.nextListInstance++, context, out, depth);
        return;
      }
      case 'blockquote': {
        const inner = { ...context, indent: (context.indent ?? 0) + 567, width: Math.max(context.width - 567, 2000) };
        if (depth >= MAX_NESTING)
          out.push(...this.paragraphs(flattenInlines(block.content), this.indentOptions(inner)));
        else for (const child of block.content) this.block(child, inner, out, depth + 1);
        return;
      }
      case 'table':
        if (depth >= MAX_NESTING) {
          for (const row of block.rows)
            for (const cell of row.cells)
              out.push(...this.paragraphs(flattenInlines(cell.content), this.indentOptions(context)));
          return;
        }
        out.push(...this.table(block.rows, context, depth));
        return;
    }
  }

  private indentOptions(context: RichContext): Omit<IParagraphOptions, 'children'> {
    return {
      ...(context.inTable ? { style: STYLE_IDS.tableText } : {}),
      ...(context.indent ? { indent: { left: context.indent } } : {}),
    };
  }

  private list(
    items: readonly RichListItem[],
    reference: string,
    instance: number | undefined,
    context: RichContext,
    out: BodyBlock[],
    depth: number,
  ): void {
    // Word lists have nine levels; deeper nesting stays at the last one.
    const level = Math.min(context.listLevel ?? 0, 8);
    const numbering = { reference, level, ...(instance !== undefined ? { instance } : {}) };
    const numberedOptions = { ...(context.inTable ? { style: STYLE_IDS.tableText } : {}), numbering };
    for (const item of items) {
      const [first, ...rest] = item.content;
      if (first?.type === 'paragraph') {
        // The number goes on the first paragraph; the rest of a split paragraph follows at the item's indent.
        const paragraphs = this.paragraphs(first.content, numberedOptions, context.bold);
        out.push(...(paragraphs.length > 0 ? paragraphs : [new Paragraph(numberedOptions)]));
      } else {
        // An item that starts with a list or table still shows its number, on a line of its own.
        out.push(new Paragraph(numberedOptions));
        if (first) rest.unshift(first);
      }
      const nested: RichContext = {
        ...context,
        indent: 567 * (level + 1),
        width: Math.max(context.width - 567 * (level + 1), 2000),
      };
      for (const child of rest) {
        if (depth >= MAX_NESTING) out.push(...this.paragraphs(flattenInlines([child]), this.indentOptions(nested)));
        else if (child.type === 'bulletList' || child.type === 'orderedList')
          this.block(child, { ...nested, listLevel: level + 1 }, out, depth + 1);
        else this.block(child, nested, out, depth + 1);
      }
    }
  }

  private table(rows: readonly RichTableRow[], context: RichContext, depth: number): BodyBlock[] {
    const grid = normaliseTable(rows);
    if (grid.columns === 0) return [];
    const columnWidth = Math.max(Math.floor(context.width / grid.columns), 300);
    const cellContext: RichContext = { headingBase: 3, width: columnWidth - 200, inTable: true };
    const headerRowCount = countHeaderRows(grid.rows);
    const tableRows = grid.rows.map(
      (row, rowIndex) =>
        new TableRow({
          ...(rowIndex < headerRowCount ? { tableHeader: true } : {}),
          children: row.map((cell) => {
            const blocks: BodyBlock[] = [];
            const context = { ...cellContext, width: columnWidth * cell.colspan - 200, bold: cell.header };
            for (const child of cell.content) this.block(child, context, blocks, depth + 1);
            return new TableCell({
              width: { size: columnWidth * cell.colspan, type: WidthType.DXA },
              ...(cell.colspan > 1 ? { columnSpan: cell.colspan } : {}),
              ...(cell.rowspan > 1 ? { rowSpan: cell.rowspan } : {}),
              ...(cell.header ? { shading: { fill: HEADER_SHADING, type: 'clear' as const, color: 'auto' } } : {}),
              children: blocks.length > 0 ? blocks : [new Paragraph({ style: STYLE_IDS.tableText })],
            });
          }),
        }),
    );
    const table = new Table({
      rows: tableRows,
      width: { size: columnWidth * grid.columns, type: WidthType.DXA },
      columnWidths: Array.from({ length: grid.columns }, () => columnWidth),
      layout: TableLayoutType.FIXED,
      borders: TABLE_BORDERS,
      ...(context.indent ? { indent: { size: context.indent, type: WidthType.DXA } } : {}),
    });
    describeTable(table, 'Table', richTableDescription(grid.rows));
    // Two tables in a row would merge into one in Word, and a cell must end in a paragraph: a paragraph after
    // each keeps them apart. Where neither is needed the document drops it (withoutSpareSeparators).
    const separator = new Paragraph({
      spacing: { after: 0 },
      ...(context.inTable ? { style: STYLE_IDS.tableText } : {}),
    });
    markTableSeparator(separator);
    return [table, separator];
  }

  /** Paragraphs for inline content, split when very long. */
  paragraphs(inlines: readonly RichInline[], options: Omit<IParagraphOptions, 'children'>, bold = false): Paragraph[] {
    const pieces = splitInlines(inlines);
    return pieces.map((piece) => {
      const plain = piece.map((inline) => (inline.type === 'text' ? inline.text : ' ')).join('');
      return new Paragraph({
        ...options,
        ...(startsRightToLeft(plain) ? { bidirectional: true } : {}),
        children: this.runs(piece, bold),
      });
    });
  }

  /** Runs and links for inline content; neighbouring text with the same link becomes one hyperlink. */
  runs(inlines: readonly RichInline[], bold: boolean): ParagraphChild[] {
    const children: ParagraphChild[] = [];
    let index = 0;
    while (index < inlines.length) {
      const inline = inlines[index]!;
      if (inline.type === 'hardBreak') {
        children.push(new TextRun({ break: 1 }));
        index++;
        continue;
      }
      const href = inline.marks?.link ? safeLinkTarget(inline.marks.link) : null;
      if (!href) {
        children.push(...textRuns(inline.text, markStyle(inline, bold)));
        index++;
        continue;
      }
      const linked: TextRun[] = [];
      while (index < inlines.length) {
        const candidate = inlines[index]!;
        if (candidate.type !== 'text' || !candidate.marks?.link || safeLinkTarget(candidate.marks.link) !== href) break;
        linked.push(...textRuns(candidate.text, { ...markStyle(candidate, bold), style: 'Hyperlink' }));
        index++;
      }
      if (linked.length > 0) children.push(new ExternalHyperlink({ link: href, children: linked }));
    }
    return children;
  }
}

function markStyle(inline: Extract<RichInline, { type: 'text' }>, bold: boolean): RunStyle {
  const marks = inline.marks;
  if (!marks) return bold ? { bold: true } : {};
  return {
    ...(marks.bold || bold ? { bold: true } : {}),
    ...(marks.italic ? { italics: true } : {}),
    ...(marks.underline ? { underline: {} } : {}),
  };
}

function foldBreaks(inline: RichInline): RichInline {
  if (inline.type === 'hardBreak') return { type: 'text', text: ' ' };
  // A heading is one line: no soft hyphens either (a screen reader may read one out, and a heading never wraps mid-word).
  return inline.text.includes('\n') || inline.text.includes('\u00AD') || inline.text.length > 1000
    ? {
        ...inline,
        text: cleanLine(inline.text)
          .replace(/\u00AD/g, '')
          .slice(0, 1000),
      }
    : inline;
}

/** Splits inline content into paragraph-sized pieces, cutting long texts where splitLongText does. */
function splitInlines(inlines: readonly RichInline[]): RichInline[][] {
  let total = 0;
  for (const inline of inlines) total += inline.type === 'text' ? inline.text.length : 1;
  if (total <= MAX_PARAGRAPH_CHARS) return [[...inlines]];
  const pieces: RichInline[][] = [];
  let current: RichInline[] = [];
  let length = 0;
  const flush = () => {
    if (current.length > 0) pieces.push(current);
    current = [];
    length = 0;
  };
  for (const inline of inlines) {
    if (inline.type === 'hardBreak') {
      current.push(inline);
      length++;
      continue;
    }
    const parts = splitLongText(inline.text, Math.max(MAX_PARAGRAPH_CHARS - length, 200));
    parts.forEach((part, partIndex) => {
      if (partIndex > 0) flush();
      current.push({ ...inline, text: part });
      length += part.length;
    });
    if (length >= MAX_PARAGRAPH_CHARS) flush();
  }
  flush();
  return pieces;
}

/** The words of nested blocks as inline text, for content nested deeper than the document goes. */
function flattenInlines(blocks: readonly RichBlock[]): RichInline[] {
  const out: RichInline[] = [];
  const visit = (block: RichBlock) => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        if (out.length > 0) out.push({ type: 'hardBreak' });
        out.push(...block.content);
        return;
      case 'bulletList':
      case 'orderedList':
        for (const item of block.items) item.content.forEach(visit);
        return;
      case 'blockquote':
        block.content.forEach(visit);
        return;
      case 'table':
        for (const row of block.rows) for (const cell of row.cells) cell.content.forEach(visit);
        return;
    }
  };
  blocks.forEach(visit);
  return out;
}

/** "Table with columns Ward, SIMD 15% datazones; 2 rows": what an officer's table holds, from its first row. */
function richTableDescription(rows: readonly (readonly { readonly content: readonly RichBlock[] }[])[]): string {
  const first = rows[0] ?? [];
  const columns = first
    .map((cell) =>
      flattenInlines(cell.content)
        .map((inline) => (inline.type === 'text' ? inline.text : ' '))
        .join('')
        .trim(),
    )
    .filter(Boolean);
  const count = Math.max(rows.length - 1, 0);
  return `Table with columns ${columns.join(', ') || 'not named'}; ${count} ${count === 1 ? 'row' : 'rows'} below the first.`;
}
