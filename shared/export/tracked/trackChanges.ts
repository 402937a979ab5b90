/**
 * The differences between two exports of one SOA (a named version's and now's) written into now's
 * document.xml as Word tracked changes: words inserted in w:ins, words deleted in w:del (w:delText), whole
 * paragraphs with their paragraph marks, table rows inserted or deleted with the row's own mark, and table
 * cells compared paragraph by paragraph, so changed figures show in their cells. Each change carries its
 * author and date (attribution.ts). Accepting every change gives now's document, rejecting every change the
 * version's.
 *
 * Both documents come from the same builder, so unchanged blocks are written identically but for the ids
 * docx numbers per document (bookmark and relationship ids, _Toc names); blocks are matched with those
 * ignored. A paragraph holding more than plain runs (links, fields) that changed is shown as the old one
 * deleted and the new one inserted, which is exact if less fine-grained.
 */
import { diffTokens, readableDiff, type DiffOp } from '../../compare/diffTokens';
import type { Attribution, ChangeAuthor, ChangeKind, Scores } from './attribution';
import { blockKey, splitBody, type BodyBlock, type SplitDocument } from './bodyBlocks';
import {
  attribute,
  child,
  element,
  escapeAttribute,
  escapeText,
  find,
  isElement,
  textContent,
  writeXml,
  type XmlElement,
  type XmlNode,
} from './xmlTree';

const WORD_TOKEN = /[\p{L}\p{N}_'’-]+|\s+|[^\p{L}\p{N}_'’\s-]|[-'’]/gu;

/** Revision ids start high, clear of the bookmark ids the packaging numbers from 1. */
const FIRST_REVISION_ID = 100_000;

interface Token {
  readonly type: 't' | 'tab' | 'br';
  readonly text: string;
  readonly rPr: XmlElement | undefined;
  /** The original w:br or w:tab element (a page break keeps its type). */
  readonly node: XmlElement | undefined;
}

interface PlainParagraph {
  readonly tokens: Token[];
  readonly bookmarkStarts: XmlElement[];
  readonly bookmarkEnds: XmlElement[];
}

/**
 * Each block as written without its per-document ids, worked out once per block: a kept version's blocks
 * (versionDocuments.ts) keep theirs from one export to the next. Blocks are never changed once parsed.
 */
const blockKeys = new WeakMap<XmlElement, string>();

/**
 * Paragraph differences worked out by an earlier process (the relay keeps them with the version's document),
 * and those this export used, to keep for the next. Keyed by the two paragraphs as written, so a pair found
 * here is always the same pair.
 */
export interface ParagraphDiffs {
  readonly known: ReadonlyMap<string, readonly DiffOp[]>;
  readonly used: Map<string, readonly DiffOp[]>;
}

class Tracker {
  private nextId = FIRST_REVISION_ID;

  constructor(
    private readonly attribution: Attribution,
    readonly diffs?: ParagraphDiffs,
  ) {}

  mark(kind: ChangeKind, author: ChangeAuthor): string {
    return ` w:id="${this.nextId++}" w:author="${escapeAttribute(author.name)}" w:date="${author.date}"`;
  }

  author(kind: ChangeKind, text: string): ChangeAuthor {
    return this.attribution.author(kind, text) ?? this.attribution.fallback;
  }

  /** Each text's own scores once per export (a paragraph's changes are scored for the author, then alone). */
  private readonly scores = { inserted: new Map<string, Scores>(), deleted: new Map<string, Scores>() };

  score(kind: ChangeKind, text: string, into?: Scores): Scores {
    // Added into other scores word by word as the attribution does, so sums round the same way.
    if (into) return this.attribution.score(kind, text, into);
    let scores = this.scores[kind].get(text);
    if (!scores) this.scores[kind].set(text, (scores = this.attribution.score(kind, text)));
    return scores;
  }

  best(scores: Scores): ChangeAuthor | null {
    return this.attribution.best(scores);
  }

  /** The member whose words these are, or null when none matches. */
  attributed(kind: ChangeKind, text: string): ChangeAuthor | null {
    return this.attribution.best(this.score(kind, text));
  }

  get fallback(): ChangeAuthor {
    return this.attribution.fallback;
  }

  /** A body block parsed, its key known already (so it is not written out again to find it). */
  element(block: BodyBlock): XmlElement {
    const node = block.element();
    if (!blockKeys.has(node)) blockKeys.set(node, block.key);
    return node;
  }

  /** The block as written, without the ids docx numbers per document. */
  key(node: XmlElement): string {
    let key = blockKeys.get(node);
    if (key === undefined) {
      key = blockKey(writeXml([node]));
      blockKeys.set(node, key);
    }
    return key;
  }
}

const elementsOnly = (node: XmlNode): node is XmlElement => node.kind === 'element';

const revisionTag = (kind: ChangeKind): string => (kind === 'inserted' ? 'w:ins' : 'w:del');

/** The blocks' text, for attributing a whole block. */
function blockText(node: XmlElement): string {
  return textContent(collect(node, 'w:t'));
}

function collect(node: XmlElement, name: string, into: XmlElement[] = []): XmlElement[] {
  for (const item of node.children) {
    if (!isElement(item)) continue;
    if (item.name === name) into.push(item);
    else collect(item, name, into);
  }
  return into;
}

// ---- whole blocks marked inserted or deleted ----------------------------------------------------------

/** A run as deleted text: w:t becomes w:delText, w:instrText becomes w:delInstrText. */
function asDeletedRun(run: XmlElement): XmlElement {
  return element(
    'w:r',
    run.attributes,
    run.children.map((node) => {
      if (node.kind !== 'element') return node;
      if (node.name === 'w:t') return element('w:delText', node.attributes, node.children);
      if (node.name === 'w:instrText') return element('w:delInstrText', node.attributes, node.children);
      return node;
    }),
  );
}

function markInline(nodes: readonly XmlNode[], kind: ChangeKind, attributes: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (node.name === 'w:pPr') out.push(node);
    else if (node.name === 'w:r')
      out.push(element(revisionTag(kind), attributes, [kind === 'deleted' ? asDeletedRun(node) : node]));
    else if (node.name === 'w:hyperlink') {
      // A deleted link keeps its words, not its target (the relationship is the version's, not in this file).
      if (kind === 'deleted') out.push(...markInline(node.children, kind, attributes));
      else out.push(element(node.name, node.attributes, markInline(node.children, kind, attributes)));
    } else if (kind === 'deleted' && (node.name === 'w:bookmarkStart' || node.name === 'w:bookmarkEnd')) continue;
    else out.push(node);
  }
  return out;
}

/** Marks a paragraph's mark (its pilcrow) inserted or deleted, so rejecting or accepting removes the paragraph too. */
function markParagraphMark(paragraph: XmlElement, mark: XmlElement): XmlElement[] {
  const children = paragraph.children.filter((node): node is XmlElement => isElement(node));
  let pPr = children.find((node) => node.name === 'w:pPr');
  const rest = children.filter((node) => node !== pPr);
  pPr = pPr ? element('w:pPr', pPr.attributes, [...pPr.children]) : element('w:pPr');
  const rPr = child(pPr, 'w:rPr');
  if (rPr) {
    pPr.children = pPr.children.map((node) =>
      node === rPr ? element('w:rPr', rPr.attributes, [mark, ...rPr.children]) : node,
    );
  } else {
    const before = pPr.children.findIndex(
      (node) => isElement(node) && (node.name === 'w:sectPr' || node.name === 'w:pPrChange'),
    );
    const at = before < 0 ? pPr.children.length : before;
    pPr.children = [...pPr.children.slice(0, at), element('w:rPr', '', [mark]), ...pPr.children.slice(at)];
  }
  return [pPr, ...rest];
}

function markParagraph(paragraph: XmlElement, kind: ChangeKind, tracker: Tracker, author?: ChangeAuthor): XmlElement {
  const who = author ?? tracker.author(kind, blockText(paragraph));
  const runs = markInline(paragraph.children, kind, tracker.mark(kind, who));
  const withMark = element(paragraph.name, paragraph.attributes, runs);
  return element(
    paragraph.name,
    paragraph.attributes,
    markParagraphMark(withMark, element(revisionTag(kind), tracker.mark(kind, who))),
  );
}

function markRow(row: XmlElement, kind: ChangeKind, tracker: Tracker): XmlElement {
  const author = tracker.author(kind, blockText(row));
  const children = row.children.filter((node): node is XmlElement => isElement(node));
  const trPr = children.find((node) => node.name === 'w:trPr');
  const rowMark = element(revisionTag(kind), tracker.mark(kind, author));
  const newTrPr = trPr
    ? element('w:trPr', trPr.attributes, [...trPr.children, rowMark])
    : element('w:trPr', '', [rowMark]);
  const out: XmlElement[] = [];
  if (!trPr) {
    // w:trPr comes after w:tblPrEx, before the cells.
    const prEx = children.find((node) => node.name === 'w:tblPrEx');
    if (prEx) out.push(prEx);
    out.push(newTrPr);
  }
  for (const node of children) {
    if (node === trPr) out.push(newTrPr);
    else if (node.name === 'w:tc')
      out.push(
        element(
          'w:tc',
          node.attributes,
          node.children.filter(elementsOnly).map((block) => markBlock(block, kind, tracker, author)),
        ),
      );
    else if (trPr || node.name !== 'w:tblPrEx') out.push(node);
  }
  return element('w:tr', row.attributes, out);
}

function markBlock(block: XmlElement, kind: ChangeKind, tracker: Tracker, author?: ChangeAuthor): XmlElement {
  if (block.name === 'w:p') return markParagraph(block, kind, tracker, author);
  if (block.name === 'w:tbl')
    return element(
      'w:tbl',
      block.attributes,
      block.children.filter(elementsOnly).map((node) => (node.name === 'w:tr' ? markRow(node, kind, tracker) : node)),
    );
  return block;
}

// ---- paragraphs compared word by word ------------------------------------------------------------------

/** A paragraph of plain runs (text, tabs, breaks), or null when it holds anything else (links, fields). */
function plainParagraph(paragraph: XmlElement): PlainParagraph | null {
  const tokens: Token[] = [];
  const bookmarkStarts: XmlElement[] = [];
  const bookmarkEnds: XmlElement[] = [];
  for (const node of paragraph.children) {
    if (!isElement(node)) continue;
    if (node.name === 'w:pPr') continue;
    if (node.name === 'w:bookmarkStart') bookmarkStarts.push(node);
    else if (node.name === 'w:bookmarkEnd') bookmarkEnds.push(node);
    else if (node.name === 'w:r') {
      const rPr = child(node, 'w:rPr');
      for (const part of node.children) {
        if (!isElement(part) || part.name === 'w:rPr' || part.name === 'w:lastRenderedPageBreak') continue;
        if (part.name === 'w:t') {
          for (const word of textContent(part.children).match(WORD_TOKEN) ?? [])
            tokens.push({ type: 't', text: word, rPr, node: undefined });
        } else if (part.name === 'w:tab') tokens.push({ type: 'tab', text: '\t', rPr, node: part });
        else if (part.name === 'w:br')
          tokens.push({ type: 'br', text: `\n${attribute(part, 'w:type') ?? ''}`, rPr, node: part });
        else return null;
      }
    } else return null;
  }
  return { tokens, bookmarkStarts, bookmarkEnds };
}

const formattingKeys = new WeakMap<XmlElement, string>();

function formattingKey(rPr: XmlElement): string {
  let key = formattingKeys.get(rPr);
  if (key === undefined) formattingKeys.set(rPr, (key = writeXml([rPr])));
  return key;
}

/** Runs for tokens of one state: neighbours with the same formatting share a run. */
function runsOf(tokens: readonly Token[], deleted: boolean): XmlElement[] {
  const runs: XmlElement[] = [];
  let current: { rPr: XmlElement | undefined; key: string; parts: XmlElement[]; text: string } | null = null;
  const flushText = (): void => {
    if (current && current.text) {
      current.parts.push(
        element(deleted ? 'w:delText' : 'w:t', ' xml:space="preserve"', [
          { kind: 'text', raw: escapeText(current.text) },
        ]),
      );
      current.text = '';
    }
  };
  const flush = (): void => {
    flushText();
    if (current && current.parts.length > 0)
      runs.push(element('w:r', '', [...(current.rPr ? [current.rPr] : []), ...current.parts]));
    current = null;
  };
  for (const token of tokens) {
    // Tokens of one run share its formatting element, written out once.
    const open = current as { rPr: XmlElement | undefined; key: string } | null;
    const key = open && open.rPr === token.rPr ? open.key : token.rPr ? formattingKey(token.rPr) : '';
    if (!current || current.key !== key) {
      flush();
      current = { rPr: token.rPr, key, parts: [], text: '' };
    }
    if (token.type === 't') current.text += token.text;
    else {
      flushText();
      current.parts.push(token.node ?? element(token.type === 'tab' ? 'w:tab' : 'w:br'));
    }
  }
  flush();
  return runs;
}

/**
 * The word differences of paragraph pairs already compared, by the two paragraphs as written: a long
 * paragraph typed into all year costs a long diff, and the next export of the changes since the same
 * version (a version never changes) finds most of its pairs the same.
 */
const pairDiffs = new Map<string, readonly DiffOp[]>();
const KEPT_PAIR_DIFFS = 2000;

function paragraphDiff(
  versionKey: string,
  nowKey: string,
  before: PlainParagraph,
  after: PlainParagraph,
  diffs: ParagraphDiffs | undefined,
): readonly DiffOp[] {
  const pair = `${versionKey}\u0000${nowKey}`;
  const ops = pairDiffs.get(pair) ?? diffs?.known.get(pair) ?? computeDiff(before, after);
  diffs?.used.set(pair, ops);
  pairDiffs.set(pair, ops);
  for (const oldest of pairDiffs.keys()) {
    if (pairDiffs.size <= KEPT_PAIR_DIFFS) break;
    pairDiffs.delete(oldest);
  }
  return ops;
}

function computeDiff(before: PlainParagraph, after: PlainParagraph): readonly DiffOp[] {
  const keyOf = (token: Token): string => `${token.type}:${token.text}`;
  return readableDiff(
    diffTokens(before.tokens.map(keyOf), after.tokens.map(keyOf)),
    before.tokens.map((token) => token.text),
  );
}

/** Forgets the kept paragraph differences (the benchmark measures a first export with this). */
export function forgetParagraphDiffs(): void {
  pairDiffs.clear();
}

function diffParagraph(version: XmlElement, now: XmlElement, tracker: Tracker): XmlElement[] {
  const before = plainParagraph(version);
  const after = plainParagraph(now);
  if (!before || !after) return [markParagraph(version, 'deleted', tracker), markParagraph(now, 'inserted', tracker)];
  const ops = paragraphDiff(tracker.key(version), tracker.key(now), before, after, tracker.diffs);
  const out: XmlNode[] = [];
  const pPr = child(now, 'w:pPr');
  if (pPr) out.push(pPr);
  out.push(...after.bookmarkStarts);
  let i = 0;
  let j = 0;
  let pending: { kind: ChangeKind; tokens: Token[] } | null = null;
  // Changes are given their authors once the paragraph is done: a stretch no member's words match (a figure
  // as the export formats it) takes the author of another change in the same paragraph.
  const changes: { kind: ChangeKind; tokens: Token[]; text: string; author: ChangeAuthor | null; at: number }[] = [];
  const flushChange = (): void => {
    if (!pending) return;
    const text = pending.tokens.map((token) => token.text).join('');
    changes.push({ ...pending, text, author: tracker.attributed(pending.kind, text), at: out.length });
    out.push(element('w:placeholder'));
    pending = null;
  };
  const same: Token[] = [];
  const flushSame = (): void => {
    if (same.length > 0) out.push(...runsOf(same.splice(0), false));
  };
  for (const op of ops) {
    if (op.kind === 'equal') {
      flushChange();
      same.push(...after.tokens.slice(j, j + op.count));
      i += op.count;
      j += op.count;
      continue;
    }
    flushSame();
    const kind: ChangeKind = op.kind === 'insert' ? 'inserted' : 'deleted';
    if (pending && (pending as { kind: ChangeKind }).kind !== kind) flushChange();
    pending ??= { kind, tokens: [] };
    if (op.kind === 'insert') {
      pending.tokens.push(...after.tokens.slice(j, j + op.count));
      j += op.count;
    } else {
      pending.tokens.push(...before.tokens.slice(i, i + op.count));
      i += op.count;
    }
  }
  flushChange();
  flushSame();
  // One author for the paragraph, from all its changed words together (a paragraph is one member's section,
  // and a lone word such as "after" matches anyone's edits); a change whose own words clearly name another
  // member (three or more of them) keeps that member.
  const together: Scores = new Map();
  for (const change of changes) tracker.score(change.kind, change.text, together);
  const paragraphAuthor = tracker.best(together);
  for (const change of changes) {
    const own = tracker.score(change.kind, change.text);
    const ownBest = [...own.values()].reduce((most, score) => Math.max(most, score.words), 0);
    const author = (ownBest >= 3 ? change.author : null) ?? paragraphAuthor ?? tracker.fallback;
    out[change.at] = element(
      revisionTag(change.kind),
      tracker.mark(change.kind, author),
      runsOf(change.tokens, change.kind === 'deleted'),
    );
  }
  out.push(...after.bookmarkEnds);
  return [element('w:p', now.attributes, out)];
}

// ---- tables, row by row and cell by cell ------------------------------------------------------------------

const cellsOf = (row: XmlElement): XmlElement[] =>
  row.children.filter((node): node is XmlElement => isElement(node, 'w:tc'));

function diffRow(version: XmlElement, now: XmlElement, tracker: Tracker): XmlElement {
  const versionCells = cellsOf(version);
  let cell = 0;
  const children = now.children.filter(elementsOnly).map((node) => {
    if (node.name !== 'w:tc') return node;
    const old = versionCells[cell++];
    if (!old) return node;
    const properties = node.children.filter((part): part is XmlElement => isElement(part, 'w:tcPr'));
    const blocks = (of: XmlElement) =>
      of.children.filter((part): part is XmlElement => isElement(part) && part.name !== 'w:tcPr');
    return element('w:tc', node.attributes, [...properties, ...diffBlocks(blocks(old), blocks(node), tracker)]);
  });
  return element('w:tr', now.attributes, children);
}

function diffTable(version: XmlElement, now: XmlElement, tracker: Tracker): XmlElement {
  const rows = (of: XmlElement) => of.children.filter((node): node is XmlElement => isElement(node, 'w:tr'));
  const settings = now.children.filter((node): node is XmlElement => isElement(node) && node.name !== 'w:tr');
  const merged = diffSequence(rows(version), rows(now), {
    key: (row) => tracker.key(row),
    signature: (row) => `cells:${cellsOf(row).length}`,
    keep: (row) => row,
    pair: (old, row) => [diffRow(old, row, tracker)],
    mark: (row, kind) => markRow(row, kind, tracker),
  });
  return element('w:tbl', now.attributes, [...settings, ...merged]);
}

// ---- block sequences ---------------------------------------------------------------------------------------

function signature(block: XmlElement): string {
  if (block.name === 'w:p') return `p:${attribute(find(block.children, 'w:pStyle') ?? element('x'), 'w:val') ?? ''}`;
  if (block.name === 'w:tbl') return `tbl:${collect(child(block, 'w:tblGrid') ?? element('x'), 'w:gridCol').length}`;
  return block.name;
}

/** How a sequence's items are compared and written (elements inside a block; the body's blocks as written). */
interface SequenceItems<T, Out> {
  key(item: T): string;
  signature(item: T): string;
  /** An unchanged item, as now has it. */
  keep(item: T): Out;
  /** Two items of the same signature compared inside. */
  pair(old: T, item: T): Out[];
  /** An item marked deleted or inserted; null to leave it out. */
  mark(item: T, kind: ChangeKind): Out | null;
}

/**
 * Two sequences merged: equal items (ignoring per-document ids) are now's; where they differ, items of the
 * same signature are paired and compared inside (`pair`), the rest marked deleted or inserted (`mark`).
 */
function diffSequence<T, Out>(version: readonly T[], now: readonly T[], items: SequenceItems<T, Out>): Out[] {
  const ops = diffTokens(
    version.map((item) => items.key(item)),
    now.map((item) => items.key(item)),
  );
  const out: Out[] = [];
  let i = 0;
  let j = 0;
  let removed: T[] = [];
  let added: T[] = [];
  const flush = (): void => {
    if (removed.length === 0 && added.length === 0) return;
    const inner = diffTokens(
      removed.map((item) => items.signature(item)),
      added.map((item) => items.signature(item)),
    );
    let a = 0;
    let b = 0;
    for (const op of inner) {
      for (let n = 0; n < op.count; n++) {
        if (op.kind === 'equal') out.push(...items.pair(removed[a++] as T, added[b++] as T));
        else if (op.kind === 'delete') {
          const marked = items.mark(removed[a++] as T, 'deleted');
          if (marked !== null) out.push(marked);
        } else {
          const marked = items.mark(added[b++] as T, 'inserted');
          if (marked !== null) out.push(marked);
        }
      }
    }
    removed = [];
    added = [];
  };
  for (const op of ops) {
    if (op.kind === 'equal') {
      flush();
      for (const item of now.slice(j, j + op.count)) out.push(items.keep(item));
      i += op.count;
      j += op.count;
    } else if (op.kind === 'delete') {
      removed.push(...version.slice(i, i + op.count));
      i += op.count;
    } else {
      added.push(...now.slice(j, j + op.count));
      j += op.count;
    }
  }
  flush();
  return out;
}

function pairBlocks(old: XmlElement, node: XmlElement, tracker: Tracker): XmlElement[] {
  if (old.name === 'w:p' && node.name === 'w:p') return diffParagraph(old, node, tracker);
  if (old.name === 'w:tbl' && node.name === 'w:tbl') return [diffTable(old, node, tracker)];
  // The contents control, the section properties: what the export writes now.
  return [node];
}

function markAnyBlock(node: XmlElement, kind: ChangeKind, tracker: Tracker): XmlElement | null {
  if (node.name === 'w:p' || node.name === 'w:tbl') return markBlock(node, kind, tracker);
  return kind === 'inserted' ? node : null;
}

function diffBlocks(version: readonly XmlElement[], now: readonly XmlElement[], tracker: Tracker): XmlElement[] {
  return diffSequence(version, now, {
    key: (node) => tracker.key(node),
    signature,
    keep: (node) => node,
    pair: (old, node) => pairBlocks(old, node, tracker),
    mark: (node, kind) => markAnyBlock(node, kind, tracker),
  });
}

/** The body's blocks: those the same in both are written as now has them, without being parsed. */
function diffBody(version: readonly BodyBlock[], now: readonly BodyBlock[], tracker: Tracker): string[] {
  return diffSequence(version, now, {
    key: (block) => block.key,
    signature: (block) => signature(block.element()),
    keep: (block) => block.raw,
    pair: (old, block) => [writeXml(pairBlocks(tracker.element(old), tracker.element(block), tracker))],
    mark: (block, kind) => {
      const marked = markAnyBlock(block.element(), kind, tracker);
      return marked ? writeXml([marked]) : null;
    },
  });
}

/**
 * now's document.xml with every difference from the version's as a tracked change. The version's may be
 * given already cut into blocks (it is only read, never changed). `diffs`: paragraph differences kept by an
 * earlier process, and where to note those this one used.
 */
export function trackChanges(
  versionXml: string | SplitDocument,
  nowXml: string,
  attribution: Attribution,
  diffs?: ParagraphDiffs,
): string {
  const version = typeof versionXml === 'string' ? splitBody(versionXml) : versionXml;
  const now = splitBody(nowXml);
  const tracker = new Tracker(attribution, diffs);
  return now.head + diffBody(version.blocks, now.blocks, tracker).join('') + now.tail;
}
