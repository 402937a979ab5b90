/**
 * Room lifecycle: the frame room and one room per partner, each opened with its IndexedDB copy, connected
 * to the relay once the token is known, and closed together. Partner rooms open as the frame names them.
 */
import * as Y from 'yjs';
import {
  FrameDocument,
  frameRoom,
  parseRoomName,
  PartnerDocument,
  partnerRoom,
  type MemberId,
  type PartnerId,
  type SoaId,
} from '../../../shared/model';
import { Room } from './room';
import type { WorkspaceEntry } from './catalogue';

export interface RoomSetEvents {
  /** A room's local store or relay link changed state. */
  readonly onRoomState: (room: Room) => void;
  /** Any room's document changed (origin as Yjs reports it). */
  readonly onDocUpdate: (origin: unknown) => void;
  /** May this computer give a partner room its first content? (its own officers do) */
  readonly mayInitialise: (partnerId: PartnerId) => boolean;
  /** May this computer upgrade a room's schema (the frame: null)? Only its writers do; readers read both shapes. */
  readonly mayMigrate: (partnerId: PartnerId | null) => boolean;
  /** A comment room's document changed (comments are not the SOA's content, so not onDocUpdate). */
  readonly onCommentsUpdate?: () => void;
}

export class RoomSet {
  readonly frameRoom: Room;
  private readonly partnerRooms = new Map<PartnerId, Room>();
  /** Each member's comment room (soa/<soaId>/comments/<memberId>), as the session lists them. */
  private readonly commentRoomNames = new Map<MemberId, string>();
  /** The comment rooms opened so far. */
  private readonly commentRooms = new Map<MemberId, Room>();
  private relay: { readonly url: string; readonly token: string } | null = null;
  private disposed = false;

  constructor(
    readonly entry: WorkspaceEntry,
    readonly soaId: SoaId,
    private readonly events: RoomSetEvents,
  ) {
    this.frameRoom = this.openRoom(frameRoom(soaId));
    this.migrateWhenReady(this.frameRoom, null);
    this.ensurePartnerRooms();
    // A member's session lists the rooms of the SOA: open them before the frame has arrived.
    const soa = entry.session?.soas.find((candidate) => candidate.id === entry.soaId);
    for (const name of soa?.rooms ?? []) {
      const parsed = parseRoomName(name);
      if (parsed?.kind === 'partner') this.partner(parsed.partnerId);
    }
    // Comment rooms are opened later, one by one (openCommentRoom), so they never delay the first screen.
    for (const name of soa?.commentRooms ?? []) {
      const parsed = parseRoomName(name);
      if (parsed?.kind === 'comments' && parsed.soaId === soaId) this.commentRoomNames.set(parsed.memberId, name);
    }
  }

  /** The members whose comment rooms the session lists. */
  commentMembers(): MemberId[] {
    return [...this.commentRoomNames.keys()];
  }

  /** Opens a member's comment room (once); undefined if the session does not list it. */
  openCommentRoom(memberId: MemberId): Room | undefined {
    const name = this.commentRoomNames.get(memberId);
    if (this.disposed || name === undefined) return undefined;
    let room = this.commentRooms.get(memberId);
    if (!room) {
      room = this.openRoom(name, () => this.events.onCommentsUpdate?.());
      this.commentRooms.set(memberId, room);
    }
    return room;
  }

  /** The IndexedDB database of a room: one per relay host (or 'local'), so two relays never mix. */
  storeName(room: string): string | null {
    if (this.entry.inMemory) return null;
    const scope = this.entry.kind === 'relay' && this.entry.relayUrl ? new URL(this.entry.relayUrl).host : 'local';
    return `soa-studio:${scope}:${room}`;
  }

  private trackerKey(room: string): string {
    return `${this.storeName(room) ?? room}:pending`;
  }

  private openRoom(name: string, onUpdate: (origin: unknown) => void = this.events.onDocUpdate): Room {
    const room = new Room({
      name,
      storeName: this.storeName(name),
      trackerKey: this.entry.kind === 'relay' ? this.trackerKey(name) : null,
    });
    room.subscribe(() => this.events.onRoomState(room));
    room.doc.on('update', (_update: Uint8Array, origin: unknown) => onUpdate(origin));
    if (this.relay) room.connect(this.relay, this.trackerKey(room.options.name));
    return room;
  }

  partner(partnerId: PartnerId): Room {
    let room = this.partnerRooms.get(partnerId);
    if (!room) {
      room = this.openRoom(partnerRoom(this.soaId, partnerId));
      this.partnerRooms.set(partnerId, room);
      const opened = room;
      this.migrateWhenReady(opened, partnerId);
      const initialise = () => {
        const doc = new PartnerDocument(opened.doc);
        if (
          !this.disposed &&
          opened.storeState === 'ready' &&
          this.events.mayInitialise(partnerId) &&
          !doc.isInitialised()
        )
          doc.initialise(partnerId);
      };
      // A copy on a new device is empty until the relay's content arrives. Initialised then, it rewrote the
      // room's meta each time an officer first opened the SOA on a computer, and the history named them as
      // the last to change their section. So in a relay workspace only a room the relay has nothing of is
      // initialised, once synced; a local SOA has no other copy to wait for.
      const relayed = this.entry.kind === 'relay';
      opened.whenLoaded.then(
        () => (relayed ? this.onceSynced(opened, initialise) : initialise()),
        () => undefined,
      );
    }
    return room;
  }

  /** Runs `then` once, when the relay has first sent the room's content. */
  private onceSynced(room: Room, then: () => void): void {
    let done = false;
    const check = () => {
      if (done || !room.syncState?.synced) return;
      done = true;
      unsubscribe();
      then();
    };
    const unsubscribe = room.subscribe(check);
    check();
  }

  /**
   * Upgrades an older room to the current schema once its local copy is read, and again once the relay has
   * sent its content (a copy first filled from the relay arrives then).
   */
  private migrateWhenReady(room: Room, partnerId: PartnerId | null): void {
    const migrate = () => {
      if (this.disposed || room.storeState !== 'ready' || !this.events.mayMigrate(partnerId)) return;
      try {
        if (partnerId === null) new FrameDocument(room.doc).migrate();
        else new PartnerDocument(room.doc).migrate();
      } catch (error) {
        // A copy from a newer app (NewerSchemaError) is read as it is and never rewritten.
        console.warn(`Could not upgrade ${room.options.name}:`, error);
      }
    };
    room.whenLoaded.then(migrate, () => undefined);
    this.onceSynced(room, migrate);
  }

  /** Opens a room for every partner the frame names (new partners arrive with frame updates). */
  ensurePartnerRooms(): void {
    for (const partner of new FrameDocument(this.frameRoom.doc).readPartners()) this.partner(partner.id);
  }

  partnerEntries(): IterableIterator<[PartnerId, Room]> {
    return this.partnerRooms.entries();
  }

  /** Every room, comment rooms included: they sync, count as unsent and close like the others. */
  all(): Room[] {
    return [this.frameRoom, ...this.partnerRooms.values(), ...this.commentRooms.values()];
  }

  /** A member's comment room, if it is open. */
  commentRoom(memberId: MemberId): Room | undefined {
    return this.commentRooms.get(memberId);
  }

  commentEntries(): IterableIterator<[MemberId, Room]> {
    return this.commentRooms.entries();
  }

  /**
   * Has every comment room the session lists been open and in step with the relay at least once, now or on
   * an earlier day? Until then its copy on this computer may lack what the other members wrote.
   */
  commentRoomsFetched(): boolean {
    return this.commentMembers().every((memberId) => {
      const room = this.commentRooms.get(memberId);
      return room !== undefined && (room.syncState?.synced === true || room.lastSyncedAt !== null);
    });
  }

  docOf(partnerId: PartnerId | null): Y.Doc {
    return partnerId === null ? this.frameRoom.doc : this.partner(partnerId).doc;
  }

  /** Connects every room, and every room opened later, to the relay. */
  connect(relay: { readonly url: string; readonly token: string }): void {
    if (this.relay) return;
    this.relay = relay;
    for (const room of this.all()) room.connect(relay, this.trackerKey(room.options.name));
  }

  get connected(): boolean {
    return this.relay !== null;
  }

  /** Waits until every room's local copy has been read. */
  async whenLoaded(): Promise<void> {
    await this.frameRoom.whenLoaded;
    this.ensurePartnerRooms();
    await Promise.all([...this.partnerRooms.values()].map((room) => room.whenLoaded));
  }

  flushNow(): void {
    for (const room of this.all()) {
      room.connection?.flushNow();
      room.flushTally();
    }
  }

  get hasUnsavedLocalChanges(): boolean {
    return this.all().some((room) => room.hasUnsavedLocalChanges);
  }

  dispose(): void {
    this.disposed = true;
    for (const room of this.all()) room.dispose();
  }
}
