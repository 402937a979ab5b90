/**
 * The relay's SQLite schema and its migrations. `PRAGMA user_version` holds the number of migrations
 * applied; each migration runs once, in order, inside a transaction.
 *
 * room_updates is the append-only log: one row per accepted update (compacted = 0), with the member who sent
 * it (NULL: the administrator, e.g. the initial frame of soa create) and when, kept for good, so the history of
 * who changed what survives. Compaction adds one merged row (compacted = 1, member_id NULL) holding everything
 * up to a sequence number, and room_bases (migration 6) records it: a room loads from its merged row and the
 * rows after folded_through (db/roomLog.ts), never from the rows it folded. Until migration 6 compaction
 * moved the rows it folded, bytes included, to room_audit instead; those rows stay there, so every original
 * row is in exactly one of room_audit and room_updates (compacted = 0), and the history reads both.
 *
 * room_clients records which member first wrote under each Yjs client id in a room (NULL: the
 * administrator), and in which row; the relay refuses structs under a client id another member holds, so no
 * writer can take the clocks a co-author's offline edits will use. Migration 2 fills it for an existing
 * database from the audit and the live log, oldest row first.
 *
 * soa_versions and soa_version_rooms (migration 3) hold named versions: the exact state of every room of an
 * SOA when the version was recorded, one encoded Yjs state per room, so no compaction of room_updates can
 * change or lose it. up_to_seq is the last row sequence number the version includes (sequence numbers are
 * shared by every room), so "what changed since" is every audited change after it.
 *
 * relay_identity (migration 4) holds the relay's own Ed25519 key, which signs "latest" files.
 *
 * version_documents and comparison_checkpoints (migration 5) keep what the tracked-changes export works out
 * from a version, so the next process need not work it out again (server/db/derivedStore.ts): the version's
 * Word document for one set of export options (with the paragraph differences the last export used), and the
 * comparison's replay up to a sequence number. Both are
 * keyed on the code that made them as well; anything in them can be deleted at any time.
 *
 * room_bases (migration 6) holds each compacted room's merged row and the last row it folds. Moving a room's
 * rows to room_audit rewrote every page they lay on: the rooms' rows are interleaved, one page a row, so a
 * compaction of 500 keystrokes wrote about 900 pages (3.6 MB) to the WAL and held the relay 8-9 ms. A merged
 * row and this table's row are a few pages. Migration 6 records the merged row each compacted room has, and
 * deletes the earlier merged rows an interrupted compaction left (their content is in the later one).
 */
import type Database from 'better-sqlite3';
import { scanUpdate } from '../relay/scanUpdate';
import { DatabaseFileError } from './databaseFileError';

/** A migration: SQL, or a function for one that must read what is stored. Runs inside a transaction. */
type Migration = string | ((db: Database.Database) => void);

const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE partnerships (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE partners (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX partners_by_partnership ON partners(partnership_id);
  CREATE TABLE soas (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id),
    title TEXT NOT NULL,
    framework TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX soas_by_partnership ON soas(partnership_id);
  CREATE TABLE members (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  );
  CREATE INDEX members_by_partner ON members(partner_id);
  CREATE TABLE room_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    room TEXT NOT NULL,
    data BLOB NOT NULL,
    member_id TEXT,
    stored_at INTEGER NOT NULL,
    compacted INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX room_updates_by_room ON room_updates(room, seq);
  CREATE TABLE room_audit (
    seq INTEGER PRIMARY KEY,
    room TEXT NOT NULL,
    data BLOB NOT NULL,
    member_id TEXT,
    stored_at INTEGER NOT NULL
  );
  CREATE INDEX room_audit_by_room ON room_audit(room, seq);
  `,
  (db) => {
    db.exec(`
      CREATE TABLE room_clients (
        room TEXT NOT NULL,
        client_id INTEGER NOT NULL,
        member_id TEXT,
        first_seq INTEGER NOT NULL,
        PRIMARY KEY (room, client_id)
      ) WITHOUT ROWID;
    `);
    recordClientOwners(db);
  },
  `
  CREATE TABLE soa_versions (
    id TEXT PRIMARY KEY,
    soa_id TEXT NOT NULL REFERENCES soas(id),
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT,
    up_to_seq INTEGER NOT NULL
  );
  CREATE INDEX soa_versions_by_soa ON soa_versions(soa_id, created_at);
  CREATE TABLE soa_version_rooms (
    version_id TEXT NOT NULL REFERENCES soa_versions(id),
    room TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (version_id, room)
  ) WITHOUT ROWID;
  `,
  // The relay's own Ed25519 key (server/bundle/relayKey.ts), made on first use: one row.
  `
  CREATE TABLE relay_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    private_key BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  `,
  `
  CREATE TABLE version_documents (
    version_id TEXT NOT NULL REFERENCES soa_versions(id),
    options TEXT NOT NULL,
    code TEXT NOT NULL,
    xml TEXT NOT NULL,
    diffs TEXT,
    stored_at INTEGER NOT NULL,
    UNIQUE (version_id, options, code)
  );
  CREATE TABLE comparison_checkpoints (
    from_version TEXT NOT NULL REFERENCES soa_versions(id),
    to_version TEXT NOT NULL,
    code TEXT NOT NULL,
    through_seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    stored_at INTEGER NOT NULL,
    UNIQUE (from_version, to_version)
  );
  `,
  // Until now a merged row took the sequence number of the last row it folded and every row before it in its
  // room was folded, so it folds through the number before its own.
  `
  CREATE TABLE room_bases (
    room TEXT PRIMARY KEY,
    merged_seq INTEGER NOT NULL,
    folded_through INTEGER NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO room_bases (room, merged_seq, folded_through)
    SELECT room, MAX(seq), MAX(seq) - 1 FROM room_updates WHERE compacted = 1 GROUP BY room;
  DELETE FROM room_updates
    WHERE compacted = 1 AND seq < (SELECT merged_seq FROM room_bases WHERE room_bases.room = room_updates.room);
  `,
];

/** Fills room_clients from every original row, audit and live log alike, in the order they were stored. */
function recordClientOwners(db: Database.Database): void {
  const claim = db.prepare<[string, number, string | null, number]>(
    'INSERT OR IGNORE INTO room_clients (room, client_id, member_id, first_seq) VALUES (?, ?, ?, ?)',
  );
  // In pages, so a large audit is never all in memory (and no statement runs while another iterates).
  const page = db.prepare<
    [{ after: number; limit: number }],
    { readonly seq: number; readonly room: string; readonly data: Buffer; readonly member_id: string | null }
  >(
    'SELECT seq, room, data, member_id FROM room_audit WHERE seq > @after UNION ALL SELECT seq, room, data, member_id FROM room_updates WHERE compacted = 0 AND seq > @after ORDER BY seq LIMIT @limit',
  );
  let after = 0;
  for (let rows = page.all({ after, limit: 200 }); rows.length > 0; rows = page.all({ after, limit: 200 })) {
    for (const row of rows) {
      after = row.seq;
      const scanned = scanUpdate(
        new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
        Number.MAX_SAFE_INTEGER,
      );
      if (scanned.kind !== 'ok') continue;
      for (const { client } of scanned.update.written) claim.run(row.room, client, row.member_id, row.seq);
    }
  }
}

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database up to SCHEMA_VERSION. Refuses a database written by a newer relay. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true });
  if (typeof current !== 'number') throw new Error('Could not read the database schema version.');
  if (current > SCHEMA_VERSION) {
    throw new DatabaseFileError(
      `This database was written by a newer relay (schema ${current}); upgrade soa-relay to open it.`,
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    const migration = MIGRATIONS[version];
    if (migration === undefined) break;
    db.transaction(() => {
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
