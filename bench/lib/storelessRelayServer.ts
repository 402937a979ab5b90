/**
 * The fan-out benchmark's bound on what any store could give the relay: the relay itself, started as
 * `soa-relay serve` starts it (authentication, the write rule, the write quotas, ACKs: relay/relay.ts), with
 * a store that loads each room from the relay's database but keeps nothing it is given. Every append
 * resolves at once and no room is ever compacted, so the relay broadcasts and acknowledges each update
 * without any storage work. An acknowledged update is then kept nowhere: this is a measuring instrument,
 * never a way to run a relay, which is why it lives here and no `serve` option can start it.
 *
 * Measured in the same run as the relay and Hocuspocus, it splits the relay's gap to Hocuspocus into the
 * relay's own work per delivery (this against Hocuspocus) and the cost of storing each update durably before
 * broadcasting it (the relay against this). Run as a child process (bench/relay-fanout.ts): HOST, PORT, DB.
 */
import { openDatabase } from '../../server/db/openDatabase';
import { Directory } from '../../server/db/directory';
import { silentLogger } from '../../server/log';
import { startRelay } from '../../server/relay/relay';
import { WRITE_LIMITS } from '../../server/relay/writeLimits';
import type { RoomStore } from '../../server/storage/roomStore';
import { SqliteRoomStore } from '../../server/storage/sqliteRoomStore';

const db = openDatabase(process.env.DB ?? '');
const fileStore = new SqliteRoomStore(db);

/** Reads as the relay's store reads; keeps nothing. */
const storeless: RoomStore = {
  load: (room) => fileStore.load(room),
  loadNow: (room) => fileStore.loadNow(room),
  storedSince: (time) => fileStore.storedSince(time),
  append: () => Promise.resolve(),
  appendNow: () => undefined,
  compact: () => Promise.resolve(null),
  close: () => fileStore.close(),
};

const host = process.env.HOST ?? '127.0.0.1';
const relay = await startRelay({
  directory: new Directory(db),
  store: storeless,
  logger: silentLogger,
  host,
  port: Number(process.env.PORT ?? 0),
  writeLimits: WRITE_LIMITS,
});
console.log(`running at '${host}' on port ${relay.port}`);
process.on('SIGTERM', () => {
  void relay.close().then(() => {
    db.close();
    process.exit(0);
  });
});
