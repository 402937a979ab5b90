/**
 * Review comments as stored: each member's own room (soa/<soaId>/comments/<memberId>, see rooms.ts) holds
 * that member's records in one map, `records`, keyed by record id. A record is a plain value, written whole:
 *
 *   thread      starts a discussion on a section, or on a passage of rich text (anchor)
 *   reply       answers a thread (in anyone's room); may reopen it
 *   resolution  marks a thread resolved; counts only if its writer may resolve that thread (commentThreads.ts)
 *
 * Replies and resolutions point at a thread by its key, "<author member id>/<thread id>", so nobody needs to
 * write anyone else's room. Only the room's member writes it (the relay enforces that), so the author of a
 * record is the room's member, never a name inside the record. Reading is forgiving: a record that does not
 * have the documented shape is skipped, never a crash.
 */
import * as Y from 'yjs';
import { isWellFormedId, newId, type MemberId, type OutcomeId, type PartnerId } from './ids';
import { NARRATIVE_KEYS, type NarrativeKey } from './frame';
import { TextTooLongError } from './limits';

export const COMMENT_RECORDS_ROOT = 'records';
/** A comment is a few paragraphs at most; this also bounds what one record costs every reader. */
export const MAX_COMMENT_LENGTH = 10_000;
/** The words a passage comment keeps from its passage, for when the passage is later deleted. */
export const MAX_QUOTE_LENGTH = 1_000;
const MAX_MENTIONS = 100;

/** The part of the SOA a thread is about: one page of the outline. */
export type CommentSection =
  | { readonly kind: 'details' }
  | { readonly kind: 'narrative'; readonly key: NarrativeKey }
  | { readonly kind: 'outcome'; readonly outcomeId: OutcomeId }
  | { readonly kind: 'partner'; readonly partnerId: PartnerId };

/**
 * A rich-text field a passage lies in: in the frame (partnerId null) "narrative.<key>",
 * "outcome.<id>.tenYear" or "outcome.<id>.evidence"; in a partner's room "statement", "gapNotes" or
 * "contribution.<outcomeId>".
 */
export interface CommentField {
  readonly partnerId: PartnerId | null;
  readonly path: string;
}

/** A passage: Yjs relative positions (base64) of its first and last characters, and its words when commented. */
export interface CommentAnchor {
  readonly field: CommentField;
  readonly start: string;
  readonly end: string;
  readonly quote: string;
}

interface RecordBase {
  readonly id: string;
  /** When it was written, by the writer's clock (ms since 1970). */
  readonly at: number;
  readonly editedAt: number | null;
  /** A deleted comment keeps its place in the thread (replies still make sense) but not its words. */
  readonly deleted: boolean;
}

export interface ThreadRecord extends RecordBase {
  readonly kind: 'thread';
  readonly section: CommentSection;
  readonly anchor: CommentAnchor | null;
  readonly body: string;
  readonly mentions: readonly PartnerId[];
}

export interface ReplyRecord extends RecordBase {
  readonly kind: 'reply';
  readonly thread: string;
  readonly body: string;
  readonly mentions: readonly PartnerId[];
  /** True when the reply reopened a resolved thread (anyone may). */
  readonly reopens: boolean;
}

export interface ResolutionRecord extends RecordBase {
  readonly kind: 'resolution';
  readonly thread: string;
}

export type CommentRecord = ThreadRecord | ReplyRecord | ResolutionRecord;

export function threadKey(author: MemberId, threadId: string): string {
  return `${author}/${threadId}`;
}

// ---- reading ----------------------------------------------------------------------------------------------

const FRAME_FIELD = new RegExp(
  `^(narrative\\.(${NARRATIVE_KEYS.join('|')})|outcome\\.[A-Za-z0-9_-]{1,64}\\.(tenYear|evidence))$`,
);
const PARTNER_FIELD = /^(statement|gapNotes|contribution\.[A-Za-z0-9_-]{1,64})$/;
const THREAD_KEY = /^[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/=]{1,400}$/;

type Loose = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isBody = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_COMMENT_LENGTH;

export function isCommentField(value: unknown): value is CommentField {
  if (!isObject(value) || typeof value.path !== 'string') return false;
  if (value.partnerId === null) return FRAME_FIELD.test(value.path);
  return isWellFormedId(value.partnerId) && PARTNER_FIELD.test(value.path);
}

export function readCommentSection(value: unknown): CommentSection | null {
  if (!isObject(value)) return null;
  switch (value.kind) {
    case 'details':
      return { kind: 'details' };
    case 'narrative':
      return (NARRATIVE_KEYS as readonly unknown[]).includes(value.key)
        ? { kind: 'narrative', key: value.key as NarrativeKey }
        : null;
    case 'outcome':
      return isWellFormedId(value.outcomeId) ? { kind: 'outcome', outcomeId: value.outcomeId as OutcomeId } : null;
    case 'partner':
      return isWellFormedId(value.partnerId) ? { kind: 'partner', partnerId: value.partnerId as PartnerId } : null;
    default:
      return null;
  }
}

function readAnchor(value: unknown): CommentAnchor | null {
  if (!isObject(value) || !isCommentField(value.field)) return null;
  if (
    typeof value.start !== 'string' ||
    !BASE64.test(value.start) ||
    typeof value.end !== 'string' ||
    !BASE64.test(value.end)
  )
    return null;
  if (typeof value.quote !== 'string' || value.quote.length > MAX_QUOTE_LENGTH) return null;
  return {
    field: { partnerId: value.field.partnerId as PartnerId | null, path: value.field.path as string },
    start: value.start,
    end: value.end,
    quote: value.quote,
  };
}

function readMentions(value: unknown): PartnerId[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter(isWellFormedId))].slice(0, MAX_MENTIONS) as PartnerId[];
}

/** One stored value as a record, or null when it is not one (a faulty or older client wrote it). */
export function readCommentRecord(id: string, value: unknown): CommentRecord | null {
  if (!isWellFormedId(id) || !isObject(value) || !isTime(value.at)) return null;
  const base = {
    id,
    at: value.at,
    editedAt: isTime(value.editedAt) ? value.editedAt : null,
    deleted: value.deleted === true,
  };
  if (value.kind === 'thread') {
    const section = readCommentSection(value.section);
    if (!section || !isBody(value.body)) return null;
    const anchor = value.anchor === null || value.anchor === undefined ? null : readAnchor(value.anchor);
    if (anchor === null && value.anchor !== null && value.anchor !== undefined) return null;
    return {
      ...base,
      kind: 'thread',
      section,
      anchor,
      body: base.deleted ? '' : value.body,
      mentions: readMentions(value.mentions),
    };
  }
  if (typeof value.thread !== 'string' || !THREAD_KEY.test(value.thread)) return null;
  if (value.kind === 'reply') {
    if (!isBody(value.body)) return null;
    return {
      ...base,
      kind: 'reply',
      thread: value.thread,
      body: base.deleted ? '' : value.body,
      mentions: readMentions(value.mentions),
      reopens: value.reopens === true,
    };
  }
  if (value.kind === 'resolution') return { ...base, kind: 'resolution', thread: value.thread };
  return null;
}

/** Every well-formed record of one member's comment room. */
export function readCommentRecords(doc: Y.Doc): CommentRecord[] {
  const records: CommentRecord[] = [];
  for (const [id, value] of doc.getMap<unknown>(COMMENT_RECORDS_ROOT).entries()) {
    const record = readCommentRecord(id, value);
    if (record) records.push(record);
  }
  return records;
}

// ---- writing ----------------------------------------------------------------------------------------------

function checkBody(body: string): string {
  if (body.length > MAX_COMMENT_LENGTH) throw new TextTooLongError('The comment', body.length, MAX_COMMENT_LENGTH);
  if (body.trim() === '') throw new EmptyCommentError();
  return body;
}

export class EmptyCommentError extends Error {
  constructor() {
    super('The comment is empty; write something first. Nothing was saved.');
    this.name = 'EmptyCommentError';
  }
}

/** Writes one member's comment room. Only the member's own app uses it: the relay refuses anyone else. */
export class CommentsDocument {
  constructor(
    readonly doc: Y.Doc,
    private readonly now: () => number = Date.now,
  ) {}

  private get records(): Y.Map<unknown> {
    return this.doc.getMap<unknown>(COMMENT_RECORDS_ROOT);
  }

  private own(id: string): CommentRecord | null {
    return readCommentRecord(id, this.records.get(id));
  }

  /** Starts a thread; returns its id (the thread's key is threadKey(this member, id)). */
  startThread(input: {
    readonly section: CommentSection;
    readonly anchor?: CommentAnchor | null;
    readonly body: string;
    readonly mentions?: readonly PartnerId[];
  }): string {
    const id = newId<string>();
    const anchor = input.anchor ? { ...input.anchor, quote: input.anchor.quote.slice(0, MAX_QUOTE_LENGTH) } : null;
    this.records.set(id, {
      kind: 'thread',
      at: this.now(),
      section: input.section,
      anchor,
      body: checkBody(input.body),
      mentions: [...(input.mentions ?? [])],
    });
    return id;
  }

  reply(
    thread: string,
    body: string,
    options: { readonly mentions?: readonly PartnerId[]; readonly reopens?: boolean } = {},
  ): string {
    if (!THREAD_KEY.test(thread)) throw new Error(`Not a thread: ${thread.slice(0, 80)}`);
    const id = newId<string>();
    this.records.set(id, {
      kind: 'reply',
      at: this.now(),
      thread,
      body: checkBody(body),
      mentions: [...(options.mentions ?? [])],
      reopens: options.reopens === true,
    });
    return id;
  }

  /** Records a resolution; whether it counts is decided by readers (only the section's owner or the author). */
  resolve(thread: string): string {
    if (!THREAD_KEY.test(thread)) throw new Error(`Not a thread: ${thread.slice(0, 80)}`);
    const id = newId<string>();
    this.records.set(id, { kind: 'resolution', at: this.now(), thread });
    return id;
  }

  /** Changes the words of one of this member's own threads or replies. */
  edit(id: string, body: string, mentions?: readonly PartnerId[]): void {
    const record = this.own(id);
    if (!record || record.kind === 'resolution' || record.deleted)
      throw new Error('That comment is not yours, or was deleted.');
    const stored = this.records.get(id) as Loose;
    this.records.set(id, {
      ...stored,
      body: checkBody(body),
      mentions: [...(mentions ?? record.mentions)],
      editedAt: this.now(),
    });
  }

  /** Deletes the words of one of this member's own comments; the thread keeps its place for its replies. */
  delete(id: string): void {
    const record = this.own(id);
    if (!record || record.kind === 'resolution') throw new Error('That comment is not yours.');
    const stored = this.records.get(id) as Loose;
    this.records.set(id, { ...stored, body: '', mentions: [], deleted: true, editedAt: this.now() });
  }
}
