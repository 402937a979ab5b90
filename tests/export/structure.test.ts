/**
 * The Word export's structure: the docx object tree (headings in order, the contents field, sections and
 * their orientation, partner scope, "Not yet written") and the XML parts of the packed file (styles,
 * numbering, repeating header rows, page size, footer, contents field instruction, language, properties).
 */
import { describe, expect, it } from 'vitest';
import { Paragraph, Table, TableOfContents } from 'docx';
import JSZip from 'jszip';
import {
  buildSoaDocument,
  cleanText,
  exportSoaDocx,
  NOT_YET_WRITTEN,
  splitLongText,
  suggestedExportFileName,
  type ExportOptions,
  type ExportProgress,
} from '../../shared/export';
import { allMatches, attributeOf, bodyChildren, readDocxParts, sectionProperties, textOf, walk } from './docxParts';
import { badContentSoa, LONE_SURROGATES, smallSoa } from './fixtures';

const WHOLE: ExportOptions = {
  scope: { kind: 'whole' },
  generatedOn: '2013-03-28',
  author: 'Glenmore Community Planning Partnership',
};

function headingTexts(options: ExportOptions, fixture = smallSoa()): { level: string; text: string }[] {
  const document = buildSoaDocument(fixture.snapshot, options);
  return bodyChildren(document)
    .filter((node) => node instanceof Paragraph)
    .map((paragraph) => ({ level: String(paragraph.options?.heading ?? ''), text: textOf(paragraph) }))
    .filter((heading) => heading.level !== '');
}

describe('the object tree', () => {
  it('has the cover title and the chapters in the order of SOA.md', () => {
    const fixture = smallSoa();
    const headings = headingTexts(WHOLE, fixture);
    expect(headings[0]).toEqual({ level: 'Title', text: 'Single Outcome Agreement 2013-2023' });
    const chapters = headings.filter((heading) => heading.level === 'Heading1').map((heading) => heading.text);
    expect(chapters).toEqual([
      'Foreword and summary',
      'Purpose and scope',
      'Our place',
      'Our vision and local outcomes',
      ...fixture.outcomeTitles.map((title, index) => `Outcome ${index + 1}: ${title}`),
      'Prevention plan',
      'Community engagement',
      'Equalities',
      'Governance and performance management',
      'Annex A: Indicator definitions',
      'Annex B: Partner statements',
      'Annex C: Notes on gaps still to be filled',
    ]);
    const outcomeOne = headings.findIndex((heading) => heading.text.startsWith('Outcome 1:'));
    const underOutcome = headings
      .slice(outcomeOne + 1, outcomeOne + 9)
      .map((heading) => `${heading.level} ${heading.text}`);
    expect(underOutcome).toEqual([
      'Heading2 What will be different in ten years',
      'Heading2 Why this outcome: the evidence',
      'Heading2 What partners will contribute',
      'Heading3 Glenmore Council',
      'Heading3 Voluntary Action Glenmore',
      'Heading2 Equality outcome',
      'Heading2 Indicators and targets',
      'Heading1 Outcome 2: Our children have the best start in life',
    ]);
  });

  it('puts the contents field after the statement of support and before the first chapter', () => {
    const children = bodyChildren(buildSoaDocument(smallSoa().snapshot, WHOLE));
    const contentsIndex = children.findIndex((node) => node instanceof TableOfContents);
    const supportIndex = children.findIndex((node) => textOf(node) === 'Statement of support');
    const firstChapter = children.findIndex((node) => textOf(node) === 'Foreword and summary');
    expect(supportIndex).toBeGreaterThan(0);
    expect(contentsIndex).toBeGreaterThan(supportIndex);
    expect(firstChapter).toBeGreaterThan(contentsIndex);
  });

  it('has a statement of support table with a row per partner', () => {
    const fixture = smallSoa();
    const children = bodyChildren(buildSoaDocument(fixture.snapshot, WHOLE));
    const table = children.find((node) => node instanceof Table && textOf(node).startsWith('OrganisationSignatory'));
    expect(table).toBeDefined();
    const rows = [...walk(table)].filter((node) => node.rootKey === 'w:tr');
    expect(rows).toHaveLength(1 + fixture.partnerIds.length);
    expect(textOf(rows[1])).toContain('Glenmore Council');
    expect(textOf(rows[1])).toContain('Officer 1');
    expect(textOf(rows[1])).toContain('Agreed');
    expect(textOf(rows[2])).toContain('Draft');
  });

  it('lays every page on A4 portrait, the National Outcomes matrix and the indicator tables included', () => {
    const sections = sectionProperties(buildSoaDocument(smallSoa().snapshot, WHOLE));
    const orientations = sections.map((section) => attributeOf(section, 'w:pgSz', 'w:orient'));
    expect(orientations).toEqual(['portrait']);
    for (const section of sections) {
      const width = Number(attributeOf(section, 'w:pgSz', 'w:w'));
      const height = Number(attributeOf(section, 'w:pgSz', 'w:h'));
      expect([width, height].sort((a, b) => a - b)).toEqual([11906, 16838]);
    }
  });

  it('keeps indicator tables on portrait pages whatever their words, one rule for every outcome', () => {
    // The bad-content outcomes have an indicator named with a 63-letter word, which once earned a landscape page.
    const sections = sectionProperties(buildSoaDocument(badContentSoa().snapshot, WHOLE));
    expect(sections.map((section) => attributeOf(section, 'w:pgSz', 'w:orient'))).toEqual(['portrait']);
  });

  it('exports an empty SOA, and lists references to removed things in an annex', async () => {
    const empty = smallSoa();
    const frame = { ...empty.snapshot, partners: [], outcomes: [], orphans: [], allAgreed: false };
    const emptyText = bodyChildren(buildSoaDocument(frame, WHOLE)).map(textOf).join('\n');
    expect(emptyText).toContain('No partners have been added yet.');
    expect(emptyText).toContain('No local outcomes have been written yet.');
    expect((await exportSoaDocx(frame, WHOLE)).length).toBeGreaterThan(1000);

    const withOrphan = {
      ...empty.snapshot,
      orphans: [
        {
          kind: 'contribution-to-missing-outcome' as const,
          message: 'NHS Glenmore has a contribution to a local outcome that has been deleted.',
          owner: { kind: 'coordinators' as const },
        },
      ],
    };
    const chapters = bodyChildren(buildSoaDocument(withOrphan, WHOLE)).map(textOf);
    expect(chapters).toContain('Annex D: Items to tidy up');
    expect(chapters).toContain('NHS Glenmore has a contribution to a local outcome that has been deleted.');
  });

  it('exports one partner\u2019s part only, for its board', () => {
    const fixture = smallSoa();
    const nhs = fixture.partnerIds[1]!;
    const options: ExportOptions = { ...WHOLE, scope: { kind: 'partner', partnerId: nhs } };
    const document = buildSoaDocument(fixture.snapshot, options);
    const text = bodyChildren(document).map(textOf).join('\n');
    expect(text).toContain('Contribution of NHS Glenmore');
    expect(text).toContain('Statement of NHS Glenmore');
    expect(text).toContain('Contribution of partner 2 to o-2.');
    expect(text).toContain('Statement of support number 2');
    // Other partners' contributions, commitments and statements stay out.
    expect(text).not.toContain('Contribution of partner 1');
    expect(text).not.toContain('Action by partner 3');
    expect(text).not.toContain('Statement of support number 1');
    const chapters = headingTexts(options, fixture)
      .filter((heading) => heading.level === 'Heading1')
      .map((heading) => heading.text);
    expect(chapters).toContain('Outcome 2: Our children have the best start in life');
    expect(chapters).not.toContain('Outcome 1: Glenmore has a thriving economy');
    expect(suggestedExportFileName(fixture.snapshot, options)).toBe(
      'Glenmore SOA 2013-2023 - NHS Glenmore (Draft v0.3).docx',
    );
  });

  it('shows "Not yet written" for empty sections and never writes an XML-invalid character', () => {
    const fixture = badContentSoa();
    const document = buildSoaDocument(fixture.snapshot, WHOLE);
    const children = bodyChildren(document);
    const foreword = children.findIndex((node) => textOf(node) === 'Foreword and summary');
    expect(textOf(children[foreword + 1])).toBe(NOT_YET_WRITTEN);
    for (const child of children) {
      for (const node of walk(child)) {
        if (node.rootKey !== 'w:t' || !Array.isArray(node.root)) continue;
        for (const part of node.root) {
          if (typeof part !== 'string') continue;
          expect(part).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
          expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        }
      }
    }
    // The 50,000-character paragraph is split into paragraphs of at most 4,000 characters.
    const long = children.filter((node) => node instanceof Paragraph && textOf(node).startsWith('Sentence'));
    expect(long.length).toBeGreaterThanOrEqual(13);
    expect(Math.max(...long.map((node) => textOf(node).length))).toBeLessThanOrEqual(4000);
  });
});

describe('the XML parts', () => {
  it('uses Word\u2019s Title and Heading 1-3 styles, numbered 1, 1.1, 1.1.1, in UK English Arial 12 pt', async () => {
    const parts = await readDocxParts(await exportSoaDocx(smallSoa().snapshot, WHOLE));
    const used = new Set(allMatches(parts.document, /<w:pStyle w:val="([^"]+)"\/>/));
    for (const style of ['Title', 'Heading1', 'Heading2', 'Heading3']) {
      expect(used).toContain(style);
      expect(parts.styles).toContain(`w:styleId="${style}"`);
    }
    const heading1 = /<w:style [^>]*w:styleId="Heading1"[\s\S]*?<\/w:style>/.exec(parts.styles)?.[0] ?? '';
    expect(heading1).toMatch(/<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
    expect(/<w:style [^>]*w:styleId="Heading3"[\s\S]*?<\/w:style>/.exec(parts.styles)?.[0]).toContain(
      '<w:ilvl w:val="2"/>',
    );
    for (const text of ['%1', '%1.%2', '%1.%2.%3']) expect(parts.numbering).toContain(`<w:lvlText w:val="${text}"/>`);
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(parts.styles)?.[0] ?? '';
    expect(defaults).toContain('<w:lang w:val="en-GB"/>');
    expect(defaults).toContain('w:ascii="Arial"');
    expect(defaults).toContain('<w:sz w:val="24"/>');
    // Emphasis inside rich text keeps its marks; lists are numbered, nested and restart where asked.
    expect(parts.document).toMatch(/<w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">largely rural<\/w:t>/);
    expect(parts.document).toContain('<w:ilvl w:val="1"/>');
    expect(parts.numbering).toContain('<w:start w:val="3"/>');
  });

  it('writes the contents field with its entries already listed', async () => {
    const parts = await readDocxParts(await exportSoaDocx(smallSoa().snapshot, WHOLE));
    expect(parts.document).toContain('<w:instrText xml:space="preserve">TOC \\h \\o &quot;1-2&quot;</w:instrText>');
    const contents = /<w:sdtContent>[\s\S]*?<\/w:sdtContent>/.exec(parts.document)?.[0] ?? '';
    expect(contents).toContain('Foreword and summary');
    expect(contents).toContain('Outcome 2: Our children have the best start in life');
    expect(contents).toContain('Annex C: Notes on gaps still to be filled');
    // Entries carry the headings' numbers, as Word writes them; annexes are not numbered.
    const entries = allMatches(contents, /(<w:p>[\s\S]*?<\/w:p>)/).map((entry) =>
      allMatches(entry, /<w:t xml:space="preserve">([^<]*)<\/w:t>/).join('|'),
    );
    expect(entries).toContain('1|Foreword and summary');
    expect(entries).toContain('5|Outcome 1: Glenmore has a thriving economy');
    expect(entries).toContain('5.3|What partners will contribute');
    expect(entries).toContain('Annex A: Indicator definitions');
    expect(contents).toContain('<w:fldChar w:fldCharType="begin"/><w:instrText xml:space="preserve">TOC');
  });

  it('repeats the header row of every data table and keeps A4 portrait pages', async () => {
    const parts = await readDocxParts(await exportSoaDocx(smallSoa().snapshot, WHOLE));
    const tables = allMatches(parts.document, /(<w:tbl>[\s\S]*?<\/w:tbl>)/);
    const indicatorTables = tables.filter((table) => table.includes('Baseline (year)'));
    expect(indicatorTables).toHaveLength(2);
    for (const table of indicatorTables) {
      const firstRow = /<w:tr>[\s\S]*?<\/w:tr>/.exec(table)?.[0] ?? '';
      expect(firstRow).toContain('<w:tblHeader/>');
      for (const heading of [
        'Indicator',
        'Source',
        'Baseline (year)',
        '2013/14 (year 1)',
        '2015/16 (year 3)',
        '2022/23 (year 10)',
        'Lead partner',
      ])
        expect(firstRow).toContain(`>${heading}<`);
    }
    expect(tables.filter((table) => table.includes('<w:tblHeader/>')).length).toBeGreaterThanOrEqual(8);
    const sizes = allMatches(parts.document, /(<w:pgSz [^>]*\/>)/);
    expect(sizes).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(sizes).not.toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
  });

  it('prints the status and page numbers in the footer: a draft until every partner agrees, then "Agreed"', async () => {
    const draft = await readDocxParts(await exportSoaDocx(smallSoa().snapshot, WHOLE));
    const footers = draft.footers.join('\n');
    expect(footers).toContain('Glenmore SOA 2013-2023 \u2013 Draft v0.3');
    expect(footers).toContain('PAGE');
    expect(footers).toContain('NUMPAGES');
    expect(draft.document).toContain('>Draft v0.3<');

    const agreedFixture = smallSoa({ agreed: true });
    expect(agreedFixture.snapshot.allAgreed).toBe(true);
    const agreed = await readDocxParts(await exportSoaDocx(agreedFixture.snapshot, WHOLE));
    expect(agreed.footers.join('\n')).toContain('Glenmore SOA 2013-2023 \u2013 Agreed');
    expect(agreed.footers.join('\n')).not.toContain('Draft');
    expect(agreed.document).toContain('>Agreed<');
    expect(suggestedExportFileName(agreedFixture.snapshot, WHOLE)).toBe('Glenmore SOA 2013-2023 (Agreed).docx');
  });

  it('sets the document properties and turns rich-text links into hyperlinks', async () => {
    const parts = await readDocxParts(await exportSoaDocx(smallSoa().snapshot, WHOLE));
    expect(parts.core).toContain('<dc:title>Glenmore Single Outcome Agreement 2013-2023</dc:title>');
    expect(parts.core).toContain('<dc:creator>Glenmore Community Planning Partnership</dc:creator>');
    expect(parts.relationships).toContain('Target="https://www.glenmore.gov.uk/soa/assessment" TargetMode="External"');
    expect(parts.document).toMatch(/<w:hyperlink [^>]*r:id="[^"]+"[^>]*>[\s\S]*?strategic assessment/);
  });
});

describe('the pipeline', () => {
  it('reports progress up to 1 and returns the bytes of a zip', async () => {
    const progress: ExportProgress[] = [];
    const bytes = await exportSoaDocx(smallSoa().snapshot, WHOLE, (step) => progress.push(step));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    expect(progress.map((step) => step.fraction)).toEqual(
      [...progress.map((step) => step.fraction)].sort((a, b) => a - b),
    );
    expect(progress.at(-1)).toEqual({ fraction: 1, stage: 'Done' });
  });

  it('suggests file names that are safe on Windows, macOS and Linux', () => {
    expect(suggestedExportFileName(smallSoa().snapshot, WHOLE)).toBe('Glenmore SOA 2013-2023 (Draft v0.3).docx');
    const name = suggestedExportFileName(badContentSoa().snapshot, WHOLE);
    expect(name).toMatch(/\.docx$/);
    expect(name).not.toMatch(/[<>:"/\\|?*\u0000-\u001F]/);
    expect(name.length).toBeLessThanOrEqual(120);
  });

  it('cleans text and splits long paragraphs at sentences', () => {
    expect(cleanText('a\u0000b\u0007c\u000Bd\te\r\nf')).toBe('abcd e\nf');
    expect(cleanText(LONE_SURROGATES)).toBe('High  alone and low  alone');
    expect(cleanText('emoji 🎉 and عربى stay')).toBe('emoji 🎉 and عربى stay');
    const pieces = splitLongText('One sentence here. '.repeat(500), 1000);
    expect(pieces.length).toBeGreaterThan(9);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(1000);
      expect(piece.trimEnd().endsWith('.')).toBe(true);
    }
    const unbroken = splitLongText('🎉'.repeat(1000), 999);
    expect(unbroken.join('')).toBe('🎉'.repeat(1000));
    for (const piece of unbroken) expect(piece).not.toMatch(/[\uD800-\uDBFF]$/);
  });
});

/** For each table (nested ones too), the number of grid columns and each row's width in grid columns. */
function tableGrids(xml: string): { columns: number; rowWidths: number[] }[] {
  const grids: { columns: number; rowWidths: number[] }[] = [];
  const stack: { columns: number; rowWidths: number[] }[] = [];
  const tokens =
    xml.match(/<w:tbl>|<\/w:tbl>|<w:gridCol [^>]*\/>|<w:tr>|<w:tr [^>]*>|<w:tc>|<w:gridSpan w:val="\d+"\/>/g) ?? [];
  for (const token of tokens) {
    const table = stack[stack.length - 1];
    if (token === '<w:tbl>') stack.push({ columns: 0, rowWidths: [] });
    else if (token === '</w:tbl>') grids.push(stack.pop()!);
    else if (token.startsWith('<w:gridCol')) table!.columns++;
    else if (token.startsWith('<w:tr')) table!.rowWidths.push(0);
    else if (token === '<w:tc>') table!.rowWidths[table!.rowWidths.length - 1]! += 1;
    else table!.rowWidths[table!.rowWidths.length - 1]! += Number(/\d+/.exec(token)![0]) - 1;
  }
  return grids;
}

describe('a file Word opens without repair', () => {
  it('has no XML-invalid character or unpaired surrogate in any part, properties and relationships included', async () => {
    const zip = await JSZip.loadAsync(
      await exportSoaDocx(badContentSoa().snapshot, { ...WHOLE, author: `Author \u0007 ${LONE_SURROGATES}` }),
    );
    const names = Object.keys(zip.files).filter((name) => name.endsWith('.xml') || name.endsWith('.rels'));
    expect(names.length).toBeGreaterThan(8);
    for (const name of names) {
      const xml = await zip.file(name)!.async('string');
      expect(xml, name).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      expect(xml, name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(xml, name).not.toContain('\uFFFD');
    }
  });

  it('gives every row of every table as many grid columns as the table has, even for ragged rich-text tables', async () => {
    const fixture = badContentSoa();
    const parts = await readDocxParts(await exportSoaDocx(fixture.snapshot, WHOLE));
    const grids = tableGrids(parts.document);
    expect(grids.length).toBeGreaterThan(10);
    for (const grid of grids) {
      expect(grid.columns).toBeGreaterThan(0);
      for (const width of grid.rowWidths) expect(width).toBe(grid.columns);
    }
    const small = tableGrids((await readDocxParts(await exportSoaDocx(smallSoa().snapshot, WHOLE))).document);
    for (const grid of small) for (const width of grid.rowWidths) expect(width).toBe(grid.columns);
  });
});
