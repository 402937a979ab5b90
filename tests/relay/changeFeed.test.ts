// The relay's change feed: rows another process (the admin CLI) writes reach the relay; its own rows do
// not come back, and are not remembered once the feed has passed them (a relay runs for months).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MemberId } from '../../shared/model/ids';
import { openDatabase } from '../../server/db/openDatabase';
import { SqliteRoomStore } from '../../server/storage/sqliteRoomStore';
import { removeTempDir, tempDir } from '../support/tempDirs';

const member = 'feedtestmember00000000000000000' as MemberId;

describe('SqliteRoomStore.foreignWrites', () => {
  it('hands back exactly the other process’s rows, and forgets its own as it passes them', async () => {
    const dir = tempDir('soa-relay-test-');
    const file = path.join(dir, 'relay.db');
    const relayDb = openDatabase(file);
    const adminDb = openDatabase(file);
    const store = new SqliteRoomStore(relayDb);
    const adminWrite = (room: string, byte: number): void => {
      adminDb
        .prepare('INSERT INTO room_updates (room, data, member_id, stored_at) VALUES (?, ?, NULL, ?)')
        .run(room, new Uint8Array([byte]), Date.now());
    };
    try {
      expect(store.foreignWrites()).toEqual([]);
      for (let i = 0; i < 200; i++) await store.append('soa/a/frame', new Uint8Array([0, 0]), member);
      // Nothing else wrote: the feed moves past the relay's own rows and keeps none of them.
      expect(store.foreignWrites()).toEqual([]);
      expect(store.ownRowsAwaitingFeed).toBe(0);

      // Interleaved: own, foreign, own, foreign.
      await store.append('soa/a/frame', new Uint8Array([0, 0]), member);
      adminWrite('soa/a/frame', 7);
      await store.append('soa/a/partner/p', new Uint8Array([0, 0]), member);
      adminWrite('soa/b/frame', 9);
      const found = store.foreignWrites();
      expect(found.map((row) => [row.room, [...row.update]])).toEqual([
        ['soa/a/frame', [7]],
        ['soa/b/frame', [9]],
      ]);
      expect(store.ownRowsAwaitingFeed).toBe(0);
      expect(store.foreignWrites()).toEqual([]);

      // After a long quiet spell of own writes, a foreign row is still found.
      for (let i = 0; i < 50; i++) await store.append('soa/a/frame', new Uint8Array([0, 0]), member);
      expect(store.foreignWrites()).toEqual([]);
      adminWrite('soa/c/frame', 3);
      expect(store.foreignWrites().map((row) => row.room)).toEqual(['soa/c/frame']);
    } finally {
      await store.close();
      relayDb.close();
      adminDb.close();
      removeTempDir(dir);
    }
  });
});
