/**
 * The review comments of an SOA as people see them: every member's comment room read together into
 * threads with their replies and their state (open or resolved).
 *
 * Who may resolve: the section's owner (the partner whose room it is, or the coordinators for frame sections)
 * or the thread's author. A resolution in anyone else's room is ignored, as orphans are: it is not an error,
 * it just does not count. Anyone may reopen a thread with a reply. The latest counting event wins; events at
 * the same moment are ordered by record id so that every replica agrees.
 */
import type * as Y from 'yjs';
import type { MemberId, OutcomeId, PartnerId } from './ids';
import type { MemberRole, RoomOwner } from './rooms';
import { fieldFragment, resolvePassage, textRuns, type ResolvedPassage } from './commentAnchors';
import {
  readCommentRecords,
  threadKey,
  type CommentAnchor,
  type CommentRecord,
  type CommentSection,
  type ReplyRecord,
  type ThreadRecord,
} from './commentRecords';

/** A member as the relay's session names them. */
export interface CommentMember {
  readonly id: MemberId;
  readonly name: string;
  readonly partnerId: PartnerId;
  readonly role: MemberRole;
}

export interface CommentAuthor {
  readonly memberId: MemberId;
  readonly name: string;
  /** Null when the relay no longer lists the member. */
  readonly partnerId: PartnerId | null;
  readonly role: MemberRole | null;
}

export interface CommentReply {
  readonly id: string;
  readonly author: CommentAuthor;
  readonly at: number;
  readonly editedAt: number | null;
  readonly body: string;
  readonly deleted: boolean;
  readonly mentions: readonly PartnerId[];
  readonly reopens: boolean;
}

export type ThreadState = 'open' | 'resolved';

export interface CommentThread {
  /** "<author member id>/<thread id>": what replies and resolutions point at. */
  readonly key: string;
  readonly id: string;
  readonly author: CommentAuthor;
  readonly at: number;
  readonly editedAt: number | null;
  readonly body: string;
  readonly section: CommentSection;
  readonly anchor: CommentAnchor | null;
  /** Where the passage is now; null for a comment on a whole section. */
  readonly passage: { readonly text: string; readonly onDeletedText: boolean } | null;
  /** Who may resolve it besides its author. */
  readonly owner: RoomOwner;
  /** The local outcome it is about, if any (its page, an outcome's text, or a contribution to it). */
  readonly outcomeId: OutcomeId | null;
  readonly replies: readonly CommentReply[];
  readonly state: ThreadState;
  /** Who last resolved or reopened it, and when. */
  readonly stateBy: CommentAuthor | null;
  readonly stateAt: number | null;
  /** Partners mentioned anywhere in the thread. */
  readonly mentions: readonly PartnerId[];
}

/** The section's owner: the partner whose text it is, or the coordinators. */
export function threadOwner(section: CommentSection, anchor: CommentAnchor | null): RoomOwner {
  if (anchor && anchor.field.partnerId !== null) return { kind: 'partner', partnerId: anchor.field.partnerId };
  if (section.kind === 'partner') return { kind: 'partner', partnerId: section.partnerId };
  return { kind: 'coordinators' };
}

function outcomeOf(section: CommentSection, anchor: CommentAnchor | null): OutcomeId | null {
  if (section.kind === 'outcome') return section.outcomeId;
  const [kind, id] = anchor?.field.path.split('.') ?? [];
  return (kind === 'outcome' || kind === 'contribution') && id ? (id as OutcomeId) : null;
}

/** The outline's key for a section (renderer/src/routes.ts sectionKey uses the same). */
export function commentSectionKey(section: CommentSection): string {
  switch (section.kind) {
    case 'details':
      return 'details';
    case 'narrative':
      return `narrative:${section.key}`;
    case 'outcome':
      return `outcome:${section.outcomeId}`;
    case 'partner':
      return `partner:${section.partnerId}`;
  }
}

/** May this member resolve a thread with this owner and author? */
export function mayResolve(
  writer: MemberId,
  member: CommentMember | undefined,
  owner: RoomOwner,
  author: MemberId,
): boolean {
  if (writer === author) return true;
  if (!member) return false;
  if (owner.kind === 'coordinators') return member.role === 'coordinator';
  return member.role === 'partner' && member.partnerId === owner.partnerId;
}

/** Finds passages in the SOA's documents, reading each field's runs of text once. */
export function passageFinder(
  frame: Y.Doc,
  partnerDoc: (partnerId: string) => Y.Doc | null,
): (anchor: CommentAnchor) => ResolvedPassage {
  const runs = new Map<Y.XmlFragment, Y.XmlText[]>();
  return (anchor) => {
    const fragment = fieldFragment(anchor.field, frame, partnerDoc);
    if (!fragment) return { text: '', onDeletedText: true, start: null, end: null };
    let known = runs.get(fragment);
    if (!known) {
      known = textRuns(fragment);
      runs.set(fragment, known);
    }
    return resolvePassage(fragment, anchor, known);
  };
}

export interface ReadThreadsInput {
  /** Each member's comment room, by member id. */
  readonly rooms: Iterable<readonly [MemberId, Y.Doc]>;
  readonly members: readonly CommentMember[];
  /** Finds passages now; without it a passage is shown by its quote only. */
  readonly findPassage?: (anchor: CommentAnchor) => ResolvedPassage;
}

const byTime = (
  a: { readonly at: number; readonly id: string },
  b: { readonly at: number; readonly id: string },
): number => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every thread of the SOA, oldest first. A thread whose first comment was deleted is gone with its replies. */
export function readCommentThreads(input: ReadThreadsInput): CommentThread[] {
  const members = new Map(input.members.map((member) => [member.id, member]));
  const authorOf = (memberId: MemberId): CommentAuthor => {
    const member = members.get(memberId);
    return member
      ? { memberId, name: member.name, partnerId: member.partnerId, role: member.role }
      : { memberId, name: 'A former member', partnerId: null, role: null };
  };
  const threads = new Map<string, { readonly author: MemberId; readonly record: ThreadRecord }>();
  const answers: { readonly writer: MemberId; readonly record: Exclude<CommentRecord, ThreadRecord> }[] = [];
  for (const [memberId, doc] of input.rooms) {
    let records: CommentRecord[];
    try {
      records = readCommentRecords(doc);
    } catch {
      // A room this app cannot read: its comments are not shown, and nothing else is affected.
      continue;
    }
    for (const record of records) {
      if (record.kind === 'thread') threads.set(threadKey(memberId, record.id), { author: memberId, record });
      else answers.push({ writer: memberId, record });
    }
  }

  const replies = new Map<string, { writer: MemberId; record: ReplyRecord }[]>();
  const events = new Map<string, { writer: MemberId; at: number; id: string; state: ThreadState }[]>();
  for (const answer of answers) {
    const thread = threads.get(answer.record.thread);
    if (!thread) continue; // An orphan: the thread was deleted, or is not here yet.
    const { record, writer } = answer;
    if (record.kind === 'reply') {
      replies.set(record.thread, [...(replies.get(record.thread) ?? []), { writer, record }]);
      if (record.reopens)
        events.set(record.thread, [
          ...(events.get(record.thread) ?? []),
          { writer, at: record.at, id: record.id, state: 'open' },
        ]);
      continue;
    }
    const owner = threadOwner(thread.record.section, thread.record.anchor);
    if (!mayResolve(writer, members.get(writer), owner, thread.author)) continue;
    events.set(record.thread, [
      ...(events.get(record.thread) ?? []),
      { writer, at: record.at, id: record.id, state: 'resolved' },
    ]);
  }

  const result: CommentThread[] = [];
  for (const [key, { author, record }] of threads) {
    if (record.deleted) continue;
    const threadReplies = (replies.get(key) ?? [])
      .sort((a, b) => byTime(a.record, b.record))
      .map(({ writer, record: reply }) => ({
        id: reply.id,
        author: authorOf(writer),
        at: reply.at,
        editedAt: reply.editedAt,
        body: reply.body,
        deleted: reply.deleted,
        mentions: reply.mentions,
        reopens: reply.reopens,
      }));
    const last = (events.get(key) ?? []).sort(byTime).at(-1);
    const passage = record.anchor ? (input.findPassage ? input.findPassage(record.anchor) : null) : null;
    const mentions = [
      ...new Set([
        ...record.mentions,
        ...threadReplies.filter((reply) => !reply.deleted).flatMap((reply) => reply.mentions),
      ]),
    ];
    result.push({
      key,
      id: record.id,
      author: authorOf(author),
      at: record.at,
      editedAt: record.editedAt,
      body: record.body,
      section: record.section,
      anchor: record.anchor,
      passage: record.anchor
        ? passage
          ? { text: passage.text, onDeletedText: passage.onDeletedText }
          : { text: record.anchor.quote, onDeletedText: false }
        : null,
      owner: threadOwner(record.section, record.anchor),
      outcomeId: outcomeOf(record.section, record.anchor),
      replies: threadReplies,
      state: last?.state ?? 'open',
      stateBy: last ? authorOf(last.writer) : null,
      stateAt: last?.at ?? null,
      mentions,
    });
  }
  return result.sort((a, b) => byTime(a, b) || (a.key < b.key ? -1 : 1));
}
