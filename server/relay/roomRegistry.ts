/**
 * The rooms held in memory. A room is loaded on its first connection, before anything is served from it
 * (a connection waits for the load; a room whose load fails is forgotten and nothing is written, so a failed
 * load can never be mistaken for an empty room). It leaves memory when its last connection closes, after its
 * queued writes and a compaction; a connection that arrives meanwhile keeps it loaded.
 *
 * Compaction reads the room's rows and its live snapshot inside the room's queue (so they match), then
 * merges on the compaction worker while the room goes on taking writes; only the rows it read are replaced.
 */
import * as Y from 'yjs';
import { errorMessage, type Logger } from '../log';
import { Compactor } from '../storage/compactor';
import type { Compaction, RoomStore } from '../storage/roomStore';
import { COMPACT_AFTER_ROWS } from './limits';
import { LoadedRoom, type RoomPeer } from './room';
import { WRITE_LIMITS, type WriteLimits } from './writeLimits';
import { QUOTA_WINDOW_MS, WriteQuotas } from './writeQuotas';
import { WritePipeline } from './writePipeline';
import type { WriteContext } from './writeUpdate';

interface RoomSlot {
  readonly loading: Promise<LoadedRoom>;
  room: LoadedRoom | null;
}

export class RoomRegistry {
  private readonly slots = new Map<string, RoomSlot>();
  private readonly unloads = new Set<Promise<void>>();
  private readonly compactor = new Compactor();
  private readonly writes: WriteContext;
  /** Every write to a loaded room goes through this (writePipeline.ts). */
  readonly pipeline: WritePipeline;

  constructor(
    private readonly store: RoomStore,
    private readonly logger: Logger,
    limits: WriteLimits = WRITE_LIMITS,
  ) {
    this.writes = { store, logger, limits, quotas: new WriteQuotas(limits) };
    this.pipeline = new WritePipeline(this.writes, (room) => this.compactIfLong(room));
  }

  /** Fills the hourly write quotas from what the store holds of the last hour (call once, at start). */
  async recallQuotas(): Promise<void> {
    this.writes.quotas.recall(await this.store.storedSince(Date.now() - QUOTA_WINDOW_MS));
  }

  get loadedCount(): number {
    return this.slots.size;
  }

  /** Loads the room if needed and adds the peer to it. Rejects when the room cannot be loaded. */
  async join(name: string, peer: RoomPeer): Promise<LoadedRoom> {
    let slot = this.slots.get(name);
    if (slot?.room?.poisoned) {
      this.slots.delete(name);
      slot = undefined;
    }
    if (!slot) {
      const loading = this.store.load(name).then((stored) => new LoadedRoom(name, stored, this.logger));
      const created: RoomSlot = { loading, room: null };
      slot = created;
      this.slots.set(name, created);
      loading.then(
        (room) => {
          created.room = room;
          this.logger.info('room loaded', { room: name, rows: room.storedRows, bytes: room.storedBytes });
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

  /** Runs a task with the room loaded (kept loaded meanwhile), for writes that arrive without a socket. */
  async withRoom<T>(name: string, task: (room: LoadedRoom) => Promise<T>): Promise<T> {
    const holder: RoomPeer = { send: () => {}, close: () => {} };
    const room = await this.join(name, holder);
    try {
      return await task(room);
    } finally {
      this.leave(room, holder);
    }
  }

  /** Removes the peer; unloads the room when it was the last one. */
  leave(room: LoadedRoom, peer: RoomPeer): void {
    room.peers.delete(peer);
    if (room.peers.size > 0) return;
    const unload = this.unload(room).finally(() => this.unloads.delete(unload));
    this.unloads.add(unload);
  }

  private async unload(room: LoadedRoom): Promise<void> {
    await room.settled();
    if (room.storedRows > 1 && room.peers.size === 0 && !room.poisoned) await this.compact(room);
    else await room.compaction;
    const slot = this.slots.get(room.name);
    if (room.peers.size > 0 || slot?.room !== room) return;
    this.slots.delete(room.name);
    room.dispose();
    this.logger.info('room unloaded', { room: room.name });
  }

  /**
   * Compacts the room, or waits for the compaction already running. Failure leaves the rows as they were.
   * Must not be awaited inside the room's queue (it queues a step of its own there).
   */
  compact(room: LoadedRoom): Promise<void> {
    if (room.compaction) return room.compaction;
    const running = this.runCompaction(room).finally(() => {
      if (room.compaction === running) room.compaction = null;
    });
    room.compaction = running;
    return running;
  }

  private async runCompaction(room: LoadedRoom): Promise<void> {
    const started = Date.now();
    let compaction: Promise<Compaction | null> = Promise.resolve(null);
    // The rows and the live snapshot are read inside the queue, where the document holds exactly what is
    // stored (the store calls merge as soon as it has read the rows); the queue is released while the
    // worker merges, so the room goes on taking writes.
    await room.serialise(async () => {
      let rowsRead: () => void = () => {};
      const read = new Promise<void>((resolve) => (rowsRead = resolve));
      compaction = this.store.compact(room.name, (updates) => {
        const live = Y.encodeSnapshot(Y.snapshot(room.doc));
        rowsRead();
        return this.compactor.merge(updates, live);
      });
      await Promise.race([
        read,
        compaction.then(
          () => undefined,
          () => undefined,
        ),
      ]);
    });
    try {
      const compacted = await compaction;
      if (!compacted) return;
      room.countCompacted(compacted);
      this.logger.info('room compacted', {
        room: room.name,
        rows: compacted.rowsFolded,
        bytesBefore: compacted.bytesBefore,
        bytesAfter: compacted.bytesAfter,
        ms: Date.now() - started,
      });
    } catch (error) {
      this.logger.error('compaction failed', { room: room.name, error: errorMessage(error) });
    }
  }

  /** Starts a compaction in the background when a room's log has grown long. */
  private compactIfLong(room: LoadedRoom): void {
    if (room.storedRows >= COMPACT_AFTER_ROWS || room.bytesSinceCompaction >= this.writes.limits.compactAfterBytes)
      void this.compact(room);
  }

  /** Applies an update another process stored (the admin CLI) to the room, if it is in memory. */
  applyForeign(name: string, update: Uint8Array): void {
    const slot = this.slots.get(name);
    if (!slot) return;
    void slot.loading.then(
      (room) => this.pipeline.applyStored(room, update),
      () => undefined,
    );
  }

  /** Waits for every write, compaction and unload in flight. */
  async settle(): Promise<void> {
    for (const slot of this.slots.values()) {
      const room = await slot.loading.catch(() => null);
      if (room) {
        await room.settled();
        await room.compaction;
      }
    }
    await Promise.all([...this.unloads]);
  }

  /** Frees every room and stops the compaction worker (after settle, at shutdown). */
  disposeAll(): void {
    for (const slot of this.slots.values()) slot.room?.dispose();
    this.slots.clear();
    void this.compactor.close();
  }
}
