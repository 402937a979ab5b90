/**
 * The room store in the relay's SQLite file (see db/schema.ts for the tables).
 *
 * Group commit: appends that arrive in the same event-loop turn are written in one transaction, so a
 * burst from many rooms costs one fsync (synchronous = FULL) rather than one each. Every append's promise
 * settles only after that transaction has committed; if it fails, all of them reject and nothing of the
 * batch is stored.
 */
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

export class SqliteRoomStore implements RoomStore {
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};
  private readonly selectRoom;
  private readonly insertUpdate;
  private readonly insertClaim;
  private readonly selectOwners;
  private readonly countFolded;
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
    /** onCommit: called after each group commit (the relay's WAL checkpointer counts them, walCheckpointer.ts). */
    private readonly options: { readonly onCommit?: () => void } = {},
  ) {
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
    this.countFolded = db.prepare<[string, number], { readonly n: number }>(
      'SELECT COUNT(*) AS n FROM room_updates WHERE room = ? AND seq <= ?',
    );
    this.insertBatch = db.transaction((batch: readonly PendingAppend[], now: number) =>
      batch.map((item) => {
        const seq = Number(this.insertUpdate.run(item.room, item.update, item.author, now).lastInsertRowid);
        for (const client of item.claimedClients) this.insertClaim.run(item.room, client, item.author, seq);
        return seq;
      }),
    );
    this.moveToAudit = db.prepare<[string, number]>(
      'INSERT OR IGNORE INTO room_audit (seq, room, data, member_id, stored_at) SELECT seq, room, data, member_id, stored_at FROM room_updates WHERE room = ? AND seq <= ? AND compacted = 0',
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
    this.deleteFolded = db.prepare<[string, number]>('DELETE FROM room_updates WHERE room = ? AND seq <= ?');
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
    this.insertUpdate.run(room, update, author, Date.now());
  }

  loadNow(room: string): StoredRoom {
    const updates = this.selectRoom.all(room).map((row) => bytesOf(row.data));
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
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes everything queued in one durable transaction. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    const now = Date.now();
    try {
      const seqs = this.insertBatch(batch, now);
      for (const seq of seqs) this.ownSeqs.add(seq);
      for (const item of batch) item.resolve();
    } catch (error) {
      const failure = new StorageUnavailableError(error);
      for (const item of batch) item.reject(failure);
    }
    this.markIdle();
    this.options.onCommit?.();
  }

  async compact(
    room: string,
    merge: (updates: readonly Uint8Array[]) => Promise<Uint8Array>,
  ): Promise<Compaction | null> {
    await this.idle;
    const rows = this.selectRoom.all(room);
    const last = rows[rows.length - 1];
    if (rows.length < 2 || !last) return null;
    const merged = await merge(rows.map((row) => bytesOf(row.data)));
    try {
      return this.db.transaction((): Compaction | null => {
        // Another compaction of the same rows (a second relay on the file) got there first: leave them.
        if (this.countFolded.get(room, last.seq)?.n !== rows.length) return null;
        this.moveToAudit.run(room, last.seq);
        this.deleteFolded.run(room, last.seq);
        // Not marked as our own: the change feed hands the merged row back, and applying it (a no-op for
        // what is already in memory) picks up any foreign write that was folded before the feed saw it.
        this.insertCompacted.run(last.seq, room, merged, Date.now());
        this.ownSeqs.delete(last.seq);
        return {
          rowsFolded: rows.length,
          bytesBefore: rows.reduce((sum, row) => sum + row.data.byteLength, 0),
          bytesAfter: merged.byteLength,
        };
      })();
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
  }
}

function bytesOf(data: Buffer): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
