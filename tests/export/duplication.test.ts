/**
 * Issue 14, item 1: each fact has one home. In the demo export and a partner's extract no paragraph longer than
 * 80 characters appears twice (the offenders are listed), no two headings at one level under one parent share
 * a title, the alternative-formats statement is made once, and the pointers that replace repeats ("chapter 5",
 * "See 5.4") name the right headings.
 *
 * The one exemption: a table cell that is exactly a local outcome's label ("4. We live longer, ...") is a row
 * label of a matrix or summary table, a reference to the outcome like a contents entry, not its content.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSoaDocx, type ExportOptions } from '../../shared/export';
import { assembleFromDocs, type SoaSnapshot } from '../../shared/model';
import { generateSampleSoa } from '../../shared/sample/generateSample';
import { readDocxParts } from './docxParts';
import { smallSoa } from './fixtures';
import { headingStyles, paragraphsOf, type DocParagraph } from './paragraphs';

const WHOLE: ExportOptions = { scope: { kind: 'whole' }, generatedOn: '2013-03-28' };

interface Read {
  readonly name: string;
  readonly snapshot: SoaSnapshot;
  readonly paragraphs: DocParagraph[];
  readonly headings: Map<string, number>;
}

async function read(name: string, snapshot: SoaSnapshot, options: ExportOptions): Promise<Read> {
  const parts = await readDocxParts(await exportSoaDocx(snapshot, options));
  return { name, snapshot, paragraphs: paragraphsOf(parts.document), headings: headingStyles(parts.styles) };
}

/** Paragraphs longer than 80 characters that occur more than once, with their counts. */
export function repeatedParagraphs(doc: Read): string[] {
  const outcomeLabels = new Set(doc.snapshot.outcomes.map((outcome) => `${outcome.number}. ${outcome.title}`));
  const counts = new Map<string, number>();
  for (const paragraph of doc.paragraphs) {
    const text = paragraph.text.replace(/\s+/g, ' ').trim();
    if (text.length <= 80) continue;
    if (paragraph.inTable && outcomeLabels.has(text)) continue;
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 1).map(([text, count]) => `${count}x ${text}`);
}

/** Headings (outline levels 0-3, outside tables) that share a title with a sibling under the same parent. */
export function siblingHeadingClashes(doc: Read): string[] {
  const path: string[] = [];
  const seen = new Set<string>();
  const clashes: string[] = [];
  for (const paragraph of doc.paragraphs) {
    const level = doc.headings.get(paragraph.style);
    if (paragraph.inTable || level === undefined || paragraph.text.trim() === '') continue;
    path.length = level;
    const key = `${path.join(' > ')} | ${level} | ${paragraph.text.trim()}`;
    if (seen.has(key)) clashes.push(`${path.join(' > ') || '(top)'} > ${paragraph.text.trim()}`);
    seen.add(key);
    path[level] = paragraph.text.trim();
  }
  return clashes;
}

describe('one home for each fact', () => {
  let documents: Read[];

  beforeAll(async () => {
    const sample = generateSampleSoa({ seed: 1 });
    const snapshot = assembleFromDocs(sample.frame, sample.partnerDocs);
    const fixture = smallSoa();
    documents = [
      await read('demo', snapshot, WHOLE),
      ...(await Promise.all(
        snapshot.partners.map((partner) =>
          read(`extract of ${partner.name}`, snapshot, { ...WHOLE, scope: { kind: 'partner', partnerId: partner.id } }),
        ),
      )),
      await read('small fixture', fixture.snapshot, WHOLE),
    ];
  }, 120_000);

  it('prints no paragraph longer than 80 characters twice', () => {
    for (const doc of documents) expect(repeatedParagraphs(doc), doc.name).toEqual([]);
  });

  it('gives no two headings at one level under one parent the same title', () => {
    for (const doc of documents) expect(siblingHeadingClashes(doc), doc.name).toEqual([]);
  });

  it('says once that the document is available in other formats', () => {
    for (const doc of documents) {
      const saying = doc.paragraphs.filter((paragraph) => /\bthis document is available\b/i.test(paragraph.text));
      expect(saying.length, doc.name).toBe(1);
    }
  });

  it('points to each outcome\u2019s chapter and equality outcome by their real numbers', () => {
    const demo = documents[0]!;
    const body = demo.paragraphs.filter((paragraph) => !paragraph.inTable);
    // Chapter numbers as Word numbers them: numbered Heading 1s in order (annexes are unnumbered).
    const chapters = new Map<string, number>();
    const sections = new Map<string, string>();
    let chapter = 0;
    let section = 0;
    let current = '';
    for (const paragraph of body) {
      const numbered = !paragraph.xml.includes('<w:numId w:val="0"/>');
      if (paragraph.style === 'Heading1' && numbered) {
        chapter++;
        section = 0;
        current = paragraph.text;
        chapters.set(paragraph.text, chapter);
      } else if (paragraph.style === 'Heading2' && numbered) {
        section++;
        if (paragraph.text === 'Equality outcome') sections.set(current, `${chapter}.${section}`);
      }
    }
    for (const outcome of demo.snapshot.outcomes) {
      const heading = `Outcome ${outcome.number}: ${outcome.title}`;
      const number = chapters.get(heading);
      expect(number, heading).toBeGreaterThan(0);
      expect(
        body.some((paragraph) => paragraph.text === `${heading} (chapter ${number})`),
        `at a glance: ${heading}`,
      ).toBe(true);
      expect(
        body.some((paragraph) => paragraph.text === `Indicators of outcome ${outcome.number} (chapter ${number})`),
        `Annex A: ${heading}`,
      ).toBe(true);
      const cells = demo.paragraphs.filter((paragraph) => paragraph.inTable).map((paragraph) => paragraph.text);
      expect(cells, `equalities: ${heading}`).toContain(`See ${sections.get(heading)}`);
    }
    // The vision chapter points to the outcome chapters rather than reprinting them.
    const first = chapters.get(`Outcome 1: ${demo.snapshot.outcomes[0]!.title}`)!;
    const last = first + demo.snapshot.outcomes.length - 1;
    expect(body.some((paragraph) => paragraph.text.includes(`chapters ${first} to ${last}`))).toBe(true);
  });
});
