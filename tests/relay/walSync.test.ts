// The SQLite store's group commit with the write-ahead log synced off the event loop (sqliteRoomStore.ts):
// an append settles only once the WAL holding it is synced; a failed sync refuses the batch and every append
// after it (and any batch whose sync overlapped it); a batch is synced while the previous sync runs, two at most
// at a time, and appends that arrive while two run are committed together once one is done. Real files.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../server/db/openDatabase';
import { StorageUnavailableError } from '../../server/storage/roomStore';
import { SqliteRoomStore } from '../../server/storage/sqliteRoomStore';
import { WalFile } from '../../server/storage/walFile';
import { removeTempDir, tempDir } from '../support/tempDirs';

/** A WAL sync the test releases (or fails) by hand, counting the syncs asked for. */
function heldSyncs() {
  const waiting: { fd: number; release: () => void; fail: (error: Error) => void }[] = [];
  return {
    waiting,
    calls: 0,
    sync(fd: number): Promise<void> {
      this.calls++;
      return new Promise((resolve, reject) => waiting.push({ fd, release: resolve, fail: reject }));
    },
  };
}

/** Lets several event-loop turns pass (a flush is scheduled with setImmediate). */
async function turns(count = 5): Promise<void> {
  for (let turn = 0; turn < count; turn++) await new Promise((done) => setImmediate(done));
}

const update = (byte: number) => new Uint8Array([byte, byte, byte]);

describe('durable group commit with the WAL synced off the event loop', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });
  function database(durability: 'full' | 'normal' = 'full') {
    const dir = tempDir('soa-relay-test-');
    const file = path.join(dir, 'relay.db');
    const db = openDatabase(file, { durability });
    // Another connection, as another process would read the file.
    const reader = new Database(file, { readonly: true });
    cleanups.push(() => removeTempDir(dir));
    cleanups.push(() => db.close());
    cleanups.push(() => reader.close());
    const rows = (): number =>
      (reader.prepare('SELECT COUNT(*) AS n FROM room_updates').get() as { readonly n: number }).n;
    const mergedRows = (): number =>
      (reader.prepare('SELECT COUNT(*) AS n FROM room_updates WHERE compacted = 1').get() as { readonly n: number }).n;
    return { file, db, rows, mergedRows };
  }

  it('settles an append only once the write-ahead log holding it is synced, and syncs the WAL file', async () => {
    const { file, db, rows } = database();
    const syncs = heldSyncs();
    const store = new SqliteRoomStore(db, { syncWal: (fd) => syncs.sync(fd) });
    const before = rows();
    let settled = false;
    const appended = store.append('room-a', update(1), null).then(() => (settled = true));
    await turns();
    // Committed (visible to another connection) but not yet synced: not settled.
    expect(rows()).toBe(before + 1);
    expect(syncs.waiting).toHaveLength(1);
    expect(settled).toBe(false);
    // The descriptor synced is the database's own WAL file.
    const synced = fs.fstatSync(syncs.waiting[0]!.fd);
    const wal = fs.statSync(`${file}-wal`);
    expect([synced.dev, synced.ino]).toEqual([wal.dev, wal.ino]);
    syncs.waiting[0]!.release();
    await appended;
    expect(settled).toBe(true);
    await store.close();
  });

  it('syncs the next batch while the previous sync runs, at most two at once, and settles batches in order', async () => {
    const { db, rows } = database();
    const syncs = heldSyncs();
    const store = new SqliteRoomStore(db, { syncWal: (fd) => syncs.sync(fd) });
    const base = rows();
    const first = store.append('room-a', update(1), null);
    await turns();
    expect(syncs.calls).toBe(1);
    // The next append is committed and its sync started at once, while the first sync still runs.
    const second = store.append('room-b', update(2), null);
    await turns();
    expect(rows()).toBe(base + 2);
    expect(syncs.calls).toBe(2);
    // With two syncs running, five appends, each in its own event-loop turn (as ws hands over inflated
    // messages one at a time), wait.
    const later: Promise<void>[] = [];
    for (let index = 0; index < 5; index++) {
      later.push(store.append(`room-${index}`, update(10 + index), null));
      await turns(2);
    }
    expect(rows()).toBe(base + 2);
    expect(syncs.calls).toBe(2);
    // The second sync finishes first: its batch still waits for the first batch's sync (WalFile.sync), and
    // the five still wait for a sync to end.
    let secondSettled = false;
    void second.then(() => (secondSettled = true));
    syncs.waiting[1]!.release();
    await turns();
    expect(secondSettled).toBe(false);
    expect(rows()).toBe(base + 2);
    syncs.waiting[0]!.release();
    await Promise.all([first, second]);
    await turns();
    // The five are committed together, in one transaction and one sync.
    expect(rows()).toBe(base + 7);
    expect(syncs.calls).toBe(3);
    let laterSettled = false;
    void Promise.all(later).then(() => (laterSettled = true));
    await turns();
    expect(laterSettled).toBe(false);
    syncs.waiting[2]!.release();
    await Promise.all(later);
    await store.close();
  });

  it('refuses a batch whose own sync succeeded when an earlier batch’s sync fails, and never serves either', async () => {
    const { db } = database();
    const syncs = heldSyncs();
    const store = new SqliteRoomStore(db, { syncWal: (fd) => syncs.sync(fd) });
    const first = store.append('room-a', update(1), null);
    await turns();
    const second = store.append('room-b', update(2), null);
    await turns();
    expect(syncs.calls).toBe(2);
    // The second batch's frames follow the first's in the WAL: if the first's pages were dropped, a power cut
    // would lose the second too (SQLite's recovery stops at the first frame that does not follow).
    syncs.waiting[1]!.release();
    syncs.waiting[0]!.fail(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await expect(first).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(second).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(store.loadNow('room-a').updates).toEqual([]);
    expect(store.loadNow('room-b').updates).toEqual([]);
    await expect(store.append('room-c', update(3), null)).rejects.toBeInstanceOf(StorageUnavailableError);
    await store.close();
  });

  it('refuses the whole batch when the sync fails, then every later append, and never serves the batch', async () => {
    const { db } = database();
    const syncs = heldSyncs();
    const store = new SqliteRoomStore(db, { syncWal: (fd) => syncs.sync(fd) });
    await Promise.all([store.append('room-a', update(1), null), releaseNext(syncs)]);
    const batch = [store.append('room-a', update(2), null), store.append('room-b', update(3), null)];
    const outcomes = Promise.allSettled(batch);
    await turns();
    syncs.waiting[1]!.fail(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    for (const outcome of await outcomes) {
      expect(outcome.status).toBe('rejected');
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(StorageUnavailableError);
    }
    // After a failed sync the kernel may have dropped the batch's pages while later frames chain on them:
    // nothing more is acknowledged until the relay restarts.
    await expect(store.append('room-c', update(4), null)).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(syncs.calls).toBe(2);
    // The refused rows are committed in the file, but the store does not serve them (a room rebuilt after
    // the failure holds only what was synced); the authors still hold them and send them again.
    expect(store.loadNow('room-a').updates).toEqual([update(1)]);
    expect((await store.load('room-b')).updates).toEqual([]);
    // The directory's own store on the same connection (its exports, the admin's writes) knows it too.
    const directoryStore = new SqliteRoomStore(db);
    expect(directoryStore.loadNow('room-a').updates).toEqual([update(1)]);
    expect(() => directoryStore.appendNow('room-d', update(5), null)).toThrow(StorageUnavailableError);
    await expect(store.compact('room-a', async (updates) => updates[0]!)).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
    await store.close();
  });

  it('finishes a compaction only once the write-ahead log holding it is synced, with the connection left fully synchronous', async () => {
    const { db, mergedRows } = database();
    const syncs = heldSyncs();
    const store = new SqliteRoomStore(db, { syncWal: (fd) => syncs.sync(fd) });
    const written = Promise.all([1, 2, 3].map((byte) => store.append('room-a', update(byte), null)));
    await releaseNext(syncs);
    await written;
    let finished = false;
    const compacted = store
      .compact('room-a', async () => update(9))
      .then((compaction) => ((finished = true), compaction));
    await vi.waitFor(() => expect(syncs.waiting).toHaveLength(2));
    // Committed (another connection sees the merged row) but not yet synced: not finished.
    expect(mergedRows()).toBe(1);
    expect(finished).toBe(false);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    syncs.waiting[1]!.release();
    expect(await compacted).toMatchObject({ rowsFolded: 3 });
    expect(store.loadNow('room-a').updates).toEqual([update(9)]);
    await store.close();
  });

  it('breaks the connection when a compaction cannot be synced, and still serves the room whole', async () => {
    const { db } = database();
    const syncs = heldSyncs();
    const store = new SqliteRoomStore(db, { syncWal: (fd) => syncs.sync(fd) });
    const written = Promise.all([1, 2].map((byte) => store.append('room-a', update(byte), null)));
    await releaseNext(syncs);
    await written;
    const compacted = store.compact('room-a', async () => update(9));
    await vi.waitFor(() => expect(syncs.waiting).toHaveLength(2));
    syncs.waiting[1]!.fail(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await expect(compacted).rejects.toBeInstanceOf(StorageUnavailableError);
    // As after a batch's failed sync, nothing more is acknowledged until the relay restarts.
    await expect(store.append('room-a', update(4), null)).rejects.toBeInstanceOf(StorageUnavailableError);
    // The merged row holds the rows it replaced (synced when they were stored), so the room is served whole.
    expect(store.loadNow('room-a').updates).toEqual([update(9)]);
    await store.close();
  });

  it('keeps --durability normal as it was: settled at commit, no sync of its own', async () => {
    const { db } = database('normal');
    const syncs = heldSyncs();
    const store = new SqliteRoomStore(db, { syncWal: (fd) => syncs.sync(fd) });
    await store.append('room-a', update(1), null);
    expect(syncs.calls).toBe(0);
    await store.close();
  });

  it("leaves the sync to SQLite's own commit with walSync: 'sqlite' (the benchmark's comparison)", async () => {
    const { db } = database();
    const syncs = heldSyncs();
    const store = new SqliteRoomStore(db, { syncWal: (fd) => syncs.sync(fd), walSync: 'sqlite' });
    await store.append('room-a', update(1), null);
    expect(syncs.calls).toBe(0);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    await store.close();
  });

  it('leaves the connection fully synchronous for every other write', async () => {
    const { db } = database();
    const store = new SqliteRoomStore(db);
    await store.append('room-a', update(1), null);
    // The directory's writes (invites, tokens, versions, audit) on the same connection fsync as before.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    await store.close();
  });

  it('syncs with the real fdatasync by default', async () => {
    const { db } = database();
    const store = new SqliteRoomStore(db);
    await Promise.all([1, 2, 3].map((byte) => store.append('room-a', update(byte), null)));
    expect(store.loadNow('room-a').updates).toHaveLength(3);
    await store.close();
  });
});

describe('the WAL file synced by several syncs at once', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });
  function walOf() {
    const dir = tempDir('soa-wal-file-');
    const file = path.join(dir, 'relay.db');
    fs.writeFileSync(`${file}-wal`, 'frames');
    cleanups.push(() => removeTempDir(dir));
    const syncs = heldSyncs();
    return { wal: new WalFile(file, (fd) => syncs.sync(fd)), syncs };
  }
  const openDescriptors = () => fs.readdirSync('/proc/self/fd').length;

  it('gives each sync running at once a descriptor of its own, and reuses them once done', async () => {
    const { wal, syncs } = walOf();
    const descriptorsBefore = openDescriptors();
    const first = wal.sync();
    const second = wal.sync();
    expect(syncs.waiting).toHaveLength(2);
    // A writeback error is reported once per open file description: a shared one could hide it from one.
    expect(syncs.waiting[0]!.fd).not.toBe(syncs.waiting[1]!.fd);
    syncs.waiting[0]!.release();
    syncs.waiting[1]!.release();
    await Promise.all([first, second]);
    for (let round = 0; round < 20; round++) {
      const next = wal.sync();
      syncs.waiting[syncs.waiting.length - 1]!.release();
      await next;
    }
    expect(openDescriptors()).toBe(descriptorsBefore + 2);
    wal.close();
    expect(openDescriptors()).toBe(descriptorsBefore);
  });

  it('fails a sync whose own flush succeeded when one asked for before it fails', async () => {
    const { wal, syncs } = walOf();
    const first = wal.sync();
    const second = wal.sync();
    const outcomes = Promise.allSettled([first, second]);
    syncs.waiting[1]!.release();
    await turns();
    syncs.waiting[0]!.fail(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    expect((await outcomes).map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    wal.close();
  });
});

/** Releases the next sync once it has been asked for. */
async function releaseNext(syncs: ReturnType<typeof heldSyncs>): Promise<void> {
  const index = syncs.waiting.length;
  for (let turn = 0; syncs.waiting.length <= index; turn++) {
    if (turn > 1_000) throw new Error('no WAL sync was asked for');
    await turns(1);
  }
  syncs.waiting[index]!.release();
}
