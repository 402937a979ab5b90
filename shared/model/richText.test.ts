import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  MAX_RICH_TEXT_DEPTH,
  readRichText,
  removeNestingBeyondLimit,
  richTextDepth,
  RichTextTooDeepError,
  richTextToPlain,
  safeLinkHref,
} from './richText';

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

/** A statement of `depth` blockquotes, each inside the last, as one client writes it (issue 13, item 4). */
function nestedQuotes(fragment: Y.XmlFragment, depth: number, words = 'deep words'): void {
  fragment.doc!.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = fragment;
    for (let level = 0; level < depth; level++) {
      const quote = new Y.XmlElement('blockquote');
      parent.insert(0, [quote]);
      parent = quote;
    }
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    parent.insert(0, [paragraph]);
    paragraph.insert(0, [text]);
    text.insert(0, words);
  });
}

describe('rich text nested deeper than anyone writes', () => {
  it('6,000 nested blockquotes give a clear error, not a stack overflow', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('statement');
    nestedQuotes(fragment, 6000);
    let thrown: unknown = null;
    try {
      readRichText(fragment);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RichTextTooDeepError);
    expect((thrown as Error).message).toMatch(/nested more than 64 levels deep/);
  });
});

describe('repairing a field nested too deeply', () => {
  it('removes the nesting below the limit in steps that another copy and the relay can apply', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('statement');
    nestedQuotes(fragment, 6000);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    // Each step travels as its own update, as it does to the relay and other members.
    doc.on('update', (update: Uint8Array) => Y.applyUpdate(replica, update));
    const steps = removeNestingBeyondLimit(fragment, (change) => doc.transact(change));
    expect(steps).toBeGreaterThan(1);
    expect(richTextDepth(fragment)).toBeLessThanOrEqual(MAX_RICH_TEXT_DEPTH);
    expect(readRichText(fragment)).toHaveLength(1);
    expect(richTextDepth(replica.getXmlFragment('statement'))).toBe(richTextDepth(fragment));
    // Once repaired, the whole field can be deleted in one ordinary edit.
    doc.transact(() => fragment.delete(0, fragment.length));
    expect(readRichText(replica.getXmlFragment('statement'))).toEqual([]);
  });

  it('leaves a field within the limit untouched', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('statement');
    nestedQuotes(fragment, 20);
    const before = Y.encodeStateVector(doc);
    expect(removeNestingBeyondLimit(fragment, (change) => doc.transact(change))).toBe(0);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(richTextToPlain(readRichText(fragment))).toBe('deep words');
  });
});
