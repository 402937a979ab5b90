/**
 * Opens the relay's SQLite file with its durability settings and current schema.
 *
 * WAL with synchronous = FULL: every commit fsyncs the WAL, so an acknowledged update survives power loss,
 * not only a process crash (better-sqlite3's WAL default, NORMAL, may lose the last commits on power loss).
 * The room store groups updates into one transaction and syncs the WAL itself, off the event loop, before
 * any of them is acknowledged (storage/sqliteRoomStore.ts); every other write on the connection is FULL.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseFileError } from './databaseFileError';
import { migrate } from './schema';

export { DatabaseFileError };

/**
 * full: fsync on every commit (the default; survives power loss). normal: WAL's NORMAL, fsync only at
 * checkpoints: survives a crash of the relay (kill -9) but may lose the last commits on power loss; offered
 * for disks whose fsync is slow, with the clients' local copies as the backstop (see server/README.md).
 */
export type Durability = 'full' | 'normal';

export function openDatabase(
  file: string,
  options: { readonly mustExist?: boolean; readonly durability?: Durability } = {},
): Database.Database {
  const resolved = path.resolve(file);
  if (options.mustExist && !fs.existsSync(resolved)) {
    throw new DatabaseFileError(
      `No database at ${resolved}. Create one with "soa-relay partnership create --db ${file} ...".`,
    );
  }
  if (!fs.existsSync(path.dirname(resolved))) {
    throw new DatabaseFileError(
      `The folder ${path.dirname(resolved)} does not exist; create it or choose another --db path.`,
    );
  }
  let db: Database.Database;
  try {
    db = new Database(resolved);
  } catch (error) {
    throw new DatabaseFileError(
      `Could not open the database ${resolved}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(options.durability === 'normal' ? 'synchronous = NORMAL' : 'synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    if (error instanceof DatabaseFileError) throw error;
    if (error instanceof Error && /not a database|malformed/i.test(error.message)) {
      throw new DatabaseFileError(`${resolved} is not a relay database (${error.message}).`);
    }
    throw error;
  }
  return db;
}
