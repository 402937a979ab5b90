/**
 * A partner statement of thousands of nested quotes, as issue 13 found one partner could write to break the
 * SOA for everyone: written as one client's transaction into a fragment.
 */
import * as Y from 'yjs';

export const ATTACK_DEPTH = 6000;

export function writeNestedQuotes(
  fragment: Y.XmlFragment,
  depth = ATTACK_DEPTH,
  words = 'Words at the bottom of the quotes',
): void {
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
