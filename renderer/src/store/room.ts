/**
 * One room on this computer: a Y.Doc, its IndexedDB copy (y-indexeddb), and, for a partnership SOA, its
 * connection to the relay. Tracks whether every local change is safe on disk (for the warning on close)
 * and reports a local store that cannot be read instead of silently starting empty.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { RoomConnection, type RoomSyncState } from '../sync/roomConnection';
import { AckTracker } from '../sync/ackTracker';

export type LocalStoreState = 'loading' | 'ready' | 'unreadable';

export interface RoomOptions {
  readonly name: string;
  /** IndexedDB database name for this room; null keeps the room in memory only (benchmark reference). */
  readonly storeName: string | null;
  /**
   * For a room shared through a relay: where the tally of changes the relay has not yet acknowledged is kept.
   * The room counts from the start, so edits made before the token is known (or while signed out) count too.
   */
  readonly trackerKey: string | null;
}

const LOAD_TIMEOUT_MS = 20_000;
const CHECK_AFTER_MS = 1_500;

/** When a promise last failed with nobody handling it: y-indexeddb's load fails that way on a damaged store. */
let lastUnhandledRejection = 0;
if (typeof window !== 'undefined') {
  const note = () => {
    lastUnhandledRejection = Date.now();
  };
  window.addEventListener('unhandledrejection', note);
  window.addEventListener('error', note);
}

function options(room: Room): string | null {
  return room.options.storeName;
}

/** Reads a room's stored updates and says which cannot be decoded, or null when all can. */
async function findDamagedUpdate(storeName: string | null): Promise<string | null> {
  if (!storeName) return null;
  const updates = await new Promise<unknown[]>((resolve) => {
    const open = indexedDB.open(storeName);
    open.onerror = () => resolve([]);
    open.onsuccess = () => {
      const db = open.result;
      try {
        const request = db.transaction(['updates'], 'readonly').objectStore('updates').getAll();
        request.onsuccess = () => {
          db.close();
          resolve(request.result as unknown[]);
        };
        request.onerror = () => {
          db.close();
          resolve([]);
        };
      } catch {
        db.close();
        resolve([]);
      }
    };
  });
  // Apply them to a scratch document, as y-indexeddb would: decoding alone accepts some damage.
  const scratch = new Y.Doc();
  try {
    for (const [index, update] of updates.entries()) {
      if (!(update instanceof Uint8Array)) return `Stored change ${index + 1} is not a Yjs update.`;
      try {
        Y.applyUpdate(scratch, update);
      } catch {
        return `Stored change ${index + 1} of ${updates.length} could not be read.`;
      }
    }
    return null;
  } finally {
    scratch.destroy();
  }
}

export class Room {
  readonly doc = new Y.Doc();
  persistence: IndexeddbPersistence | null;
  connection: RoomConnection | null = null;
  /** Changes the relay has not acknowledged; null for a room that lives only on this computer. */
  readonly tracker: AckTracker | null;
  storeState: LocalStoreState = 'loading';
  storeError: string | null = null;
  /** True once a damaged local copy has been replaced by a fresh one filled from the relay. */
  rebuilt = false;
  /** Local updates not yet confirmed written to IndexedDB. */
  private unsavedWrites = 0;
  private readonly listeners = new Set<() => void>();
  readonly whenLoaded: Promise<void>;

  constructor(readonly options: RoomOptions) {
    this.tracker = options.trackerKey === null ? null : new AckTracker(options.trackerKey);
    let persistence: IndexeddbPersistence | null = null;
    if (options.storeName === null) this.storeState = 'ready';
    else {
      try {
        persistence = new IndexeddbPersistence(options.storeName, this.doc);
      } catch (error) {
        this.markUnreadable(error);
      }
    }
    this.persistence = persistence;
    this.whenLoaded = this.load();
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      // Until it connects, the room keeps the tally itself; then the connection does.
      if (this.tracker && !this.connection && origin !== this.persistence) {
        this.tracker.recordLocal(update);
        this.emit();
      }
      // Before the store is open, y-indexeddb writes the whole document when it opens (and the loading
      // state already counts as unsaved); only count writes it makes one by one.
      if (origin === this.persistence || !this.persistence?.db) return;
      this.unsavedWrites += 1;
      // The status bar says "Saving" from the first unsaved write until the last is on disk.
      if (this.unsavedWrites === 1) this.emit();
      this.confirmWritten();
    });
  }

  private async load(): Promise<void> {
    const persistence = this.persistence;
    if (!persistence) return;
    // y-indexeddb never settles when a stored update cannot be applied (its error escapes its own promise
    // chain), so a load that is slow gets its stored updates checked, and a damaged one is reported at once.
    const startedAt = Date.now();
    const check = setTimeout(() => {
      void findDamagedUpdate(options(this)).then((damaged) => {
        if (this.storeState !== 'loading' || persistence.synced) return;
        if (damaged) this.markUnreadable(new Error(damaged));
        else if (lastUnhandledRejection >= startedAt) this.markUnreadable(new Error('The copy on this computer could not be read.'));
      });
    }, CHECK_AFTER_MS);
    try {
      await Promise.race([
        persistence.whenSynced,
        new Promise((_, reject) => setTimeout(() => reject(new Error('The copy on this computer took too long to open.')), LOAD_TIMEOUT_MS)),
        new Promise<void>((resolve) => {
          // Settled by the check above (unreadable) or by a rebuild: stop waiting either way.
          const poll = setInterval(() => {
            if (this.storeState !== 'loading') {
              clearInterval(poll);
              resolve();
            }
          }, 50);
          void persistence.whenSynced.then(() => clearInterval(poll));
        }),
      ]);
      clearTimeout(check);
      if (this.storeState === 'loading') this.storeState = 'ready';
    } catch (error) {
      clearTimeout(check);
      if (this.storeState === 'loading') this.markUnreadable(error);
    }
    this.emit();
  }

  private markUnreadable(error: unknown): void {
    this.storeState = 'unreadable';
    this.storeError = error instanceof Error ? error.message : String(error);
    this.emit();
  }

  /**
   * IndexedDB runs transactions on one store in order, so when a later transaction completes, the writes
   * y-indexeddb queued before it are on disk.
   */
  private confirmWritten(): void {
    const db = this.persistence?.db;
    if (!db) return;
    try {
      const tx = db.transaction(['updates'], 'readonly');
      const done = () => {
        this.unsavedWrites = Math.max(0, this.unsavedWrites - 1);
        if (this.unsavedWrites === 0) this.emit();
      };
      tx.oncomplete = done;
      tx.onerror = () => this.markUnreadable(tx.error ?? new Error('Could not write to the copy on this computer.'));
      tx.objectStore('updates').count();
    } catch (error) {
      this.markUnreadable(error);
    }
  }

  get hasUnsavedLocalChanges(): boolean {
    return this.unsavedWrites > 0 || (this.storeState === 'loading' && this.doc.store.clients.size > 0);
  }

  connect(relay: { readonly url: string; readonly token: string }, trackerKey: string): void {
    if (this.connection) return;
    this.connection = new RoomConnection({
      relayUrl: relay.url,
      token: relay.token,
      room: this.options.name,
      doc: this.doc,
      nonLocalOrigins: [this.persistence],
      trackerKey,
      ...(this.tracker ? { tracker: this.tracker } : {}),
    });
    this.connection.subscribe(() => this.emit());
    this.emit();
  }

  get syncState(): RoomSyncState | null {
    return this.connection?.snapshot ?? null;
  }

  /** Local changes the relay has not yet acknowledged, connected or not. */
  get pending(): number {
    return this.connection?.snapshot.pending ?? this.tracker?.count ?? 0;
  }

  /** When the relay last held everything from this room (kept across reloads), or null. */
  get lastSyncedAt(): number | null {
    return this.connection?.snapshot.lastSyncedAt ?? this.tracker?.lastSyncedAt ?? null;
  }

  /**
   * Replaces an unreadable local copy with a fresh one filled from the relay. Only called once the relay has
   * sent this room's content, so nothing the user could see is thrown away.
   */
  async rebuildLocalStore(): Promise<void> {
    if (this.storeState !== 'unreadable' || this.options.storeName === null) return;
    const storeName = this.options.storeName;
    try {
      // Let go of the damaged copy first, so deleting it is not blocked by our own connection.
      const damaged = this.persistence;
      this.persistence = null;
      if (damaged) await Promise.race([damaged.destroy(), new Promise((resolve) => setTimeout(resolve, 1_000))]);
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(storeName);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error ?? new Error('Could not remove the damaged copy.'));
        request.onblocked = () => resolve();
      });
      const fresh = new IndexeddbPersistence(storeName, this.doc);
      await fresh.whenSynced;
      this.persistence = fresh;
      this.storeState = 'ready';
      this.rebuilt = true;
      this.storeError = null;
    } catch (error) {
      this.markUnreadable(error);
    }
    this.emit();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  flushTally(): void {
    this.tracker?.flush();
  }

  dispose(): void {
    this.connection?.dispose();
    this.tracker?.dispose();
    void this.persistence?.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }
}
