/**
 * The bookmarks (outline) of a PDF written by LibreOffice: each item's title and depth, read from the file's
 * objects. LibreOffice writes outline items as plain objects (not in object streams) with the title as a
 * UTF-16 hex string or a literal string.
 */
import { readFileSync } from 'node:fs';

export interface Bookmark {
  readonly title: string;
  /** 1 for a top-level bookmark. */
  readonly depth: number;
}

function decodeTitle(raw: string): string {
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s+/g, '');
    const bytes = Buffer.from(hex, 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      let text = '';
      for (let index = 2; index + 1 < bytes.length; index += 2)
        text += String.fromCharCode((bytes[index]! << 8) | bytes[index + 1]!);
      return text;
    }
    return bytes.toString('latin1');
  }
  return raw.slice(1, -1).replace(/\\([()\\])/g, '$1');
}

export function pdfBookmarks(pdfPath: string): Bookmark[] {
  const source = readFileSync(pdfPath).toString('latin1');
  const items = new Map<string, { title: string; parent: string }>();
  const order: string[] = [];
  for (const match of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const [, id, body] = match as unknown as [string, string, string];
    const title = /\/Title\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))/.exec(body)?.[1];
    const parent = /\/Parent\s+(\d+) 0 R/.exec(body)?.[1];
    if (title === undefined || parent === undefined) continue;
    items.set(id, { title: decodeTitle(title), parent });
    order.push(id);
  }
  const depthOf = (id: string): number => {
    let depth = 0;
    for (let current = items.get(id); current && depth < 20; current = items.get(current.parent)) depth++;
    return depth;
  };
  return order.map((id) => ({ title: items.get(id)!.title, depth: depthOf(id) }));
}
