/**
 * A room held in memory: its Y.Doc (always equal to what the store holds, because updates are applied only
 * after they are stored), its presence, and the connections in it. Writes to a room run one at a time, in
 * arrival order (serialise), so the stored order is the applied order.
 *
 * The rehearsal copy: an update can decode cleanly yet throw half-way when applied to the room (it refers
 * to existing items in an impossible way; the seeded garbage test found such updates). Half an update in
 * the room would be broadcast and could never be stored, so each write is first applied to a second
 * document, and only if that succeeds is it stored and applied to the room.
 *
 * The copy is set up as the room's document: an 'update' listener makes Yjs encode each change for
 * broadcast in both, and it is built from the same stored rows in the same order, then given the same
 * updates, so while that holds (`twin`) it is the room's structural twin and, Yjs being deterministic, an
 * update that applies to it applies to the room. Each of the two, on its own, refuses the two damaged
 * updates the garbage test found (RELAY_SEED=1159479013 and 1704169964) that a copy made from the room's
 * encoding, with no listener, accepted: they threw in the room. When a
 * rehearsal fails, or a rehearsed update could not be stored, the copy is rebuilt from the room's encoded
 * state instead, which is no twin; until the room next loads, the connection then also applies each
 * update to an empty scratch document first (needsScratchCheck), as the relay always did before.
 * The cost is a second copy of each loaded room's document and a second apply per update.
 */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { TransactionOrigin } from '../../shared/model/origins';
import { MESSAGE_TYPES } from '../../shared/protocol/messages';
import { errorMessage, type Logger } from '../log';
import type { StoredRoom } from '../storage/roomStore';

/** A connection as a room sees it. */
export interface RoomPeer {
  send(message: Uint8Array): void;
}

/**
 * Why the room's document changed: loaded from the store (nobody to tell), or an update from a peer (tell
 * everyone else) or from another process writing the database (from: null, tell everyone).
 */
export type RoomOrigin = { readonly kind: Extract<TransactionOrigin, 'load'> } | { readonly kind: Extract<TransactionOrigin, 'remote'>; readonly from: RoomPeer | null };

const LOADING: RoomOrigin = { kind: 'load' };

export class LoadedRoom {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<RoomPeer>();
  /** Which connection controls which awareness client id. */
  readonly presenceOwners = new Map<number, RoomPeer>();
  /** Rows in the store for this room (to decide when to compact). */
  storedRows: number;
  private queue: Promise<unknown> = Promise.resolve();
  /** Same content as doc, plus the write being rehearsed (see the header). */
  private rehearsal: Y.Doc;
  /** True while the rehearsal copy was built exactly as doc was (see the header). */
  private twin = true;
  private readonly disposers: (() => void)[] = [];

  constructor(
    readonly name: string,
    stored: StoredRoom,
    private readonly logger: Logger,
  ) {
    this.storedRows = stored.updates.length;
    this.rehearsal = LoadedRoom.rehearsalDoc();
    for (const [index, update] of stored.updates.entries()) {
      // A stored row that does not apply is reported, not allowed to block the room; the rest still loads.
      try {
        Y.applyUpdate(this.doc, update, LOADING);
      } catch (error) {
        logger.error('stored update unreadable', { room: name, row: index, error: errorMessage(error) });
      }
      // The same row, applied the same way, fails (or not) the same way in the copy.
      try {
        Y.applyUpdate(this.rehearsal, update, LOADING);
      } catch {
        // reported above
      }
    }
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);

    const onUpdate = (update: Uint8Array, origin: unknown): void => {
      const change = origin as RoomOrigin;
      if (change?.kind !== 'remote') return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_TYPES.SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.broadcast(encoding.toUint8Array(encoder), change.from);
    };
    this.doc.on('update', onUpdate);
    this.disposers.push(() => this.doc.off('update', onUpdate));

    const onPresence = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }): void => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_TYPES.AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]));
      this.broadcast(encoding.toUint8Array(encoder), null);
    };
    this.awareness.on('update', onPresence);
    this.disposers.push(() => this.awareness.off('update', onPresence));
  }

  /** Runs a write after every earlier one has finished (whether it succeeded or not). */
  serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every queued write has finished. */
  settled(): Promise<void> {
    return this.serialise(async () => undefined);
  }

  /**
   * Applies an update to the rehearsal copy. True when it applied cleanly: it may now be stored and then
   * applied with applyStored. False when it threw: the copy is rebuilt and the update must be refused.
   * Call inside serialise, and follow a true with applyStored or abandonRehearsal.
   */
  rehearse(update: Uint8Array): boolean {
    try {
      Y.applyUpdate(this.rehearsal, update, LOADING);
      return true;
    } catch {
      this.abandonRehearsal();
      return false;
    }
  }

  /** Puts the rehearsal copy back to the room's content (after a refused or unstored write). */
  abandonRehearsal(): void {
    this.rehearsal.destroy();
    this.rehearsal = LoadedRoom.rehearsalDoc();
    Y.applyUpdate(this.rehearsal, Y.encodeStateAsUpdate(this.doc), LOADING);
    this.twin = false;
  }

  /** True once the rehearsal copy is no longer built as the room was: writes then need the scratch check too. */
  get needsScratchCheck(): boolean {
    return !this.twin;
  }

  /** Applies an update that is already stored (and rehearsed, or written by the administrator). */
  applyStored(update: Uint8Array, from: RoomPeer | null): void {
    Y.applyUpdate(this.doc, update, { kind: 'remote', from } satisfies RoomOrigin);
  }

  /** A document for rehearsals, set up as the room's: listening for updates makes Yjs encode each one. */
  private static rehearsalDoc(): Y.Doc {
    const doc = new Y.Doc();
    doc.on('update', () => undefined);
    return doc;
  }

  private broadcast(message: Uint8Array, except: RoomPeer | null): void {
    for (const peer of this.peers) if (peer !== except) peer.send(message);
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.awareness.destroy();
    this.rehearsal.destroy();
    this.doc.destroy();
  }
}
