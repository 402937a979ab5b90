/**
 * The look of the exported SOA: Word's built-in Title and Heading 1-3 styles (so Word's navigation pane,
 * contents field and accessibility checker recognise the structure), Arial 12 pt body, UK English, and the
 * lists the document numbers with. Presentation follows the guidance in SOA.md: sans-serif, left-aligned,
 * bold rather than italics for emphasis, numbered headings (1, 1.1, 1.1.1).
 */
import { AlignmentType, LevelFormat, type ILevelsOptions, type INumberingOptions, type IStylesOptions } from 'docx';

/** Half-points: Word sizes text in half-points, so 24 is 12 pt. */
export const BODY_SIZE = 24;
/** The National Outcomes matrix has up to 16 narrow columns of ticks: 10 pt, the smallest text the export uses. */
export const MATRIX_SIZE = 20;
export const FONT = 'Arial';
/** Dark blue headings; 11:1 contrast against white. */
export const HEADING_COLOUR = '1F3864';
/** Grey for notes such as "Not yet written"; 7:1 contrast against white. */
export const NOTE_COLOUR = '595959';
/** Shading of table header rows; black text on it keeps a contrast above 15:1. */
export const HEADER_SHADING = 'D9E2F3';

/** A4 in twips (twentieths of a point), and 2 cm margins. */
export const PAGE = { width: 11906, height: 16838, margin: 1134 } as const;
export const PORTRAIT_TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const LANDSCAPE_TEXT_WIDTH = PAGE.height - 2 * PAGE.margin;

/**
 * Where the text of a contents entry starts, at levels 1 and 2, in twips: Word puts the tab after an entry's number
 * 240 twips past the number's end (plus 240 a level), rounded up to 240, and contentsNumbers.ts gives every number
 * the width of the widest at its level, so the entries of a level line up.
 */
export const CONTENTS_TABS = [720, 1200] as const;

/** Numbering references: headings, bullets, and ordered lists (one reference per first number used). */
export const HEADING_NUMBERING = 'soa-headings';
export const BULLET_NUMBERING = 'soa-bullets';
export function orderedNumberingReference(start: number): string {
  return start === 1 ? 'soa-ordered' : `soa-ordered-from-${start}`;
}

/** Paragraph styles of our own, for text that must not be a heading (it would enter the contents). */
export const STYLE_IDS = {
  /** Headings of the front matter (inside cover, statement of support, contents): not numbered, not in the contents. */
  frontHeading: 'SoaFrontHeading',
  /** "Not yet written" and similar notes. */
  note: 'SoaNote',
  /** Text in table cells: body size, tighter spacing. */
  tableText: 'SoaTableText',
  /** Cover lines under the title. */
  coverLine: 'SoaCoverLine',
  /** A heading deeper than Heading 3 in rich text: bold body text kept with the next paragraph. */
  minorHeading: 'SoaMinorHeading',
} as const;

export function documentStyles(): IStylesOptions {
  // The outline level is what PDF bookmarks, LibreOffice's contents and screen readers' heading lists read.
  const heading = (size: number, level: number, before: number) => ({
    run: { font: FONT, size, bold: true, color: HEADING_COLOUR },
    paragraph: {
      spacing: { before, after: 120 },
      keepNext: true,
      keepLines: true,
      outlineLevel: level,
      numbering: { reference: HEADING_NUMBERING, level },
    },
  });
  return {
    default: {
      document: {
        run: { font: FONT, size: BODY_SIZE, language: { value: 'en-GB' } },
        paragraph: { spacing: { after: 160, line: 288 } },
      },
      title: {
        run: { font: FONT, size: 52, bold: true, color: HEADING_COLOUR },
        paragraph: { spacing: { after: 360 } },
      },
      heading1: heading(34, 0, 360),
      heading2: heading(28, 1, 280),
      heading3: heading(BODY_SIZE, 2, 200),
      // Unnumbered and below the contents' range: the headings inside a section (front matter, "Commitments of
      // ...", indicator names) are Heading 4 or based on it, so assistive technology still finds them.
      heading4: {
        run: { font: FONT, size: BODY_SIZE, bold: true, color: HEADING_COLOUR },
        paragraph: { spacing: { before: 160, after: 80 }, keepNext: true, keepLines: true, outlineLevel: 3 },
      },
      hyperlink: { run: { color: '0B4F9C', underline: {} } },
      listParagraph: { run: { font: FONT, size: BODY_SIZE } },
    },
    paragraphStyles: [
      {
        id: STYLE_IDS.frontHeading,
        name: 'SOA Front Heading',
        basedOn: 'Heading4',
        next: 'Normal',
        quickFormat: true,
        run: { size: 32, bold: true, color: HEADING_COLOUR },
        paragraph: { spacing: { before: 240, after: 160 }, keepNext: true, outlineLevel: 3 },
      },
      {
        id: STYLE_IDS.note,
        name: 'SOA Note',
        basedOn: 'Normal',
        run: { color: NOTE_COLOUR },
      },
      {
        id: STYLE_IDS.tableText,
        name: 'SOA Table Text',
        basedOn: 'Normal',
        paragraph: { spacing: { before: 40, after: 40, line: 259 } },
      },
      {
        id: STYLE_IDS.coverLine,
        name: 'SOA Cover Line',
        basedOn: 'Normal',
        run: { size: 32, color: HEADING_COLOUR },
        paragraph: { spacing: { after: 240 } },
      },
      // Contents entries: a hanging indent so a long outcome title wraps under its text, not under its number.
      // The text starts at the tab stop after the number (contentsNumbers.ts), wide enough for "14" and "14.12".
      {
        id: 'TOC1',
        name: 'toc 1',
        basedOn: 'Normal',
        next: 'Normal',
        uiPriority: 39,
        paragraph: {
          indent: { left: CONTENTS_TABS[0], hanging: CONTENTS_TABS[0] },
          spacing: { before: 80, after: 40 },
        },
      },
      {
        id: 'TOC2',
        name: 'toc 2',
        basedOn: 'Normal',
        next: 'Normal',
        uiPriority: 39,
        paragraph: { indent: { left: CONTENTS_TABS[1], hanging: CONTENTS_TABS[1] - 480 }, spacing: { after: 40 } },
      },
      {
        id: STYLE_IDS.minorHeading,
        name: 'SOA Minor Heading',
        basedOn: 'Heading4',
        next: 'Normal',
        quickFormat: true,
        run: { bold: true, color: '000000' },
        paragraph: { keepNext: true, keepLines: true, spacing: { before: 160, after: 80 }, outlineLevel: 3 },
      },
    ],
  };
}

const BULLETS = ['\u2022', '\u25E6', '\u25AA'] as const;
const ORDERED_FORMATS = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN] as const;

function listIndent(level: number) {
  return { paragraph: { indent: { left: 567 * (level + 1), hanging: 397 } } };
}

/** The numbering definitions: headings 1 / 1.1 / 1.1.1, bullets, and an ordered list for each first number used. */
export function documentNumbering(orderedStarts: Iterable<number>): INumberingOptions {
  const headingLevels: ILevelsOptions[] = [0, 1, 2].map((level) => ({
    level,
    format: LevelFormat.DECIMAL,
    text: Array.from({ length: level + 1 }, (_, index) => `%${index + 1}`).join('.'),
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 851, hanging: 851 } } },
  }));
  const bulletLevels: ILevelsOptions[] = Array.from({ length: 9 }, (_, level) => ({
    level,
    format: LevelFormat.BULLET,
    text: BULLETS[level % BULLETS.length]!,
    alignment: AlignmentType.LEFT,
    style: listIndent(level),
  }));
  const orderedLevels = (start: number): ILevelsOptions[] =>
    Array.from({ length: 9 }, (_, level) => ({
      level,
      format: ORDERED_FORMATS[level % ORDERED_FORMATS.length]!,
      text: `%${level + 1}.`,
      start: level === 0 ? start : 1,
      alignment: AlignmentType.LEFT,
      style: listIndent(level),
    }));
  const starts = new Set<number>([1, ...orderedStarts]);
  return {
    config: [
      { reference: HEADING_NUMBERING, levels: headingLevels },
      { reference: BULLET_NUMBERING, levels: bulletLevels },
      ...[...starts]
        .sort((a, b) => a - b)
        .map((start) => ({ reference: orderedNumberingReference(start), levels: orderedLevels(start) })),
    ],
  };
}
