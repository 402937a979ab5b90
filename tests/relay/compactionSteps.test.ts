/**
 * A compaction of the SQLite store reads the room's log 500 rows at a time, puts the merged row in place of the
 * last row it folds, then moves the other folded rows to the audit a hundred at a time, a transaction each,
 * serving the relay's sockets between them (server/storage/sqliteRoomStore.ts, compact). Whatever step a crash or a full disk stops it at, the log
 * must load to the whole room and the history must hold every original row exactly once; the room's next
 * compaction folds what is left. Real SQLite files; a full disk is a trigger that aborts writes, as SQLite
 * reports one.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MemberId } from '../../shared/model/ids';
import { openDatabase } from '../../server/db/openDatabase';
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

describe('a compaction in steps', () => {
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

  const logRows = () =>
    (db.prepare('SELECT COUNT(*) AS n FROM room_updates WHERE room = ?').get(ROOM) as { n: number }).n;
  const mergedRows = () =>
    (db.prepare('SELECT COUNT(*) AS n FROM room_updates WHERE room = ? AND compacted = 1').get(ROOM) as { n: number })
      .n;
  const audited = () =>
    (db.prepare('SELECT COUNT(*) AS n FROM room_audit WHERE room = ?').get(ROOM) as { n: number }).n;
  /** Every original row's sequence number, wherever it is now: the live log or the audit. */
  const originals = () =>
    (
      db
        .prepare(
          'SELECT seq FROM room_updates WHERE room = ? AND compacted = 0 UNION ALL SELECT seq FROM room_audit WHERE room = ? ORDER BY seq',
        )
        .all(ROOM, ROOM) as { seq: number }[]
    ).map((row) => row.seq);

  it('leaves the log whole after every step, with typing going on between them', async () => {
    // More than one read's worth (500 rows), as well as several steps' worth of moves to the audit.
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
    const auditedSeen = new Set<number>();
    let turn = 0;
    while (!done) {
      await nextTurn();
      auditedSeen.add(audited());
      // What a crash now would leave: a relay that starts again loads the whole room from the log, with
      // every keystroke whose append has been stored.
      const loaded = textOf(store.loadNow(ROOM).updates);
      expect(writer.getText('t').toString().startsWith(loaded)).toBe(true);
      expect(loaded.length).toBeGreaterThanOrEqual(textBefore.length);
      // And the history reads each original once: none lost, none twice.
      const now = originals();
      expect(new Set(now).size).toBe(now.length);
      expect(now.slice(0, 1_200)).toEqual(before);
      if (turn++ % 2 === 0) {
        writer.getText('t').insert(writer.getText('t').length, `more ${turn};`);
        typedMeanwhile.push(...pending.splice(0).map((update) => store.append(ROOM, update, member)));
      }
    }
    const result = await compaction;
    await Promise.all(typedMeanwhile);
    expect(result?.rowsFolded).toBe(1_200);
    // Folded in separate turns: 1 row audited (the merged row's place), then 101, 201, ... and 1,200.
    expect([...auditedSeen].filter((count) => count > 0).length).toBeGreaterThanOrEqual(4);
    expect(audited()).toBe(1_200);
    expect(mergedRows()).toBe(1);
    expect(logRows()).toBe(1 + typedMeanwhile.length);
    expect(textOf(store.loadNow(ROOM).updates)).toBe(writer.getText('t').toString());
    expect(originals()).toHaveLength(1_200 + typedMeanwhile.length);
  });

  it('stopped by a full disk part of the way through, loses nothing, and the next compaction folds the rest', async () => {
    for (let i = 0; i < 250; i++) await type(`${i};`);
    const stored = originals();
    const compaction = store.compact(ROOM, applyInOrder);
    const saboteur = new Database(path.join(dir, 'relay.db'));
    try {
      // Once the merged row is in the log, the disk fills: the steps that move the other rows fail.
      while (mergedRows() === 0) await nextTurn();
      saboteur.exec(
        "CREATE TRIGGER full_disk BEFORE DELETE ON room_updates BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
      );
      await expect(compaction).rejects.toThrow(/database or disk is full/);
      expect(logRows()).toBe(250);
      expect(textOf(store.loadNow(ROOM).updates)).toBe(writer.getText('t').toString());
      expect(originals()).toEqual(stored);

      // Room again on the disk, and after a restart: the next compaction folds the merged row and the rest.
      saboteur.exec('DROP TRIGGER full_disk');
      const restarted = new SqliteRoomStore(db);
      const again = await restarted.compact(ROOM, applyInOrder);
      expect(again?.rowsFolded).toBe(250);
      expect(logRows()).toBe(1);
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
    expect(logRows()).toBe(1);
    expect(textOf(store.loadNow(ROOM).updates)).toBe(writer.getText('t').toString());
    expect(originals()).toEqual(stored);
  });
});
