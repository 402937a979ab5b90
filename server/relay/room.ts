/**
 * A room held in memory: one Y.Doc, its presence, the connections in it, and who first wrote under each
 * Yjs client id. Writes to a room run one at a time, in arrival order (serialise), and so do answers that
 * read the document (sync step 2, ACKs): between a write's apply and its commit the document holds a change
 * that is not yet stored, and only serialised code may look at it then.
 *
 * What is stored is Yjs's own encoding of what each write changed in this document (the 'update' event),
 * never the bytes the client sent: a client can send content that Yjs ignores (a clock it already has, with
 * other content; a fuzz found three such updates that Y.mergeUpdates then read differently from applying
 * them in order, so compaction changed the room). The stored rows therefore apply, in order, to exactly this
 * document, and the same encoding is what peers receive.
 *
 * An update can decode cleanly yet throw half-way when applied (the seeded garbage test found such
 * updates, RELAY_SEED=1159479013 and 1704169964). Then, or when a change could not be stored, the document
 * holds half a change that must never be served: it is rebuilt from the store (restore) before anything
 * else in the queue runs. Earlier versions kept a second copy of every room to rehearse writes on; one copy
 * halves the memory a loaded room costs, and the room never applies client bytes of its own accord.
 */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE_CODES, MESSAGE_TYPES } from '../../shared/protocol/messages';
import { errorMessage, type Logger } from '../log';
import type { StoredRoom, UpdateAuthor } from '../storage/roomStore';
import { applyWithinNestingLimit, NestingTooDeep } from './nestingLimit';

/** A connection as a room sees it. */
export interface RoomPeer {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** What applying an update did: its change as Yjs encodes it (null: nothing new), or the error it threw. */
export type AppliedUpdate =
  | { readonly ok: true; readonly change: Uint8Array | null }
  /** tooDeep: the depth it nested rich text to, when that is why (nestingLimit.ts). */
  | { readonly ok: false; readonly error: string; readonly tooDeep?: number };

export class LoadedRoom {
  private current: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<RoomPeer>();
  /** Who first wrote under each Yjs client id (null: the administrator), as stored. */
  readonly clientOwners: Map<number, UpdateAuthor>;
  /**
   * Rows in the store for this room and their bytes (to decide when to compact, and the room's size), and
   * the bytes appended since the room loaded or was last compacted. Changed only here: by counting a stored
   * row (countStored, from the write pipeline), a compaction (countCompacted), or a rebuild (restore).
   */
  private rows: number;
  private bytes: number;
  private bytesSinceCompacted = 0;
  /** The compaction in progress, if any. */
  compaction: Promise<void> | null = null;
  /** Set when the document may hold an unstored change and could not be rebuilt: it is never served again. */
  poisoned = false;
  /** True from a write's apply until it is stored or undone: answers that read the document must wait. */
  holdsUnstoredChange = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** What the document's last transaction changed, as Yjs encoded it (null: nothing). */
  private lastChange: Uint8Array | null = null;
  private readonly disposers: (() => void)[] = [];

  constructor(
    readonly name: string,
    stored: StoredRoom,
    private readonly logger: Logger,
  ) {
    this.rows = stored.updates.length;
    this.bytes = stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
    this.clientOwners = new Map(stored.clientOwners);
    this.current = this.build(stored);
    // Presence has a document of its own (awareness needs one only for its client id), so rebuilding the
    // room's document never touches presence.
    this.awareness = new awarenessProtocol.Awareness(namedDoc(`${name} presence`));
    this.awareness.setLocalState(null);

    const onPresence = ({
      added,
      updated,
      removed,
    }: {
      added: number[];
      updated: number[];
      removed: number[];
    }): void => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_TYPES.AWARENESS);
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]),
      );
      this.broadcast(encoding.toUint8Array(encoder), null);
    };
    this.awareness.on('update', onPresence);
    this.disposers.push(() => this.awareness.off('update', onPresence));
  }

  get storedRows(): number {
    return this.rows;
  }

  get storedBytes(): number {
    return this.bytes;
  }

  get bytesSinceCompaction(): number {
    return this.bytesSinceCompacted;
  }

  /** Counts a row the store has made durable for this room. */
  countStored(bytes: number): void {
    this.rows++;
    this.bytes += bytes;
    this.bytesSinceCompacted += bytes;
  }

  /** Counts a compaction that replaced `rowsFolded` rows by one. */
  countCompacted(compaction: {
    readonly rowsFolded: number;
    readonly bytesBefore: number;
    readonly bytesAfter: number;
  }): void {
    this.rows -= compaction.rowsFolded - 1;
    this.bytes -= compaction.bytesBefore - compaction.bytesAfter;
    this.bytesSinceCompacted = 0;
  }

  /** The room's document: what is stored, plus the write in progress inside serialise, if any. */
  get doc(): Y.Doc {
    return this.current;
  }

  /** Runs a task after every earlier one has finished (whether it succeeded or not). */
  serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every queued task has finished. */
  settled(): Promise<void> {
    return this.serialise(async () => undefined);
  }

  /**
   * Applies an update to the document and returns what it changed, as Yjs encodes it. When it throws, or
   * nests content deeper than readers allow (nestingLimit.ts, measured after applying), the document may
   * hold part or all of it: call restore before anything reads it. Call inside serialise.
   */
  apply(update: Uint8Array): AppliedUpdate {
    this.lastChange = null;
    this.holdsUnstoredChange = true;
    try {
      applyWithinNestingLimit(this.current, update);
    } catch (error) {
      return {
        ok: false,
        error: errorMessage(error),
        ...(error instanceof NestingTooDeep ? { tooDeep: error.depth } : {}),
      };
    }
    return { ok: true, change: this.lastChange as Uint8Array | null };
  }

  /** Says that what the last apply changed is now stored (or was nothing). */
  markStored(): void {
    this.holdsUnstoredChange = false;
  }

  /** True when Yjs holds content that waits for something the room lacks (see integratedState.ts). */
  get holdsPending(): boolean {
    return this.current.store.pendingStructs !== null || this.current.store.pendingDs !== null;
  }

  /**
   * Rebuilds the document from the store, dropping a change that threw or was not stored. With keepPending,
   * what Yjs still holds pending (in no row) is put back exactly as Yjs kept it, with the clocks it waits
   * for; it integrates, and is then stored, with the write that brings what it waits for.
   *
   * It is not applied again as an update: Yjs would work out afresh what one merged update waits for and can
   * record a later clock than the content needs (a struct waiting behind a gap in another client's clocks
   * is recorded as waiting for that gap). The write that brings the content it really waited for then does
   * not release it, and a plain Yjs document given the same updates would differ from the room (the
   * compaction fuzz, RELAY_SEED=2046406081). Once the old way even dropped pending content, including
   * deletions the relay had acknowledged.
   */
  restore(stored: StoredRoom, options: { readonly keepPending?: boolean } = {}): void {
    const { pendingStructs, pendingDs } = this.current.store;
    this.holdsUnstoredChange = false;
    this.current.destroy();
    this.current = this.build(stored);
    this.rows = stored.updates.length;
    this.bytes = stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
    if (!options.keepPending) return;
    this.current.store.pendingStructs =
      pendingStructs === null ? null : { missing: new Map(pendingStructs.missing), update: pendingStructs.update };
    this.current.store.pendingDs = pendingDs;
  }

  /** Closes every connection and marks the room unusable (it is loaded afresh on the next connection). */
  poison(): void {
    this.poisoned = true;
    for (const peer of [...this.peers])
      peer.close(CLOSE_CODES.STORAGE_UNAVAILABLE, 'The relay could not load this document; try again later.');
  }

  /** Sends a stored change to every peer but the one it came from (all of them when from is null). */
  broadcast(message: Uint8Array, except: RoomPeer | null): void {
    for (const peer of this.peers) if (peer !== except) peer.send(message);
  }

  private build(stored: StoredRoom): Y.Doc {
    const doc = namedDoc(this.name);
    for (const [index, update] of stored.updates.entries()) {
      // A stored row that does not apply is reported, not allowed to block the room; the rest still loads.
      try {
        Y.applyUpdate(doc, update);
      } catch (error) {
        this.logger.error('stored update unreadable', { room: this.name, row: index, error: errorMessage(error) });
      }
    }
    doc.on('update', (change: Uint8Array) => {
      this.lastChange = change;
    });
    return doc;
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.awareness.doc.destroy();
    this.awareness.destroy();
    this.current.destroy();
  }
}

/**
 * A document with a guid of its own. Without one Yjs draws a random guid with 31 calls to the system's random
 * source: 96 µs on Node 20 here against 3.5 µs, for every room the relay loads or rebuilds (2,272 rooms at once in
 * bench/relay-capacity.ts). A guid only names subdocuments, which the relay's rooms never hold.
 */
function namedDoc(guid: string): Y.Doc {
  return new Y.Doc({ guid });
}
