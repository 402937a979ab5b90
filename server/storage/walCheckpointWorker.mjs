// @ts-check
/**
 * The WAL checkpoint worker (a worker_threads thread, see walCheckpointer.ts): copies committed pages from
 * the write-ahead log into the database file, on a connection of its own, so the relay's event loop never
 * waits for that copy and the database file's fsync. Every commit is already durable in the WAL (fsynced
 * with synchronous = FULL) before this runs: the checkpoint only lets the WAL be reused from its start.
 *
 * PASSIVE: it never blocks the relay's writes nor waits for them; a checkpoint that could not copy
 * everything (a write in progress) says so, and the next request goes on from there.
 *
 * Plain JavaScript so that it loads as it is, with or without the relay's bundle or a TypeScript loader.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const port = parentPort;
if (port) {
  /** @type {Database.Database | null} */
  let db = null;
  try {
    db = new Database(workerData.file, { fileMustExist: true });
    // The checkpoint fsyncs the WAL before copying and the database file after, as the relay's own would.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('wal_autocheckpoint = 0');
    port.postMessage({ ready: true });
  } catch (error) {
    port.postMessage({ failed: error instanceof Error ? error.message : String(error) });
  }
  port.on('message', (/** @type {{ readonly id: number }} */ request) => {
    if (!db) return;
    try {
      const [row] = /** @type {{ busy: number, log: number, checkpointed: number }[]} */ (
        db.pragma('wal_checkpoint(PASSIVE)')
      );
      port.postMessage({
        id: request.id,
        busy: row?.busy ?? 1,
        log: row?.log ?? 0,
        checkpointed: row?.checkpointed ?? 0,
      });
    } catch (error) {
      port.postMessage({ id: request.id, failed: error instanceof Error ? error.message : String(error) });
    }
  });
  port.on('close', () => db?.close());
}
