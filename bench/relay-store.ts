/**
 * Stored updates per second: the relay's SQLite room store against raw better-sqlite3 inserts into the same
 * table with the same durability settings (WAL, synchronous = FULL), in the same run.
 *
 * - one writer: each update awaited before the next (every update its own durable commit in both);
 * - 100 rooms at once: appends issued together, as when many rooms are busy; the store groups them into
 *   one transaction per event-loop turn. The raw references are one autocommit insert per update (the
 *   same durability per update) and one transaction per 100 (the best raw batching).
 *
 * Run: npx tsx bench/relay-store.ts   (RELAY_STORE_N to change the number of updates)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import type { MemberId } from '../shared/model/ids';
import { openDatabase } from '../server/db/openDatabase';
import { SqliteRoomStore } from '../server/storage/sqliteRoomStore';
import { percentile, printTable } from './lib/stats';

const N = Number(process.env.RELAY_STORE_N ?? 3000);
const ROOMS = 100;

function keystrokeUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const text = doc.getText('body');
  for (let i = 0; i < count; i++) text.insert(i % 2 === 0 ? text.length : 0, 'a');
  return updates;
}

function freshDb(dir: string, name: string) {
  return openDatabase(path.join(dir, name));
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-store-bench-'));
  const updates = keystrokeUpdates(N);
  const member = 'benchmember' as MemberId;
  const results: { name: string; perSecond: number }[] = [];
  const time = async (name: string, run: () => Promise<void> | void): Promise<number> => {
    const started = process.hrtime.bigint();
    await run();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const perSecond = N / seconds;
    results.push({ name, perSecond });
    return perSecond;
  };
  try {
    const rawDb = freshDb(dir, 'raw.db');
    const insert = rawDb.prepare('INSERT INTO room_updates (room, data, member_id, stored_at) VALUES (?, ?, ?, ?)');
    const commitMs: number[] = [];
    const rawOne = await time('raw insert, autocommit, one at a time', () => {
      for (const [i, update] of updates.entries()) {
        const started = performance.now();
        insert.run(`room-${i % ROOMS}`, update, member, Date.now());
        commitMs.push(performance.now() - started);
      }
    });
    const batch = rawDb.transaction((slice: Uint8Array[], offset: number) => {
      for (const [i, update] of slice.entries()) insert.run(`room-${(offset + i) % ROOMS}`, update, member, Date.now());
    });
    const rawBatched = await time(`raw insert, one transaction per ${ROOMS}`, () => {
      for (let offset = 0; offset < updates.length; offset += ROOMS)
        batch(updates.slice(offset, offset + ROOMS), offset);
    });
    rawDb.close();

    const storeDb = freshDb(dir, 'store.db');
    const store = new SqliteRoomStore(storeDb);
    const storeOne = await time('relay store, one writer, each awaited', async () => {
      for (const [i, update] of updates.entries()) await store.append(`room-${i % ROOMS}`, update, member);
    });
    const storeConcurrent = await time(`relay store, ${ROOMS} rooms at once`, async () => {
      for (let offset = 0; offset < updates.length; offset += ROOMS) {
        await Promise.all(
          updates
            .slice(offset, offset + ROOMS)
            .map((update, i) => store.append(`room-${(offset + i) % ROOMS}`, update, member)),
        );
      }
    });
    await store.close();
    const mode = storeDb.pragma('journal_mode', { simple: true });
    const sync = storeDb.pragma('synchronous', { simple: true });
    storeDb.close();

    console.log(
      `Stored updates per second, ${N} keystroke updates (journal_mode=${String(mode)}, synchronous=${String(sync)} (2 = FULL), ${os.cpus().length} cores)`,
    );
    printTable(
      ['case', 'updates/s'],
      results.map((result) => [result.name, result.perSecond.toFixed(0)]),
    );
    commitMs.sort((a, b) => a - b);
    console.log(
      `\nOne durable commit (raw autocommit insert) on this disk: p50 ${percentile(commitMs, 50).toFixed(2)} ms, p99 ${percentile(commitMs, 99).toFixed(2)} ms, max ${percentile(commitMs, 100).toFixed(1)} ms`,
    );
    console.log("(the floor under the relay's fan-out latency: nothing is broadcast before its commit)\n");
    printTable(
      ['ratio', 'value', 'goal'],
      [
        ['store one-at-a-time / raw autocommit', (storeOne / rawOne).toFixed(2) + 'x', '>= 0.5x'],
        [`store ${ROOMS} rooms / raw autocommit`, (storeConcurrent / rawOne).toFixed(2) + 'x', '>= 0.5x'],
        [
          `store ${ROOMS} rooms / raw batched per ${ROOMS}`,
          (storeConcurrent / rawBatched).toFixed(2) + 'x',
          '(reference)',
        ],
      ],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
