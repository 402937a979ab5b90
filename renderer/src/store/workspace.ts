/**
 * An open SOA: the one object the app holds. It joins the parts, each in its own module:
 * - roomSet: room lifecycle (IndexedDB copies, relay connections);
 * - documentState: the SOA snapshot, reassembled automatically after every change;
 * - syncStatus: what the status bar says about sync;
 * - localRecovery (through room.ts): salvaging a damaged copy on this computer, never deleting it;
 * - presence: who else is online, and where.
 * Pages read snapshots through hooks and write through the commands (commands.ts).
 */
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import {
  FrameDocument,
  ORIGIN_LOAD,
  parseRoomName,
  PartnerDocument,
  type MemberId,
  type PartnerId,
  type SoaId,
} from '../../../shared/model';
import type { SessionResponse } from '../../../shared/api/session';
import type { WorkspaceEntry } from './catalogue';
import { canWrite, identityFromSession, type Identity, type SectionOwner } from './identity';
import { RoomSet } from './roomSet';
import { DocumentRecompute, type DocumentState } from './documentState';
import { SyncStatus, type SyncSummary } from './syncStatus';
import { Presence, type PresencePeer } from './presence';
import { CommentsStore, type CommentsState } from './comments';
import { loadCommentRooms } from './commentRoomLoader';
import type { FrameCommands, PartnerCommands } from './commands';
import type { Room } from './room';
import { unsentRoomUpdates, type UnsentRoomUpdate } from '../bundles/unsentChanges';

export type { Identity, SectionOwner } from './identity';
export type { DocumentState } from './documentState';
export type { RoomProblem, SalvagedRoom, SyncSummary, UnsentRoom } from './syncStatus';
export type { PresencePeer } from './presence';
export type { CommentsState } from './comments';

export class Workspace {
  readonly soaId: SoaId;
  private readonly rooms: RoomSet;
  private readonly document: DocumentRecompute;
  private readonly sync: SyncStatus;
  private readonly presence = new Presence();
  readonly comments: CommentsStore;
  private token: string | null = null;
  private commentsLoading: Promise<CommentsState> | null = null;
  private readonly commentsLoaded: Promise<CommentsState>;
  private onCommentsLoaded: (state: CommentsState) => void = () => undefined;

  constructor(
    readonly entry: WorkspaceEntry,
    readonly identity: Identity,
  ) {
    this.soaId = entry.soaId as SoaId;
    // The parts below are created after the rooms; room events before then have nothing to update.
    let started = false;
    this.rooms = new RoomSet(entry, this.soaId, {
      onRoomState: (room) => {
        if (started) this.onRoomState(room);
      },
      onDocUpdate: (origin) => {
        if (!started) return;
        this.document.onDocUpdate(origin);
        this.comments.onTextUpdate();
      },
      onCommentsUpdate: () => {
        if (started) this.comments.onCommentsUpdate();
      },
      mayInitialise: (partnerId) => this.canWrite({ kind: 'partner', partnerId }),
      mayMigrate: (partnerId) => this.canWrite(partnerId === null ? { kind: 'frame' } : { kind: 'partner', partnerId }),
    });
    this.document = new DocumentRecompute(this.rooms);
    this.sync = new SyncStatus(
      () => this.rooms.all(),
      entry.kind === 'relay',
      () => this.token !== null,
    );
    const session = entry.session;
    this.comments = new CommentsStore(
      this.rooms,
      (session?.partnership.members ?? []).map((member) => ({
        ...member,
        id: member.id as MemberId,
        partnerId: member.partnerId as PartnerId,
      })),
      identity.kind === 'member' ? (identity.memberId as MemberId) : null,
      this.rooms.storeName(`soa/${this.soaId}/comment-counts`),
    );
    this.commentsLoaded = new Promise((resolve) => (this.onCommentsLoaded = resolve));
    started = true;
  }

  static identityFromSession(session: SessionResponse): Identity {
    return identityFromSession(session);
  }

  private onRoomState(room: Room): void {
    this.sync.update();
    // A comment room is not part of the SOA's content: its loading never reassembles the SOA.
    if (parseRoomName(room.options.name)?.kind === 'comments') {
      if (room.storeState !== 'loading') this.comments.onCommentsUpdate();
      return;
    }
    if (room.storeState !== 'loading') this.document.schedule();
  }

  /** Fills the rooms with prepared content (the sample SOA). Stored in IndexedDB like any edit. */
  loadContent(frameUpdate: Uint8Array, partnerUpdates: ReadonlyMap<PartnerId, Uint8Array>): void {
    Y.applyUpdate(this.rooms.frameRoom.doc, frameUpdate, ORIGIN_LOAD);
    for (const [partnerId, update] of partnerUpdates)
      Y.applyUpdate(this.rooms.partner(partnerId).doc, update, ORIGIN_LOAD);
    this.document.readNow();
  }

  /** Connects every room to the relay (a partnership SOA once the token is known). */
  connect(token: string): void {
    if (!this.entry.relayUrl || this.token) return;
    this.token = token;
    this.rooms.connect({ url: this.entry.relayUrl, token });
    this.presence.attach(this.awareness);
    this.sync.update();
  }

  get hasToken(): boolean {
    return this.token !== null;
  }

  /** The relay and this member's token, for the relay's HTTP API (the PDF export); null for an SOA on this computer only. */
  get relayAccess(): { readonly url: string; readonly token: string } | null {
    return this.entry.relayUrl && this.token ? { url: this.entry.relayUrl, token: this.token } : null;
  }

  get awareness(): Awareness | null {
    return this.rooms.frameRoom.connection?.provider.awareness ?? null;
  }

  // ---- writing ----

  /** The frame's typed model (setting up a new SOA); pages use frameCommands. */
  get frame(): FrameDocument {
    return new FrameDocument(this.rooms.frameRoom.doc);
  }

  partner(partnerId: PartnerId): PartnerDocument {
    return new PartnerDocument(this.rooms.partner(partnerId).doc);
  }

  get frameCommands(): FrameCommands {
    return this.frame;
  }

  partnerCommands(partnerId: PartnerId): PartnerCommands {
    return this.partner(partnerId);
  }

  /** The Y.Doc behind a section (for the rich-text binding only). */
  docOf(owner: SectionOwner): Y.Doc {
    return this.rooms.docOf(owner.kind === 'frame' ? null : owner.partnerId);
  }

  /** May I write this section? The same rule the relay enforces (shared/model/rooms). */
  canWrite(owner: SectionOwner): boolean {
    return canWrite(this.identity, this.soaId, owner);
  }

  get isReadOnlyViewer(): boolean {
    return this.identity.kind === 'member' && this.identity.role === 'reviewer';
  }

  // ---- the SOA snapshot ----

  getDocState = (): DocumentState => this.document.get();

  subscribe = (listener: () => void): (() => void) => this.document.subscribe(listener);

  /** Reassembles the snapshot now, for a reader that needs the latest content this instant (the export). */
  refreshNow(): DocumentState {
    return this.document.readNow();
  }

  // ---- sync status ----

  getSync = (): SyncSummary => this.sync.get();

  subscribeSync = (listener: () => void): (() => void) => this.sync.subscribe(listener);

  get hasUnsavedLocalChanges(): boolean {
    return this.rooms.hasUnsavedLocalChanges;
  }

  /** Each room's changes the relay has not acknowledged, for a change file. */
  unsentUpdates(): UnsentRoomUpdate[] {
    return unsentRoomUpdates(this.rooms.all());
  }

  /**
   * Applies content that came from outside the live sync (a checked "latest" file) to a room of this SOA,
   * as content from elsewhere: stored locally, never counted as this computer's unsent edits.
   */
  applyFromElsewhere(room: string, update: Uint8Array): void {
    const parsed = parseRoomName(room);
    if (!parsed || parsed.soaId !== this.soaId) throw new Error(`${room} is not a room of this SOA.`);
    const target =
      parsed.kind === 'frame'
        ? this.rooms.frameRoom
        : parsed.kind === 'partner'
          ? this.rooms.partner(parsed.partnerId)
          : this.rooms.openCommentRoom(parsed.memberId);
    if (!target) return;
    Y.applyUpdate(target.doc, update, ORIGIN_LOAD);
  }

  /** Waits until every room's local copy has been read. */
  async whenLoaded(): Promise<void> {
    await this.rooms.whenLoaded();
    this.document.readNow();
  }

  flushNow(): void {
    this.rooms.flushNow();
  }

  // ---- presence ----

  /** Tells the others which section I am in. */
  setSection(section: string): void {
    this.presence.setSection(section);
  }

  getPresence = (): readonly PresencePeer[] => this.presence.get();

  subscribePresence = (listener: () => void): (() => void) => this.presence.subscribe(listener);

  /** Comments need a member of a partnership (a local SOA has none). */
  get hasComments(): boolean {
    return this.identity.kind === 'member';
  }

  getComments = (): CommentsState => this.comments.get();

  /**
   * Reads the comment rooms (once): the shell starts this after the first screen; what needs every thread
   * (the review copy, a change file) starts it and waits. Until then the counts are the remembered ones.
   */
  startComments(): Promise<CommentsState> {
    this.commentsLoading ??= loadCommentRooms(this.rooms, this.comments.memberId).then(() => {
      const state = this.comments.markLoaded();
      this.onCommentsLoaded(state);
      return state;
    });
    return this.commentsLoading;
  }

  /** The comments once every comment room's local copy has been read, without starting the reading. */
  whenCommentsLoaded(): Promise<CommentsState> {
    return this.commentsLoaded;
  }

  subscribeComments = (listener: () => void): (() => void) => this.comments.subscribe(listener);

  dispose(): void {
    this.comments.stop();
    this.document.stop();
    this.presence.dispose();
    this.sync.dispose();
    this.rooms.dispose();
  }
}
