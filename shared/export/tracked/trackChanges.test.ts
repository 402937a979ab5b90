import { describe, expect, it } from 'vitest';
import type { Attribution } from './attribution';
import { trackChanges } from './trackChanges';

const author = { name: 'Morag Officer (NHS Test)', date: '2026-04-02T10:00:00Z' };
const attribution: Attribution = {
  fallback: author,
  score: (_kind, _text, into = new Map()) => into,
  best: () => author,
  author: () => author,
};

const doc = (body: string) => `<?xml version="1.0"?><w:document><w:body>${body}<w:sectPr/></w:body></w:document>`;
const p = (text: string, style = '') =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const row = (...cells: string[]) =>
  `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cells.map((cell) => `<w:tc><w:tcPr/>${p(cell)}</w:tc>`).join('')}</w:tr>`;
const table = (...rows: string[]) =>
  `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>${rows.join('')}</w:tbl>`;

/** The paragraphs' text as Word shows it after accepting (or rejecting) every change. */
function resolve(xml: string, choice: 'accept' | 'reject'): string[] {
  const [keep, drop] = choice === 'accept' ? ['ins', 'del'] : ['del', 'ins'];
  let out = xml
    // A row or paragraph whose mark is dropped goes altogether.
    .replace(new RegExp(`<w:tr><w:trPr>(?:(?!</w:trPr>).)*<w:${drop} [^>]*/></w:trPr>.*?</w:tr>`, 'g'), '')
    .replace(new RegExp(`<w:p><w:pPr>(?:(?!</w:pPr>).)*<w:rPr><w:${drop} [^>]*/>.*?</w:p>`, 'g'), '')
    .replace(new RegExp(`<w:${drop} [^>]*>.*?</w:${drop}>`, 'g'), '')
    .replace(new RegExp(`</?w:${keep}\\b[^>]*>`, 'g'), '');
  out = out.replace(/<w:delText/g, '<w:t').replace(/<\/w:delText>/g, '</w:t>');
  return [...out.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((match) => (match[1] ?? '').replace(/<[^>]+>/g, ''));
}

const texts = (xml: string) =>
  [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((match) => (match[1] ?? '').replace(/<[^>]+>/g, ''));

describe('trackChanges', () => {
  const version = doc(
    p('Outcome one', 'Heading1') +
      p('We will reduce reoffending by 2016.') +
      p('A paragraph that goes.') +
      table(row('Baseline', '24%'), row('Target', '30%'), row('A row that goes', 'x')) +
      p('Between') +
      table(row('Partner', 'Money')),
  );
  const now = doc(
    p('Outcome one', 'Heading1') +
      p('We will reduce repeat offending by 2018.') +
      p('A new paragraph.', 'Quote') +
      table(row('Baseline', '24%'), row('Target', '35%')) +
      p('Between') +
      table(row('Partner', 'Money'), row('NHS Test', '£5,000')),
  );
  const tracked = trackChanges(version, now, attribution);

  it('accepting every change gives the new text and rejecting every change the old', () => {
    expect(resolve(tracked, 'accept')).toEqual(texts(now));
    expect(resolve(tracked, 'reject')).toEqual(texts(version));
  });

  it('marks changed words inside a paragraph and a table cell, whole paragraphs and rows with their marks, each with author and date', () => {
    expect(tracked).toContain(
      '<w:del w:id="100000" w:author="Morag Officer (NHS Test)" w:date="2026-04-02T10:00:00Z"><w:r><w:delText xml:space="preserve">reoffending </w:delText></w:r></w:del>',
    );
    expect(tracked).toMatch(
      /<w:del [^>]*><w:r><w:delText xml:space="preserve">30<\/w:delText><\/w:r><\/w:del><w:ins [^>]*><w:r><w:t xml:space="preserve">35<\/w:t><\/w:r><\/w:ins>/,
    );
    expect(tracked).toMatch(
      /<w:p><w:pPr><w:rPr><w:del [^>]*\/><\/w:rPr><\/w:pPr><w:del [^>]*><w:r><w:delText xml:space="preserve">A paragraph that goes.<\/w:delText>/,
    );
    expect(tracked).toMatch(/<w:trPr><w:cantSplit\/><w:ins [^>]*\/><\/w:trPr>/);
    expect(tracked).toMatch(/<w:trPr><w:cantSplit\/><w:del [^>]*\/><\/w:trPr>/);
    // Unchanged blocks are now's, untouched.
    expect(tracked).toContain(p('Outcome one', 'Heading1'));
    const ids = [...tracked.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
