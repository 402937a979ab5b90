/**
 * The exported bytes opened for real: LibreOffice converts the sample SOA and the bad-content SOA to PDF
 * without error, and the PDF's text shows every outcome, indicator, partner and partner statement, over a
 * plausible number of pages. Each document is converted once (in beforeAll) and shared by the assertions;
 * a few pages are saved as images under test-artifacts/export/ for a person to look at.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSoaDocx, type ExportOptions } from '../../shared/export';
import { assembleFromDocs, richTextToPlain, type SoaSnapshot } from '../../shared/model';
import { generateSampleSoa } from '../../shared/sample/generateSample';
import { convertToPdf, pdfShows, savePageImages, searchable, type PdfResult } from './docxParts';
import { ARABIC, badContentSoa, HEBREW, indicatorNamesOf } from './fixtures';

const WHOLE: ExportOptions = { scope: { kind: 'whole' }, generatedOn: '2013-03-28' };

/** The first words of a statement, as a reader would look for it. */
function opening(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  return words.slice(0, 8).join(' ');
}

describe('the sample SOA in LibreOffice', () => {
  let snapshot: SoaSnapshot;
  let pdf: PdfResult;
  let partnerPdf: PdfResult;

  beforeAll(async () => {
    const sample = generateSampleSoa({ seed: 1 });
    snapshot = assembleFromDocs(sample.frame, sample.partnerDocs);
    pdf = await convertToPdf(await exportSoaDocx(snapshot, WHOLE), 'sample');
    const partner = snapshot.partners[1]!;
    partnerPdf = await convertToPdf(
      await exportSoaDocx(snapshot, { ...WHOLE, scope: { kind: 'partner', partnerId: partner.id } }),
      'sample-partner',
    );
    // Cover, statement of support, contents, the two matrices, the first outcome chapter and its indicator table.
    const pageWith = (text: string) => pdf.text.split('\f').findIndex((page) => searchable(page).includes(text)) + 1;
    const firstOutcome = `Outcome 1: ${snapshot.outcomes[0]?.title ?? ''}`;
    const chapterPages = pdf.text
      .split('\f')
      .flatMap((page, index) => (searchable(page).includes(firstOutcome) ? [index + 1] : []));
    await savePageImages(
      pdf.pdfPath,
      'sample',
      [
        1,
        pageWith('Statement of support'),
        pageWith('Contents'),
        pageWith('Local outcomes and the six policy priorities A tick'),
        pageWith('A tick shows that the local outcome contributes to the National Outcome.'),
        chapterPages.at(-1) ?? 24,
        pageWith('Baseline (year)'),
      ].filter((page, index, all) => page > 0 && all.indexOf(page) === index),
    );
    await savePageImages(partnerPdf.pdfPath, 'sample-partner', [1, 5]);
  }, 240_000);

  it('runs to a plausible length for a full SOA (about 100 pages)', () => {
    expect(pdf.pages).toBeGreaterThanOrEqual(70);
    expect(pdf.pages).toBeLessThanOrEqual(180);
    expect(partnerPdf.pages).toBeGreaterThanOrEqual(8);
    expect(partnerPdf.pages).toBeLessThan(pdf.pages);
  });

  it('shows the cover, the status and the contents', () => {
    expect(pdfShows(pdf.text, 'Single Outcome Agreement 2013-2023')).toBe(true);
    expect(
      pdfShows(pdf.text, `between ${snapshot.meta.area} Community Planning Partnership and the Scottish Government`),
    ).toBe(true);
    expect(pdfShows(pdf.text, snapshot.allAgreed ? 'Agreed' : `Draft v${snapshot.meta.version}`)).toBe(true);
    expect(pdfShows(pdf.text, 'Contents')).toBe(true);
    expect(pdfShows(pdf.text, 'Statement of support')).toBe(true);
  });

  it('shows every outcome title and every indicator', () => {
    expect(snapshot.outcomes.length).toBeGreaterThan(0);
    for (const outcome of snapshot.outcomes)
      expect(pdfShows(pdf.text, `Outcome ${outcome.number}: ${outcome.title}`), outcome.title).toBe(true);
    const indicators = indicatorNamesOf(snapshot);
    expect(indicators.length).toBeGreaterThan(10);
    for (const name of indicators) expect(pdfShows(pdf.text, name), name).toBe(true);
  });

  it('shows every partner\u2019s name and the opening of its statement', () => {
    for (const partner of snapshot.partners) {
      expect(pdfShows(pdf.text, partner.name), partner.name).toBe(true);
      const statement = opening(richTextToPlain(partner.statement));
      if (statement) expect(pdfShows(pdf.text, statement), statement).toBe(true);
    }
  });

  it('gives a partner\u2019s board its own contributions only', () => {
    const partner = snapshot.partners[1]!;
    expect(pdfShows(partnerPdf.text, `Contribution of ${partner.name}`)).toBe(true);
    expect(pdfShows(partnerPdf.text, opening(richTextToPlain(partner.statement)))).toBe(true);
    const text = searchable(partnerPdf.text);
    for (const other of snapshot.partners) {
      if (other.id === partner.id) continue;
      expect(text).not.toContain(`Statement of ${other.name}`);
      expect(text).not.toContain(searchable(`Commitments of ${other.name}`));
    }
  });
});

describe('an SOA full of bad content in LibreOffice', () => {
  const fixture = badContentSoa();
  let pdf: PdfResult;

  beforeAll(async () => {
    pdf = await convertToPdf(await exportSoaDocx(fixture.snapshot, WHOLE), 'bad-content');
    await savePageImages(pdf.pdfPath, 'bad-content', [3, 7, 8]);
  }, 240_000);

  it('converts, over a plausible number of pages', () => {
    // The 50,000-character paragraph alone is about 15 pages and the 400-row table about 12.
    expect(pdf.pages).toBeGreaterThanOrEqual(30);
    expect(pdf.pages).toBeLessThanOrEqual(90);
  });

  it('keeps every outcome, indicator, partner and statement, with right-to-left text and emoji', () => {
    for (const title of fixture.outcomeTitles) expect(pdfShows(pdf.text, title), title).toBe(true);
    for (const name of fixture.indicatorNames) expect(pdfShows(pdf.text, name), name).toBe(true);
    for (const partner of fixture.snapshot.partners) expect(pdfShows(pdf.text, partner.name), partner.name).toBe(true);
    for (const statement of fixture.statementOpenings) expect(pdfShows(pdf.text, statement), statement).toBe(true);
    expect(pdfShows(pdf.text, ARABIC)).toBe(true);
    expect(pdfShows(pdf.text, HEBREW)).toBe(true);
    expect(pdf.text).toContain('🎉');
  });

  it('keeps the whole long paragraph, every row of the 400-row table and the "Not yet written" notes', () => {
    expect(pdfShows(pdf.text, 'Sentence 0 of a very long pasted paragraph')).toBe(true);
    expect(pdfShows(pdf.text, 'Sentence 560 of a very long pasted paragraph')).toBe(true);
    const rows = pdf.text.match(/Event row \d+/g) ?? [];
    expect(new Set(rows).size).toBe(fixture.bigTableRows);
    expect(pdf.text.match(/Not yet written\./g)?.length ?? 0).toBeGreaterThanOrEqual(5);
  });
});
