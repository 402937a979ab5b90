/**
 * Text as Word can store it. Whatever an officer pasted (control characters from a PDF, half of an emoji
 * pair left by a bad copy, a 50,000-character paragraph) must never make Word say the file is corrupt, so
 * every string the export writes passes through here. Right-to-left text and emoji are ordinary Unicode and
 * are kept as they are.
 */

/**
 * Removes what XML 1.0 cannot hold (C0 controls other than tab and line breaks, U+FFFE and U+FFFF) and
 * unpaired UTF-16 surrogates, which a UTF-8 encoder would turn into U+FFFD or reject. Tabs become spaces and
 * carriage returns become line feeds; callers decide what a line feed means.
 */
export function cleanText(text: string): string {
  // Fast path: most text has nothing to remove.
  if (!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u0009\r\uD800-\uDFFF\uFFFE\uFFFF]/.test(text)) return text;
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[index]! + text[index + 1]!;
        index++;
      }
      continue;
    }
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    if (code === 0x09) out += ' ';
    else if (code === 0x0d) {
      // \r\n is one line break.
      if (text.charCodeAt(index + 1) !== 0x0a) out += '\n';
    } else if (code === 0x0a || code >= 0x20) {
      if (code !== 0xfffe && code !== 0xffff) out += text[index]!;
    }
  }
  return out;
}

/** Cleans and folds line breaks into spaces, for one-line fields (titles, table cells of names). */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\n+/g, ' ');
}

/**
 * Longest stretch of text written as one paragraph. Word and LibreOffice handle longer ones, but slowly, and a
 * reader needs breaks; real prose paragraphs are far shorter, so only pasted blobs are split.
 */
export const MAX_PARAGRAPH_CHARS = 4000;

/**
 * Splits text longer than `max` into pieces of at most `max` characters, at the end of a sentence when there
 * is one in the second half of the piece, else at a space, else anywhere that does not cut a surrogate pair.
 */
export function splitLongText(text: string, max: number = MAX_PARAGRAPH_CHARS): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = -1;
    const sentenceEnd = /[.!?][)"'’”]?\s/g;
    for (let match = sentenceEnd.exec(window); match; match = sentenceEnd.exec(window)) {
      if (match.index >= max / 2) cut = match.index + match[0].length;
    }
    if (cut < 0) {
      const space = window.lastIndexOf(' ');
      if (space >= max / 2) cut = space + 1;
    }
    if (cut < 0) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--;
    }
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut);
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** True when the text contains right-to-left script (Hebrew, Arabic and their presentation forms). */
export function hasRightToLeft(text: string): boolean {
  return /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(text);
}

/** True when the text's first strong letter is right-to-left, so the paragraph should read right to left. */
export function startsRightToLeft(text: string): boolean {
  const match = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.exec(text);
  return match !== null && hasRightToLeft(match[0]);
}

/**
 * A link target Word accepts in a relationship: only http(s) and mailto (the model already drops the rest),
 * with spaces and other characters a URI cannot hold percent-encoded.
 */
export function safeLinkTarget(href: string): string | null {
  const cleaned = cleanLine(href).trim();
  if (!/^(https?:\/\/|mailto:)/i.test(cleaned)) return null;
  let out = '';
  for (const char of cleaned) {
    if (/^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]$/.test(char)) out += char;
    else {
      for (const byte of utf8Bytes(char.codePointAt(0) ?? 0x20))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

/** UTF-8 bytes of one code point (TextEncoder is not in every runtime's types that shared/ targets). */
function utf8Bytes(codePoint: number): number[] {
  if (codePoint < 0x80) return [codePoint];
  if (codePoint < 0x800) return [0xc0 | (codePoint >> 6), 0x80 | (codePoint & 0x3f)];
  if (codePoint < 0x10000)
    return [0xe0 | (codePoint >> 12), 0x80 | ((codePoint >> 6) & 0x3f), 0x80 | (codePoint & 0x3f)];
  return [
    0xf0 | (codePoint >> 18),
    0x80 | ((codePoint >> 12) & 0x3f),
    0x80 | ((codePoint >> 6) & 0x3f),
    0x80 | (codePoint & 0x3f),
  ];
}
