// The relay's WAL is checkpointed on a worker thread, not in a commit on its event loop, and stays bounded;
// every commit is still in the database when the relay's connection is gone.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { MemberId } from '../../shared/model/ids';
import { openDatabase } from '../../server/db/openDatabase';
import type { Logger } from '../../server/log';
import { SqliteRoomStore } from '../../server/storage/sqliteRoomStore';
import { WalCheckpointer } from '../../server/storage/walCheckpointer';
import { startRelayProcess } from '../support/relayProcess';
import { tempDir } from '../support/tempDirs';

const member = 'member1' as MemberId;
const COMMITS = 600;

function typing(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) doc.getText('t').insert(i, 'k');
  return updates;
}

/** Commits each update on its own (one group commit each, as a steady trickle of keystrokes makes). */
async function commitEach(store: SqliteRoomStore, updates: readonly Uint8Array[]): Promise<void> {
  for (const [i, update] of updates.entries()) await store.append(`soa/x/partner/${i % 50}`, update, member);
}

function walBytes(file: string): number {
  return fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0;
}

function recordingLogger(): Logger & { readonly errors: string[] } {
  const errors: string[] = [];
  return { info: () => {}, warn: () => {}, error: (message) => void errors.push(message), errors };
}

describe('the WAL checkpointer', () => {
  it('checkpoints on its worker, with automatic checkpoints off, and keeps the WAL small', async () => {
    const file = path.join(tempDir('soa-relay-test-'), 'relay.db');
    const db = openDatabase(file);
    const checkpointer = new WalCheckpointer(db, recordingLogger(), { everyCommits: 20, catchUpEveryMs: 0 });
    const store = new SqliteRoomStore(db, { onCommit: () => checkpointer.committed() });
    await vi.waitFor(() => expect(checkpointer.active).toBe(true), { timeout: 30_000 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    const updates = typing(COMMITS);
    await commitEach(store, updates);
    expect(checkpointer.workerCheckpoints).toBeGreaterThan(0);
    expect(checkpointer.catchUps).toBeGreaterThan(0);
    expect(checkpointer.ownCheckpoints).toBe(0);
    // The same commits with no checkpoint at all grow the WAL without end (measured in the next test).
    const bounded = walBytes(file);

    const unboundedFile = path.join(tempDir('soa-relay-test-'), 'unbounded.db');
    const unbounded = openDatabase(unboundedFile);
    unbounded.pragma('wal_autocheckpoint = 0');
    await commitEach(new SqliteRoomStore(unbounded), updates);
    expect(bounded).toBeLessThan(walBytes(unboundedFile) / 3);
    unbounded.close();

    await store.close();
    await checkpointer.close();
    // Checkpoints are the relay connection's own again once the worker is gone.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare('SELECT COUNT(*) AS n FROM room_updates').get()).toEqual({ n: COMMITS });
    reader.close();
  });

  it('catches up on the event loop seldom while busy, and then once the WAL is long', async () => {
    const file = path.join(tempDir('soa-relay-test-'), 'relay.db');
    const db = openDatabase(file);
    const frameBytes = Number(db.pragma('page_size', { simple: true })) + 24;
    const restartAfterFrames = 600;
    const checkpointer = new WalCheckpointer(db, recordingLogger(), {
      everyCommits: 20,
      catchUpEveryMs: 60_000,
      restartAfterFrames,
    });
    const store = new SqliteRoomStore(db, { onCommit: () => checkpointer.committed() });
    await vi.waitFor(() => expect(checkpointer.active).toBe(true), { timeout: 30_000 });

    let longest = 0;
    // About 3 frames a commit: 2 * COMMITS commits make a WAL over six times the restart length, unchecked.
    for (const [i, update] of typing(2 * COMMITS).entries()) {
      await store.append(`soa/x/partner/${i % 50}`, update, member);
      longest = Math.max(longest, walBytes(file));
    }
    // The worker checkpointed all along; the relay's connection caught up once at first, then only when the
    // WAL was long (the commits take far less than a minute).
    expect(checkpointer.workerCheckpoints).toBeGreaterThan(3 * checkpointer.catchUps);
    expect(checkpointer.catchUps).toBeGreaterThan(0);
    expect(checkpointer.ownCheckpoints).toBe(0);
    // So the WAL grew past the restart length, and then restarted (a margin for a slow worker on a busy host).
    expect(longest).toBeGreaterThan(restartAfterFrames * frameBytes);
    expect(longest).toBeLessThan(2.5 * restartAfterFrames * frameBytes);

    await store.close();
    await checkpointer.close();
    db.close();
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare('SELECT COUNT(*) AS n FROM room_updates').get()).toEqual({ n: 2 * COMMITS });
    reader.close();
  });

  it('checkpoints on the relay connection when the worker falls too far behind', async () => {
    const file = path.join(tempDir('soa-relay-test-'), 'relay.db');
    const db = openDatabase(file);
    // A worker never asked: only the bound can checkpoint.
    const checkpointer = new WalCheckpointer(db, recordingLogger(), {
      everyCommits: Number.MAX_SAFE_INTEGER,
      maxCommitsBehind: 100,
    });
    const store = new SqliteRoomStore(db, { onCommit: () => checkpointer.committed() });
    await vi.waitFor(() => expect(checkpointer.active).toBe(true), { timeout: 30_000 });
    await commitEach(store, typing(450));
    expect(checkpointer.workerCheckpoints).toBe(0);
    expect(checkpointer.ownCheckpoints).toBeGreaterThanOrEqual(4);
    await store.close();
    await checkpointer.close();
    db.close();
  });

  it('gives checkpoints back to SQLite, and says so, when its worker cannot open the database', async () => {
    const file = path.join(tempDir('soa-relay-test-'), 'relay.db');
    const db = openDatabase(file);
    const logger = recordingLogger();
    const checkpointer = new WalCheckpointer(db, logger, {
      file: path.join(tempDir('soa-relay-test-'), 'missing', 'relay.db'),
    });
    await vi.waitFor(
      () => expect(logger.errors).toContain('checkpoint worker lost; checkpoints run in commits again'),
      {
        timeout: 30_000,
      },
    );
    expect(checkpointer.active).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    const store = new SqliteRoomStore(db, { onCommit: () => checkpointer.committed() });
    await commitEach(store, typing(20));
    await store.close();
    await checkpointer.close();
    db.close();
  });

  it('runs in the relay by default, which stops cleanly', async () => {
    const file = path.join(tempDir('soa-relay-test-'), 'relay.db');
    openDatabase(file).close();
    const relay = await startRelayProcess(file);
    try {
      await vi.waitFor(() => expect(relay.lines.join('\n')).toMatch(/"checkpoints":"worker"/), { timeout: 30_000 });
      // The worker's file is found beside the relay's bundle, and it opened the database.
      await vi.waitFor(() => expect(relay.lines.join('\n')).toMatch(/checkpoint worker ready/), { timeout: 30_000 });
    } finally {
      expect(await relay.stop()).toBe(0);
    }
  });

  it('leaves checkpoints to SQLite with serve --checkpoints sqlite', async () => {
    const file = path.join(tempDir('soa-relay-test-'), 'relay.db');
    openDatabase(file).close();
    const relay = await startRelayProcess(file, ['--checkpoints', 'sqlite']);
    try {
      await vi.waitFor(() => expect(relay.lines.join('\n')).toMatch(/"checkpoints":"sqlite"/), { timeout: 30_000 });
      expect(relay.lines.join('\n')).not.toMatch(/checkpoint worker/);
    } finally {
      expect(await relay.stop()).toBe(0);
    }
  });
});
