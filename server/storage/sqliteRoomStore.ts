/**
 * The room store in the relay's SQLite file (see db/schema.ts for the tables).
 *
 * Group commit, with the write-ahead log synced off the event loop. Appends are queued and written in one
 * transaction; every append's promise settles only once that transaction is on the disk, and the relay
 * broadcasts and acknowledges an update only after its append resolves (relay/writeUpdate.ts). If anything
 * fails, the whole batch rejects with StorageUnavailableError and nothing of it is acknowledged.
 *
 * How a batch reaches the disk (when the connection is in WAL mode with synchronous = FULL or EXTRA, the
 * relay's default; db/openDatabase.ts):
 *   1. The batch is committed with synchronous = NORMAL, switched on the connection for that one
 *      transaction and switched back straight after, in the same synchronous call, so no other write on the
 *      connection (the directory's invites, tokens, versions and audit, the admin and CLI paths) ever runs
 *      without SQLite's own fsync. In WAL mode NORMAL writes the batch's frames to the OS and does not sync
 *      them; the commit is then visible to readers but not yet durable against power loss. A compaction
 *      commits the same way and resolves only once its own sync of the WAL has completed (below).
 *   2. The WAL file is fdatasync'ed on libuv's thread pool (walFile.ts), not on the event loop, where
 *      SQLite's own fsync used to take 14-17% of the relay's time, during which no socket was served.
 *   3. Only when that sync completes, and every batch committed before it has settled, do the batch's
 *      promises resolve. Appends that arrive meanwhile form the next batch, committed in the next turn and
 *      synced straight away, while the previous sync may still run: up to two syncs at a time
 *      (SYNCS_AT_ONCE), so an update committed during a sync does not wait for that sync to end before its
 *      own begins (each sync has a descriptor of its own, and succeeds only if every sync asked for before it
 *      did: walFile.ts says why). Once two run, appends wait and form one batch (one per event-loop turn
 *      when the disk is idle). This also keeps batches whole when websocket compression hands messages over
 *      one turn at a time.
 *
 * Why that is as durable as FULL for what the relay promises:
 * - fdatasync flushes the file's data and its length, whatever descriptor wrote it; walFile.ts syncs the
 *   file now at `<db>-wal` (checked by device and inode before each sync) and syncs its folder when it
 *   opens a WAL file, as SQLite does the first time it syncs a new WAL. SQLite removes the WAL only when the
 *   last connection closes, after checkpointing all of it into the database file and syncing that; this
 *   store's connection is open until after close() has waited for the last sync.
 * - Checkpoints and WAL restarts: with NORMAL (and FULL) SQLite syncs the WAL before a checkpoint copies it
 *   and the database file after, and syncs the new WAL header when the log restarts from its beginning,
 *   which it does only once every frame is checkpointed. So a batch whose frames are overwritten by a
 *   restart before our sync ran is already in the synced database file, and a sync that runs after a
 *   restart flushes the new frames (harmless). The WAL checkpointer's worker (walCheckpointer.ts) writes on
 *   a connection of its own, with FULL (the compaction worker only merges; this store writes what it returns),
 *   and a FULL commit on any connection syncs the whole WAL, ours included: that only makes a batch durable
 *   earlier, never later.
 * - `durability: 'normal'` (db/openDatabase.ts) keeps its meaning: the connection is NORMAL, the store
 *   syncs nothing itself and settles a batch when it commits (durable against a crash of the relay, not
 *   against power loss), as before. A database not in WAL mode commits with its own syncs, as before.
 * - onCommit (the WAL checkpointer's count) is called after each commit, as before; the change feed skips
 *   the batch's rows (ownSeqs) from the commit on, so the relay never hands its own rows back as foreign
 *   ones, and in particular never broadcasts a row whose sync is pending or has failed.
 *
 * Reads between the commit and the sync see the batch: a room loaded meanwhile, or another process's change
 * feed (the admin CLI, a second relay on the file), may serve a row that a power loss in the next
 * milliseconds would undo. That breaks no promise: the author has no acknowledgement yet, keeps the update
 * and sends it again, and Yjs applies a repeated update as a no-op. Within this relay a room's writes are
 * serialised (writePipeline.ts), so a room is never rebuilt from its rows while its own append waits.
 *
 * A failed sync (EIO, ENOSPC on some file systems, a WAL that vanished): the batch rejects with
 * StorageUnavailableError, so the relay closes its writers with 4503 and neither applies, broadcasts nor
 * acknowledges it (as for a failed commit); clients keep the changes and send them again. The batch's rows
 * are committed in the WAL nonetheless, so no store on the connection serves them (load and loadNow leave
 * them out, the directory's exports included): a room rebuilt after the failure holds only what was synced.
 * After a failed fsync the kernel may have dropped the batch's pages (marked clean, never written), and a
 * later batch's successful sync would not bring them back: SQLite's recovery stops at the first frame whose
 * checksum does not follow, so the later batch would be lost after a power cut too, although acknowledged.
 * So after a failed sync every store on the connection refuses every append and compaction until the relay
 * is restarted, including a batch committed while that sync ran whose own sync succeeded (its rows are not
 * served either, as their frames follow the failed batch's in the WAL); SQLite then recovers the WAL from
 * what the disk holds (every synced batch is there, and whatever reached the disk of the failed one is
 * loaded like any row: its authors' own updates, which they send again anyway). SQLite's own FULL commit
 * avoids this by syncing before the commit becomes visible, so a failed commit's frames are overwritten by
 * the next; a sync after the commit cannot.
 *
 * A compaction's commit (the merged row in, the room's base moved on to it) is synced the same way, off the
 * event loop. It adds no content: the merged row holds exactly the rows it folds, which were synced when
 * they were stored and stay in the log, so a power cut before its sync leaves the room as it was (WAL
 * transactions are whole or absent), and any later batch's sync makes it durable too. A failed sync breaks
 * the connection as a batch's does (the merged row is not marked unsynced: it holds only synced content, so
 * a room loaded afterwards is whole either way).
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ROOM_LOG_SQL, type RoomLogRow } from '../db/roomLog';
import {
  STORED_WRITE_MINUTE_MS,
  StorageUnavailableError,
  type Compaction,
  type RoomStore,
  type StoredRoom,
  type StoredWrite,
  type UpdateAuthor,
} from './roomStore';
import { betweenCompactionSteps } from './compactionPace';
import { WalFile, type SyncFile } from './walFile';

interface PendingAppend {
  readonly room: string;
  readonly update: Uint8Array;
  readonly author: UpdateAuthor;
  readonly claimedClients: readonly number[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** A row of a room's log as compaction reads it: compacted 1 for the merged row of its last compaction. */
interface LogRow extends RoomLogRow {
  readonly compacted: number;
}

/** A compacted room's merged row and the last row it folds (room_bases, db/schema.ts). */
interface RoomBase {
  readonly merged_seq: number;
  readonly folded_through: number;
}

/**
 * A compaction reads the room's log this many rows at a time, pausing between: reading 20,000 rows at once held
 * the event loop for 40-70 ms (2-3.5 µs a row), every other room waiting.
 */
const LOG_ROWS_PER_READ = 500;

/** A failed WAL sync's consequences for one connection: set once, until the process ends. */
interface BrokenWal {
  /** Set by a failed WAL sync: every later append is refused until the relay restarts. */
  failure: StorageUnavailableError | null;
  /** Rows of a batch whose sync failed: committed in the file, but never served. */
  readonly unsyncedSeqs: Set<number>;
}

const brokenWals = new WeakMap<Database.Database, BrokenWal>();

/**
 * WAL syncs that may run at once (see the header): a batch committed while the previous batch's sync runs
 * starts its own sync straight away instead of waiting for that one to finish first.
 */
const SYNCS_AT_ONCE = 2;

/** PRAGMA synchronous's levels. */
const SYNCHRONOUS_NORMAL = 1;
const SYNCHRONOUS_FULL = 2;

export interface SqliteRoomStoreOptions {
  /** Called after each group commit (the relay's WAL checkpointer counts them, walCheckpointer.ts). */
  readonly onCommit?: () => void;
  /** How the WAL file is flushed to the disk: fdatasync on the thread pool unless a test holds it. */
  readonly syncWal?: SyncFile;
  /**
   * 'thread-pool' (the default): the WAL is synced off the event loop, as the header says. 'sqlite': SQLite's
   * own FULL commit syncs it on the event loop, as before; kept so bench/relay-fanout.ts can compare both.
   */
  readonly walSync?: 'thread-pool' | 'sqlite';
}

export class SqliteRoomStore implements RoomStore {
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  /** Committed batches whose WAL sync is running (at most SYNCS_AT_ONCE). */
  private syncsRunning = 0;
  /** Settles once the last batch committed has settled: batches settle in the order they were committed. */
  private lastBatchSettled: Promise<void> = Promise.resolve();
  /** Settles once every append queued so far has settled (batches settle in order). */
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};
  /** The WAL this store syncs itself after each commit; null when SQLite's own commits sync (see above). */
  private readonly wal: WalFile | null;
  /** The connection's own synchronous level (FULL or EXTRA), restored after each batch committed with NORMAL. */
  private readonly synchronous: number;
  /** What a failed WAL sync left on this connection, shared by every store on it (the directory has one). */
  private readonly broken: BrokenWal;
  private readonly selectRoom;
  private readonly insertUpdate;
  private readonly insertClaim;
  private readonly selectOwners;
  private readonly selectLogPage;
  private readonly selectRoomTop;
  private readonly selectBase;
  /** Made once: better-sqlite3 builds a new wrapper (and its variants) on every db.transaction call. */
  private readonly insertBatch: (batch: readonly PendingAppend[], now: number) => number[];
  private readonly deleteMerged;
  private readonly insertMerged;
  private readonly recordBase;
  private readonly selectSince;
  private readonly selectRow;
  private feedWatermark: number;
  private readonly selectTop;
  private readonly selectStoredSince;
  /** PRAGMA data_version at the last look at the change feed; null before the first. */
  private feedDataVersion: number | null = null;

  /** Rows this store wrote itself and the change feed has not yet passed: the feed skips them. */
  private readonly ownSeqs = new Set<number>();

  constructor(
    private readonly db: Database.Database,
    private readonly options: SqliteRoomStoreOptions = {},
  ) {
    this.synchronous = Number(db.pragma('synchronous', { simple: true }));
    const walMode = String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    this.wal =
      walMode && this.synchronous >= SYNCHRONOUS_FULL && options.walSync !== 'sqlite'
        ? new WalFile(path.resolve(db.name), options.syncWal)
        : null;
    let broken = brokenWals.get(db);
    if (!broken) brokenWals.set(db, (broken = { failure: null, unsyncedSeqs: new Set() }));
    this.broken = broken;
    this.selectRoom = db.prepare<[{ room: string }], RoomLogRow>(ROOM_LOG_SQL);
    this.insertUpdate = db.prepare<[string, Uint8Array, string | null, number]>(
      'INSERT INTO room_updates (room, data, member_id, stored_at) VALUES (?, ?, ?, ?)',
    );
    this.insertClaim = db.prepare<[string, number, string | null, number]>(
      'INSERT OR IGNORE INTO room_clients (room, client_id, member_id, first_seq) VALUES (?, ?, ?, ?)',
    );
    this.selectOwners = db.prepare<[string], { readonly client_id: number; readonly member_id: string | null }>(
      'SELECT client_id, member_id FROM room_clients WHERE room = ?',
    );
    this.selectLogPage = db.prepare<[string, number, number, number], LogRow>(
      'SELECT seq, data, compacted FROM room_updates WHERE room = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    );
    this.selectRoomTop = db.prepare<[string], { readonly seq: number | null }>(
      'SELECT MAX(seq) AS seq FROM room_updates WHERE room = ?',
    );
    this.selectBase = db.prepare<[string], RoomBase>(
      'SELECT merged_seq, folded_through FROM room_bases WHERE room = ?',
    );
    this.insertBatch = db.transaction((batch: readonly PendingAppend[], now: number) =>
      batch.map((item) => {
        const seq = Number(this.insertUpdate.run(item.room, item.update, item.author, now).lastInsertRowid);
        for (const client of item.claimedClients) this.insertClaim.run(item.room, client, item.author, seq);
        return seq;
      }),
    );
    this.insertMerged = db.prepare<[string, Uint8Array, number]>(
      'INSERT INTO room_updates (room, data, member_id, stored_at, compacted) VALUES (?, ?, NULL, ?, 1)',
    );
    this.deleteMerged = db.prepare<[string, number]>(
      'DELETE FROM room_updates WHERE room = ? AND seq = ? AND compacted = 1',
    );
    this.recordBase = db.prepare<[string, number, number]>(
      'INSERT OR REPLACE INTO room_bases (room, merged_seq, folded_through) VALUES (?, ?, ?)',
    );
    // Sequence numbers only (a rowid range scan), so skipping our own rows costs no blob reads.
    this.selectSince = db.prepare<[number], { readonly seq: number }>(
      'SELECT seq FROM room_updates WHERE seq > ? ORDER BY seq',
    );
    this.selectRow = db.prepare<[number], { readonly room: string; readonly data: Buffer }>(
      'SELECT room, data FROM room_updates WHERE seq = ?',
    );
    this.selectTop = db.prepare<[], { readonly seq: number | null }>('SELECT MAX(seq) AS seq FROM room_updates');
    this.feedWatermark = this.selectTop.get()?.seq ?? 0;
    // Original rows only: those in the log, and those an earlier relay's compactions moved to the audit, totalled
    // per room, author and minute in SQLite, so a busy hour is not read into memory row by row.
    // length() of a blob reads only the row's header, not the blob.
    this.selectStoredSince = db.prepare<
      [number, number],
      { readonly room: string; readonly member_id: string | null; readonly bytes: number; readonly stored_at: number }
    >(
      `SELECT room, member_id, SUM(bytes) AS bytes, MIN(stored_at) AS stored_at FROM (
         SELECT room, member_id, length(data) AS bytes, stored_at FROM room_updates WHERE compacted = 0 AND stored_at >= ?
         UNION ALL SELECT room, member_id, length(data) AS bytes, stored_at FROM room_audit WHERE stored_at >= ?
       ) GROUP BY room, member_id, CAST(stored_at AS INTEGER) / ${STORED_WRITE_MINUTE_MS}`,
    );
  }

  async load(room: string): Promise<StoredRoom> {
    return this.loadNow(room);
  }

  async storedSince(time: number): Promise<readonly StoredWrite[]> {
    return this.selectStoredSince.all(time, time).map((row) => ({
      room: row.room,
      author: row.member_id as UpdateAuthor,
      bytes: row.bytes,
      storedAt: row.stored_at,
    }));
  }

  /**
   * Appends at once, in the caller's transaction if it has one. Not counted as this store's own row, so a
   * relay on this store applies it from the change feed like any other process's write.
   */
  appendNow(room: string, update: Uint8Array, author: UpdateAuthor): void {
    if (this.broken.failure) throw this.broken.failure;
    this.insertUpdate.run(room, update, author, Date.now());
  }

  loadNow(room: string): StoredRoom {
    const rows = this.selectRoom.all({ room });
    const updates = (
      this.broken.unsyncedSeqs.size ? rows.filter((row) => !this.broken.unsyncedSeqs.has(row.seq)) : rows
    ).map((row) => bytesOf(row.data));
    const clientOwners = new Map(
      this.selectOwners.all(room).map((row) => [row.client_id, row.member_id as UpdateAuthor]),
    );
    return { updates, clientOwners };
  }

  append(
    room: string,
    update: Uint8Array,
    author: UpdateAuthor,
    claimedClients: readonly number[] = [],
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) this.idle = new Promise((done) => (this.markIdle = done));
      this.pending.push({ room, update, author, claimedClients, resolve, reject });
      this.scheduleFlush();
    });
  }

  /** A flush in the next check phase (after the sockets read in this turn), unless SYNCS_AT_ONCE are running. */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.syncsRunning >= SYNCS_AT_ONCE) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Commits everything queued in one transaction, then syncs the WAL (see the header) before settling it. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    if (this.syncsRunning >= SYNCS_AT_ONCE || batch.length === 0) return;
    this.pending = [];
    const settled = this.markIdle;
    if (this.broken.failure) return this.settleInOrder(batch, settled, [], this.broken.failure);
    let seqs: number[];
    try {
      seqs = this.commit(batch);
    } catch (error) {
      this.settleInOrder(batch, settled, [], new StorageUnavailableError(error));
      this.options.onCommit?.();
      return;
    }
    for (const seq of seqs) this.ownSeqs.add(seq);
    this.options.onCommit?.();
    if (!this.wal) return this.settleInOrder(batch, settled, seqs, null);
    this.syncsRunning++;
    const synced = this.wal.sync().then(
      () => null,
      (error: unknown) => this.walSyncFailed(error),
    );
    void synced.then(() => {
      this.syncsRunning--;
      if (this.pending.length > 0) this.scheduleFlush();
    });
    this.settleInOrder(batch, settled, seqs, synced);
  }

  /**
   * Settles the batch once every batch committed before it has settled and `outcome` is known. A batch whose
   * own sync succeeded still fails if an earlier one's failed (see the header), and its rows are not served.
   */
  private settleInOrder(
    batch: readonly PendingAppend[],
    settled: () => void,
    seqs: readonly number[],
    outcome: StorageUnavailableError | null | Promise<StorageUnavailableError | null>,
  ): void {
    const earlier = this.lastBatchSettled;
    this.lastBatchSettled = Promise.all([earlier, outcome]).then(([, failure]) => {
      const refused = failure ?? (seqs.length > 0 ? this.broken.failure : null);
      if (refused) for (const seq of seqs) this.broken.unsyncedSeqs.add(seq);
      this.settle(batch, settled, refused);
    });
  }

  /** Marks the connection broken by a failed WAL sync (see the header) and returns the failure. */
  private walSyncFailed(error: unknown): StorageUnavailableError {
    this.broken.failure ??= new StorageUnavailableError(
      `the write-ahead log could not be synced to the disk (${error instanceof Error ? error.message : String(error)}); no change is accepted until the relay is restarted`,
    );
    return this.broken.failure;
  }

  /** The batch's transaction, committed without SQLite's own sync when this store syncs the WAL itself. */
  private commit(batch: readonly PendingAppend[]): number[] {
    return this.withoutSqliteSync(() => this.insertBatch(batch, Date.now()));
  }

  /** Runs a write with NORMAL when this store syncs the WAL itself, then restores the connection's level. */
  private withoutSqliteSync<T>(write: () => T): T {
    if (!this.wal) return write();
    // Not a prepared statement run again: SQLite applies PRAGMA synchronous when it compiles the statement.
    this.db.exec(`PRAGMA synchronous = ${SYNCHRONOUS_NORMAL}`);
    try {
      return write();
    } finally {
      this.db.exec(`PRAGMA synchronous = ${this.synchronous}`);
    }
  }

  private settle(batch: readonly PendingAppend[], settled: () => void, failure: StorageUnavailableError | null): void {
    for (const item of batch) {
      if (failure) item.reject(failure);
      else item.resolve();
    }
    settled();
  }

  /**
   * Folds the rows the room loads from (its merged row, if any, and the rows after it) into one merged row, in
   * one transaction: the new merged row in, the previous one out, and room_bases moved on to the new one. The
   * rows it folds stay in the log for the history; the room no longer loads them. A crash or a full disk
   * before the commit leaves the room as it was. Reading the rows and merging them happen before, in steps
   * with the event loop served between (readLog, compactor.ts).
   */
  async compact(
    room: string,
    merge: (updates: readonly Uint8Array[]) => Promise<Uint8Array>,
  ): Promise<Compaction | null> {
    await this.idle;
    // After a failed sync the log holds rows that were never acknowledged: fold nothing (see the header).
    if (this.broken.failure) throw this.broken.failure;
    const base = this.selectBase.get(room);
    const rows = await this.readLog(room, base?.folded_through ?? 0);
    const last = rows[rows.length - 1];
    if (rows.length < 2 || !last) return null;
    // The previous merged row first, as the room loads (db/roomLog.ts).
    const merged = await merge([...rows].sort((a, b) => b.compacted - a.compacted).map((row) => bytesOf(row.data)));
    const stored = this.commitCompaction(() => {
      // Another compaction of the same rows (a second relay on the file) got there first: leave them.
      if (this.selectBase.get(room)?.merged_seq !== base?.merged_seq) return false;
      if (base) this.deleteMerged.run(room, base.merged_seq);
      const seq = Number(this.insertMerged.run(room, merged, Date.now()).lastInsertRowid);
      // The change feed need not hand it back: the rows it folds stay in the log, so the feed sees them all.
      this.ownSeqs.add(seq);
      this.recordBase.run(room, seq, last.seq);
      return true;
    });
    if (!stored) return null;
    // Done once it is on the disk, off the event loop like a batch (see the header).
    if (this.wal) {
      try {
        await this.wal.sync();
      } catch (error) {
        throw this.walSyncFailed(error);
      }
    }
    return {
      rowsFolded: rows.length,
      bytesBefore: rows.reduce((sum, row) => sum + row.data.byteLength, 0),
      bytesAfter: merged.byteLength,
    };
  }

  /**
   * The rows the room loads from as they are now (those after `after`), LOG_ROWS_PER_READ rows at a time with
   * the event loop served between them. Rows appended meanwhile are left for the next compaction (only the
   * relay's admin CLI can append to a room whose compaction is reading: the relay holds the room's writes
   * until the rows are read).
   */
  private async readLog(room: string, after: number): Promise<LogRow[]> {
    const top = this.selectRoomTop.get(room)?.seq ?? 0;
    const rows: LogRow[] = [];
    for (;;) {
      const page = this.selectLogPage.all(room, after, top, LOG_ROWS_PER_READ);
      for (const row of page) rows.push(row);
      const last = page[page.length - 1];
      if (page.length < LOG_ROWS_PER_READ || !last) return rows;
      after = last.seq;
      await betweenCompactionSteps();
      if (this.broken.failure) throw this.broken.failure;
    }
  }

  /** A compaction's one write, in a transaction committed as a batch is (its sync comes after). */
  private commitCompaction<T>(write: () => T): T {
    // After a failed sync nothing more is written (see the header).
    if (this.broken.failure) throw this.broken.failure;
    try {
      return this.withoutSqliteSync(this.db.transaction(write));
    } catch (error) {
      throw new StorageUnavailableError(error);
    }
  }

  /**
   * Updates appended to the file by another process since the last call (the admin CLI writes the frame
   * when it creates an SOA or adds a partner while the relay runs). Rows this store wrote are skipped.
   *
   * Cheap when no other process has written: SQLite's data_version is unchanged, so every row up to the
   * last one is this store's own and the feed moves past them unread (which also bounds ownSeqs). The last
   * row is read before data_version: a foreign commit after that read changes data_version, and a foreign
   * commit before it would have changed data_version for the previous call, so none is skipped.
   */
  foreignWrites(): { readonly room: string; readonly update: Uint8Array }[] {
    const top = this.selectTop.get()?.seq ?? 0;
    const version = Number(this.db.pragma('data_version', { simple: true }));
    if (version === this.feedDataVersion) {
      this.feedWatermark = Math.max(this.feedWatermark, top);
      this.ownSeqs.clear();
      return [];
    }
    this.feedDataVersion = version;
    const found: { room: string; update: Uint8Array }[] = [];
    for (const { seq } of this.selectSince.all(this.feedWatermark)) {
      this.feedWatermark = seq;
      if (this.ownSeqs.delete(seq)) continue;
      const row = this.selectRow.get(seq);
      if (row) found.push({ room: row.room, update: bytesOf(row.data) });
    }
    return found;
  }

  /** Own rows the change feed has not passed yet (for tests: it must not grow while nothing else writes). */
  get ownRowsAwaitingFeed(): number {
    return this.ownSeqs.size;
  }

  async close(): Promise<void> {
    await this.idle;
    this.wal?.close();
  }
}

function bytesOf(data: Buffer): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
