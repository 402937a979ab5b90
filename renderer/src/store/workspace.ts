/**
 * An open SOA: its rooms, who I am, and a subscribe/snapshot API for React (useSyncExternalStore). All the
 * Yjs wiring of the app lives here and in room.ts; components read plain snapshots and call the typed
 * model objects (FrameDocument, PartnerDocument) from shared/model to change things. Ownership comes from
 * shared/model/rooms (mayWrite) and completeness from shared/model/completeness.
 */
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import {
  assembleSoa,
  checkCompleteness,
  FrameDocument,
  frameRoom,
  mayWrite,
  ORIGIN_LOAD,
  ORIGIN_LOCAL,
  parseRoomName,
  PartnerDocument,
  partnerRoom,
  type CompletenessReport,
  type FrameContent,
  type PartnerContent,
  type PartnerId,
  type SoaId,
  type SoaSnapshot,
  type MemberRole,
} from '../../../shared/model';
import type { PresenceUser } from '../../../shared/protocol/messages';
import type { SessionResponse } from '../../../shared/api/session';
import { todayIso } from '../../../shared/text/dates';
import { Room } from './room';
import type { WorkspaceEntry } from './catalogue';
import type { LinkStatus, SyncProblem } from '../sync/roomConnection';

/** Who is using the app. A local SOA has one author who writes every section. */
export type Identity =
  | { readonly kind: 'local'; readonly name: string }
  | {
      readonly kind: 'member';
      readonly memberId: string;
      readonly name: string;
      readonly role: MemberRole;
      readonly partnerId: PartnerId;
      readonly partnerName: string;
    };

/** What a section is, for write access: the frame (coordinators) or a partner's room. */
export type SectionOwner = { readonly kind: 'frame' } | { readonly kind: 'partner'; readonly partnerId: PartnerId };

export interface DocumentState {
  readonly version: number;
  /** False until the frame's local copy (and the relay, for a new member with no copy) has content. */
  readonly ready: boolean;
  readonly frame: FrameContent;
  readonly partners: ReadonlyMap<PartnerId, PartnerContent>;
  readonly soa: SoaSnapshot;
  readonly completeness: CompletenessReport;
}

export interface SyncSummary {
  /** 'local' for an SOA that lives only on this computer. */
  readonly link: LinkStatus | 'local';
  readonly pending: number;
  readonly lastSyncedAt: number | null;
  readonly allSynced: boolean;
  readonly problems: readonly SyncProblem[];
  /** Rooms whose copy on this computer could not be read. */
  readonly unreadableRooms: readonly string[];
  /** Rooms whose damaged local copy was rebuilt from the relay in this session (reported, nothing lost). */
  readonly rebuiltRooms: readonly string[];
  readonly unsavedLocally: boolean;
}

export interface PresencePeer {
  readonly clientId: number;
  readonly user: PresenceUser;
  readonly section: string | null;
}

type Listener = () => void;

/** How long "could not be read, being rebuilt" shows before the rebuild replaces it with a lasting note. */
const REBUILD_DELAY_MS = 1_500;

export class Workspace {
  readonly soaId: SoaId;
  readonly frameRoom: Room;
  private readonly partnerRooms = new Map<PartnerId, Room>();
  private readonly listeners = new Set<Listener>();
  private readonly syncListeners = new Set<Listener>();
  private readonly presenceListeners = new Set<Listener>();
  private docState: DocumentState;
  private syncState: SyncSummary;
  private presence: readonly PresencePeer[] = [];
  private recomputeScheduled = false;
  private disposed = false;
  private token: string | null = null;
  private localSection: string | null = null;
  private readonly rebuilding = new Set<Room>();

  constructor(
    readonly entry: WorkspaceEntry,
    readonly identity: Identity,
  ) {
    this.soaId = entry.soaId as SoaId;
    this.frameRoom = this.openRoom(frameRoom(this.soaId));
    this.docState = this.computeDocState(0);
    this.syncState = this.computeSync();
    this.frameRoom.doc.on('update', this.onDocUpdate);
    this.ensurePartnerRooms();
    if (entry.session) {
      const soa = entry.session.soas.find((candidate) => candidate.id === entry.soaId);
      for (const name of soa?.rooms ?? []) {
        const parsed = parseRoomName(name);
        if (parsed?.kind === 'partner') this.partnerRoomFor(parsed.partnerId);
      }
    }
  }

  static identityFromSession(session: SessionResponse): Identity {
    const partner = session.partnership.partners.find((candidate) => candidate.id === session.member.partnerId);
    return {
      kind: 'member',
      memberId: session.member.id,
      name: session.member.name,
      role: session.member.role,
      partnerId: session.member.partnerId as PartnerId,
      partnerName: partner?.name ?? 'Unknown partner',
    };
  }

  // ---- rooms ----

  private storeName(room: string): string | null {
    if (this.entry.inMemory) return null;
    const scope = this.entry.kind === 'relay' && this.entry.relayUrl ? new URL(this.entry.relayUrl).host : 'local';
    return `soa-studio:${scope}:${room}`;
  }

  private openRoom(name: string): Room {
    const room = new Room({ name, storeName: this.storeName(name), relay: null });
    room.subscribe(() => {
      this.updateSync();
      if (room.storeState !== 'loading') this.scheduleRecompute();
    });
    room.whenLoaded.then(() => this.scheduleRecompute(), () => undefined);
    if (this.token && this.entry.relayUrl) room.connect({ url: this.entry.relayUrl, token: this.token }, `${this.storeName(name) ?? name}:pending`);
    return room;
  }

  private partnerRoomFor(partnerId: PartnerId): Room {
    let room = this.partnerRooms.get(partnerId);
    if (!room) {
      room = this.openRoom(partnerRoom(this.soaId, partnerId));
      room.doc.on('update', this.onDocUpdate);
      this.partnerRooms.set(partnerId, room);
      const opened = room;
      // The partner's own officers give its room its first content (schema version, partner id).
      opened.whenLoaded.then(() => {
        const doc = new PartnerDocument(opened.doc);
        if (!this.disposed && opened.storeState === 'ready' && this.canWrite({ kind: 'partner', partnerId }) && !doc.isInitialised()) doc.initialise(partnerId);
      }, () => undefined);
    }
    return room;
  }

  private ensurePartnerRooms(): void {
    for (const partner of new FrameDocument(this.frameRoom.doc).readPartners()) this.partnerRoomFor(partner.id);
  }

  /** Fills the rooms with prepared content (the sample SOA). Stored in IndexedDB like any edit. */
  loadContent(frameUpdate: Uint8Array, partnerUpdates: ReadonlyMap<PartnerId, Uint8Array>): void {
    Y.applyUpdate(this.frameRoom.doc, frameUpdate, ORIGIN_LOAD);
    for (const [partnerId, update] of partnerUpdates) Y.applyUpdate(this.partnerRoomFor(partnerId).doc, update, ORIGIN_LOAD);
    this.refreshNow();
  }

  /** Connects every room to the relay (a partnership SOA once the token is known). */
  connect(token: string): void {
    if (!this.entry.relayUrl || this.token) return;
    this.token = token;
    const relay = { url: this.entry.relayUrl, token };
    this.frameRoom.connect(relay, `${this.storeName(this.frameRoom.options.name) ?? this.frameRoom.options.name}:pending`);
    for (const room of this.partnerRooms.values()) room.connect(relay, `${this.storeName(room.options.name) ?? room.options.name}:pending`);
    const awareness = this.awareness;
    if (awareness) {
      awareness.setLocalStateField('section', this.localSection);
      awareness.on('change', this.onAwareness);
    }
    this.updateSync();
  }

  get hasToken(): boolean {
    return this.token !== null;
  }

  get awareness(): Awareness | null {
    return this.frameRoom.connection?.provider.awareness ?? null;
  }

  get frame(): FrameDocument {
    return new FrameDocument(this.frameRoom.doc);
  }

  partner(partnerId: PartnerId): PartnerDocument {
    return new PartnerDocument(this.partnerRoomFor(partnerId).doc);
  }

  /** The Y.Doc behind a section (for the rich-text binding only). */
  docOf(owner: SectionOwner): Y.Doc {
    return owner.kind === 'frame' ? this.frameRoom.doc : this.partnerRoomFor(owner.partnerId).doc;
  }

  /** May I write this section? The same rule the relay enforces (shared/model/rooms). */
  canWrite(owner: SectionOwner): boolean {
    if (this.identity.kind === 'local') return true;
    const room = owner.kind === 'frame' ? { kind: 'frame' as const, soaId: this.soaId } : { kind: 'partner' as const, soaId: this.soaId, partnerId: owner.partnerId };
    return mayWrite({ role: this.identity.role, partnerId: this.identity.partnerId }, room);
  }

  get isReadOnlyViewer(): boolean {
    return this.identity.kind === 'member' && this.identity.role === 'reviewer';
  }

  // ---- snapshots ----

  /**
   * Form edits (the model's typed writes, origin 'local') show at once; typing in a rich-text editor and
   * remote changes are reassembled when the browser is idle, so a keystroke never waits for the whole SOA.
   */
  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === ORIGIN_LOCAL) this.scheduleRecompute(true);
    else this.scheduleRecompute();
  };

  private urgentScheduled = false;

  private scheduleRecompute(urgent = false): void {
    if (this.disposed) return;
    if (urgent) {
      if (this.urgentScheduled) return;
      this.urgentScheduled = true;
      queueMicrotask(() => {
        this.urgentScheduled = false;
        if (this.disposed) return;
        this.ensurePartnerRooms();
        this.docState = this.computeDocState(this.docState.version + 1);
        for (const listener of this.listeners) listener();
      });
      return;
    }
    if (this.recomputeScheduled) return;
    this.recomputeScheduled = true;
    // Assembling the whole SOA on every keystroke would slow typing; do it when the browser is idle.
    const run = () => {
      this.recomputeScheduled = false;
      if (this.disposed) return;
      this.ensurePartnerRooms();
      this.docState = this.computeDocState(this.docState.version + 1);
      for (const listener of this.listeners) listener();
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 300 });
    else setTimeout(run, 50);
  }

  /** Recomputes now (tests and the export use it to read the latest content). */
  refreshNow(): DocumentState {
    this.docState = this.computeDocState(this.docState.version + 1);
    for (const listener of this.listeners) listener();
    return this.docState;
  }

  private computeDocState(version: number): DocumentState {
    const frame = new FrameDocument(this.frameRoom.doc).read();
    const partners = new Map<PartnerId, PartnerContent>();
    for (const [partnerId, room] of this.partnerRooms) partners.set(partnerId, new PartnerDocument(room.doc).read());
    const soa = assembleSoa(frame, partners);
    const completeness = checkCompleteness(soa, todayIso());
    const ready = frame.schemaVersion > 0;
    return { version, ready, frame, partners, soa, completeness };
  }

  getDocState = (): DocumentState => this.docState;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  // ---- sync status ----

  private allRooms(): Room[] {
    return [this.frameRoom, ...this.partnerRooms.values()];
  }

  private computeSync(): SyncSummary {
    const rooms = this.allRooms();
    const unreadableRooms = rooms.filter((room) => room.storeState === 'unreadable').map((room) => room.options.name);
    const unsavedLocally = rooms.some((room) => room.hasUnsavedLocalChanges);
    const rebuiltRooms = rooms.filter((room) => room.rebuilt).map((room) => room.options.name);
    if (this.entry.kind !== 'relay') {
      return { link: 'local', pending: 0, lastSyncedAt: null, allSynced: false, problems: [], unreadableRooms, rebuiltRooms, unsavedLocally };
    }
    const states = rooms.map((room) => room.syncState).filter((state) => state !== null);
    const problems: SyncProblem[] = [];
    for (const state of states) if (state.problem && !problems.some((problem) => problem.kind === state.problem?.kind)) problems.push(state.problem);
    let link: LinkStatus = 'offline';
    if (states.length > 0) {
      if (states.every((state) => state.link === 'stopped')) link = 'stopped';
      else if (states.some((state) => state.link === 'connecting')) link = 'connecting';
      else if (states.every((state) => state.link === 'connected' || state.link === 'stopped')) link = 'connected';
      else if (states.some((state) => state.link === 'connected')) link = 'connecting';
    }
    const pending = states.reduce((sum, state) => sum + state.pending, 0);
    const allSynced = states.length > 0 && states.every((state) => state.synced || state.link === 'stopped');
    const times = states.map((state) => state.lastSyncedAt).filter((time): time is number => time !== null);
    const lastSyncedAt = times.length > 0 ? Math.max(...times) : null;
    return { link, pending, lastSyncedAt, allSynced, problems, unreadableRooms, rebuiltRooms, unsavedLocally };
  }

  private updateSync(): void {
    const next = this.computeSync();
    const prev = this.syncState;
    if (
      prev.link === next.link &&
      prev.pending === next.pending &&
      prev.lastSyncedAt === next.lastSyncedAt &&
      prev.allSynced === next.allSynced &&
      prev.unsavedLocally === next.unsavedLocally &&
      prev.problems.length === next.problems.length &&
      prev.problems.every((problem, index) => problem.message === next.problems[index]?.message) &&
      prev.unreadableRooms.join() === next.unreadableRooms.join() &&
      prev.rebuiltRooms.join() === next.rebuiltRooms.join()
    ) {
      return;
    }
    this.syncState = next;
    for (const listener of this.syncListeners) listener();
    // A copy that could not be read is rebuilt from the relay once the relay has sent the room; the report
    // stays on screen a moment first, so the officer sees what happened, then a lasting note says it was rebuilt.
    for (const room of this.allRooms()) {
      if (room.storeState === 'unreadable' && room.syncState?.synced && !this.rebuilding.has(room)) {
        this.rebuilding.add(room);
        setTimeout(() => {
          void room.rebuildLocalStore().finally(() => this.rebuilding.delete(room));
        }, REBUILD_DELAY_MS);
      }
    }
  }

  getSync = (): SyncSummary => this.syncState;

  subscribeSync = (listener: Listener): (() => void) => {
    this.syncListeners.add(listener);
    return () => this.syncListeners.delete(listener);
  };

  get hasUnsavedLocalChanges(): boolean {
    return this.allRooms().some((room) => room.hasUnsavedLocalChanges);
  }

  /** Waits until every room's local copy has been read. */
  async whenLoaded(): Promise<void> {
    await this.frameRoom.whenLoaded;
    this.ensurePartnerRooms();
    await Promise.all([...this.partnerRooms.values()].map((room) => room.whenLoaded));
    this.refreshNow();
  }

  flushNow(): void {
    for (const room of this.allRooms()) room.connection?.flushNow();
  }

  // ---- presence ----

  private readonly onAwareness = () => {
    const awareness = this.awareness;
    if (!awareness) return;
    const peers: PresencePeer[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const user = (state as { user?: unknown }).user;
      if (!user || typeof user !== 'object') continue;
      const candidate = user as Partial<PresenceUser>;
      if (typeof candidate.name !== 'string' || typeof candidate.memberId !== 'string') continue;
      const section = (state as { section?: unknown }).section;
      peers.push({
        clientId,
        user: {
          memberId: candidate.memberId,
          name: candidate.name,
          partnerId: String(candidate.partnerId ?? ''),
          partnerName: String(candidate.partnerName ?? ''),
          role: String(candidate.role ?? ''),
        },
        section: typeof section === 'string' ? section.slice(0, 200) : null,
      });
    }
    peers.sort((a, b) => a.user.name.localeCompare(b.user.name));
    this.presence = peers;
    for (const listener of this.presenceListeners) listener();
  };

  /** Tells the others which section I am in. */
  setSection(section: string): void {
    this.localSection = section;
    this.awareness?.setLocalStateField('section', section);
  }

  getPresence = (): readonly PresencePeer[] => this.presence;

  subscribePresence = (listener: Listener): (() => void) => {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  };

  dispose(): void {
    this.disposed = true;
    this.awareness?.off('change', this.onAwareness);
    for (const room of this.allRooms()) room.dispose();
    this.listeners.clear();
    this.syncListeners.clear();
    this.presenceListeners.clear();
  }
}
