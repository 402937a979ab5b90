/**
 * The fan-out benchmark's second reference: the stock @y/websocket-server 0.1.1, unchanged, given only
 * the relay's durable store in front of it. Each sync update or step 2 a client sends is appended with the
 * relay's own SqliteRoomStore (WAL, synchronous = FULL, group commit with the WAL synced on the thread pool,
 * checkpoints on a worker thread, as `soa-relay serve` runs it by default)
 * and handed to the stock server only once that is on disk, so it broadcasts nothing that is not on disk, as the
 * relay must. A room opens with what the store holds for it, through the stock server's own persistence hook
 * (setPersistence's bindState, as its LevelDB persistence loads), so it serves the same rooms as the relay
 * does from the same data. Nothing else of the relay is here: no authentication, checks or ACKs.
 *
 * Measured in the same run as the stock server, it shows what durable commits alone cost on this machine,
 * whatever server makes them. Run as a child process (bench/relay-fanout.ts): HOST, PORT, DB.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import { createRequire } from 'node:module';
import { setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import * as Y from 'yjs';
import { openDatabase } from '../../server/db/openDatabase';
import { silentLogger } from '../../server/log';
import { SqliteRoomStore } from '../../server/storage/sqliteRoomStore';
import { WalCheckpointer } from '../../server/storage/walCheckpointer';
import { updateInSyncMessage } from '../../shared/protocol/messages';

// The websocket library the stock server itself depends on (ws 6), so both references differ only in the store.
const requireFromStockServer = createRequire(
  createRequire(import.meta.url).resolve('@y/websocket-server/package.json'),
);
const WebSocket = requireFromStockServer('ws') as { Server: typeof import('ws').WebSocketServer };

const db = openDatabase(process.env.DB ?? '');
// The store as the relay runs it: its WAL checkpointed on a worker thread (serve's default).
const checkpointer = new WalCheckpointer(db, silentLogger);
const store = new SqliteRoomStore(db, { onCommit: () => checkpointer.committed() });
const wss = new WebSocket.Server({ noServer: true });

// A room is loaded from the store when the stock server creates its document; its writes are already stored.
setPersistence({
  provider: null,
  bindState: async (room: string, doc: Y.Doc) => {
    for (const update of (await store.load(room)).updates) Y.applyUpdate(doc, update);
  },
  writeState: async () => undefined,
});

wss.on('connection', (socket: import('ws').WebSocket, request: http.IncomingMessage) => {
  // ws://host/sync/<room>, as the relay's URLs.
  const room = decodeURIComponent((request.url ?? '').split('?')[0]?.replace(/^\/sync\//, '') ?? '');
  // What the stock server sees as the connection: the socket, except that messages arrive after the store.
  const connection = Object.assign(new EventEmitter(), {
    binaryType: 'arraybuffer',
    get readyState() {
      return socket.readyState;
    },
    send: (message: Uint8Array, options: object, done: (error?: Error) => void) => socket.send(message, options, done),
    close: () => socket.close(),
    ping: () => socket.ping(),
  });
  socket.on('close', () => connection.emit('close'));
  socket.on('pong', () => connection.emit('pong'));
  socket.on('error', () => undefined);
  // One connection's messages stay in order: each waits for the one before it, and for its own commit.
  let previous: Promise<unknown> = Promise.resolve();
  socket.on('message', (data: Buffer) => {
    const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const update = updateInSyncMessage(message);
    previous = previous
      .then(() => (update ? store.append(room, update, null) : undefined))
      .then(() => connection.emit('message', message))
      .catch(() => socket.close());
  });
  setupWSConnection(connection as unknown as import('ws').WebSocket, request, { docName: room });
});

const server = http.createServer((_request, response) => response.end('okay'));
server.on('upgrade', (request: http.IncomingMessage, socket, head) => {
  wss.handleUpgrade(request, socket, head, (client: import('ws').WebSocket) => wss.emit('connection', client, request));
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`running at '${process.env.HOST ?? '127.0.0.1'}' on port ${process.env.PORT ?? 0}`);
});
process.on('SIGTERM', () => {
  server.close();
  void store
    .close()
    .then(() => checkpointer.close())
    .then(() => process.exit(0));
});
