/**
 * What a compaction costs the relay's store, with the rooms' rows interleaved as a busy relay stores them: 100
 * rooms, each with a log of keystrokes just under the compaction threshold, appended a batch at a time from
 * every room at once. Then each of 20 rooms is compacted by the store (sqliteRoomStore.ts, compact) and, in a
 * copy of the same file, the way compaction wrote before schema migration 6 (the merged row in place of the
 * last row it folds, then the other rows moved to room_audit 100 a transaction), as the reference.
 *
 * For each it prints the event loop's busy time per compaction (reading the rows, writing; the merge is
 * worked out beforehand and the same for both) and the pages written to the WAL, which the WAL's sync and
 * the checkpoints then carry.
 *
 * Run: npm run bench:relay-compaction   (COMPACTION_ROWS for the rows per room, 500 by default)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { MemberId } from '../shared/model/ids';
import { openDatabase } from '../server/db/openDatabase';
import { COMPACT_AFTER_ROWS } from '../server/relay/limits';
import { SqliteRoomStore } from '../server/storage/sqliteRoomStore';
import { median, printTable } from './lib/stats';

const ROOMS = 100;
const COMPACTED_ROOMS = 20;
const ROWS_PER_ROOM = Number(process.env.COMPACTION_ROWS ?? COMPACT_AFTER_ROWS - 1);
const member = 'benchmember' as MemberId;
/** A WAL frame: the page and its 24-byte header (the default 4 KiB page). */
const WAL_FRAME_BYTES = 4096 + 24;

interface Measured {
  readonly busyMs: number[];
  readonly walPages: number[];
}

const roomName = (index: number): string => `soa/bench-compaction/partner/room-${String(index).padStart(3, '0')}`;

/** Each room's keystrokes, one update each, as a writer's typing stores them. */
function keystrokes(): Uint8Array[][] {
  return Array.from({ length: ROOMS }, (_, index) => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const text = doc.getText('body');
    for (let row = 0; row < ROWS_PER_ROOM; row++)
      text.insert(text.length, String.fromCharCode(97 + ((row + index) % 26)));
    doc.destroy();
    return updates;
  });
}

/** Appends one keystroke of every room at a time, each batch one group commit: the rooms' rows interleave. */
async function fill(store: SqliteRoomStore, typed: readonly Uint8Array[][]): Promise<void> {
  for (let row = 0; row < ROWS_PER_ROOM; row++) {
    await Promise.all(typed.map((updates, index) => store.append(roomName(index), updates[row]!, member)));
  }
}

function mergedState(updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  const merged = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return merged;
}

function walPages(file: string): number {
  return fs.existsSync(`${file}-wal`) ? Math.max(0, fs.statSync(`${file}-wal`).size - 32) / WAL_FRAME_BYTES : 0;
}

/** Measures one compaction: the WAL emptied before, the event loop's busy time and the pages written. */
async function measure(db: Database.Database, file: string, into: Measured, compact: () => Promise<unknown>) {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const before = performance.eventLoopUtilization();
  await compact();
  into.busyMs.push(performance.eventLoopUtilization(before).active);
  into.walPages.push(walPages(file));
}

/** The reference: compaction's writes before schema migration 6, on the same rows, committed as it did. */
function compactTheOldWay(db: Database.Database, room: string, merged: Uint8Array): void {
  const rows = db
    .prepare<[string], { seq: number }>('SELECT seq, data, compacted FROM room_updates WHERE room = ? ORDER BY seq')
    .all(room);
  const moveToAudit = db.prepare<[string, number, number]>(
    'INSERT OR IGNORE INTO room_audit (seq, room, data, member_id, stored_at) SELECT seq, room, data, member_id, stored_at FROM room_updates WHERE room = ? AND seq BETWEEN ? AND ? AND compacted = 0',
  );
  const deleteRows = db.prepare<[string, number, number]>(
    'DELETE FROM room_updates WHERE room = ? AND seq BETWEEN ? AND ?',
  );
  const insertMerged = db.prepare<[number, string, Uint8Array, number]>(
    'INSERT INTO room_updates (seq, room, data, member_id, stored_at, compacted) VALUES (?, ?, ?, NULL, ?, 1)',
  );
  const last = rows[rows.length - 1]!.seq;
  db.exec('PRAGMA synchronous = NORMAL');
  db.transaction(() => {
    moveToAudit.run(room, last, last);
    deleteRows.run(room, last, last);
    insertMerged.run(last, room, merged, Date.now());
  })();
  for (let start = 0; start < rows.length - 1; start += 100) {
    const first = rows[start]!.seq;
    const end = rows[Math.min(start + 100, rows.length - 1) - 1]!.seq;
    db.transaction(() => {
      moveToAudit.run(room, first, end);
      deleteRows.run(room, first, end);
    })();
  }
  db.exec('PRAGMA synchronous = FULL');
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-compaction-bench-'));
  try {
    const typed = keystrokes();
    const storeFile = path.join(dir, 'store.db');
    const referenceFile = path.join(dir, 'reference.db');
    const storeDb = openDatabase(storeFile);
    const store = new SqliteRoomStore(storeDb);
    console.log(`Filling ${ROOMS} rooms with ${ROWS_PER_ROOM} keystrokes each, interleaved...`);
    await fill(store, typed);
    storeDb.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(storeFile, referenceFile);
    const referenceDb = openDatabase(referenceFile);

    const merged = typed.map((updates) => mergedState(updates));
    const now: Measured = { busyMs: [], walPages: [] };
    const before: Measured = { busyMs: [], walPages: [] };
    // Every fifth room, so the compacted rooms' neighbours on each page are rooms not yet compacted.
    for (let index = 0; index < ROOMS; index += ROOMS / COMPACTED_ROOMS) {
      const room = roomName(index);
      await measure(storeDb, storeFile, now, async () => {
        const done = await store.compact(room, async () => merged[index]!);
        if (done?.rowsFolded !== ROWS_PER_ROOM) throw new Error(`${room} folded ${done?.rowsFolded ?? 0} rows`);
      });
      await measure(referenceDb, referenceFile, before, async () =>
        compactTheOldWay(referenceDb, room, merged[index]!),
      );
      process.stdout.write('.');
    }
    process.stdout.write('\n');
    await store.close();
    storeDb.close();
    referenceDb.close();

    console.log(
      `Compacting ${COMPACTED_ROOMS} of ${ROOMS} rooms, each of ${ROWS_PER_ROOM} keystroke rows interleaved with the others' (median per compaction, ${os.cpus().length} cores)`,
    );
    const row = (name: string, measured: Measured) => [
      name,
      median(measured.busyMs).toFixed(2),
      Math.max(...measured.busyMs).toFixed(2),
      median(measured.walPages).toFixed(0),
    ];
    printTable(
      ['compaction', 'event loop busy ms', 'max ms', 'WAL pages written'],
      [row('the store: merged row and room_bases', now), row('reference: rows moved to room_audit', before)],
    );
    console.log(
      `\nRatio to the reference: event loop busy ${(median(now.busyMs) / median(before.busyMs)).toFixed(2)}x, WAL pages ${(median(now.walPages) / median(before.walPages)).toFixed(3)}x`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
