/**
 * Heading numbers for the entries of the contents field, so the contents read "5.3 What partners will
 * contribute" as the headings do, before Word updates the field.
 *
 * docx fills the contents field's entries from the headings it bookmarks, and asks a document's page number
 * estimator for the headings' list numbers. Its own estimator (docx/layout) lays out every page, which was far
 * too slow for the export's budget (10 s for the bad-content test document), so this one only counts: our
 * headings are numbered by the Heading 1-3 styles' multilevel list (1, 1.1, 1.1.1), except those written with
 * numbering turned off (numId 0: front matter and annexes), so the numbers follow from the order of the
 * headings alone. It knows no page numbers: Word or LibreOffice fills them in when the contents is updated
 * (see contentsEntries.ts).
 */
import type { BookmarkListNumber, EstimatedPageNumbers, IXmlableObject, PageNumberEstimator } from 'docx';

const HEADING_LEVELS: Readonly<Record<string, number>> = { Heading1: 0, Heading2: 1, Heading3: 2 };

type Element = Record<string, unknown>;

function childrenOf(element: unknown, name: string): unknown[] {
  if (typeof element !== 'object' || element === null) return [];
  const value = (element as Element)[name];
  return Array.isArray(value) ? value : [];
}

function find(children: readonly unknown[], name: string): Element | undefined {
  return children.find((child): child is Element => typeof child === 'object' && child !== null && name in child);
}

function attribute(element: Element | undefined, name: string, key: string): unknown {
  const inner = element?.[name] as { _attr?: Record<string, unknown> } | undefined;
  return inner?._attr?.[key];
}

/**
 * Twips given to a heading number for the tab after it: the widest number of its level ("14", "14.12"), not its own,
 * so the entries of one level start their text at one tab stop (styles.ts CONTENTS_TABS: 720 and 1200), and "10.1"
 * never runs into its title.
 */
function numberWidth(level: number): number {
  return level === 0 ? 480 : 720;
}

/** The list numbers of the bookmarked headings of a formatted body, by bookmark name. */
export function headingListNumbers(body: IXmlableObject): Map<string, BookmarkListNumber> {
  const numbers = new Map<string, BookmarkListNumber>();
  const counters = [0, 0, 0];
  for (const block of childrenOf(body, 'w:body')) {
    const paragraph = childrenOf(block, 'w:p');
    if (paragraph.length === 0) continue;
    const properties = childrenOf(find(paragraph, 'w:pPr'), 'w:pPr');
    const level = HEADING_LEVELS[String(attribute(find(properties, 'w:pStyle'), 'w:pStyle', 'w:val'))];
    if (level === undefined) continue;
    const numberingOff =
      String(attribute(find(childrenOf(find(properties, 'w:numPr'), 'w:numPr'), 'w:numId'), 'w:numId', 'w:val')) ===
      '0';
    if (numberingOff) continue;
    counters[level] = (counters[level] ?? 0) + 1;
    for (let deeper = level + 1; deeper < counters.length; deeper++) counters[deeper] = 0;
    // Word shows a skipped level as 0 ("1.0.1"); our headings never skip one.
    const text = counters.slice(0, level + 1).join('.');
    const name = attribute(find(paragraph, 'w:bookmarkStart'), 'w:bookmarkStart', 'w:name');
    if (typeof name === 'string') numbers.set(name, { text, separator: 'tab', width: numberWidth(level) });
  }
  return numbers;
}

/** A page number estimator that works out heading numbers only; every page reference is left for Word. */
export const headingNumbersOnly: PageNumberEstimator = Object.assign(
  (): EstimatedPageNumbers => ({ bookmarks: new Map() }),
  {
    listNumbers: (body: IXmlableObject) => headingListNumbers(body),
  },
);
