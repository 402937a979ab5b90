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
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/** Flushes an open file's data (and the size needed to read it back) to the disk. */
export type SyncFile = (fd: number) => Promise<void>;

export const fdatasync: SyncFile = promisify(fs.fdatasync);

export class WalFile {
  private fd: number | null = null;
  private dev = 0;
  private ino = 0;

  constructor(
    /** The database file; its WAL is this name with "-wal" appended. */
    databaseFile: string,
    private readonly syncFile: SyncFile = fdatasync,
    private readonly path = `${databaseFile}-wal`,
  ) {}

  /** Resolves once everything written to the WAL so far is on the disk; rejects if that cannot be known. */
  sync(): Promise<void> {
    try {
      return this.syncFile(this.current());
    } catch (error) {
      // Always a promise, so the store's batch settles whatever fails.
      return Promise.reject(error);
    }
  }

  /** The descriptor of the file now at the WAL's path (a few microseconds: two stats, no I/O). */
  private current(): number {
    const now = fs.statSync(this.path);
    if (this.fd !== null && now.dev === this.dev && now.ino === this.ino) return this.fd;
    this.close();
    // Read and write (never created nor truncated): Windows flushes only a file opened for writing.
    const fd = fs.openSync(this.path, 'r+');
    const opened = fs.fstatSync(fd);
    this.fd = fd;
    this.dev = opened.dev;
    this.ino = opened.ino;
    syncFolder(path.dirname(this.path));
    return fd;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
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
