/**
 * The review comments as React reads them: every member's comment room read into threads (shared/model
 * commentThreads), recomputed shortly after a comment room changes, and a little later after the SOA's text
 * changes (a commented passage may have moved or been deleted). Comments need a member of a partnership:
 * a local SOA has none.
 */
import {
  CommentsDocument,
  openCommentCounts,
  passageFinder,
  readCommentThreads,
  type CommentMember,
  type CommentThread,
  type MemberId,
  type OpenCommentCounts,
} from '../../../shared/model';
import type { RoomSet } from './roomSet';

export interface CommentsState {
  readonly version: number;
  readonly threads: readonly CommentThread[];
  readonly counts: OpenCommentCounts;
  readonly members: readonly CommentMember[];
}

const COMMENTS_DELAY_MS = 50;
const TEXT_DELAY_MS = 600;

export class CommentsStore {
  private state: CommentsState;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private due = Number.POSITIVE_INFINITY;

  constructor(
    private readonly rooms: RoomSet,
    readonly members: readonly CommentMember[],
    private readonly memberId: MemberId | null,
  ) {
    this.state = { version: 0, threads: [], counts: openCommentCounts([]), members };
  }

  /** A comment room changed: show it soon. */
  readonly onCommentsUpdate = (): void => this.schedule(COMMENTS_DELAY_MS);

  /** The SOA's text changed: passages are found again, later, and only if there are any. */
  readonly onTextUpdate = (): void => {
    if (this.state.threads.some((thread) => thread.anchor !== null)) this.schedule(TEXT_DELAY_MS);
  };

  private schedule(delay: number): void {
    const due = Date.now() + delay;
    if (this.timer !== null && this.due <= due) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.due = Number.POSITIVE_INFINITY;
      this.readNow();
    }, delay);
  }

  readNow(): CommentsState {
    const partnerDocs = new Map(
      [...this.rooms.partnerEntries()].map(([partnerId, room]) => [partnerId as string, room.doc]),
    );
    const threads = readCommentThreads({
      rooms: [...this.rooms.commentEntries()].map(([memberId, room]) => [memberId, room.doc] as const),
      members: this.members,
      findPassage: passageFinder(this.rooms.frameRoom.doc, (partnerId) => partnerDocs.get(partnerId) ?? null),
    });
    this.state = {
      version: this.state.version + 1,
      threads,
      counts: openCommentCounts(threads),
      members: this.members,
    };
    for (const listener of this.listeners) listener();
    return this.state;
  }

  get = (): CommentsState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** My own comment room, the only one I may write; null for a local SOA or before the session lists it. */
  mine(): CommentsDocument | null {
    if (this.memberId === null) return null;
    const room = [...this.rooms.commentEntries()].find(([memberId]) => memberId === this.memberId)?.[1];
    return room ? new CommentsDocument(room.doc) : null;
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.listeners.clear();
  }
}
