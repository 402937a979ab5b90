/**
 * Rich text as the SOA stores it. Officers write prose in a Tiptap editor bound to a Y.XmlFragment through
 * y-prosemirror, so the stored shape is y-prosemirror's: one Y.XmlElement per block node, named after the
 * ProseMirror node type, with the node's attributes as element attributes; runs of text as Y.XmlText whose
 * formatting attributes are the marks ({ bold: {} }, { link: { href } }).
 *
 * This module reads that shape into a plain, validated `RichText` tree (ProseMirror JSON restricted to what
 * the product supports) and writes such a tree back. The editor, the sample generator and the Word export
 * all go through it, so they agree on one schema. Unknown nodes degrade to their text, never to a crash.
 */
import * as Y from 'yjs';

/** Inline formatting an officer can apply. Bold is the emphasis the export guidance asks for. */
export interface RichMarks {
  readonly bold?: true;
  readonly italic?: true;
  readonly underline?: true;
  /** A web or mail link; only http(s) and mailto survive validation. */
  readonly link?: string;
}

export type RichInline =
  | { readonly type: 'text'; readonly text: string; readonly marks?: RichMarks }
  | { readonly type: 'hardBreak' };

export type RichBlock =
  | { readonly type: 'paragraph'; readonly content: readonly RichInline[] }
  | { readonly type: 'heading'; readonly level: 1 | 2 | 3; readonly content: readonly RichInline[] }
  | { readonly type: 'bulletList'; readonly items: readonly RichListItem[] }
  | { readonly type: 'orderedList'; readonly start: number; readonly items: readonly RichListItem[] }
  | { readonly type: 'blockquote'; readonly content: readonly RichBlock[] }
  | { readonly type: 'table'; readonly rows: readonly RichTableRow[] };

export interface RichListItem {
  readonly content: readonly RichBlock[];
}

export interface RichTableRow {
  readonly cells: readonly RichTableCell[];
}

export interface RichTableCell {
  /** True for a header cell (Tiptap's tableHeader node). */
  readonly header: boolean;
  readonly colspan: number;
  readonly rowspan: number;
  readonly content: readonly RichBlock[];
}

/** A whole rich-text field: a list of blocks. An empty field is an empty list. */
export type RichText = readonly RichBlock[];

// ---- nesting ----------------------------------------------------------------------------------------

/**
 * How deep rich text may nest, counting every element and text run below the field (a paragraph's text is
 * level 2; each list level adds two). Officers' deepest real text is a table in a list ten levels deep, under
 * 30; 64 leaves room for that and keeps every recursive walk (this reader, the editor's binding, Yjs's own
 * deletion) far from the stack's limit, which 6,000 nested quotes overran (issue 13). The relay refuses a
 * write that would nest deeper (server/relay/nestingLimit.ts).
 */
export const MAX_RICH_TEXT_DEPTH = 64;

/** A field nested deeper than MAX_RICH_TEXT_DEPTH: it is not read, so no walk of it can overflow the stack. */
export class RichTextTooDeepError extends Error {
  constructor(readonly depth: number) {
    super(`This text is nested more than ${MAX_RICH_TEXT_DEPTH} levels deep, so it cannot be read.`);
    this.name = 'RichTextTooDeepError';
  }
}

/**
 * How deep the fragment nests (its direct children are level 1), found without recursion. Stops counting
 * once past `stopAbove`, so an absurd depth costs no more than the first levels beyond the limit.
 */
export function richTextDepth(fragment: Y.XmlFragment, stopAbove = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const pending: [Y.XmlFragment | Y.XmlElement | Y.XmlText, number][] = [[fragment, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > stopAbove) return deepest;
    if (node instanceof Y.XmlText) continue;
    for (let child = node._start; child !== null; child = child.right) {
      if (child.deleted) continue;
      const content: unknown = child.content;
      if (
        content instanceof Y.ContentType &&
        (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText)
      )
        pending.push([content.type, depth + 1]);
    }
  }
  return deepest;
}

/**
 * Repairs a field nested deeper than MAX_RICH_TEXT_DEPTH by removing what lies below that depth, deepest
 * first, at most `levelsPerStep` levels in each transaction. Yjs deletes a nested element's content by
 * recursion, so deleting 6,000 levels at once overflows the stack (in this app, in other members' apps and
 * in the relay's rehearsal); deleting a few hundred at a time never does, and each step is an ordinary
 * deletion the relay accepts. Words below the limit are lost: no editor can write them, so they are junk.
 * `transact` runs each step (the owning document's local transaction). Returns how many steps it took.
 */
export function removeNestingBeyondLimit(
  fragment: Y.XmlFragment,
  transact: (change: () => void) => void,
  levelsPerStep = 200,
): number {
  let steps = 0;
  for (;;) {
    const depth = richTextDepth(fragment);
    if (depth <= MAX_RICH_TEXT_DEPTH) return steps;
    const cutAt = Math.max(MAX_RICH_TEXT_DEPTH, depth - levelsPerStep);
    const cut = elementsAtDepth(fragment, cutAt);
    transact(() => {
      for (const element of cut) if (element.length > 0) element.delete(0, element.length);
    });
    steps++;
  }
}

/** The elements exactly `target` levels below the fragment, found without recursion. */
function elementsAtDepth(fragment: Y.XmlFragment, target: number): Y.XmlElement[] {
  const found: Y.XmlElement[] = [];
  const pending: [Y.XmlFragment | Y.XmlElement, number][] = [[fragment, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (depth === target) {
      if (node instanceof Y.XmlElement) found.push(node);
      continue;
    }
    for (const child of node.toArray()) if (child instanceof Y.XmlElement) pending.push([child, depth + 1]);
  }
  return found;
}

// ---- reading ----------------------------------------------------------------------------------------

/**
 * Reads a fragment into a validated tree. Anything unexpected becomes plain paragraphs of its text. Throws
 * RichTextTooDeepError for a fragment nested deeper than MAX_RICH_TEXT_DEPTH; the depth is checked first,
 * without recursion, so the recursive reading below never goes deeper than that.
 */
export function readRichText(fragment: Y.XmlFragment): RichText {
  const depth = richTextDepth(fragment, MAX_RICH_TEXT_DEPTH);
  if (depth > MAX_RICH_TEXT_DEPTH) throw new RichTextTooDeepError(depth);
  return readBlocks(fragment.toArray());
}

function readBlocks(children: readonly unknown[]): RichBlock[] {
  const blocks: RichBlock[] = [];
  for (const child of children) {
    const block = readBlock(child);
    if (block) blocks.push(block);
  }
  return blocks;
}

function readBlock(node: unknown): RichBlock | null {
  if (node instanceof Y.XmlText) {
    const content = readInlineText(node);
    return content.length > 0 ? { type: 'paragraph', content } : null;
  }
  if (!(node instanceof Y.XmlElement)) return null;
  const children = node.toArray();
  switch (node.nodeName) {
    case 'paragraph':
      return { type: 'paragraph', content: readInlines(children) };
    case 'heading': {
      const level = Number(node.getAttribute('level'));
      return { type: 'heading', level: level === 1 || level === 2 ? level : 3, content: readInlines(children) };
    }
    case 'bulletList':
      return { type: 'bulletList', items: readListItems(children) };
    case 'orderedList': {
      const start = Number(node.getAttribute('start'));
      return {
        type: 'orderedList',
        start: Number.isInteger(start) && start > 0 ? start : 1,
        items: readListItems(children),
      };
    }
    case 'blockquote':
      return { type: 'blockquote', content: readBlocks(children) };
    case 'table':
      return { type: 'table', rows: readTableRows(children) };
    default: {
      // A node this version does not know (newer client, or junk): keep its words.
      const text = plainTextOfYNode(node);
      return text ? { type: 'paragraph', content: [{ type: 'text', text }] } : null;
    }
  }
}

function readListItems(children: readonly unknown[]): RichListItem[] {
  const items: RichListItem[] = [];
  for (const child of children) {
    if (child instanceof Y.XmlElement && child.nodeName === 'listItem') {
      items.push({ content: readBlocks(child.toArray()) });
    } else {
      const block = readBlock(child);
      if (block) items.push({ content: [block] });
    }
  }
  return items;
}

function readTableRows(children: readonly unknown[]): RichTableRow[] {
  const rows: RichTableRow[] = [];
  for (const child of children) {
    if (!(child instanceof Y.XmlElement) || child.nodeName !== 'tableRow') continue;
    const cells: RichTableCell[] = [];
    for (const cell of child.toArray()) {
      if (!(cell instanceof Y.XmlElement)) continue;
      if (cell.nodeName !== 'tableCell' && cell.nodeName !== 'tableHeader') continue;
      cells.push({
        header: cell.nodeName === 'tableHeader',
        colspan: positiveInt(cell.getAttribute('colspan')),
        rowspan: positiveInt(cell.getAttribute('rowspan')),
        content: readBlocks(cell.toArray()),
      });
    }
    if (cells.length > 0) rows.push({ cells });
  }
  return rows;
}

function positiveInt(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n <= 1000 ? n : 1;
}

function readInlines(children: readonly unknown[]): RichInline[] {
  const inlines: RichInline[] = [];
  for (const child of children) {
    if (child instanceof Y.XmlText) inlines.push(...readInlineText(child));
    else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') inlines.push({ type: 'hardBreak' });
    else if (child instanceof Y.XmlElement) {
      const text = plainTextOfYNode(child);
      if (text) inlines.push({ type: 'text', text });
    }
  }
  return inlines;
}

interface DeltaOp {
  insert?: unknown;
  attributes?: Record<string, unknown>;
}

function readInlineText(text: Y.XmlText): RichInline[] {
  const inlines: RichInline[] = [];
  for (const op of text.toDelta() as DeltaOp[]) {
    if (typeof op.insert !== 'string' || op.insert.length === 0) continue;
    const marks = readMarks(op.attributes);
    inlines.push(marks ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert });
  }
  return inlines;
}

/** y-prosemirror may suffix a mark name with "--<hash>" for overlapping marks; the name is before it. */
function markName(attribute: string): string {
  return attribute.split('--')[0] ?? attribute;
}

function readMarks(attributes: Record<string, unknown> | undefined): RichMarks | undefined {
  if (!attributes) return undefined;
  const marks: { bold?: true; italic?: true; underline?: true; link?: string } = {};
  for (const [attribute, value] of Object.entries(attributes)) {
    if (value === null || value === undefined) continue;
    const name = markName(attribute);
    if (name === 'bold') marks.bold = true;
    else if (name === 'italic') marks.italic = true;
    else if (name === 'underline') marks.underline = true;
    else if (name === 'link' && typeof value === 'object') {
      const href = safeLinkHref((value as { href?: unknown }).href);
      if (href) marks.link = href;
    }
  }
  return Object.keys(marks).length > 0 ? marks : undefined;
}

/** Only web and mail links are kept; anything else (javascript:, file:, data:) is dropped. */
export function safeLinkHref(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  return /^(https?:\/\/|mailto:)/i.test(value.trim()) ? value.trim() : undefined;
}

function plainTextOfYNode(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) return node.toString().replace(/<[^>]*>/g, '');
  return node
    .toArray()
    .map((child) => (child instanceof Y.XmlElement || child instanceof Y.XmlText ? plainTextOfYNode(child) : ''))
    .join('');
}

// ---- plain text -------------------------------------------------------------------------------------
// The walks below recurse over the validated tree, which readRichText never builds deeper than
// MAX_RICH_TEXT_DEPTH, so their depth is bounded; only the Yjs structure is measured iteratively.

/** The words of a rich-text field, blocks separated by newlines: for search, completeness and tests. */
export function richTextToPlain(text: RichText): string {
  return text
    .map(blockToPlain)
    .filter((line) => line.length > 0)
    .join('\n');
}

function blockToPlain(block: RichBlock): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return inlinesToPlain(block.content);
    case 'bulletList':
    case 'orderedList':
      return block.items.map((item) => richTextToPlain(item.content)).join('\n');
    case 'blockquote':
      return richTextToPlain(block.content);
    case 'table':
      return block.rows.map((row) => row.cells.map((cell) => richTextToPlain(cell.content)).join('\t')).join('\n');
  }
}

export function inlinesToPlain(inlines: readonly RichInline[]): string {
  return inlines.map((inline) => (inline.type === 'text' ? inline.text : '\n')).join('');
}

/** True when the field has no words at all (an empty paragraph does not count as content). */
export function isRichTextEmpty(text: RichText): boolean {
  return richTextToPlain(text).trim().length === 0;
}

// ---- writing ----------------------------------------------------------------------------------------

/** Replaces the fragment's content with this tree. Call inside a transaction of the owning document. */
export function writeRichText(fragment: Y.XmlFragment, text: RichText): void {
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  fragment.insert(0, text.map(blockToY));
}

/**
 * Adds blocks before the fragment's `index`-th child (after the last when past the end), leaving the rest of
 * the text as it is (copying a paragraph from a version). Call inside a transaction of the owning document.
 */
export function insertRichBlocks(fragment: Y.XmlFragment, index: number, blocks: RichText): void {
  fragment.insert(Math.max(0, Math.min(index, fragment.length)), blocks.map(blockToY));
}

/** Each child of the fragment read as a block, null for one that reads as nothing (an empty text node). */
export function readRichBlocks(fragment: Y.XmlFragment): (RichBlock | null)[] {
  return fragment.toArray().map((child) => readBlock(child));
}

function blockToY(block: RichBlock): Y.XmlElement {
  switch (block.type) {
    case 'paragraph':
      return element('paragraph', {}, inlinesToY(block.content));
    case 'heading':
      return element('heading', { level: block.level }, inlinesToY(block.content));
    case 'bulletList':
      return element('bulletList', {}, block.items.map(listItemToY));
    case 'orderedList':
      return element('orderedList', { start: block.start }, block.items.map(listItemToY));
    case 'blockquote':
      return element('blockquote', {}, block.content.map(blockToY));
    case 'table':
      return element(
        'table',
        {},
        block.rows.map((row) =>
          element(
            'tableRow',
            {},
            row.cells.map((cell) =>
              element(
                cell.header ? 'tableHeader' : 'tableCell',
                { colspan: cell.colspan, rowspan: cell.rowspan },
                // A table cell must hold at least one block for ProseMirror's schema.
                (cell.content.length > 0 ? cell.content : [paragraph('')]).map(blockToY),
              ),
            ),
          ),
        ),
      );
  }
}

function listItemToY(item: RichListItem): Y.XmlElement {
  return element('listItem', {}, (item.content.length > 0 ? item.content : [paragraph('')]).map(blockToY));
}

function element(
  name: string,
  attributes: Record<string, string | number>,
  children: (Y.XmlElement | Y.XmlText)[],
): Y.XmlElement {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    // y-prosemirror stores attribute values as they are in ProseMirror (numbers stay numbers).
    (node as unknown as Y.XmlElement<Record<string, string | number>>).setAttribute(key, value);
  }
  if (children.length > 0) node.insert(0, children);
  return node;
}

function inlinesToY(inlines: readonly RichInline[]): (Y.XmlElement | Y.XmlText)[] {
  const nodes: (Y.XmlElement | Y.XmlText)[] = [];
  let run: Y.XmlText | null = null;
  // A new Y type cannot be read (not even its length) before it joins a document, so count here.
  let runLength = 0;
  for (const inline of inlines) {
    if (inline.type === 'hardBreak') {
      nodes.push(new Y.XmlElement('hardBreak'));
      run = null;
      continue;
    }
    if (inline.text.length === 0) continue;
    if (!run) {
      run = new Y.XmlText();
      runLength = 0;
      nodes.push(run);
    }
    run.insert(runLength, inline.text, marksToAttributes(inline.marks));
    runLength += inline.text.length;
  }
  return nodes;
}

/** Marks as y-prosemirror stores them: one attribute per mark, valued with the mark's attributes. */
export function marksToAttributes(marks: RichMarks | undefined): Record<string, object> {
  const attributes: Record<string, object> = {};
  if (!marks) return attributes;
  if (marks.bold) attributes.bold = {};
  if (marks.italic) attributes.italic = {};
  if (marks.underline) attributes.underline = {};
  if (marks.link)
    attributes.link = { href: marks.link, target: '_blank', rel: 'noopener noreferrer nofollow', class: null };
  return attributes;
}

// ---- building trees (generator, tests) ----------------------------------------------------------------

export function paragraph(text: string, marks?: RichMarks): RichBlock {
  return { type: 'paragraph', content: text ? [marks ? { type: 'text', text, marks } : { type: 'text', text }] : [] };
}

export function heading(level: 1 | 2 | 3, text: string): RichBlock {
  return { type: 'heading', level, content: [{ type: 'text', text }] };
}

export function bulletList(lines: readonly string[]): RichBlock {
  return { type: 'bulletList', items: lines.map((line) => ({ content: [paragraph(line)] })) };
}

export function orderedList(lines: readonly string[]): RichBlock {
  return { type: 'orderedList', start: 1, items: lines.map((line) => ({ content: [paragraph(line)] })) };
}

/** A simple table: the first row is the header row. */
export function simpleTable(header: readonly string[], rows: readonly (readonly string[])[]): RichBlock {
  const cell = (text: string, isHeader: boolean): RichTableCell => ({
    header: isHeader,
    colspan: 1,
    rowspan: 1,
    content: [paragraph(text)],
  });
  return {
    type: 'table',
    rows: [
      { cells: header.map((text) => cell(text, true)) },
      ...rows.map((row) => ({ cells: row.map((text) => cell(text, false)) })),
    ],
  };
}
