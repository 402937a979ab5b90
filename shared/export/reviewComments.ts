/**
 * The review copy: the exported .docx with the SOA's open comment threads in it as real Word comments
 * (author, date, the replies threaded under the first comment), each anchored to its passage or, for a
 * comment on a whole section (or on words since deleted, or words the document does not print), to the
 * section's heading. The submission export never calls this.
 *
 * It works on the package's parts just before they are zipped (packaging.ts), so the document builder is
 * untouched: comments.xml and commentsExtended.xml are written here, and the range marks go into
 * document.xml around the passage's words (runs are split where a passage starts or ends inside one); a
 * passage over several paragraphs is marked from its first words in the first to its last words in the last.
 */
import { strFromU8 } from 'fflate';
import type { SoaSnapshot } from '../model/assemble';
import type { CommentThread } from '../model/commentThreads';
import { NARRATIVE_TITLES } from '../model/frame';

const DOCUMENT = 'word/document.xml';
const RELATIONSHIPS = 'word/_rels/document.xml.rels';
const CONTENT_TYPES = '[Content_Types].xml';
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W14 = 'http://schemas.microsoft.com/office/word/2010/wordml';
const W15 = 'http://schemas.microsoft.com/office/word/2012/wordml';

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescapeXml = (text: string): string =>
  !text.includes('&')
    ? text
    : text
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
// Characters XML 1.0 cannot hold at all (a comment typed with a stray control character still exports).
const xmlSafe = (text: string): string => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

interface WordComment {
  readonly id: number;
  readonly author: string;
  readonly initials: string;
  readonly date: string;
  readonly paragraphs: readonly string[];
  readonly parent: number | null;
}

function initialsOf(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter((part) => /^[A-Za-z]/.test(part))
      .slice(0, 3)
      .map((part) => part[0]!.toUpperCase())
      .join('') || '?'
  );
}

function wordDate(epoch: number): string {
  return Number.isFinite(epoch) ? new Date(epoch).toISOString().replace(/\.\d{3}Z$/, 'Z') : '2000-01-01T00:00:00Z';
}

const paraId = (id: number): string => (id + 1).toString(16).toUpperCase().padStart(8, '0');

function commentsXml(comments: readonly WordComment[]): string {
  const body = comments
    .map((comment) => {
      const paragraphs = comment.paragraphs.length > 0 ? comment.paragraphs : [''];
      const xml = paragraphs
        .map((text, index) => {
          const last = index === paragraphs.length - 1;
          return `<w:p${last ? ` w14:paraId="${paraId(comment.id)}" w14:textId="77777777"` : ''}><w:r><w:t xml:space="preserve">${escapeXml(xmlSafe(text))}</w:t></w:r></w:p>`;
        })
        .join('');
      return `<w:comment w:id="${comment.id}" w:author="${escapeXml(xmlSafe(comment.author))}" w:date="${comment.date}" w:initials="${escapeXml(comment.initials)}">${xml}</w:comment>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="${W}" xmlns:w14="${W14}">${body}</w:comments>`;
}

function commentsExtendedXml(comments: readonly WordComment[]): string {
  const body = comments
    .map(
      (comment) =>
        `<w15:commentEx w15:paraId="${paraId(comment.id)}"${comment.parent === null ? '' : ` w15:paraIdParent="${paraId(comment.parent)}"`} w15:done="0"/>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w15:commentsEx xmlns:w15="${W15}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w15">${body}</w15:commentsEx>`;
}

// ---- finding where a comment goes ---------------------------------------------------------------------

interface Paragraph {
  readonly start: number;
  readonly end: number;
  readonly xml: string;
  readonly text: string;
  /** The heading's words with spaces tidied, or null for a paragraph that is not a heading. */
  readonly heading: string | null;
}

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();
const PARAGRAPH = /<w:p\b[^>]*?(?:\/>|>[\s\S]*?<\/w:p>)/g;
const TEXT = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g;

function paragraphsOf(document: string): Paragraph[] {
  const found: Paragraph[] = [];
  for (const match of document.matchAll(PARAGRAPH)) {
    const xml = match[0];
    let text = '';
    if (xml.includes('<w:t')) for (const piece of xml.matchAll(TEXT)) text += unescapeXml(piece[1]!);
    const heading = /<w:pStyle w:val="(Heading\d|Title|SoaFrontHeading)"\/>/.test(xml) ? normalise(text) : null;
    found.push({ start: match.index, end: match.index + xml.length, xml, text, heading });
  }
  return found;
}

/** The headings a section's comments can hang on, best first. */
function headingCandidates(thread: CommentThread, snapshot: SoaSnapshot): ((text: string) => boolean)[] {
  const section = thread.section;
  switch (section.kind) {
    case 'details':
      return [];
    case 'narrative': {
      const title = section.key === 'vision' ? 'Our vision and local outcomes' : NARRATIVE_TITLES[section.key];
      return [(text) => text === title];
    }
    case 'outcome': {
      const outcome = snapshot.outcomes.find((candidate) => candidate.id === section.outcomeId);
      return outcome ? [(text) => text.startsWith(`Outcome ${outcome.number}:`)] : [];
    }
    case 'partner': {
      const partner = snapshot.partners.find((candidate) => candidate.id === section.partnerId);
      return partner
        ? [
            (text) => text === `Statement of ${partner.name}`,
            (text) => text === partner.name,
            (text) => text.includes(partner.name),
          ]
        : [];
    }
  }
}

/** A point in a paragraph: a character offset, or the paragraph's very start or end (whole paragraph). */
interface Point {
  readonly index: number;
  readonly offset: number;
}
const PARAGRAPH_START = Number.NEGATIVE_INFINITY;
const PARAGRAPH_END = Number.POSITIVE_INFINITY;

/** Where a thread's range goes: around its words (over several paragraphs for a passage that spans them), or its section's heading. */
interface Place {
  readonly onWords: boolean;
  readonly start: Point;
  readonly end: Point;
}

function headingOf(thread: CommentThread, snapshot: SoaSnapshot, paragraphs: readonly Paragraph[]): number {
  for (const matches of headingCandidates(thread, snapshot)) {
    const heading = paragraphs.findIndex((paragraph) => paragraph.heading !== null && matches(paragraph.heading));
    if (heading >= 0) return heading;
  }
  return Math.max(
    0,
    paragraphs.findIndex((paragraph) => paragraph.heading !== null),
  );
}

/** Where a thread goes; `headings` remembers each section's heading, found once however many threads it has. */
function placeOf(
  thread: CommentThread,
  snapshot: SoaSnapshot,
  paragraphs: readonly Paragraph[],
  headings: Map<string, number>,
): Place {
  const sectionKey = JSON.stringify(thread.section);
  let heading = headings.get(sectionKey);
  if (heading === undefined) {
    heading = headingOf(thread, snapshot, paragraphs);
    headings.set(sectionKey, heading);
  }
  const lines =
    thread.passage && !thread.passage.onDeletedText
      ? thread.passage.text
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '')
      : [];
  if (lines.length > 0) {
    const wanted = lines[0]!;
    // The section's own text first (after its heading), then anywhere (a partner's text may be printed elsewhere).
    for (let step = 0; step < paragraphs.length; step++) {
      const index = (heading + step) % paragraphs.length;
      const text = paragraphs[index]!.text;
      if (lines.length > 1) {
        // A passage over several paragraphs: it ends this one and goes on in the next ones.
        const at = text.lastIndexOf(wanted);
        const end =
          at >= 0 && text.slice(at + wanted.length).trim() === '' ? laterLines(paragraphs, index, lines) : null;
        if (end) return { onWords: true, start: { index, offset: at }, end };
      }
      const at = text.indexOf(wanted);
      if (at >= 0) return { onWords: true, start: { index, offset: at }, end: { index, offset: at + wanted.length } };
    }
  }
  return {
    onWords: false,
    start: { index: heading, offset: PARAGRAPH_START },
    end: { index: heading, offset: PARAGRAPH_END },
  };
}

/**
 * Where a passage's later lines end: each middle line a whole paragraph, the last one the start of a
 * paragraph (empty paragraphs between them skipped); null when the document does not print them so.
 */
function laterLines(paragraphs: readonly Paragraph[], first: number, lines: readonly string[]): Point | null {
  let index = first;
  for (let line = 1; line < lines.length; line++) {
    do index++;
    while (index < paragraphs.length && paragraphs[index]!.text.trim() === '');
    const text = paragraphs[index]?.text.trim();
    if (text === undefined) return null;
    const wanted = lines[line]!;
    if (line < lines.length - 1 ? normalise(text) !== normalise(wanted) : !text.startsWith(wanted)) return null;
  }
  const text = paragraphs[index]!.text;
  return { index, offset: text.indexOf(lines[lines.length - 1]!) + lines[lines.length - 1]!.length };
}

// ---- putting the marks in -----------------------------------------------------------------------------

const SIMPLE_RUN = /^<w:r>(<w:rPr>[\s\S]*?<\/w:rPr>)?<w:t(?: xml:space="preserve")?>([^<]*)<\/w:t><\/w:r>$/;
const RUN = /<w:r>[\s\S]*?<\/w:r>/g;

/** Inserts `mark` at character `offset` of the paragraph's text, splitting a plain run when it falls inside one. */
function insertAt(paragraph: string, offset: number, mark: string, atEnd: boolean): string {
  let seen = 0;
  for (const match of paragraph.matchAll(RUN)) {
    const run = match[0];
    let length = 0;
    for (const piece of run.matchAll(TEXT)) length += unescapeXml(piece[1]!).length;
    const inside = atEnd ? offset <= seen + length : offset < seen + length;
    if (length > 0 && inside) {
      const simple = SIMPLE_RUN.exec(run);
      const local = offset - seen;
      let replacement: string;
      if (local === 0) replacement = `${mark}${run}`;
      else if (local >= length) replacement = `${run}${mark}`;
      else if (simple) {
        const properties = simple[1] ?? '';
        const text = unescapeXml(simple[2]!);
        const piece = (words: string) => `<w:r>${properties}<w:t xml:space="preserve">${escapeXml(words)}</w:t></w:r>`;
        replacement = `${piece(text.slice(0, local))}${mark}${piece(text.slice(local))}`;
      } else replacement = atEnd ? `${run}${mark}` : `${mark}${run}`;
      return paragraph.slice(0, match.index) + replacement + paragraph.slice(match.index + run.length);
    }
    seen += length;
  }
  return atEnd ? wholeEnd(paragraph, mark) : wholeStart(paragraph, mark);
}

function wholeStart(paragraph: string, mark: string): string {
  const properties = /^<w:p\b[^>]*>(<w:pPr>[\s\S]*?<\/w:pPr>)?/.exec(paragraph);
  if (!properties) return paragraph;
  return paragraph.slice(0, properties[0].length) + mark + paragraph.slice(properties[0].length);
}

function wholeEnd(paragraph: string, mark: string): string {
  if (paragraph.endsWith('/>')) return paragraph.replace(/\/>$/, `>${mark}</w:p>`);
  return paragraph.replace(/<\/w:p>$/, `${mark}</w:p>`);
}

/** One mark to put into a paragraph: the range's start or its end (with the reference run). */
interface Insertion {
  readonly offset: number;
  readonly xml: string;
  readonly atEnd: boolean;
}

function insert(paragraph: string, insertion: Insertion): string {
  if (insertion.offset === PARAGRAPH_START) return wholeStart(paragraph, insertion.xml);
  if (insertion.offset === PARAGRAPH_END) return wholeEnd(paragraph, insertion.xml);
  return insertAt(paragraph, insertion.offset, insertion.xml, insertion.atEnd);
}

function insertions(place: Place, ids: readonly number[]): { readonly index: number; readonly insertion: Insertion }[] {
  const starts = ids.map((id) => `<w:commentRangeStart w:id="${id}"/>`).join('');
  const ends = ids
    .map(
      (id) =>
        `<w:commentRangeEnd w:id="${id}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="${id}"/></w:r>`,
    )
    .join('');
  return [
    { index: place.start.index, insertion: { offset: place.start.offset, xml: starts, atEnd: false } },
    { index: place.end.index, insertion: { offset: place.end.offset, xml: ends, atEnd: true } },
  ];
}

// ---- the whole step -----------------------------------------------------------------------------------

function commentParagraphs(thread: CommentThread, place: Place): string[] {
  const lines: string[] = [];
  if (thread.passage?.onDeletedText) lines.push(`On deleted text: “${thread.anchor?.quote ?? ''}”`);
  else if (thread.passage && !place.onWords) lines.push(`On the words: “${thread.passage.text}”`);
  lines.push(...thread.body.split('\n'));
  return lines;
}

/** Adds the open threads to a package's parts (by path, before zipping) as Word comments. */
export function addReviewComments(
  parts: Map<string, string | Uint8Array>,
  snapshot: SoaSnapshot,
  threads: readonly CommentThread[],
): void {
  const open = threads.filter((thread) => thread.state === 'open');
  if (open.length === 0) return;
  const partnerName = (partnerId: string) =>
    snapshot.partners.find((partner) => partner.id === partnerId)?.name ?? 'a former partner';
  const textOf = (name: string): string => {
    const data = parts.get(name);
    return data === undefined ? '' : typeof data === 'string' ? data : strFromU8(data);
  };
  let document = textOf(DOCUMENT);
  const paragraphs = paragraphsOf(document);
  if (paragraphs.length === 0) throw new Error('The Word file has no paragraphs to attach comments to.');

  const comments: WordComment[] = [];
  const marks = new Map<number, Insertion[]>();
  const who = (author: CommentThread['author']) =>
    author.partnerId ? `${author.name} (${partnerName(author.partnerId)})` : author.name;
  const headings = new Map<string, number>();
  for (const thread of open) {
    const place = placeOf(thread, snapshot, paragraphs, headings);
    const first = comments.length;
    comments.push({
      id: first,
      author: who(thread.author),
      initials: initialsOf(thread.author.name),
      date: wordDate(thread.at),
      paragraphs: commentParagraphs(thread, place),
      parent: null,
    });
    for (const reply of thread.replies) {
      if (reply.deleted) continue;
      comments.push({
        id: comments.length,
        author: who(reply.author),
        initials: initialsOf(reply.author.name),
        date: wordDate(reply.at),
        paragraphs: reply.body.split('\n'),
        parent: first,
      });
    }
    const ids = comments.slice(first).map((comment) => comment.id);
    for (const { index, insertion } of insertions(place, ids))
      marks.set(index, [...(marks.get(index) ?? []), insertion]);
  }

  // The document is copied once, marked paragraph by marked paragraph; the marks in one paragraph go in from
  // the one furthest along (a range's end before a start at the same place), so earlier offsets stay true.
  const pieces: string[] = [];
  let copied = 0;
  for (const index of [...marks.keys()].sort((a, b) => a - b)) {
    const paragraph = paragraphs[index]!;
    let xml = paragraph.xml;
    const here = marks
      .get(index)!
      .sort((a, b) => (b.offset === a.offset ? Number(b.atEnd) - Number(a.atEnd) : b.offset > a.offset ? 1 : -1));
    for (const insertion of here) xml = insert(xml, insertion);
    pieces.push(document.slice(copied, paragraph.start), xml);
    copied = paragraph.end;
  }
  pieces.push(document.slice(copied));
  document = pieces.join('');

  parts.set(DOCUMENT, document);
  parts.set('word/comments.xml', commentsXml(comments));
  parts.set('word/commentsExtended.xml', commentsExtendedXml(comments));
  parts.set(
    CONTENT_TYPES,
    textOf(CONTENT_TYPES).replace(
      '</Types>',
      '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>' +
        '<Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/></Types>',
    ),
  );
  parts.set(
    RELATIONSHIPS,
    textOf(RELATIONSHIPS).replace(
      '</Relationships>',
      '<Relationship Id="rIdComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>' +
        '<Relationship Id="rIdCommentsExtended" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" Target="commentsExtended.xml"/></Relationships>',
    ),
  );
}
