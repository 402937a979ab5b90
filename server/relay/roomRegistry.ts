/**
 * The rooms held in memory. A room is loaded on its first connection, before anything is served from it
 * (a connection waits for the load; a room whose load fails is forgotten and nothing is written, so a failed
 * load can never be mistaken for an empty room). It leaves memory when its last connection closes, after its
 * queued writes and an optional compaction; a connection that arrives meanwhile keeps it loaded.
 */
import { COMPACT_AFTER_ROWS } from './limits';
import { errorMessage, type Logger } from '../log';
import type { RoomStore } from '../storage/roomStore';
import { LoadedRoom, type RoomPeer } from './room';

interface RoomSlot {
  readonly loading: Promise<LoadedRoom>;
  room: LoadedRoom | null;
}

export class RoomRegistry {
  private readonly slots = new Map<string, RoomSlot>();
  private readonly unloads = new Set<Promise<void>>();

  constructor(
    private readonly store: RoomStore,
    private readonly logger: Logger,
  ) {}

  get loadedCount(): number {
    return this.slots.size;
  }

  /** Loads the room if needed and adds the peer to it. Rejects when the room cannot be loaded. */
  async join(name: string, peer: RoomPeer): Promise<LoadedRoom> {
    let slot = this.slots.get(name);
    if (!slot) {
      const loading = this.store.load(name).then((stored) => new LoadedRoom(name, stored, this.logger));
      const created: RoomSlot = { loading, room: null };
      slot = created;
      this.slots.set(name, created);
      loading.then(
        (room) => {
          created.room = room;
          this.logger.info('room loaded', { room: name, rows: room.storedRows });
        },
        (error: unknown) => {
          if (this.slots.get(name) === created) this.slots.delete(name);
          this.logger.error('room load failed', { room: name, error: errorMessage(error) });
        },
      );
    }
    const room = await slot.loading;
    room.peers.add(peer);
    return room;
  }

  /** Removes the peer; unloads the room when it was the last one. */
  leave(room: LoadedRoom, peer: RoomPeer): void {
    room.peers.delete(peer);
    if (room.peers.size > 0) return;
    const unload = this.unload(room).finally(() => this.unloads.delete(unload));
    this.unloads.add(unload);
  }

  private async unload(room: LoadedRoom): Promise<void> {
    await room.serialise(async () => {
      if (room.storedRows > 1 && room.peers.size === 0) await this.compact(room);
    });
    const slot = this.slots.get(room.name);
    if (room.peers.size > 0 || slot?.room !== room) return;
    this.slots.delete(room.name);
    room.dispose();
    this.logger.info('room unloaded', { room: room.name });
  }

  /** Merges the room's stored rows (inside the room's write queue). Failure leaves the rows as they were. */
  async compact(room: LoadedRoom): Promise<void> {
    try {
      await this.store.compact(room.name);
      room.storedRows = 1;
    } catch (error) {
      this.logger.error('compaction failed', { room: room.name, error: errorMessage(error) });
    }
  }

  /** Compacts in the background when a room has accumulated many rows. Call inside the room's queue. */
  async compactIfLong(room: LoadedRoom): Promise<void> {
    if (room.storedRows >= COMPACT_AFTER_ROWS) await this.compact(room);
  }

  /** Applies an update another process stored (the admin CLI) to the room, if it is in memory. */
  applyForeign(name: string, update: Uint8Array): void {
    const slot = this.slots.get(name);
    if (!slot) return;
    void slot.loading.then(
      (room) =>
        room.serialise(async () => {
          try {
            // Already stored by the administrator: apply it to the rehearsal copy and the room alike.
            const write = room.rehearse(update);
            if (!write) throw new Error('the update does not apply to this room');
            room.applyStored(write, null);
            room.storedRows++;
          } catch (error) {
            this.logger.error('foreign update unreadable', { room: name, error: errorMessage(error) });
          }
        }),
      () => undefined,
    );
  }

  /** Waits for every write and unload in flight. */
  async settle(): Promise<void> {
    for (const slot of this.slots.values()) {
      const room = await slot.loading.catch(() => null);
      if (room) await room.settled();
    }
    await Promise.all([...this.unloads]);
  }

  /** Frees every room (after settle, at shutdown). */
  disposeAll(): void {
    for (const slot of this.slots.values()) slot.room?.dispose();
    this.slots.clear();
  }
}
