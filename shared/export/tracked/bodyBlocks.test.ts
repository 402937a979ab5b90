import { describe, expect, it } from 'vitest';
import { splitBody } from './bodyBlocks';
import { writeXml } from './xmlTree';

const BODY =
  '<w:p w:rsidR="1"><w:r><w:t>One</w:t></w:r></w:p>' +
  '<w:tbl><w:tr><w:tc><w:p><w:bookmarkStart w:id="7" w:name="_Toc12"/><w:r><w:t>Cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>' +
  '<w:p/>' +
  '<w:sectPr><w:pgSz w:w="11906"/></w:sectPr>';
const XML = `<?xml version="1.0"?><w:document xmlns:w="x"><w:body>${BODY}</w:body></w:document>`;

describe('splitBody', () => {
  it('cuts the body into its blocks as written, and puts them back the same', () => {
    const split = splitBody(XML);
    expect(split.blocks.map((block) => block.element().name)).toEqual(['w:p', 'w:tbl', 'w:p', 'w:sectPr']);
    expect(split.head + split.blocks.map((block) => block.raw).join('') + split.tail).toBe(XML);
    for (const block of split.blocks) expect(writeXml([block.element()])).toBe(block.raw);
  });

  it('keys blocks without the ids docx numbers per document', () => {
    const table = splitBody(XML).blocks[1];
    expect(table?.key).toContain('<w:bookmarkStart w:name="_Toc"/>');
    expect(table?.key).not.toContain('w:id');
  });

  it('reads quoted attribute values that hold ">" and "/>" as part of their tag, and passes over comments', () => {
    const body = '<w:p w:x="a>b/>"><w:r><w:t>One</w:t></w:r></w:p><!-- <w:p> --><w:p w:y=\'/>\'/>';
    const split = splitBody(`<w:document><w:body>${body}</w:body></w:document>`);
    expect(split.blocks.map((block) => block.raw)).toEqual([
      '<w:p w:x="a>b/>"><w:r><w:t>One</w:t></w:r></w:p>',
      "<w:p w:y='/>'/>",
    ]);
    expect(split.tail).toBe('</w:body></w:document>');
  });

  it('refuses a document whose body is missing or never closed', () => {
    expect(() => splitBody('<w:document></w:document>')).toThrow(/without a body/);
    expect(() => splitBody('<w:document><w:body><w:p>')).toThrow(/never closed/);
    expect(() => splitBody('<w:document><w:body><w:p></w:document>')).toThrow(/never closed/);
    expect(() => splitBody('<w:document><w:body></w:document>')).toThrow(/closes <w:body>/);
  });
});
