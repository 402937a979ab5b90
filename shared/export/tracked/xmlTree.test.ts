import { describe, expect, it } from 'vitest';
import { parseXml, textContent, writeXml } from './xmlTree';

describe('xmlTree', () => {
  it('writes back exactly what it read', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="x"><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">A &amp; B &lt;C&gt;</w:t></w:r></w:p><w:sectPr/></w:body></w:document>';
    const nodes = parseXml(xml);
    expect(writeXml(nodes)).toBe(xml);
    expect(textContent(nodes)).toContain('A & B <C>');
  });

  it('refuses unbalanced XML', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(/Unbalanced/);
    expect(() => parseXml('<a>')).toThrow(/never closed/);
  });
});
