/**
 * The fan-out benchmark's Hocuspocus reference: @hocuspocus/server 3.4.4 (the last major that runs on Node
 * 20; 4.x needs Node 22) with its Database extension storing in SQLite through better-sqlite3, in the
 * table and statements of @hocuspocus/extension-sqlite. That extension's 3.x line needs the native
 * `sqlite3` package, whose install script downloads a prebuilt binary or compiles, neither of which works
 * offline here; its 4.x line uses better-sqlite3 but requires Node 22.
 *
 * What it stores when: Hocuspocus broadcasts each update at once and stores the whole document
 * (Y.encodeStateAsUpdate) on a debounce, 2 s after the last change and at most 10 s after the first
 * (its defaults), so a crash loses up to the last 10 s on the server. The database is WAL with
 * synchronous = FULL, as the relay's, so each store is durable when it returns.
 *
 * Run as a child process (bench/relay-fanout.ts): HOST, PORT, DB.
 */
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import BetterSqlite3 from 'better-sqlite3';

const db = new BetterSqlite3(process.env.DB ?? '');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS "documents" ("name" varchar(255) NOT NULL, "data" blob NOT NULL, UNIQUE(name))');
const select = db.prepare<[string], { data: Buffer }>(
  'SELECT data FROM "documents" WHERE name = ? ORDER BY rowid DESC',
);
const upsert = db.prepare<{ name: string; data: Buffer }>(
  'INSERT INTO "documents" ("name", "data") VALUES ($name, $data) ON CONFLICT(name) DO UPDATE SET data = $data',
);

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 0);
const server = new Server({
  address: host,
  port,
  quiet: true,
  extensions: [
    new Database({
      fetch: ({ documentName }) => Promise.resolve(select.get(documentName)?.data ?? null),
      store: ({ documentName, state }) => {
        upsert.run({ name: documentName, data: state });
        return Promise.resolve();
      },
    }),
  ],
});
await server.listen();
console.log(`running at '${host}' on port ${port}`);
