/**
 * Issue 14, items 2, 3, 7 and 8: the .docx as a file. The same SOA and export date give the same bytes; every
 * table has a caption; app.xml, the core properties and the font table are filled in; the heading styles
 * carry outline levels (PDF bookmarks, LibreOffice's contents) and Word opens the file without asking to update fields;
 * headings are heading styles, not bold body text; no empty spacer paragraphs; no soft hyphens in headings.
 * Checked on the demo SOA (what a new user exports first), one partner's extract and the small fixture.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_NAME, exportSoaDocx, type ExportOptions } from '../../shared/export';
import { assembleFromDocs, type SoaSnapshot } from '../../shared/model';
import { generateSampleSoa } from '../../shared/sample/generateSample';
import { Packer } from 'docx';
import { buildSoaDocument } from '../../shared/export';
import { RichTextConverter } from '../../shared/export/richTextBlocks';
import { finishPackage } from '../../shared/export/packaging';
import { heading } from '../../shared/model';
import { allMatches, readDocxParts, textOf, type DocxParts } from './docxParts';
import { smallSoa } from './fixtures';
import { headingStyles, paragraphsOf } from './paragraphs';

const WHOLE: ExportOptions = { scope: { kind: 'whole' }, generatedOn: '2013-03-28' };

interface Exported {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly parts: DocxParts;
}

describe('the exported file', () => {
  let snapshot: SoaSnapshot;
  let exports: Exported[];

  beforeAll(async () => {
    const sample = generateSampleSoa({ seed: 1 });
    snapshot = assembleFromDocs(sample.frame, sample.partnerDocs);
    const partner = snapshot.partners[1]!;
    const made = [
      { name: 'demo', bytes: await exportSoaDocx(snapshot, WHOLE) },
      {
        name: 'partner extract',
        bytes: await exportSoaDocx(snapshot, { ...WHOLE, scope: { kind: 'partner', partnerId: partner.id } }),
      },
      { name: 'small fixture', bytes: await exportSoaDocx(smallSoa().snapshot, WHOLE) },
    ];
    exports = await Promise.all(made.map(async (each) => ({ ...each, parts: await readDocxParts(each.bytes) })));
  }, 120_000);

  it('is byte-identical for the same SOA and export date, and differs for another date', async () => {
    const again = await exportSoaDocx(snapshot, WHOLE);
    expect(Buffer.from(again).equals(Buffer.from(exports[0]!.bytes))).toBe(true);
    // The small fixture has hyperlinks, whose relationship ids docx draws at random.
    const fixture = smallSoa();
    const first = await exportSoaDocx(fixture.snapshot, WHOLE);
    const second = await exportSoaDocx(fixture.snapshot, WHOLE);
    expect((await readDocxParts(first)).relationships).toContain('TargetMode="External"');
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const later = await exportSoaDocx(fixture.snapshot, { ...WHOLE, generatedOn: '2013-04-02' });
    expect(Buffer.from(later).equals(Buffer.from(first))).toBe(false);
    expect((await readDocxParts(later)).core).toContain('2013-04-02T00:00:00Z');
  });

  it('gives every table a caption and a description', () => {
    for (const { name, parts } of exports) {
      const tables = allMatches(parts.document, /(<w:tbl>)/g).length;
      expect(tables, name).toBeGreaterThan(0);
      const properties = allMatches(parts.document, /<w:tblPr>([\s\S]*?)<\/w:tblPr>/g);
      expect(properties.length, name).toBe(tables);
      const without = properties.filter(
        (xml) => !/<w:tblCaption w:val="[^"]+"\/>/.test(xml) && !/<w:tblDescription w:val="[^"]+"\/>/.test(xml),
      );
      expect(without, `${name}: tables without a caption or description`).toEqual([]);
    }
  });

  it('names the application in app.xml, and carries en-GB, the export date and the font', () => {
    for (const { name, parts } of exports) {
      expect(parts.app, name).toContain(`<Application>${APPLICATION_NAME}</Application>`);
      expect(parts.core, name).toContain('<dc:language>en-GB</dc:language>');
      expect(parts.core, name).toContain(
        '<dcterms:created xsi:type="dcterms:W3CDTF">2013-03-28T00:00:00Z</dcterms:created>',
      );
      expect(parts.fontTable, name).toMatch(/<w:font w:name="Arial">[\s\S]*<w:family w:val="swiss"\/>/);
    }
  });

  it('gives Heading 1-3 outline levels 0-2', () => {
    for (const { name, parts } of exports) {
      const levels = headingStyles(parts.styles);
      expect([levels.get('Heading1'), levels.get('Heading2'), levels.get('Heading3')], name).toEqual([0, 1, 2]);
    }
  });

  it('opens in Word without asking to update fields: the contents is complete as written, with no empty page-number fields', () => {
    for (const { name, parts } of exports) {
      // Either of these makes Word ask "This document contains fields that may refer to other files" on opening.
      expect(parts.settings, name).not.toContain('<w:updateFields');
      expect(parts.document, name).not.toContain('w:dirty="true"');
      const contents = /<w:sdtContent>[\s\S]*?<\/w:sdtContent>/.exec(parts.document)?.[0] ?? '';
      expect(contents, name).toContain('TOC \\h \\o &quot;1-2&quot;');
      // An entry is its number and title, linked to its heading: no dot leader running to a blank page number.
      expect(contents, name).not.toContain('PAGEREF');
      expect(contents.match(/<w:hyperlink w:history="1" w:anchor="_Toc\d+">/g)?.length ?? 0, name).toBeGreaterThan(3);
    }
  });

  it('makes every short bold-only paragraph followed by body text a heading style', () => {
    for (const { name, parts } of exports) {
      const headings = headingStyles(parts.styles);
      const paragraphs = paragraphsOf(parts.document).filter((paragraph) => !paragraph.inTable);
      const offenders: string[] = [];
      paragraphs.forEach((paragraph, index) => {
        const next = paragraphs[index + 1];
        const bodyNext =
          next !== undefined && next.text.trim() !== '' && (next.style === '' || next.style === 'ListParagraph');
        const boldOnly =
          paragraph.allBold &&
          paragraph.text.trim().length > 0 &&
          paragraph.text.trim().length <= 80 &&
          !/[.!?]$/.test(paragraph.text.trim());
        if (boldOnly && bodyNext && !headings.has(paragraph.style)) offenders.push(paragraph.text);
      });
      expect(offenders, `${name}: bold text standing in for a heading`).toEqual([]);
      // The headings the issue names are real heading styles.
      const styleOf = (text: string) => paragraphs.find((paragraph) => paragraph.text === text)?.style ?? 'missing';
      if (name !== 'small fixture') {
        for (const text of ['Document control', 'Contents', 'Statement of support'])
          expect(headings.has(styleOf(text)), `${name}: ${text}`).toBe(true);
      }
      const commitments = paragraphs.filter((paragraph) => paragraph.text.startsWith('Commitments of '));
      expect(commitments.length, name).toBeGreaterThan(0);
      for (const paragraph of commitments) expect(headings.has(paragraph.style), paragraph.text).toBe(true);
    }
  });

  it('writes no empty paragraphs as spacers and no soft hyphens in headings', () => {
    for (const { name, parts } of exports) {
      const headings = headingStyles(parts.styles);
      const paragraphs = paragraphsOf(parts.document);
      const empty = paragraphs.filter(
        (paragraph) =>
          !paragraph.inTable && !paragraph.sectionBreak && !paragraph.field && paragraph.text.trim() === '',
      );
      expect(
        empty.map((paragraph) => paragraph.xml),
        `${name}: empty paragraphs`,
      ).toEqual([]);
      const softHyphenated = paragraphs.filter(
        (paragraph) =>
          (headings.has(paragraph.style) || paragraph.style === 'Title') &&
          /\u00AD|<w:softHyphen\/>/.test(paragraph.text + paragraph.xml),
      );
      expect(
        softHyphenated.map((paragraph) => paragraph.text),
        name,
      ).toEqual([]);
      const headerRows = allMatches(parts.document, /<w:tr>((?:(?!<\/w:tr>)[\s\S])*?<w:tblHeader\/>[\s\S]*?)<\/w:tr>/g);
      expect(
        headerRows.filter((row) => row.includes('\u00AD')),
        `${name}: soft hyphens in table headings`,
      ).toEqual([]);
    }
  });

  it('drops soft hyphens from officers\u2019 headings, at every level', () => {
    const blocks = new RichTextConverter().blocks(
      [heading(1, 'Employ\u00ADment and skills'), heading(3, 'Com\u00ADmitments')],
      { headingBase: 2, width: 9000 },
    );
    expect(blocks.map((block) => textOf(block))).toEqual(['Employment and skills', 'Commitments']);
  });

  it('packs the same bytes from docx\u2019s parts as from docx\u2019s own zip', async () => {
    const fixture = smallSoa();
    const packed = await exportSoaDocx(fixture.snapshot, WHOLE);
    const zipped = new Uint8Array(await Packer.toArrayBuffer(buildSoaDocument(fixture.snapshot, WHOLE)));
    const rewritten = finishPackage(zipped, {
      generatedOn: WHOLE.generatedOn,
      company: fixture.snapshot.meta.partnershipName,
    });
    expect(Buffer.from(rewritten).equals(Buffer.from(packed))).toBe(true);
  });
});
