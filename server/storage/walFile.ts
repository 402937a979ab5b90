/**
 * The relay database's write-ahead log (`<db>-wal`), synced to the disk on libuv's thread pool, so the event
 * loop goes on reading and writing sockets while the disk flushes (sqliteRoomStore.ts says why this keeps
 * every acknowledged update durable).
 *
 * fsync works on a file, not on a descriptor: syncing a descriptor of our own flushes the frames SQLite
 * wrote through its descriptor, provided both name the same file. SQLite deletes the WAL only when the last
 * connection to the database closes, after checkpointing all of it into the database file and syncing that
 * (sqlite3WalClose), and the store's connection stays open while the store is in use. Still, before each
 * sync the path is checked against the descriptor (device and inode) and a different file is opened afresh;
 * a WAL that is missing altogether is an error (the sync rejects). A newly created WAL is durable only once
 * its name is: its folder is synced once for each WAL file opened, as SQLite does on its first sync of a WAL.
 *
 * Syncs may run at once (the store overlaps them), each with a descriptor of its own, and each resolves only
 * once every sync asked for before it has succeeded. Linux reports a failed writeback once per open file
 * description, to the first sync that looks: two syncs of one descriptor could see the error between them,
 * and the one that did not would succeed although pages it was to flush were lost. With a descriptor each,
 * every descriptor open when the writeback failed reports it; one opened after another sync saw the error
 * does not, but that sync was asked for earlier, so its failure fails this one too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/** Flushes an open file's data (and the size needed to read it back) to the disk. */
export type SyncFile = (fd: number) => Promise<void>;

export const fdatasync: SyncFile = promisify(fs.fdatasync);

/** Which file a path or descriptor names: its device and inode. */
interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
}

/** One open descriptor of the WAL file, and which file it is. */
interface WalDescriptor extends FileIdentity {
  readonly fd: number;
}

export class WalFile {
  /** Descriptors no sync is using now, of the file at the WAL's path when they were last used. */
  private idle: WalDescriptor[] = [];
  /** Descriptors a sync is using now: closed when it ends if the store has closed meanwhile. */
  private readonly busy = new Set<WalDescriptor>();
  private closed = false;
  /** The last sync asked for: the next one succeeds only if it does. */
  private lastSync: Promise<void> = Promise.resolve();
  /** The WAL file whose name was last made durable (its folder synced). */
  private folderSyncedFor: FileIdentity | null = null;

  constructor(
    /** The database file; its WAL is this name with "-wal" appended. */
    databaseFile: string,
    private readonly syncFile: SyncFile = fdatasync,
    private readonly path = `${databaseFile}-wal`,
  ) {}

  /**
   * Resolves once everything written to the WAL so far is on the disk and every sync asked for before this one
   * has succeeded; rejects if that cannot be known.
   */
  sync(): Promise<void> {
    const synced = Promise.all([this.lastSync, this.syncOnce()]).then(() => undefined);
    this.lastSync = synced;
    return synced;
  }

  /** One fdatasync, with a descriptor no running sync uses. */
  private syncOnce(): Promise<void> {
    let descriptor: WalDescriptor;
    try {
      descriptor = this.descriptor();
    } catch (error) {
      // Always a promise, so the store's batch settles whatever fails.
      return Promise.reject(error);
    }
    this.busy.add(descriptor);
    const done = (): void => {
      this.busy.delete(descriptor);
      if (this.closed) fs.closeSync(descriptor.fd);
      else this.idle.push(descriptor);
    };
    let syncing: Promise<void>;
    try {
      syncing = this.syncFile(descriptor.fd);
    } catch (error) {
      done();
      return Promise.reject(error);
    }
    return syncing.then(done, (error: unknown) => {
      done();
      throw error;
    });
  }

  /**
   * A descriptor of the file now at the WAL's path that no running sync uses (a few microseconds: two stats,
   * no I/O); descriptors of a WAL file that is no longer there are closed.
   */
  private descriptor(): WalDescriptor {
    const now = fs.statSync(this.path);
    const stale = this.idle.filter((open) => !sameFile(open, now));
    for (const open of stale) fs.closeSync(open.fd);
    this.idle = this.idle.filter((open) => !stale.includes(open));
    const reused = this.idle.pop();
    if (reused) return reused;
    // Read and write (never created nor truncated): Windows flushes only a file opened for writing.
    const fd = fs.openSync(this.path, 'r+');
    const opened = fs.fstatSync(fd);
    if (!this.folderSyncedFor || !sameFile(this.folderSyncedFor, opened)) {
      syncFolder(path.dirname(this.path));
      this.folderSyncedFor = { dev: opened.dev, ino: opened.ino };
    }
    return { fd, dev: opened.dev, ino: opened.ino };
  }

  close(): void {
    this.closed = true;
    for (const open of this.idle) fs.closeSync(open.fd);
    this.idle = [];
  }
}

/** Whether two stats (or descriptors' records) are of one file. */
function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** Makes a new file's name in the folder durable (Windows cannot open a folder to sync it; NTFS logs it). */
function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
