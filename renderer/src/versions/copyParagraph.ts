/**
 * Restore is copying, one paragraph at a time: a block of a section's text as a version has it (a paragraph,
 * heading, list or table) added to the section's current text as a new edit, through the same Yjs fragment
 * the editor binds to. Nothing in the current text is removed or replaced, so another member's edits to the
 * section meanwhile are kept, and history is never rewritten.
 *
 * It goes where it stood in the version: after the block it followed there, when the current text still has
 * a block with those words; at the start when it was the first; otherwise at the end.
 */
import type * as Y from 'yjs';
import {
  insertRichBlocks,
  ORIGIN_LOCAL,
  readRichBlocks,
  richTextToPlain,
  type RichBlock,
  type RichText,
} from '../../../shared/model';

export interface ParagraphPlace {
  /** The fragment child the block is inserted before. */
  readonly index: number;
  /** "after "We will work…"", "at the start of the section", "at the end of the section". */
  readonly description: string;
}

const wordsOf = (block: RichBlock): string => richTextToPlain([block]).replace(/\s+/g, ' ').trim();

/** The first words of a block, for saying which one is meant. */
export function blockExcerpt(block: RichBlock, words = 8): string {
  const all = wordsOf(block).split(' ');
  const shown = all.slice(0, words).join(' ');
  return all.length > words ? `${shown}…` : shown || '(an empty paragraph)';
}

/** Where the version's block `index` of `version` goes in the section's current text. */
export function placeParagraph(version: RichText, index: number, fragment: Y.XmlFragment): ParagraphPlace {
  const current = readRichBlocks(fragment);
  if (index === 0) return { index: 0, description: 'at the start of the section' };
  const before = version[index - 1];
  const words = before ? wordsOf(before) : '';
  const found = words ? current.findIndex((block) => block !== null && wordsOf(block) === words) : -1;
  if (found >= 0 && before) return { index: found + 1, description: `after the paragraph "${blockExcerpt(before)}"` };
  return { index: current.length, description: 'at the end of the section' };
}

/** True when the section's current text already has a block with the same words. */
export function alreadyThere(block: RichBlock, fragment: Y.XmlFragment): boolean {
  const words = wordsOf(block);
  return readRichBlocks(fragment).some((candidate) => candidate !== null && wordsOf(candidate) === words);
}

/** Adds the version's block `index` to the section's current text, as a local edit; returns where it went. */
export function copyParagraph(version: RichText, index: number, fragment: Y.XmlFragment): ParagraphPlace {
  const block = version[index];
  if (!block) throw new Error('That paragraph is not in the version.');
  const doc = fragment.doc;
  if (!doc) throw new Error('The section is not open for writing.');
  let place: ParagraphPlace = { index: 0, description: '' };
  doc.transact(() => {
    place = placeParagraph(version, index, fragment);
    insertRichBlocks(fragment, place.index, [block]);
  }, ORIGIN_LOCAL);
  return place;
}
