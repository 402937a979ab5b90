/**
 * The review comments as React reads them: every member's comment room read into threads (shared/model
 * commentThreads), recomputed shortly after a comment room changes, and a little later after the SOA's text
 * changes (a commented passage may have moved or been deleted). Comments need a member of a partnership:
 * a local SOA has none.
 *
 * The comment rooms are read after the first screen (Workspace.startComments); until then the threads are
 * not known and the counts are the ones this computer last read (commentCountsMemory.ts), so the outline and
 * the dashboard show them at once. Once read, the counts are remembered again after every change.
 * On a computer that has never had the comment rooms from the relay (an SOA opened here for the first time)
 * nothing is remembered and the local copies are empty: the counts are not known (countsKnown), and are
 * said to be counting rather than shown as zero, until every comment room has been fetched.
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
import { readRememberedCounts, rememberCounts } from './commentCountsMemory';

export interface CommentsState {
  readonly version: number;
  /** False until every comment room's copy on this computer has been read: no threads yet. */
  readonly loaded: boolean;
  readonly threads: readonly CommentThread[];
  /** Before loading, the counts this computer last read (all zero if it never read them). */
  readonly counts: OpenCommentCounts;
  /**
   * Are the counts the real ones (as of the last time the comment rooms were fetched)? False on a computer
   * that has never fetched every comment room from the relay: then the counts are partial or zero.
   */
  readonly countsKnown: boolean;
  /** Before loading, when the remembered counts were read (ISO); null once loaded or if none are kept. */
  readonly countsReadAt: string | null;
  readonly members: readonly CommentMember[];
}

const COMMENTS_DELAY_MS = 50;
const TEXT_DELAY_MS = 600;

export class CommentsStore {
  private state: CommentsState;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private due = Number.POSITIVE_INFINITY;
  private loaded = false;
  private rememberedJson = '';

  constructor(
    private readonly rooms: RoomSet,
    readonly members: readonly CommentMember[],
    readonly memberId: MemberId | null,
    /** Where the counts are remembered on this computer; null keeps nothing (an SOA in memory). */
    private readonly countsKey: string | null,
  ) {
    const remembered = readRememberedCounts(countsKey);
    this.state = {
      version: 0,
      loaded: false,
      threads: [],
      counts: remembered?.counts ?? openCommentCounts([]),
      // No comment rooms at all (an SOA on this computer only): there is nothing to count.
      countsKnown: remembered !== null || rooms.commentMembers().length === 0,
      countsReadAt: remembered?.readAt ?? null,
      members,
    };
  }

  /** A comment room changed: show it soon (once they are all read). */
  readonly onCommentsUpdate = (): void => {
    if (this.loaded) this.schedule(COMMENTS_DELAY_MS);
  };

  /** The SOA's text changed: passages are found again, later, and only if there are any. */
  readonly onTextUpdate = (): void => {
    if (this.state.threads.some((thread) => thread.anchor !== null)) this.schedule(TEXT_DELAY_MS);
  };

  /** Every comment room's copy on this computer has been read: from now on the threads are the rooms'. */
  markLoaded(): CommentsState {
    this.loaded = true;
    return this.readNow();
  }

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
    if (!this.loaded) return this.state;
    const partnerDocs = new Map(
      [...this.rooms.partnerEntries()].map(([partnerId, room]) => [partnerId as string, room.doc]),
    );
    const threads = readCommentThreads({
      rooms: [...this.rooms.commentEntries()].map(([memberId, room]) => [memberId, room.doc] as const),
      members: this.members,
      findPassage: passageFinder(this.rooms.frameRoom.doc, (partnerId) => partnerDocs.get(partnerId) ?? null),
    });
    const counts = openCommentCounts(threads);
    const countsKnown = this.rooms.commentRoomsFetched();
    this.state = {
      version: this.state.version + 1,
      loaded: true,
      threads,
      counts,
      countsKnown,
      countsReadAt: null,
      members: this.members,
    };
    // Partial counts are never kept: the next open would show them as if they were the real ones.
    if (countsKnown) this.remember(counts);
    for (const listener of this.listeners) listener();
    return this.state;
  }

  /** Kept for the next open's first screen; written only when a count changed. */
  private remember(counts: OpenCommentCounts): void {
    const json = JSON.stringify([
      counts.total,
      counts.coordinators,
      [...counts.bySection],
      [...counts.byPartner],
      [...counts.byOutcome],
    ]);
    if (json === this.rememberedJson) return;
    this.rememberedJson = json;
    rememberCounts(this.countsKey, counts);
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
