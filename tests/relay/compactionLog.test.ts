/**
 * A compaction of the SQLite store reads the rows a room loads from 500 at a time, serving the relay's sockets
 * between, then writes one merged row and moves the room's base on to it in one transaction; the rows it
 * folds stay in the log for the history (server/storage/sqliteRoomStore.ts, compact; db/roomLog.ts). Whatever
 * a crash or a full disk stops it at, the room must load whole and the history must hold every original row
 * exactly once. A database from before room_bases (schema migration 6), whose compactions moved the rows to
 * room_audit, must load and read the same after the upgrade. Real SQLite files; a full disk is a trigger that
 * aborts writes, as SQLite reports one.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MemberId } from '../../shared/model/ids';
import { openDatabase } from '../../server/db/openDatabase';
import { ROOM_LOG_SQL } from '../../server/db/roomLog';
import { SqliteRoomStore } from '../../server/storage/sqliteRoomStore';
import { removeTempDir, tempDir } from '../support/tempDirs';

const ROOM = 'soa/s1/partner/p1';
const member = 'member1' as MemberId;

/** Folds updates as the relay's compaction does: applied in order, then encoded. */
async function applyInOrder(updates: readonly Uint8Array[]): Promise<Uint8Array> {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return Y.encodeStateAsUpdate(doc);
}

function textOf(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('a compaction', () => {
  let dir: string;
  let db: Database.Database;
  let store: SqliteRoomStore;
  let writer: Y.Doc;
  let pending: Uint8Array[];

  beforeEach(() => {
    dir = tempDir('soa-compaction-steps-');
    db = openDatabase(path.join(dir, 'relay.db'));
    store = new SqliteRoomStore(db);
    writer = new Y.Doc();
    pending = [];
    writer.on('update', (update: Uint8Array) => pending.push(update));
  });
  afterEach(() => {
    db.close();
    removeTempDir(dir);
  });

  /** One keystroke-sized edit, stored as the relay stores it. */
  async function type(text: string): Promise<void> {
    writer.getText('t').insert(writer.getText('t').length, text);
    for (const update of pending.splice(0)) await store.append(ROOM, update, member);
  }

  /** The rows the room loads from now: its merged row and those after it. */
  const loadRows = () => db.prepare(ROOM_LOG_SQL).all({ room: ROOM }).length;
  const mergedRows = () =>
    (db.prepare('SELECT COUNT(*) AS n FROM room_updates WHERE room = ? AND compacted = 1').get(ROOM) as { n: number })
      .n;
  /** Every original row's sequence number, wherever it is: the log, or the audit of a relay before migration 6. */
  const originals = () =>
    (
      db
        .prepare(
          'SELECT seq FROM room_updates WHERE room = ? AND compacted = 0 UNION ALL SELECT seq FROM room_audit WHERE room = ? ORDER BY seq',
        )
        .all(ROOM, ROOM) as { seq: number }[]
    ).map((row) => row.seq);

  it('leaves the room whole on every turn while it reads, with typing going on, and commits once', async () => {
    // More than one read's worth (500 rows).
    for (let i = 0; i < 1_200; i++) await type(`${i};`);
    const before = originals();
    expect(before).toHaveLength(1_200);
    const textBefore = writer.getText('t').toString();
    const compaction = store.compact(ROOM, applyInOrder);
    let done = false;
    void compaction.then(
      () => (done = true),
      () => (done = true),
    );
    const typedMeanwhile: Promise<void>[] = [];
    let turns = 0;
    while (!done) {
      await nextTurn();
      turns++;
      // What a crash now would leave: a relay that starts again loads the whole room, with every keystroke
      // whose append has been stored.
      const loaded = textOf(store.loadNow(ROOM).updates);
      expect(writer.getText('t').toString().startsWith(loaded)).toBe(true);
      expect(loaded.length).toBeGreaterThanOrEqual(textBefore.length);
      // And the history reads each original once: none lost, none twice.
      const now = originals();
      expect(new Set(now).size).toBe(now.length);
      expect(now.slice(0, 1_200)).toEqual(before);
      if (turns % 2 === 0) {
        writer.getText('t').insert(writer.getText('t').length, `more ${turns};`);
        typedMeanwhile.push(...pending.splice(0).map((update) => store.append(ROOM, update, member)));
      }
    }
    const result = await compaction;
    await Promise.all(typedMeanwhile);
    // The sockets were served while it read and merged (three reads, each a turn of its own at least).
    expect(turns).toBeGreaterThanOrEqual(3);
    expect(result?.rowsFolded).toBe(1_200);
    expect(mergedRows()).toBe(1);
    expect(loadRows()).toBe(1 + typedMeanwhile.length);
    expect(textOf(store.loadNow(ROOM).updates)).toBe(writer.getText('t').toString());
    expect(originals()).toHaveLength(1_200 + typedMeanwhile.length);

    // The next compaction folds the merged row with what came after, and leaves one merged row.
    for (let i = 0; i < 20; i++) await type(`later ${i};`);
    const next = await store.compact(ROOM, applyInOrder);
    expect(next?.rowsFolded).toBe(1 + typedMeanwhile.length + 20);
    expect(mergedRows()).toBe(1);
    expect(loadRows()).toBe(1);
    expect(textOf(store.loadNow(ROOM).updates)).toBe(writer.getText('t').toString());
    expect(originals()).toHaveLength(1_200 + typedMeanwhile.length + 20);
  });

  it('stopped by a full disk, loses nothing, and the next compaction folds it all', async () => {
    for (let i = 0; i < 250; i++) await type(`${i};`);
    const stored = originals();
    const saboteur = new Database(path.join(dir, 'relay.db'));
    try {
      saboteur.exec(
        "CREATE TRIGGER full_disk BEFORE INSERT ON room_updates WHEN NEW.compacted = 1 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
      );
      await expect(store.compact(ROOM, applyInOrder)).rejects.toThrow(/database or disk is full/);
      expect(mergedRows()).toBe(0);
      expect(loadRows()).toBe(250);
      expect(textOf(store.loadNow(ROOM).updates)).toBe(writer.getText('t').toString());
      expect(originals()).toEqual(stored);

      // Room again on the disk, and after a restart: the next compaction folds every row.
      saboteur.exec('DROP TRIGGER full_disk');
      const restarted = new SqliteRoomStore(db);
      const again = await restarted.compact(ROOM, applyInOrder);
      expect(again?.rowsFolded).toBe(250);
      expect(loadRows()).toBe(1);
      expect(textOf(restarted.loadNow(ROOM).updates)).toBe(writer.getText('t').toString());
      expect(originals()).toEqual(stored);
    } finally {
      saboteur.close();
    }
  });

  it('leaves the rows to a compaction of the same rows that got there first (a second relay on the file)', async () => {
    for (let i = 0; i < 150; i++) await type(`${i};`);
    const stored = originals();
    const other = new SqliteRoomStore(openDatabase(path.join(dir, 'relay.db')));
    // Both read the same rows; the other relay's merge is quicker and puts its merged row in first.
    let release: () => void = () => {};
    const slowMerge = async (updates: readonly Uint8Array[]) => {
      await new Promise<void>((resolve) => (release = resolve));
      return applyInOrder(updates);
    };
    const ours = store.compact(ROOM, slowMerge);
    await nextTurn();
    const theirs = await other.compact(ROOM, applyInOrder);
    expect(theirs?.rowsFolded).toBe(150);
    release();
    await expect(ours).resolves.toBeNull();
    expect(mergedRows()).toBe(1);
    expect(loadRows()).toBe(1);
    expect(textOf(store.loadNow(ROOM).updates)).toBe(writer.getText('t').toString());
    expect(originals()).toEqual(stored);
  });

  it('upgrades a database whose compactions moved the rows to the audit, and loads and reads it the same', async () => {
    // Six keystrokes, stored as a relay before migration 6 left them: a compaction folded rows 1-3 into a
    // merged row at 3 (rows 1-3 moved to the audit); a second folded that merged row, 4 and 5 into one at 5,
    // and stopped after moving row 5, leaving the first merged row and row 4 in the log; then 6 was typed.
    const updates: Uint8Array[] = [];
    for (let i = 1; i <= 6; i++) {
      writer.getText('t').insert(writer.getText('t').length, `${i};`);
      updates.push(...pending.splice(0));
    }
    expect(updates).toHaveLength(6);
    const firstMerged = await applyInOrder(updates.slice(0, 3));
    const secondMerged = await applyInOrder([firstMerged, ...updates.slice(3, 5)]);
    const file = path.join(dir, 'relay.db');
    db.close();
    const older = new Database(file);
    older.exec('DROP TABLE room_bases');
    older.pragma('user_version = 5');
    const log = older.prepare(
      'INSERT INTO room_updates (seq, room, data, member_id, stored_at, compacted) VALUES (?, ?, ?, ?, 1000, ?)',
    );
    const audit = older.prepare(
      'INSERT INTO room_audit (seq, room, data, member_id, stored_at) VALUES (?, ?, ?, ?, 1000)',
    );
    for (const seq of [1, 2, 3, 5]) audit.run(seq, ROOM, updates[seq - 1]!, member);
    log.run(3, ROOM, firstMerged, null, 1);
    log.run(4, ROOM, updates[3]!, member, 0);
    log.run(5, ROOM, secondMerged, null, 1);
    log.run(6, ROOM, updates[5]!, member, 0);
    older.close();

    db = openDatabase(file);
    store = new SqliteRoomStore(db);
    expect(db.prepare('SELECT merged_seq, folded_through FROM room_bases WHERE room = ?').get(ROOM)).toEqual({
      merged_seq: 5,
      folded_through: 4,
    });
    // The earlier merged row is gone (the later one holds it); the room loads from the later one and row 6.
    expect(mergedRows()).toBe(1);
    expect(store.loadNow(ROOM).updates.map((update) => Buffer.from(update))).toEqual([
      Buffer.from(secondMerged),
      Buffer.from(updates[5]!),
    ]);
    expect(textOf(store.loadNow(ROOM).updates)).toBe('1;2;3;4;5;6;');
    expect(originals()).toEqual([1, 2, 3, 4, 5, 6]);

    // Compacted again, as this relay compacts: every original is still read once.
    await type('7;');
    expect((await store.compact(ROOM, applyInOrder))?.rowsFolded).toBe(3);
    expect(textOf(store.loadNow(ROOM).updates)).toBe('1;2;3;4;5;6;7;');
    expect(originals()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
