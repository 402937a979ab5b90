import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readRichText, richTextToPlain, safeLinkHref } from './richText';

describe('reading rich text written by other clients', () => {
  it('degrades unknown and malformed nodes to their words instead of failing', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('x');
    const unknown = new Y.XmlElement('mysteryWidget');
    const text = new Y.XmlText();
    unknown.insert(0, [text]);
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', '99');
    const loose = new Y.XmlText();
    fragment.insert(0, [unknown, heading, loose]);
    text.insert(0, 'kept words');
    loose.insert(0, 'loose text', { link: { href: 'javascript:alert(1)' } });
    const read = readRichText(fragment);
    expect(richTextToPlain(read)).toBe('kept words\nloose text');
    expect(read[1]).toEqual({ type: 'heading', level: 3, content: [] });
    expect(JSON.stringify(read)).not.toContain('javascript');
  });

  it('keeps only web and mail links', () => {
    expect(safeLinkHref('https://www.gov.scot/')).toBe('https://www.gov.scot/');
    expect(safeLinkHref('mailto:soa@example.org')).toBe('mailto:soa@example.org');
    expect(safeLinkHref('javascript:alert(1)')).toBeUndefined();
    expect(safeLinkHref('data:text/html,hi')).toBeUndefined();
    expect(safeLinkHref(42)).toBeUndefined();
  });
});
