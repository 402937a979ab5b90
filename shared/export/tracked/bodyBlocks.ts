/**
 * A document.xml cut into its body's blocks (paragraphs, tables, the contents control, the section
 * properties) without parsing them: the tracked-changes export compares blocks by their text as written, and
 * most blocks of an SOA are the same in the version and now, so only the blocks that differ are parsed
 * (xmlTree.ts), and the rest are written back as they were.
 */
import { parseXml, type XmlElement } from './xmlTree';

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

const LT = 60;
const GT = 62;
const SLASH = 47;
const QUOTE = 34;
const APOSTROPHE = 39;
const QUESTION = 63;
const BANG = 33;

/**
 * Where the tag starting at `lt` ends (just after its '>'), quoted attribute values skipped; -1 when it never
 * does. Found by scanning, not by matching each tag against a pattern: both documents of an export are cut
 * here, each a megabyte of tags.
 */
function tagEnd(xml: string, lt: number): number {
  for (let at = lt + 1; at < xml.length; at++) {
    const code = xml.charCodeAt(at);
    if (code === GT) return at + 1;
    if (code === QUOTE || code === APOSTROPHE) {
      at = xml.indexOf(code === QUOTE ? '"' : "'", at + 1);
      if (at < 0) return -1;
    } else if (code === LT) return -1;
  }
  return -1;
}

/** Cuts the body into its blocks; text between blocks is dropped (docx writes none). */
export function splitBody(xml: string): SplitDocument {
  const open = /<w:body(?:\s[^>]*)?>/.exec(xml);
  if (!open) throw new Error('A Word document without a body cannot be compared.');
  const head = xml.slice(0, open.index + open[0].length);
  const blocks: BodyBlock[] = [];
  let depth = 0;
  let start = -1;
  for (let at = head.length; ; ) {
    const lt = xml.indexOf('<', at);
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    // A processing instruction or comment (docx writes none in the body) is passed over.
    if (next === QUESTION || next === BANG) {
      const end = next === QUESTION ? xml.indexOf('?>', lt + 2) : xml.indexOf('-->', lt + 2);
      if (end < 0) break;
      at = end + (next === QUESTION ? 2 : 3);
      continue;
    }
    const end = tagEnd(xml, lt);
    if (end < 0) break;
    at = end;
    if (next === SLASH) {
      if (depth === 0) {
        const name = xml.slice(lt + 2, end - 1).trim();
        if (name !== 'w:body') throw new Error(`Unbalanced XML: </${name}> closes <w:body>`);
        return { head, blocks, tail: xml.slice(lt) };
      }
      depth--;
      if (depth === 0) blocks.push(block(xml.slice(start, end)));
      continue;
    }
    if (xml.charCodeAt(end - 2) === SLASH) {
      if (depth === 0) blocks.push(block(xml.slice(lt, end)));
      continue;
    }
    if (depth === 0) start = lt;
    depth++;
  }
  throw new Error('Unbalanced XML: <w:body> is never closed');
}
