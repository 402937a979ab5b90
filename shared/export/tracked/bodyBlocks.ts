/**
 * A document.xml cut into its body's blocks (paragraphs, tables, the contents control, the section
 * properties) without parsing them: the tracked-changes export compares blocks by their text as written, and
 * most blocks of an SOA are the same in the version and now, so only the blocks that differ are parsed
 * (xmlTree.ts), and the rest are written back as they were.
 */
import { parseXml, TAG, type XmlElement } from './xmlTree';

export interface BodyBlock {
  /** The block as written. */
  readonly raw: string;
  /** As written, without the ids docx numbers per document (bookmark and relationship ids, _Toc names). */
  readonly key: string;
  /** The block parsed, once. */
  element(): XmlElement;
}

export interface SplitDocument {
  /** Everything up to and including the body's start tag. */
  readonly head: string;
  readonly blocks: readonly BodyBlock[];
  /** The body's end tag and everything after it. */
  readonly tail: string;
}

/** The text of a block as written without the ids that differ between two exports of the same content. */
export function blockKey(raw: string): string {
  return raw.replace(/ (?:w|r):id="[^"]*"/g, '').replace(/_Toc\d+/g, '_Toc');
}

function block(raw: string): BodyBlock {
  let parsed: XmlElement | undefined;
  return {
    raw,
    key: blockKey(raw),
    element() {
      if (!parsed) {
        const [node] = parseXml(raw);
        if (!node || node.kind !== 'element') throw new Error('A block of the Word document is not an element.');
        parsed = node;
      }
      return parsed;
    },
  };
}

/** Cuts the body into its blocks; text between blocks is dropped (docx writes none). */
export function splitBody(xml: string): SplitDocument {
  const open = /<w:body(?:\s[^>]*)?>/.exec(xml);
  if (!open) throw new Error('A Word document without a body cannot be compared.');
  const pattern = new RegExp(TAG.source, 'g');
  pattern.lastIndex = open.index + open[0].length;
  const blocks: BodyBlock[] = [];
  let depth = 0;
  let start = -1;
  for (let match = pattern.exec(xml); match; match = pattern.exec(xml)) {
    const [whole, closing, name, , selfClosing] = match;
    if (name === undefined) continue;
    if (closing) {
      if (depth === 0) {
        if (name !== 'w:body') throw new Error(`Unbalanced XML: </${name}> closes <w:body>`);
        return { head: xml.slice(0, open.index + open[0].length), blocks, tail: xml.slice(match.index) };
      }
      depth--;
      if (depth === 0) blocks.push(block(xml.slice(start, match.index + whole.length)));
      continue;
    }
    if (selfClosing === '/') {
      if (depth === 0) blocks.push(block(whole));
      continue;
    }
    if (depth === 0) start = match.index;
    depth++;
  }
  throw new Error('Unbalanced XML: <w:body> is never closed');
}
