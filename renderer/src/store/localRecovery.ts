/**
 * Recovering a room whose copy on this computer is damaged, from the store itself. y-indexeddb keeps a room
 * in an IndexedDB database named after it, with an object store `updates` (auto-increment keys, one Yjs
 * update per row, applied in key order when the room opens) and a store `custom`. When one row cannot be
 * applied, y-indexeddb stops and never reports the room as loaded. Salvage then:
 * - reads every row in key order and applies each readable one, skipping only those that fail;
 * - keeps the failed rows, byte for byte, in a quarantine database (for "Save the damaged copy to a file");
 * - only then replaces the rows it read with one update holding the salvaged document, in a single transaction,
 *   so y-indexeddb can open the room again.
 * Nothing readable is dropped and nothing unreadable is destroyed, so a copy holding edits the relay has
 * never acknowledged keeps them; the relay connection sends what the relay lacks, as after any reload.
 */
import * as Y from 'yjs';
import { ORIGIN_LOAD } from '../../../shared/model';

const UPDATES = 'updates';
const QUARANTINE_DB = 'soa-studio-quarantine';
const QUARANTINE_ROWS = 'rows';

export interface SalvageReport {
  /** Stored updates applied. */
  readonly recovered: number;
  /** Stored updates that could not be applied, now in quarantine. */
  readonly skipped: number;
}

interface StoredRow {
  readonly key: IDBValidKey;
  readonly value: unknown;
}

export interface QuarantinedRow {
  readonly storeName: string;
  readonly room: string;
  readonly key: string;
  readonly reason: string;
  readonly bytes: Uint8Array;
  readonly savedAt: string;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('The copy on this computer could not be read.'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('The copy on this computer could not be written.'));
    tx.onabort = () => reject(tx.error ?? new Error('The copy on this computer could not be written.'));
  });
}

function openDatabase(name: string, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onupgradeneeded = () => upgrade?.(open.result);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('The copy on this computer could not be opened.'));
    open.onblocked = () => reject(new Error('The copy on this computer is held open elsewhere.'));
  });
}

/** Every row of a room's `updates` store, in key order (the order y-indexeddb applies them). */
async function readRows(db: IDBDatabase): Promise<StoredRow[]> {
  const tx = db.transaction([UPDATES], 'readonly');
  const store = tx.objectStore(UPDATES);
  const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
  return keys.map((key, index) => ({ key, value: values[index] }));
}

function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  try {
    return new TextEncoder().encode(JSON.stringify(value) ?? String(value));
  } catch {
    return new TextEncoder().encode(String(value));
  }
}

async function quarantine(rows: readonly QuarantinedRow[]): Promise<void> {
  const db = await openDatabase(QUARANTINE_DB, (created) =>
    created.createObjectStore(QUARANTINE_ROWS, { autoIncrement: true }),
  );
  try {
    const tx = db.transaction([QUARANTINE_ROWS], 'readwrite');
    for (const row of rows) tx.objectStore(QUARANTINE_ROWS).add(row);
    await done(tx);
  } finally {
    db.close();
  }
}

/**
 * Salvages a damaged store into `doc` and rebuilds the store from it. The caller has let go of the store
 * (its IndexeddbPersistence destroyed) and opens a fresh one afterwards.
 */
export async function salvageStore(storeName: string, room: string, doc: Y.Doc): Promise<SalvageReport> {
  const db = await openDatabase(storeName);
  try {
    const rows = await readRows(db);
    const scratch = new Y.Doc();
    const failed: QuarantinedRow[] = [];
    const savedAt = new Date().toISOString();
    try {
      for (const row of rows) {
        let reason: string | null = null;
        if (!(row.value instanceof Uint8Array)) reason = 'not a Yjs update';
        else {
          try {
            Y.applyUpdate(scratch, row.value);
          } catch (error) {
            reason = error instanceof Error ? error.message : String(error);
          }
        }
        if (reason !== null)
          failed.push({ storeName, room, key: String(row.key), reason, bytes: bytesOf(row.value), savedAt });
      }
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch), ORIGIN_LOAD);
    } finally {
      scratch.destroy();
    }
    // The damaged rows are safe in quarantine before the store changes at all.
    if (failed.length > 0) await quarantine(failed);
    // Replace exactly the rows read (as y-indexeddb's own compaction does): a row another tab wrote since
    // then is kept.
    const tx = db.transaction([UPDATES], 'readwrite');
    const store = tx.objectStore(UPDATES);
    const last = rows[rows.length - 1];
    if (last) store.delete(IDBKeyRange.upperBound(last.key));
    store.add(Y.encodeStateAsUpdate(doc));
    await done(tx);
    return { recovered: rows.length - failed.length, skipped: failed.length };
  } finally {
    db.close();
  }
}

/** The rows kept in quarantine (for one store, or all). */
export async function quarantinedRows(storeName?: string): Promise<QuarantinedRow[]> {
  const db = await openDatabase(QUARANTINE_DB, (created) =>
    created.createObjectStore(QUARANTINE_ROWS, { autoIncrement: true }),
  );
  try {
    const rows = await request(db.transaction([QUARANTINE_ROWS], 'readonly').objectStore(QUARANTINE_ROWS).getAll());
    return (rows as QuarantinedRow[]).filter((row) => storeName === undefined || row.storeName === storeName);
  } finally {
    db.close();
  }
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

/** The damaged copy as a file for support: every quarantined row, byte for byte (base64), with its room and reason. */
export function damagedCopyFile(rows: readonly QuarantinedRow[], appVersion: string): Uint8Array {
  const content = {
    format: 'soa-studio-damaged-copy',
    version: 1,
    appVersion,
    savedAt: new Date().toISOString(),
    rows: rows.map((row) => ({
      room: row.room,
      store: row.storeName,
      key: row.key,
      reason: row.reason,
      quarantinedAt: row.savedAt,
      bytesBase64: base64(row.bytes),
    })),
  };
  return new TextEncoder().encode(JSON.stringify(content, null, 2));
}
