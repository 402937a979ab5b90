import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { paragraph, readRichText, writeRichText, type RichText } from '../../../shared/model';
import { alreadyThere, copyParagraph } from './copyParagraph';

const VERSION: RichText = [paragraph('First.'), paragraph('Second, as it was.'), paragraph('Third.')];

function section(text: RichText): Y.XmlFragment {
  const fragment = new Y.Doc().getXmlFragment('statement');
  writeRichText(fragment, text);
  return fragment;
}

const words = (fragment: Y.XmlFragment) =>
  readRichText(fragment).map((block) =>
    block.type === 'paragraph' ? block.content.map((i) => (i.type === 'text' ? i.text : '')).join('') : '',
  );

describe('copying one paragraph from a version', () => {
  it('puts it after the paragraph it followed in the version, keeping the rest of the current text', () => {
    const now = section([paragraph('First.'), paragraph('Third, rewritten.')]);
    const place = copyParagraph(VERSION, 1, now);
    expect(place.description).toBe('after the paragraph "First."');
    expect(words(now)).toEqual(['First.', 'Second, as it was.', 'Third, rewritten.']);
  });

  it('puts the first paragraph at the start, and one whose neighbour has gone at the end', () => {
    const now = section([paragraph('Something new.')]);
    expect(copyParagraph(VERSION, 0, now).description).toBe('at the start of the section');
    expect(copyParagraph(VERSION, 2, section([paragraph('Other.')])).description).toBe('at the end of the section');
    expect(words(now)).toEqual(['First.', 'Something new.']);
  });

  it('is one edit, and says when the current text already has the words', () => {
    const now = section([paragraph('First.')]);
    expect(alreadyThere(VERSION[0]!, now)).toBe(true);
    expect(alreadyThere(VERSION[1]!, now)).toBe(false);
    let updates = 0;
    now.doc!.on('update', () => updates++);
    copyParagraph(VERSION, 1, now);
    expect(updates).toBe(1);
    expect(() => copyParagraph(VERSION, 7, now)).toThrow(/not in the version/);
  });
});
