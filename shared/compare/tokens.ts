/**
 * Text for comparison is cut into words, runs of spaces and single punctuation marks, so a change reads as
 * the words that changed ("rewritten" for "written"), never as a character soup. A paragraph break is a
 * token of its own (PARAGRAPH), so paragraphs added or removed show as such.
 */

export const PARAGRAPH = '\n';

const TOKEN = /[\p{L}\p{N}_'’-]+|[^\S\n]+|\n|[^\p{L}\p{N}_'’\s-]|[-'’]/gu;

/** The tokens of some paragraphs, with PARAGRAPH between them. */
export function tokenise(paragraphs: readonly string[]): string[] {
  const tokens: string[] = [];
  paragraphs.forEach((paragraph, index) => {
    if (index > 0) tokens.push(PARAGRAPH);
    const found = paragraph.replace(/\n/g, ' ').match(TOKEN);
    if (found) tokens.push(...found);
  });
  return tokens;
}
