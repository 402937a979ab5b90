/**
 * One room on this computer: a Y.Doc, its IndexedDB copy (y-indexeddb), and, for a partnership SOA, its
 * connection to the relay. Tracks whether every local change is safe on disk (for the warning on close)
 * and reports a local store that cannot be read instead of silently starting empty.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { RoomConnection, type RoomSyncState } from '../sync/roomConnection';

export type LocalStoreState = 'loading' | 'ready' | 'unreadable';

export interface RoomOptions {
  readonly name: string;
  /** IndexedDB database name for this room; null keeps the room in memory only (benchmark reference). */
  readonly storeName: string | null;
  readonly relay: { readonly url: string; readonly token: string } | null;
}

const LOAD_TIMEOUT_MS = 20_000;

export class Room {
  readonly doc = new Y.Doc();
  readonly persistence: IndexeddbPersistence | null;
  connection: RoomConnection | null = null;
  storeState: LocalStoreState = 'loading';
  storeError: string | null = null;
  /** Local updates not yet confirmed written to IndexedDB. */
  private unsavedWrites = 0;
  private readonly listeners = new Set<() => void>();
  readonly whenLoaded: Promise<void>;

  constructor(readonly options: RoomOptions) {
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
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      // Before the store is open, y-indexeddb writes the whole document when it opens (and the loading
      // state already counts as unsaved); only count writes it makes one by one.
      if (origin === this.persistence || !this.persistence?.db) return;
      this.unsavedWrites += 1;
      this.confirmWritten();
    });
  }

  private async load(): Promise<void> {
    const persistence = this.persistence;
    if (!persistence) return;
    try {
      await Promise.race([
        persistence.whenSynced,
        new Promise((_, reject) => setTimeout(() => reject(new Error('The copy on this computer took too long to open.')), LOAD_TIMEOUT_MS)),
      ]);
      this.storeState = 'ready';
    } catch (error) {
      this.markUnreadable(error);
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
    });
    this.connection.subscribe(() => this.emit());
    this.emit();
  }

  get syncState(): RoomSyncState | null {
    return this.connection?.snapshot ?? null;
  }

  /**
   * Replaces an unreadable local copy with a fresh one filled from the relay. Only called once the relay has
   * sent this room's content, so nothing the user could see is thrown away.
   */
  async rebuildLocalStore(): Promise<void> {
    if (this.storeState !== 'unreadable' || this.options.storeName === null) return;
    const storeName = this.options.storeName;
    try {
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(storeName);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error ?? new Error('Could not remove the damaged copy.'));
        request.onblocked = () => resolve();
      });
      const fresh = new IndexeddbPersistence(storeName, this.doc);
      await fresh.whenSynced;
      this.storeState = 'ready';
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

  dispose(): void {
    this.connection?.dispose();
    void this.persistence?.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }
}
