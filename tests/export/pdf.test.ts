/**
 * Issue 14, item 2 and "A PDF for publication": LibreOffice reads the headings' outline levels, so its PDF of
 * the demo has a bookmark for every Heading 1 and 2; after LibreOffice updates the fields the contents lists
 * every chapter with the page it starts on; `soa-relay export --pdf` writes a tagged PDF with bookmarks and
 * as many pages as the .docx has in LibreOffice; without LibreOffice it says so in one line and exits 2.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSoaDocx, type ExportOptions } from '../../shared/export';
import { assembleFromDocs } from '../../shared/model';
import { generateSampleSoa } from '../../shared/sample/generateSample';
import { docxToPdf } from '../../server/export/libreOfficePdf';
import { tempDir } from '../support/tempDirs';
import { RELAY_BIN } from '../support/relayProcess';
import { convertToPdf, readDocxParts, savePageImages, searchable, type PdfResult } from './docxParts';
import { paragraphsOf, type DocParagraph } from './paragraphs';
import { pdfBookmarks } from './pdfOutline';

const runAsync = promisify(execFile);
const WHOLE: ExportOptions = { scope: { kind: 'whole' }, generatedOn: '2013-03-28' };

/** Heading 1 and 2 paragraphs of a document, with the numbers Word gives them ("5", "5.3"), or none for an annex. */
function numberedHeadings(paragraphs: readonly DocParagraph[]): { level: 1 | 2; number: string; text: string }[] {
  const headings: { level: 1 | 2; number: string; text: string }[] = [];
  let chapter = 0;
  let section = 0;
  for (const paragraph of paragraphs) {
    if (paragraph.inTable || (paragraph.style !== 'Heading1' && paragraph.style !== 'Heading2')) continue;
    const numbered = !paragraph.xml.includes('<w:numId w:val="0"/>');
    if (paragraph.style === 'Heading1') {
      if (numbered) {
        chapter++;
        section = 0;
      }
      headings.push({ level: 1, number: numbered ? String(chapter) : '', text: paragraph.text });
    } else {
      if (numbered) section++;
      headings.push({ level: 2, number: numbered ? `${chapter}.${section}` : '', text: paragraph.text });
    }
  }
  return headings;
}

describe('the demo as a PDF', () => {
  let docx: Uint8Array;
  let headings: ReturnType<typeof numberedHeadings>;
  let plain: PdfResult;
  let updatedPdf: string;
  let scratch: string;

  beforeAll(async () => {
    const sample = generateSampleSoa({ seed: 1 });
    docx = await exportSoaDocx(assembleFromDocs(sample.frame, sample.partnerDocs), WHOLE);
    headings = numberedHeadings(paragraphsOf((await readDocxParts(docx)).document));
    plain = await convertToPdf(docx, 'demo-outline');
    scratch = tempDir('soa-pdf-test-');
    const converted = await docxToPdf(docx);
    expect(converted.contentsUpdated).toBe(true);
    updatedPdf = path.join(scratch, 'demo-updated.pdf');
    fs.writeFileSync(updatedPdf, converted.pdf);
    await savePageImages(updatedPdf, 'demo-pdf-contents', [4, 5]);
  }, 400_000);

  it('has a bookmark for every Heading 1 and Heading 2, at the right depth', () => {
    const bookmarks = pdfBookmarks(plain.pdfPath);
    expect(headings.filter((heading) => heading.level === 1).length).toBeGreaterThan(10);
    const missing = headings.filter(
      (heading) =>
        !bookmarks.some(
          (bookmark) =>
            bookmark.depth === heading.level && searchable(bookmark.title).endsWith(searchable(heading.text)),
        ),
    );
    expect(missing.map((heading) => `${heading.number} ${heading.text}`)).toEqual([]);
    expect(bookmarks.filter((bookmark) => bookmark.depth <= 2).length).toBeGreaterThanOrEqual(headings.length);
  });

  it('without LibreOffice\u2019s Python bridge still makes a tagged PDF with bookmarks, and says the contents has no page numbers', async () => {
    const converted = await docxToPdf(docx, { python: null });
    expect(converted.contentsUpdated).toBe(false);
    expect(converted.warning).toMatch(/no page numbers/);
    const file = path.join(scratch, 'demo-plain.pdf');
    fs.writeFileSync(file, converted.pdf);
    const { stdout: info } = await runAsync('pdfinfo', [file]);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(pdfBookmarks(file).filter((bookmark) => bookmark.depth === 1).length).toBeGreaterThan(10);
  }, 200_000);

  it('lists every chapter in the contents with the page it starts on, once LibreOffice has updated the fields', async () => {
    const { stdout } = await runAsync('pdftotext', ['-layout', '-enc', 'UTF-8', updatedPdf, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const pages = stdout.split('\f');
    const contentsPage = pages.findIndex((page) => /^\s*Contents\s*$/m.test(page));
    expect(contentsPage).toBeGreaterThan(0);
    const contents = pages.slice(contentsPage, contentsPage + 4).join('\n');
    const lines = contents.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
    for (const heading of headings.filter((each) => each.level === 1)) {
      const title = `${heading.number ? `${heading.number} ` : ''}${heading.text}`;
      // A long title wraps: its page number is on the line where the entry ends.
      const start = lines.findIndex((line) => line.startsWith(title.slice(0, 40)));
      expect(start, `contents entry for ${title}`).toBeGreaterThanOrEqual(0);
      const entry = lines.slice(start, start + 3).find((line) => /\.{3,} ?\d+$/.test(line));
      const page = Number(/(\d+)$/.exec(entry ?? '')?.[1]);
      expect(page, `page number of ${title}`).toBeGreaterThan(contentsPage + 1);
      // The chapter starts on that page: its heading is on it, after the contents.
      expect(searchable(pages[page - 1] ?? ''), `${title} on page ${page}`).toContain(
        searchable(heading.text).slice(0, 40),
      );
    }
  });
});

describe('soa-relay export --pdf', () => {
  const dir = tempDir('soa-pdf-cli-');
  const db = path.join(dir, 'pdf.db');
  let soaId = '';

  function run(args: readonly string[], env: NodeJS.ProcessEnv = process.env) {
    const result = spawnSync(process.execPath, [RELAY_BIN, ...args], { encoding: 'utf8', env, timeout: 400_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  beforeAll(() => {
    const demo = run(['demo', '--db', db, '--json']);
    expect(demo.status, demo.stderr).toBe(0);
    soaId = (JSON.parse(demo.stdout) as { soaId: string }).soaId;
  }, 120_000);

  it('writes a tagged PDF with bookmarks and as many pages as the .docx has in LibreOffice', async () => {
    const docxOut = path.join(dir, 'demo.docx');
    const pdfOut = path.join(dir, 'demo.pdf');
    const docx = run(['export', '--db', db, '--soa', soaId, '--out', docxOut, '--json']);
    expect(docx.status, docx.stderr).toBe(0);
    const pdf = run(['export', '--db', db, '--soa', soaId, '--out', pdfOut, '--pdf', '--json']);
    expect(pdf.stderr).toBe('');
    expect(pdf.status).toBe(0);
    expect(JSON.parse(pdf.stdout)).toMatchObject({ out: pdfOut, format: 'pdf' });
    expect(fs.readFileSync(pdfOut).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { stdout: info } = await runAsync('pdfinfo', [pdfOut]);
    expect(info).toMatch(/Tagged:\s+yes/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    const bookmarks = pdfBookmarks(pdfOut);
    expect(bookmarks.filter((bookmark) => bookmark.depth === 1).length).toBeGreaterThan(10);
    const inLibreOffice = await convertToPdf(new Uint8Array(fs.readFileSync(docxOut)), 'cli-docx');
    expect(pages).toBe(inLibreOffice.pages);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.part'))).toEqual([]);
  }, 400_000);

  it('says in one line that LibreOffice is missing, exits 2 and writes nothing', () => {
    const out = path.join(dir, 'nothing.pdf');
    for (const env of [
      { ...process.env, SOA_LIBREOFFICE: path.join(dir, 'no-such', 'soffice') },
      { ...process.env, SOA_LIBREOFFICE: '', PATH: path.join(dir, 'empty-path') },
    ]) {
      const result = run(['export', '--db', db, '--soa', soaId, '--out', out, '--pdf'], env);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^soa-relay: LibreOffice .*\n$/);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\bat \S+:\d+/);
      expect(fs.existsSync(out)).toBe(false);
    }
    // The .docx export does not need LibreOffice.
    const docx = run(['export', '--db', db, '--soa', soaId, '--out', path.join(dir, 'without.docx')], {
      ...process.env,
      SOA_LIBREOFFICE: path.join(dir, 'no-such', 'soffice'),
    });
    expect(docx.status, docx.stderr).toBe(0);
  }, 120_000);
});
