/**
 * One room on this computer: a Y.Doc, its IndexedDB copy (y-indexeddb), and, for a partnership SOA, its
 * connection to the relay. Tracks whether every local change is safe on disk (for the warning on close).
 * Damage is judged from the store alone: y-indexeddb failing to apply a stored update (its load transaction
 * ends without it reporting the room loaded) or failing to open the database. A damaged copy is salvaged
 * (localRecovery.ts), never deleted; one that still cannot be opened is reported, never shown as empty.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { ORIGIN_LOAD } from '../../../shared/model';
import { RoomConnection, type RoomSyncState } from '../sync/roomConnection';
import { AckTracker } from '../sync/ackTracker';
import { touchedRoots } from '../sync/touchedRoots';
import { fillMissingPieces, waitingEdits, type WaitingEdits } from '../sync/waitingEdits';
import { salvageStore, type SalvageReport } from './localRecovery';
import { UnsavedJournal } from './unsavedJournal';

/** 'repairing': the copy was damaged and what can be read is being recovered. */
export type LocalStoreState = 'loading' | 'repairing' | 'ready' | 'unreadable';

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

/** The origin of changes applied again from the journal of unconfirmed writes (unsavedJournal.ts). */
const ORIGIN_JOURNAL = Symbol('unsaved journal');

/** Not a verdict of damage: a copy this slow to open is reported as unreadable so the app does not hang. */
const LOAD_TIMEOUT_MS = 30_000;

/** slow: neither loaded nor failed in time, which says nothing about damage. */
type LoadOutcome =
  | { readonly loaded: true }
  | { readonly loaded: false; readonly slow: boolean; readonly error: Error };

/**
 * How y-indexeddb's load ends. It applies every stored update in one transaction (origin: the persistence)
 * and reports 'synced' straight after; if an update throws, the transaction ends and 'synced' never comes.
 */
function watchLoad(persistence: IndexeddbPersistence, doc: Y.Doc): Promise<LoadOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: LoadOutcome) => {
      if (settled) return;
      settled = true;
      doc.off('afterTransaction', onTransaction);
      clearTimeout(timer);
      resolve(outcome);
    };
    const onTransaction = (transaction: Y.Transaction) => {
      if (transaction.origin !== persistence) return;
      // 'synced' is set synchronously after a successful load transaction, before this microtask runs.
      queueMicrotask(() => {
        if (!persistence.synced)
          settle({
            loaded: false,
            slow: false,
            error: new Error('A change stored on this computer could not be applied.'),
          });
      });
    };
    doc.on('afterTransaction', onTransaction);
    void persistence.whenSynced.then(() => settle({ loaded: true }));
    persistence._db.catch((error: unknown) =>
      settle({
        loaded: false,
        slow: false,
        error: error instanceof Error ? error : new Error('The copy on this computer could not be opened.'),
      }),
    );
    const timer = setTimeout(
      () => settle({ loaded: false, slow: true, error: new Error('The copy on this computer took too long to open.') }),
      LOAD_TIMEOUT_MS,
    );
  });
}

export class Room {
  readonly doc = new Y.Doc();
  persistence: IndexeddbPersistence | null = null;
  connection: RoomConnection | null = null;
  /** Changes the relay has not acknowledged; null for a room that lives only on this computer. */
  readonly tracker: AckTracker | null;
  storeState: LocalStoreState = 'loading';
  storeError: string | null = null;
  /** What was recovered from a damaged copy in this session, if it was damaged. */
  salvage: SalvageReport | null = null;
  /** Origins of content read from this computer (every persistence, and salvage): never local edits. Live. */
  private readonly loadOrigins: unknown[] = [ORIGIN_LOAD, ORIGIN_JOURNAL];
  /** Local updates not yet confirmed written to IndexedDB. */
  private unsavedWrites = 0;
  /** A synchronous copy of those updates, so an immediate reload cannot lose them; null in memory. */
  private readonly journal: UnsavedJournal | null;
  private readonly listeners = new Set<() => void>();
  private disposed = false;
  /** What waitingEdits last read, keyed by the pending update it read (Yjs replaces it when it changes). */
  private waitingRead: { readonly key: unknown; readonly edits: WaitingEdits | null } = { key: null, edits: null };
  readonly whenLoaded: Promise<void>;

  constructor(readonly options: RoomOptions) {
    this.tracker = options.trackerKey === null ? null : new AckTracker(options.trackerKey);
    this.journal = options.storeName === null ? null : new UnsavedJournal(`${options.storeName}:unsaved`);
    this.doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      if (origin === ORIGIN_JOURNAL) {
        // A change the last page typed but IndexedDB never got: count it as waiting, unless already counted.
        (this.connection?.tracker ?? this.tracker)?.recordLocalOnce(update, touchedRoots(transaction));
        return;
      }
      const fromStore = this.loadOrigins.includes(origin);
      const sequence = fromStore ? 0 : (this.journal?.append(update) ?? 0);
      // Until it connects, the room keeps the tally itself; then the connection does.
      if (this.tracker && !this.connection && !fromStore) {
        this.tracker.recordLocal(update, touchedRoots(transaction));
        this.emit();
      }
      // Before the store is open, y-indexeddb writes the whole document when it opens (and the loading
      // state already counts as unsaved); only count writes it makes one by one.
      if (fromStore || !this.persistence?.db) return;
      this.unsavedWrites += 1;
      // The status bar says "Saving" from the first unsaved write until the last is on disk.
      if (this.unsavedWrites === 1) this.emit();
      this.confirmWritten(sequence);
    });
    // Edits held back by a missing piece come and go without any update event: tell the status bar.
    this.doc.on('afterTransaction', () => {
      if ((this.doc.store.pendingStructs?.update ?? null) !== this.waitingRead.key) this.emit();
    });
    if (options.storeName === null) {
      this.storeState = 'ready';
      this.whenLoaded = Promise.resolve();
    } else this.whenLoaded = this.load(options.storeName);
  }

  private attach(storeName: string): IndexeddbPersistence {
    const persistence = new IndexeddbPersistence(storeName, this.doc);
    this.loadOrigins.push(persistence);
    this.persistence = persistence;
    return persistence;
  }

  private async load(storeName: string): Promise<void> {
    try {
      const persistence = this.attach(storeName);
      const first = await watchLoad(persistence, this.doc);
      if (first.loaded) {
        this.storeState = 'ready';
        this.replayJournal();
      } else if (first.slow) {
        // Not damage: report it, and take the copy as soon as it does open.
        this.markUnreadable(first.error);
        void persistence.whenSynced.then(() => {
          if (this.storeState !== 'unreadable' || this.persistence !== persistence) return;
          this.storeState = 'ready';
          this.storeError = null;
          this.emit();
        });
      } else await this.repair(storeName, first.error);
    } catch (error) {
      this.markUnreadable(error);
    }
    this.emit();
  }

  /** y-indexeddb could not load the copy: recover every readable update, then open the rebuilt store. */
  private async repair(storeName: string, cause: Error): Promise<void> {
    this.storeState = 'repairing';
    this.storeError = cause.message;
    this.emit();
    const damaged = this.persistence;
    this.persistence = null;
    // Let go of the damaged store first (destroy stops its writes at once; closing may wait on its requests).
    if (damaged) await Promise.race([damaged.destroy(), new Promise((resolve) => setTimeout(resolve, 1_000))]);
    if (this.disposed) return;
    this.salvage = await salvageStore(storeName, this.options.name, this.doc);
    if (this.disposed) return;
    const reopened = await watchLoad(this.attach(storeName), this.doc);
    if (!reopened.loaded) throw reopened.error;
    this.storeState = 'ready';
    this.storeError = null;
    this.replayJournal();
  }

  /**
   * Applies again what the journal holds that IndexedDB may not (the last page's final keystrokes, or edits
   * made while the copy was opening). Yjs ignores what the copy already has; y-indexeddb stores the rest.
   * Then the journal is cleared up to here once IndexedDB confirms.
   */
  private replayJournal(): void {
    if (!this.journal) return;
    for (const { update } of this.journal.unconfirmed()) {
      try {
        Y.applyUpdate(this.doc, update, ORIGIN_JOURNAL);
      } catch {
        // An entry that does not apply is left out; IndexedDB has the rest of the room.
      }
    }
    this.confirmWritten(this.journal.lastSequence, false);
  }

  private markUnreadable(error: unknown): void {
    this.storeState = 'unreadable';
    this.storeError = error instanceof Error ? error.message : String(error);
    this.emit();
  }

  /**
   * IndexedDB runs transactions on one store in order, so when a later transaction completes, the writes
   * y-indexeddb queued before it are on disk. The check is made after this update's other handlers have run:
   * y-indexeddb writes from its own 'update' handler, which runs after the room's, and a check made before
   * its write would complete first. Then the journal forgets changes up to `sequence`.
   */
  private confirmWritten(sequence: number, countsWrite = true): void {
    queueMicrotask(() => this.checkWritten(sequence, countsWrite));
  }

  private checkWritten(sequence: number, countsWrite: boolean): void {
    const db = this.persistence?.db;
    if (!db || this.disposed) return;
    try {
      const tx = db.transaction(['updates'], 'readonly');
      const done = () => {
        if (sequence > 0) this.journal?.confirm(sequence);
        if (!countsWrite) return;
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
    const opening = this.storeState === 'loading' || this.storeState === 'repairing';
    return this.unsavedWrites > 0 || (opening && this.doc.store.clients.size > 0);
  }

  connect(relay: { readonly url: string; readonly token: string }, trackerKey: string): void {
    if (this.connection) return;
    this.connection = new RoomConnection({
      relayUrl: relay.url,
      token: relay.token,
      room: this.options.name,
      doc: this.doc,
      nonLocalOrigins: this.loadOrigins,
      trackerKey,
      ...(this.tracker ? { tracker: this.tracker } : {}),
    });
    let synced = false;
    this.connection.subscribe(() => {
      const now = this.connection?.snapshot.synced ?? false;
      if (now && !synced) this.placeWaitingEdits();
      synced = now;
      this.emit();
    });
    this.emit();
  }

  /**
   * Edits of this computer held back by a piece the relay's answer did not hold: nobody has it (it was in a
   * damaged row and never sent), so they take their place without it. A piece the relay acknowledged is
   * left to arrive.
   */
  private placeWaitingEdits(): void {
    const tracker = this.connection?.tracker;
    if (!tracker || this.storeState !== 'ready' || !this.doc.store.pendingStructs) return;
    fillMissingPieces(this.doc, (client) => tracker.acknowledgedClock(client));
  }

  /** Edits held back by a missing piece of their session (after a damaged row), or null. */
  get waiting(): WaitingEdits | null {
    const key = this.doc.store.pendingStructs?.update ?? null;
    if (key !== this.waitingRead.key) this.waitingRead = { key, edits: key === null ? null : waitingEdits(this.doc) };
    return this.waitingRead.edits;
  }

  get syncState(): RoomSyncState | null {
    return this.connection?.snapshot ?? null;
  }

  /** Local changes the relay has not yet acknowledged, connected or not. */
  get pending(): number {
    return this.connection?.snapshot.pending ?? this.tracker?.count ?? 0;
  }

  /** The root types touched by changes the relay has not yet acknowledged. */
  get pendingRoots(): string[] {
    return (this.connection?.tracker ?? this.tracker)?.pendingRoots() ?? [];
  }

  /** When the relay last held everything from this room (kept across reloads), or null. */
  get lastSyncedAt(): number | null {
    return this.connection?.snapshot.lastSyncedAt ?? this.tracker?.lastSyncedAt ?? null;
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
    this.disposed = true;
    this.connection?.dispose();
    this.tracker?.dispose();
    void this.persistence?.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }
}
