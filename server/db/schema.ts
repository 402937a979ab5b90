/**
 * The relay's SQLite schema and its migrations. `PRAGMA user_version` holds the number of migrations
 * applied; each migration runs once, in order, inside a transaction.
 *
 * room_updates is the live, append-only log a room is loaded from: one row per accepted update, with the
 * member who sent it (NULL: the administrator, e.g. the initial frame of soa create) and when. Compaction folds a room's rows into one merged row (member_id NULL) and
 * moves the folded original rows, bytes included, to room_audit, so the history of who changed what survives.
 */
import type Database from 'better-sqlite3';
import { DatabaseFileError } from './databaseFileError';

const MIGRATIONS: readonly string[] = [
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
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database up to SCHEMA_VERSION. Refuses a database written by a newer relay. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true });
  if (typeof current !== 'number') throw new Error('Could not read the database schema version.');
  if (current > SCHEMA_VERSION) {
    throw new DatabaseFileError(`This database was written by a newer relay (schema ${current}); upgrade soa-relay to open it.`);
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    const sql = MIGRATIONS[version];
    if (sql === undefined) break;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
