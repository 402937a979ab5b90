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
 * The copy is built from the same stored rows in the same order as the room, then given the same updates,
 * so while that holds (`twin`) it is the room's structural twin and, Yjs being deterministic, an update
 * that applies to it applies to the room. The copy also listens for updates, which makes Yjs encode what
 * each write changed: that encoding is what the room broadcasts once the write is stored (so the room's
 * own document needs no listener and each write is encoded once). Encoding can itself throw on a damaged
 * update, and it happens in the copy, before anything is stored. The twin build and the listener each, on
 * their own, refuse the two damaged updates the garbage test found (RELAY_SEED=1159479013 and 1704169964)
 * that a copy made from the room's encoding, with no listener, accepted: they threw in the room.
 * When a rehearsal fails, or a rehearsed update could not be stored, the copy is rebuilt from the room's
 * encoded state instead, which is no twin; until the room next loads, the connection then also applies each
 * update to an empty scratch document first (needsScratchCheck), as the relay always did before.
 * The cost is a second copy of each loaded room's document and a second apply per update.
 */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { encodeSyncUpdate, MESSAGE_TYPES } from '../../shared/protocol/messages';
import { errorMessage, type Logger } from '../log';
import type { StoredRoom } from '../storage/roomStore';
import { applyWithinNestingLimit } from './nestingLimit';

/** A connection as a room sees it. */
export interface RoomPeer {
  send(message: Uint8Array): void;
}

/** A write that applied cleanly to the rehearsal copy: it may be stored, then applied with applyStored. */
export interface RehearsedWrite {
  readonly update: Uint8Array;
  /** The sync message telling peers what the write changed; null when it changed nothing they lack. */
  readonly broadcast: Uint8Array | null;
}

export class LoadedRoom {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<RoomPeer>();
  /** Rows in the store for this room (to decide when to compact). */
  storedRows: number;
  private queue: Promise<unknown> = Promise.resolve();
  /** Same content as doc, plus the write being rehearsed (see the header). */
  private rehearsal: Y.Doc;
  /** True while the rehearsal copy was built exactly as doc was (see the header). */
  private twin = true;
  /** What the rehearsal copy's last transaction changed, as Yjs encoded it (null: nothing). */
  private lastChange: Uint8Array | null = null;
  private readonly disposers: (() => void)[] = [];

  constructor(
    readonly name: string,
    stored: StoredRoom,
    private readonly logger: Logger,
  ) {
    this.storedRows = stored.updates.length;
    this.rehearsal = new Y.Doc();
    for (const [index, update] of stored.updates.entries()) {
      // A stored row that does not apply is reported, not allowed to block the room; the rest still loads.
      try {
        Y.applyUpdate(this.doc, update);
      } catch (error) {
        logger.error('stored update unreadable', { room: name, row: index, error: errorMessage(error) });
      }
      // The same row, applied the same way, fails (or not) the same way in the copy.
      try {
        Y.applyUpdate(this.rehearsal, update);
      } catch {
        // reported above
      }
    }
    this.listenForChanges(this.rehearsal);
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);

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
   * Applies an update to the rehearsal copy. Returns the write when it applied cleanly: it may now be
   * stored and then applied with applyStored. Null when it threw: the copy is rebuilt and the update must
   * be refused. Call inside serialise, and follow a write with applyStored or abandonRehearsal.
   */
  rehearse(update: Uint8Array): RehearsedWrite | null {
    this.lastChange = null;
    try {
      // Also refuses a write that nests content too deeply for any reader (nestingLimit.ts).
      applyWithinNestingLimit(this.rehearsal, update);
    } catch {
      this.abandonRehearsal();
      return null;
    }
    const change = this.lastChange as Uint8Array | null;
    return { update, broadcast: change === null ? null : encodeSyncUpdate(change) };
  }

  /** Puts the rehearsal copy back to the room's content (after a refused or unstored write). */
  abandonRehearsal(): void {
    this.rehearsal.destroy();
    this.rehearsal = new Y.Doc();
    Y.applyUpdate(this.rehearsal, Y.encodeStateAsUpdate(this.doc));
    this.listenForChanges(this.rehearsal);
    this.twin = false;
  }

  /** True once the rehearsal copy is no longer built as the room was: writes then need the scratch check too. */
  get needsScratchCheck(): boolean {
    return !this.twin;
  }

  /**
   * Applies a rehearsed write that is now stored (or was written by the administrator), and sends what it
   * changed to every peer but the one it came from (all of them when from is null).
   */
  applyStored(write: RehearsedWrite, from: RoomPeer | null): void {
    Y.applyUpdate(this.doc, write.update);
    if (write.broadcast) this.broadcast(write.broadcast, from);
  }

  /** From now on, keeps what each transaction of the rehearsal copy changed, as Yjs encodes it. */
  private listenForChanges(rehearsal: Y.Doc): void {
    rehearsal.on('update', (change: Uint8Array) => {
      this.lastChange = change;
    });
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
