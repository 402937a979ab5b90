// The storage contract suite against the in-memory store and the SQLite store (real files, real faults).
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../server/db/openDatabase';
import { MemoryRoomStore } from '../../server/storage/memoryRoomStore';
import { SqliteRoomStore } from '../../server/storage/sqliteRoomStore';
import { removeTempDir, tempDir } from '../support/tempDirs';
import { storageContract } from './storageContract';

storageContract('memory', () => {
  let broken = false;
  const store = new MemoryRoomStore({ refuseWrites: () => broken });
  return {
    store,
    breakWrites: (value) => (broken = value),
    reopen: () => new MemoryRoomStore({ storage: store.storage }),
    dispose: () => {},
  };
});

storageContract('SQLite', () => {
  const dir = tempDir('soa-relay-test-');
  const file = path.join(dir, 'relay.db');
  const db = openDatabase(file);
  const opened: Database.Database[] = [db];
  // A real SQLite write error from a second connection: a trigger that aborts every write to the room log.
  const saboteur = new Database(file);
  return {
    store: new SqliteRoomStore(db),
    breakWrites: (broken) => {
      if (broken) {
        saboteur.exec(
          "CREATE TRIGGER refuse_insert BEFORE INSERT ON room_updates BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
        );
        saboteur.exec(
          "CREATE TRIGGER refuse_delete BEFORE DELETE ON room_updates BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
        );
        saboteur.exec(
          "CREATE TRIGGER refuse_claim BEFORE INSERT ON room_clients BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
        );
      } else saboteur.exec('DROP TRIGGER refuse_insert; DROP TRIGGER refuse_delete; DROP TRIGGER refuse_claim;');
    },
    reopen: () => {
      const again = openDatabase(file);
      opened.push(again);
      return new SqliteRoomStore(again);
    },
    dispose: () => {
      saboteur.close();
      for (const handle of opened) handle.close();
      removeTempDir(dir);
    },
  };
});
