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
 *   3. Only when that sync completes do the batch's promises resolve. Appends that arrive meanwhile wait and
 *      form the next batch, committed and synced once this one is done: a batch is everything that arrived
 *      during the previous sync (one per event-loop turn when the disk is idle). This also keeps batches
 *      whole when websocket compression hands messages over one turn at a time.
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
 * is restarted; SQLite then recovers the WAL from what the disk holds (every synced batch is there, and
 * whatever reached the disk of the failed one is loaded like any row: its authors' own updates, which they
 * send again anyway). SQLite's own FULL commit avoids this by syncing before the commit becomes visible, so
 * a failed commit's frames are overwritten by the next; a sync after the commit cannot.
 *
 * A compaction's commit (the merged row in, the rows it folds moved to the audit) is synced the same way,
 * off the event loop, where SQLite's own fsync took a third of its 7 ms under the fan-out benchmark's load.
 * It adds no content: the merged row holds exactly the rows it replaces, which were synced when they were
 * stored, so a power cut before its sync leaves the rows as they were (WAL transactions are whole or
 * absent), and any later batch's sync makes it durable too. A failed sync breaks the connection as a
 * batch's does (its rows are not marked unsynced: the folded rows are gone from the log, and the merged
 * row holds their content, so a room loaded afterwards is still whole).
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
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

interface UpdateRow {
  readonly seq: number;
  readonly data: Buffer;
}

/** A row of a room's log as compaction reads it: compacted 1 for an earlier compaction's merged row. */
interface LogRow extends UpdateRow {
  readonly compacted: number;
  readonly stored_at: number;
}

/**
 * Folded rows moved to the audit per transaction, with a pause between (compactionPace.ts). Moving a log of 500
 * keystrokes in one transaction took 1.4-3.4 ms under the fan-out benchmark's load, among the relay's longest
 * stalls; 100 rows take about a fifth of that.
 */
const FOLDED_ROWS_PER_STEP = 100;

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
  /** True while a committed batch's WAL sync runs; the next batch waits for it. */
  private syncing = false;
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
  private readonly countFolded;
  private readonly selectLogRow;
  /** Made once: better-sqlite3 builds a new wrapper (and its variants) on every db.transaction call. */
  private readonly insertBatch: (batch: readonly PendingAppend[], now: number) => number[];
  private readonly moveToAudit;
  private readonly deleteFolded;
  private readonly insertCompacted;
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
    this.selectRoom = db.prepare<[string], UpdateRow>('SELECT seq, data FROM room_updates WHERE room = ? ORDER BY seq');
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
      'SELECT seq, data, compacted, stored_at FROM room_updates WHERE room = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    );
    this.selectRoomTop = db.prepare<[string], { readonly seq: number | null }>(
      'SELECT MAX(seq) AS seq FROM room_updates WHERE room = ?',
    );
    // From the index alone: a room of 20,000 rows counts in about a millisecond.
    this.countFolded = db.prepare<[string, number], { readonly n: number }>(
      'SELECT COUNT(*) AS n FROM room_updates WHERE room = ? AND seq <= ?',
    );
    this.selectLogRow = db.prepare<[number], { readonly compacted: number; readonly stored_at: number }>(
      'SELECT compacted, stored_at FROM room_updates WHERE seq = ?',
    );
    this.insertBatch = db.transaction((batch: readonly PendingAppend[], now: number) =>
      batch.map((item) => {
        const seq = Number(this.insertUpdate.run(item.room, item.update, item.author, now).lastInsertRowid);
        for (const client of item.claimedClients) this.insertClaim.run(item.room, client, item.author, seq);
        return seq;
      }),
    );
    this.moveToAudit = db.prepare<[string, number, number]>(
      'INSERT OR IGNORE INTO room_audit (seq, room, data, member_id, stored_at) SELECT seq, room, data, member_id, stored_at FROM room_updates WHERE room = ? AND seq BETWEEN ? AND ? AND compacted = 0',
    );
    // The merged row takes the sequence number of the last row it folds, so rows appended while the merge
    // ran stay after it, and load order is still append order.
    this.insertCompacted = db.prepare<[number, string, Uint8Array, number]>(
      'INSERT INTO room_updates (seq, room, data, member_id, stored_at, compacted) VALUES (?, ?, ?, NULL, ?, 1)',
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
    this.deleteFolded = db.prepare<[string, number, number]>(
      'DELETE FROM room_updates WHERE room = ? AND seq BETWEEN ? AND ?',
    );
    // Original rows only: those still in the log, and those compaction folded (moved to the audit), totalled
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
    const rows = this.selectRoom.all(room);
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

  /** A flush in the next check phase (after the sockets read in this turn), unless a sync is running. */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.syncing) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Commits everything queued in one transaction, then syncs the WAL (see the header) before settling it. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    if (this.syncing || batch.length === 0) return;
    this.pending = [];
    const settled = this.markIdle;
    if (this.broken.failure) return this.settle(batch, settled, this.broken.failure);
    let seqs: number[];
    try {
      seqs = this.commit(batch);
    } catch (error) {
      this.settle(batch, settled, new StorageUnavailableError(error));
      this.options.onCommit?.();
      return;
    }
    for (const seq of seqs) this.ownSeqs.add(seq);
    this.options.onCommit?.();
    if (!this.wal) return this.settle(batch, settled, null);
    this.syncing = true;
    this.wal.sync().then(
      () => this.synced(batch, settled, null),
      (error: unknown) => {
        for (const seq of seqs) this.broken.unsyncedSeqs.add(seq);
        this.synced(batch, settled, this.walSyncFailed(error));
      },
    );
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

  private synced(batch: readonly PendingAppend[], settled: () => void, failure: StorageUnavailableError | null): void {
    this.syncing = false;
    this.settle(batch, settled, failure);
    if (this.pending.length > 0) this.scheduleFlush();
  }

  private settle(batch: readonly PendingAppend[], settled: () => void, failure: StorageUnavailableError | null): void {
    for (const item of batch) {
      if (failure) item.reject(failure);
      else item.resolve();
    }
    settled();
  }

  /**
   * Folds the room's rows into one merged row, and moves the originals to room_audit, in steps that each
   * leave the log whole, so the relay serves its sockets between them and a crash at any point loses nothing:
   *   1. one transaction puts the merged row in place of the last row it folds (that row moves to the audit):
   *      the log now holds the merged row, the other folded rows before it and anything appended since.
   *      Loading it gives the same document (Yjs applies content it already holds as a no-op);
   *   2. then FOLDED_ROWS_PER_STEP of the other folded rows at a time move to the audit, a transaction each.
   * Every original row is in exactly one of room_updates (compacted = 0) and room_audit after every step, so
   * the history reads each once. Rows a crash leaves in the log are folded by the room's next compaction.
   */
  async compact(
    room: string,
    merge: (updates: readonly Uint8Array[]) => Promise<Uint8Array>,
  ): Promise<Compaction | null> {
    await this.idle;
    // After a failed sync the log holds rows that were never acknowledged: fold nothing (see the header).
    if (this.broken.failure) throw this.broken.failure;
    const rows = await this.readLog(room);
    const last = rows[rows.length - 1];
    if (rows.length < 2 || !last) return null;
    const merged = await merge(rows.map((row) => bytesOf(row.data)));
    const replaced = this.foldStep(() => {
      // Another compaction of the same rows (a second relay on the file) got there first: leave them. It
      // changed their number, or put its merged row in place of the last of them (stored at another time).
      const lastNow = this.selectLogRow.get(last.seq);
      if (this.countFolded.get(room, last.seq)?.n !== rows.length) return false;
      if (lastNow?.compacted !== last.compacted || lastNow.stored_at !== last.stored_at) return false;
      this.moveToAudit.run(room, last.seq, last.seq);
      this.deleteFolded.run(room, last.seq, last.seq);
      // Not marked as our own: the change feed hands the merged row back, and applying it (a no-op for
      // what is already in memory) picks up any foreign write that was folded before the feed saw it.
      this.insertCompacted.run(last.seq, room, merged, Date.now());
      this.ownSeqs.delete(last.seq);
      return true;
    });
    if (!replaced) return null;
    // Rows appended meanwhile come after the merged row, so these ranges hold only rows read above (an
    // earlier merged row among them is deleted, not audited: the new one holds its content).
    for (let start = 0; start < rows.length - 1; start += FOLDED_ROWS_PER_STEP) {
      await betweenCompactionSteps();
      const first = rows[start]?.seq ?? 0;
      const end = rows[Math.min(start + FOLDED_ROWS_PER_STEP, rows.length - 1) - 1]?.seq ?? 0;
      this.foldStep(() => {
        this.moveToAudit.run(room, first, end);
        this.deleteFolded.run(room, first, end);
      });
    }
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
   * The room's log as it is now, LOG_ROWS_PER_READ rows at a time with the event loop served between them.
   * Rows appended meanwhile are left for the next compaction (only the relay's admin CLI can append to a room
   * whose compaction is reading: the relay holds the room's writes until the rows are read).
   */
  private async readLog(room: string): Promise<LogRow[]> {
    const top = this.selectRoomTop.get(room)?.seq ?? 0;
    const rows: LogRow[] = [];
    for (let after = 0; ; ) {
      const page = this.selectLogPage.all(room, after, top, LOG_ROWS_PER_READ);
      for (const row of page) rows.push(row);
      const last = page[page.length - 1];
      if (page.length < LOG_ROWS_PER_READ || !last) return rows;
      after = last.seq;
      await betweenCompactionSteps();
      if (this.broken.failure) throw this.broken.failure;
    }
  }

  /** One step of a compaction, in a transaction committed as a batch is (its sync comes at the end). */
  private foldStep<T>(step: () => T): T {
    // After a failed sync nothing more is written (see the header); what is folded so far loads whole.
    if (this.broken.failure) throw this.broken.failure;
    try {
      return this.withoutSqliteSync(this.db.transaction(step));
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
