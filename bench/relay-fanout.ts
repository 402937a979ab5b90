/**
 * Fan-out latency and memory: 100 rooms x 10 clients, one writer per room typing, against the reference
 * @y/websocket-server 0.1.1 (in memory, no persistence, no auth) under the same load in the same run.
 * All servers run as child processes; the clients are raw websockets in this process speaking the
 * y-websocket protocol. Latency is from the writer sending an update to each reader receiving it.
 * The relay stores every update durably (WAL, synchronous = FULL) before broadcasting it.
 *
 * A second reference separates what durability costs from what the relay's own code costs: the same stock
 * server with the relay's durable store in front of it (bench/lib/durableReferenceServer.ts), on a copy of
 * the relay's database, so it serves the same rooms (the SOAs' frames, as created) from the same data.
 *
 * A third reference is Hocuspocus 3.4.4, the most used Yjs server, with its Database extension on SQLite
 * (bench/lib/hocuspocusServer.ts), spoken to in its own wire format (bench/lib/hocuspocusFraming.ts); it
 * broadcasts at once and stores on a debounce. FANOUT_SKIP_HOCUSPOCUS=1 leaves it out.
 *
 * A fourth is the relay storing nothing (bench/lib/storelessRelayServer.ts): the relay's own code with a store
 * that drops every append and compacts nothing, the bound on what any store could give it. Against Hocuspocus
 * it shows the relay's own work per delivery; the relay against it, what storing each update first costs.
 *
 * Each relay run starts from the database as created (the SOAs' frames), and each room's log is then given
 * a random length below the relay's compaction threshold (FANOUT_SEED to repeat), so the relay compacts
 * rooms now and then, as in steady state, rather than all at once or never (see LogStaggerer).
 *
 * The load runs for a warm-up before the measured seconds (FANOUT_WARM_UP_MS, default 8 s), so that what
 * is measured is a server in steady state, as a relay is for days after its first seconds. V8 optimises a
 * server's hot functions on its helper threads during its first seconds under load (its log, RELAY_NODE_ARGS=
 * "--log-code --log-deopt --logfile=...", 5 December 2026): the relay, which has more code on the write path,
 * still 13-35 a second at 4-6 s of its life against the durable floor's 9-10, and both 0-2 a second from 10 s.
 * With the 2 s warm-up used before, that compiling fell in the measured seconds and cost the relay more CPU.
 *
 * Each server's CPU time (all its threads, from /proc) and this load generator's are taken over the measured
 * seconds and printed per 1,000 deliveries: on 2 cores the clients and the server share the CPU, and a durable
 * commit's fsync costs CPU in the kernel as well as time. RELAY_CPU_PROFILE_DIR=<folder> writes a V8 CPU
 * profile of every server, the references included, for setting their costs side by side.
 *
 * The machine is shared, so the servers run in alternating rounds (FANOUT_ROUNDS, default 5; each round
 * starts one server further along the list, every other round backwards, so none always runs first or after
 * the same neighbour; the disk is synced before each server starts) and the
 * latencies of all rounds are pooled per server; memory is the largest RSS seen. On this machine's virtual
 * disk a flush now and then stalls for 100-450 ms, striking one server in one round, and over 10 s that one
 * stall decides the pooled p99: p99 ratios between servers that write to disk swung from 0.4x to 6x between
 * runs. So each p99 goal is also judged round by round: each round's ratio of the two servers' p99s (run
 * in the same round, within a minute of each other), and the median of those ratios over the rounds, which one
 * stalled round cannot move. Both are printed.
 *
 * Run: npx tsx bench/relay-fanout.ts   (FANOUT_SECONDS, FANOUT_WARM_UP_MS, FANOUT_INTERVAL_MS, FANOUT_ROOMS,
 * FANOUT_ROUNDS, and FANOUT_DURABILITY=full|normal to measure the relay at one durability only). With FULL it
 * also runs the relay with its write quotas off (`serve --limits off`) in every round, and prints what the
 * quotas cost; and with
 * FANOUT_CHECKPOINTS=1, the relay leaving WAL checkpoints to SQLite, inside a commit on the event loop
 * (`serve --checkpoints sqlite`; by default they run on a worker thread, in the durable floor too);
 * with FANOUT_WAL_SYNC=1, the relay with SQLite's own fsync in each commit on the event loop (`serve --wal-sync
 * sqlite`, as before the WAL was synced on the thread pool).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { encodeSyncUpdate, updateInSyncMessage } from '../shared/protocol/messages';
import { Directory } from '../server/db/directory';
import { COMPACT_AFTER_ROWS } from '../server/relay/limits';
import { SqliteRoomStore } from '../server/storage/sqliteRoomStore';
import { SampleRandom } from '../shared/sample/random';
import { openDatabase } from '../server/db/openDatabase';
import { ROOM_LOG_SQL, type RoomLogRow } from '../server/db/roomLog';
import { runRelayCli } from '../tests/support/relayCli';
import { extraNodeArgs, startRelayProcess } from '../tests/support/relayProcess';
import { bundleServer } from './lib/bundleServer';
import { freePort } from './lib/freePort';
import { hocuspocusFrame, hocuspocusGreeting, hocuspocusUnframe } from './lib/hocuspocusFraming';
import { formatBytes, median, percentile, printTable, processCpuMs, processMemory } from './lib/stats';

const ROOMS = Number(process.env.FANOUT_ROOMS ?? 100);
const CLIENTS_PER_ROOM = 10;
const SECONDS = Number(process.env.FANOUT_SECONDS ?? 10);
const ROUNDS = Number(process.env.FANOUT_ROUNDS ?? 5);
const INTERVAL_MS = Number(process.env.FANOUT_INTERVAL_MS ?? 200);
const WARM_UP_MS = Number(process.env.FANOUT_WARM_UP_MS ?? 8_000);
const DURABILITIES = (['full', 'normal'] as const).filter(
  (durability) => (process.env.FANOUT_DURABILITY ?? durability) === durability,
);

interface Target {
  readonly name: string;
  readonly child: ChildProcess;
  /** The websocket URL of a room, for a client with the given token. */
  roomUrl(room: number, token: string): string;
  /** For a server that names the document in each message (Hocuspocus): how to wrap, unwrap and greet. */
  readonly wire?: {
    frame(room: number, message: Uint8Array): Uint8Array;
    unframe(message: Uint8Array): Uint8Array;
    greeting(room: number, token: string): Uint8Array[];
  };
  stop(): Promise<void>;
}

interface RunResult {
  readonly latencies: number[];
  readonly sent: number;
  readonly expected: number;
  readonly rss: number;
  readonly peak: number;
  /** The server's CPU time (all threads) and the load generator's, over the measured seconds. */
  readonly serverCpuMs: number;
  readonly clientCpuMs: number;
}

/** The first struct id of a sync update/step-2 message, or null for any other message. */
function updateKey(message: Uint8Array): string | null {
  const update = updateInSyncMessage(message);
  const struct = update ? Y.decodeUpdate(update).structs[0] : undefined;
  return struct ? `${struct.id.client}:${struct.id.clock}` : null;
}

/** One server's CPU per delivery over another's. */
function cpuRatio(result: RunResult, reference: RunResult): string {
  const perDelivery = (r: RunResult): number => r.serverCpuMs / Math.max(1, r.latencies.length);
  return (perDelivery(result) / perDelivery(reference)).toFixed(2);
}

/** CPU ms per 1,000 deliveries. */
function perThousand(cpuMs: number, result: RunResult): string {
  return ((cpuMs * 1000) / Math.max(1, result.latencies.length)).toFixed(0);
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.binaryType = 'nodebuffer';
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

async function runLoad(target: Target, tokens: { writer: string; readers: string[] }): Promise<RunResult> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let measuring = false;
  let sent = 0;
  const sockets: WebSocket[] = [];
  const writers: { socket: WebSocket; doc: Y.Doc }[] = [];
  for (let room = 0; room < ROOMS; room++) {
    const writer = await open(target.roomUrl(room, tokens.writer));
    for (const message of target.wire?.greeting(room, tokens.writer) ?? []) writer.send(message);
    sockets.push(writer);
    writers.push({ socket: writer, doc: new Y.Doc() });
    for (let reader = 0; reader < CLIENTS_PER_ROOM - 1; reader++) {
      const socket = await open(target.roomUrl(room, tokens.readers[reader] ?? ''));
      for (const message of target.wire?.greeting(room, tokens.readers[reader] ?? '') ?? []) socket.send(message);
      sockets.push(socket);
      socket.on('message', (data: Buffer) => {
        const received = performance.now();
        const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        const key = updateKey(target.wire ? target.wire.unframe(message) : message);
        // Counted whenever it answers an update sent while measuring, also after (late arrivals count).
        if (key === null) return;
        const at = sentAt.get(key);
        if (at !== undefined) latencies.push(received - at);
      });
    }
  }
  for (const socket of sockets) socket.on('error', () => {});
  const timers: NodeJS.Timeout[] = [];
  for (const [index, writer] of writers.entries()) {
    writer.doc.on('update', (update: Uint8Array) => {
      const struct = Y.decodeUpdate(update).structs[0];
      if (struct && measuring) {
        sentAt.set(`${struct.id.client}:${struct.id.clock}`, performance.now());
        sent++;
      }
      const message = encodeSyncUpdate(update);
      writer.socket.send(target.wire ? target.wire.frame(index, message) : message);
    });
    // Stagger the writers across the interval so the load is steady rather than in lockstep.
    const start = setTimeout(
      () => {
        const text = writer.doc.getText('body');
        timers.push(setInterval(() => text.insert(text.length, 'k'), INTERVAL_MS));
      },
      (index * INTERVAL_MS) / writers.length,
    );
    timers.push(start);
  }
  await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
  measuring = true;
  const serverCpuBefore = processCpuMs(target.child.pid ?? 0);
  const clientCpuBefore = process.cpuUsage();
  const sampleMemory: number[] = [];
  const memoryTimer = setInterval(() => sampleMemory.push(processMemory(target.child.pid ?? 0).rss), 500);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  measuring = false;
  const serverCpuMs = processCpuMs(target.child.pid ?? 0) - serverCpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  for (const timer of timers) clearInterval(timer);
  clearInterval(memoryTimer);
  // Let messages in flight arrive.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const memory = processMemory(target.child.pid ?? 0);
  for (const socket of sockets) socket.terminate();
  for (const writer of writers) writer.doc.destroy();
  return {
    latencies,
    sent,
    expected: sent * (CLIENTS_PER_ROOM - 1),
    rss: Math.max(memory.rss, ...sampleMemory),
    peak: memory.peak,
    serverCpuMs,
    clientCpuMs: (clientCpu.user + clientCpu.system) / 1000,
  };
}

/** A reference server as a child process, started with the given script (and node arguments). */
async function startReference(name: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Target> {
  const port = await freePort();
  // RELAY_CPU_PROFILE_DIR profiles the references too, so their costs can be set beside the relay's, and
  // RELAY_NODE_ARGS reaches them as it reaches the relay.
  const profileDir = process.env.RELAY_CPU_PROFILE_DIR;
  const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  const profiling = profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${slug}-${Date.now()}.cpuprofile`]
    : [];
  const child = spawn(process.execPath, [...profiling, ...extraNodeArgs(), ...args], {
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('running at')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  return {
    name,
    child,
    roomUrl: (room) => `ws://127.0.0.1:${port}/sync/room-${room}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The stock server, in memory: the reference the goal is set against. */
function startStockServer(): Promise<Target> {
  return startReference('@y/websocket-server 0.1.1 (memory)', [
    path.resolve(here, '../node_modules/@y/websocket-server/src/server.js'),
  ]);
}

/**
 * A reference server (bench/lib/<script>) on a relay database: the relay's rooms, by the relay's names, each
 * room's URL followed by `query` for the client's token.
 */
async function startOnRelayRooms(
  name: string,
  script: string,
  dbFile: string,
  rooms: readonly string[],
  query: (token: string) => string = () => '',
): Promise<Target> {
  const target = await startReference(name, [await bundleServer(path.resolve(here, 'lib', script))], { DB: dbFile });
  const base = target.roomUrl(0, '').replace(/\/room-0$/, '');
  return { ...target, roomUrl: (room, token) => `${base}/${rooms[room]}${query(token)}` };
}

/** The stock server with the relay's durable store in front of it (bench/lib/durableReferenceServer.ts). */
function startDurableStockServer(dbFile: string, rooms: readonly string[]): Promise<Target> {
  return startOnRelayRooms('@y/websocket-server 0.1.1 + durable store', 'durableReferenceServer.ts', dbFile, rooms);
}

/**
 * The relay storing nothing (bench/lib/storelessRelayServer.ts), the bound on what any store could give it,
 * spoken to as the relay is.
 */
function startStorelessRelay(dbFile: string, rooms: readonly string[]): Promise<Target> {
  return startOnRelayRooms(
    'SOA relay storing nothing',
    'storelessRelayServer.ts',
    dbFile,
    rooms,
    (token) => `?token=${token}&ack=1`,
  );
}

/** Hocuspocus 3.4.4 with its Database extension on SQLite (bench/lib/hocuspocusServer.ts), its own wire format. */
async function startHocuspocus(dbFile: string): Promise<Target> {
  const target = await startReference(
    '@hocuspocus/server 3.4.4 + SQLite',
    [await bundleServer(path.resolve(here, 'lib/hocuspocusServer.ts'))],
    { DB: dbFile },
  );
  const documentName = (room: number): string => `room-${room}`;
  return {
    ...target,
    wire: {
      frame: (room, message) => hocuspocusFrame(documentName(room), message),
      unframe: hocuspocusUnframe,
      greeting: (room, token) => hocuspocusGreeting(documentName(room), token),
    },
  };
}

/**
 * What one durable commit costs on this disk, measured in the same run: single-row inserts into a WAL
 * database with synchronous = FULL, each its own transaction, as the relay makes for a lone update. The relay
 * must finish one of these before it may broadcast, so every delivery carries at least this much on top
 * of what an in-memory server spends.
 */
function durableCommitLatencies(dir: string, count = 2_000): number[] {
  const db = openDatabase(path.join(dir, 'commit-latency.db'));
  const insert = db.prepare('INSERT INTO room_updates (room, data, member_id, stored_at) VALUES (?, ?, NULL, ?)');
  const payload = new Uint8Array(40).fill(7);
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    insert.run('soa/commit-latency/frame', payload, Date.now());
    latencies.push(performance.now() - started);
  }
  db.close();
  return latencies.sort((a, b) => a - b);
}

/**
 * Gives each room a log of a random length below the compaction threshold (COMPACT_AFTER_ROWS), as rooms on
 * a running relay are each somewhere in their cycle: each relay run then compacts about one room a second
 * under this load, as in steady state. Done before each relay starts, since a relay folds every room's log
 * as it unloads it at the end of its run: without it, each run started from folded logs, added about 75 rows
 * to each, and never compacted while measured.
 */
class LogStaggerer {
  readonly seed = Number(process.env.FANOUT_SEED ?? Date.now() % 1_000_000);
  private readonly random = new SampleRandom(this.seed);
  /** Rows written to stagger the logs, in all. */
  rows = 0;

  constructor(
    private readonly dbFile: string,
    private readonly rooms: readonly string[],
  ) {}

  /** Tops each room's log up to a random length below the threshold. */
  async stagger(): Promise<void> {
    const db = openDatabase(this.dbFile);
    try {
      const store = new SqliteRoomStore(db);
      // The rows each room loads from: what its next compaction folds.
      const logRows = db.prepare<[{ room: string }], RoomLogRow>(ROOM_LOG_SQL);
      for (const room of this.rooms) {
        const target = this.random.int(0, COMPACT_AFTER_ROWS - 1);
        const doc = new Y.Doc();
        const updates: Uint8Array[] = [];
        doc.on('update', (update: Uint8Array) => updates.push(update));
        const text = doc.getText('earlier-typing');
        for (let row = logRows.all({ room }).length; row < target; row++) text.insert(text.length, 'e');
        await Promise.all(updates.map((update) => store.append(room, update, null)));
        this.rows += updates.length;
        doc.destroy();
      }
    } finally {
      db.close();
    }
  }
}

/** A database file made a copy of another again: its log and shared-memory files removed, then copied over. */
function restoreDatabase(from: string, to: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${to}${suffix}`, { force: true });
  fs.copyFileSync(from, to);
}

/**
 * Each p99 goal round by round: the two servers' p99s in each round and their ratio, and
 * the median ratio over the rounds, which a disk stall in one round cannot move as it moves the pooled p99.
 */
function printRoundByRound(roundP99s: ReadonlyMap<string, readonly number[]>): void {
  const goals = [
    ['relay', 'durable-reference', 'relay FULL / stock + durable store', '<= 1.2x'],
    ['relay', 'hocuspocus', 'relay FULL / Hocuspocus', '<= 1.0x'],
    ['relay-normal', 'hocuspocus', 'relay NORMAL / Hocuspocus', ''],
    ['durable-reference', 'hocuspocus', 'stock + durable store / Hocuspocus', ''],
    ['relay-unlimited', 'relay', 'relay FULL limits off / relay FULL', ''],
    ['relay-sqlite-checkpoints', 'relay', "relay FULL SQLite's checkpoints / relay FULL", ''],
    ['relay-storeless', 'hocuspocus', 'relay storing nothing / Hocuspocus', ''],
    ['relay', 'relay-storeless', 'relay FULL / relay storing nothing', ''],
  ] as const;
  const rows = goals.flatMap(([key, referenceKey, title, goal]) => {
    const p99s = roundP99s.get(key);
    const referenceP99s = roundP99s.get(referenceKey);
    if (!p99s || !referenceP99s) return [];
    const ratios = p99s.map((p99, round) => p99 / (referenceP99s[round] ?? Number.NaN));
    const perRound = ratios.map(
      (ratio, round) =>
        `${ratio.toFixed(2)}x (${(p99s[round] ?? 0).toFixed(1)}/${(referenceP99s[round] ?? 0).toFixed(1)})`,
    );
    return [[title, ...perRound, `${median(ratios).toFixed(2)}x`, goal]];
  });
  const rounds = Math.max(0, ...rows.map((row) => row.length - 3));
  console.log('');
  console.log('p99 round by round (each ratio from two servers run in the same round; ms in brackets):');
  printTable(['p99 ratio', ...Array.from({ length: rounds }, (_, i) => `round ${i + 1}`), 'median', 'goal'], rows);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-fanout-bench-'));
  const dbFile = path.join(dir, 'relay.db');
  const db = openDatabase(dbFile);
  const directory = new Directory(db);
  const partnership = directory.createPartnership('Benchmark CPP');
  const council = directory.addPartner(partnership, 'Benchmark Council', 'council');
  const frames = Array.from(
    { length: ROOMS },
    (_, i) => directory.createSoa({ partnership, title: `SOA ${i}`, framework: 'npf-2018' }).rooms[0] ?? '',
  );
  const writerToken = directory.inviteMember(council, 'coordinator', 'Writer').token;
  const readerTokens = Array.from(
    { length: CLIENTS_PER_ROOM - 1 },
    (_, i) => directory.inviteMember(council, 'reviewer', `Reader ${i}`).token,
  );
  db.close();
  // Every relay run starts from the rooms as created: a run leaves each room with what its writer typed (and
  // compacts it as the room unloads), so without this the rooms grew with every run, and how large they were
  // when measured depended on how many servers and rounds ran before.
  const asCreated = path.join(dir, 'as-created.db');
  fs.copyFileSync(dbFile, asCreated);
  const logs = new LogStaggerer(dbFile, frames);
  await logs.stagger();
  /** The relay's database as created, each room's log staggered afresh. */
  const prepareRelayDatabase = async (): Promise<void> => {
    restoreDatabase(asCreated, dbFile);
    await logs.stagger();
    spawnSync('sync');
  };
  /** The relay on its database as created, each room's log staggered afresh first. */
  const startRelay = async (args: readonly string[]) => {
    await prepareRelayDatabase();
    return startRelayProcess(dbFile, args);
  };
  // The durable reference's rooms: the same, with the same logs, before the benchmark writes to them.
  const staggeredDb = path.join(dir, 'staggered.db');
  fs.copyFileSync(dbFile, staggeredDb);
  const durableReferenceDb = path.join(dir, 'durable-reference.db');

  // The relay's launcher bundles its sources on its first start after a change (server/bin/loadCli.mjs), with
  // esbuild loaded into that process (7-8 MiB more RSS, measured): bundle them now, so that every round
  // measures the relay as it runs from then on.
  if (runRelayCli('--help').status !== 0) throw new Error('soa-relay --help failed');

  const rows: string[][] = [];
  const results = new Map<string, RunResult>();
  /** Each server's p99 in each round, for the round-by-round ratios. */
  const roundP99s = new Map<string, number[]>();
  try {
    const pool = (key: string, result: RunResult): void => {
      roundP99s.set(key, [
        ...(roundP99s.get(key) ?? []),
        percentile(
          [...result.latencies].sort((a, b) => a - b),
          99,
        ),
      ]);
      const soFar = results.get(key);
      results.set(
        key,
        soFar
          ? {
              latencies: soFar.latencies.concat(result.latencies),
              sent: soFar.sent + result.sent,
              expected: soFar.expected + result.expected,
              rss: Math.max(soFar.rss, result.rss),
              peak: Math.max(soFar.peak, result.peak),
              serverCpuMs: soFar.serverCpuMs + result.serverCpuMs,
              clientCpuMs: soFar.clientCpuMs + result.clientCpuMs,
            }
          : result,
      );
    };
    /** A relay started with these arguments, spoken to as the app connects (ack=1: it also sends ACKs). */
    const relayTarget = async (name: string, args: readonly string[]): Promise<Target> => {
      const relayProcess = await startRelay(args);
      return {
        name,
        child: relayProcess.child,
        roomUrl: (room, token) => `${relayProcess.syncUrl}/${frames[room]}?token=${token}&ack=1`,
        stop: async () => void (await relayProcess.stop()),
      };
    };
    const relayLoad = { writer: writerToken, readers: readerTokens };
    /** The relay at FULL with one option changed, measured when asked for (and when FULL is measured). */
    const relayVariant = (measured: boolean, key: string, what: string, args: readonly string[]) =>
      measured && DURABILITIES.includes('full')
        ? [
            {
              key,
              start: () => relayTarget(`SOA relay (full, ${what})`, ['--durability', 'full', ...args]),
              load: relayLoad,
            },
          ]
        : [];
    const stockLoad = { writer: '', readers: readerTokens };
    /** Every server measured in a round: its key in the results, how to start it and how its clients join. */
    const servers: { key: string; start: () => Promise<Target>; load: typeof relayLoad }[] = [
      { key: 'reference', start: startStockServer, load: stockLoad },
      {
        key: 'durable-reference',
        // From the same staggered logs every time, as the relay's runs are.
        start: () => {
          restoreDatabase(staggeredDb, durableReferenceDb);
          spawnSync('sync');
          return startDurableStockServer(durableReferenceDb, frames);
        },
        load: stockLoad,
      },
      ...(process.env.FANOUT_SKIP_HOCUSPOCUS
        ? []
        : [
            {
              key: 'hocuspocus',
              start: () => startHocuspocus(path.join(dir, 'hocuspocus.db')),
              load: { writer: 'writer', readers: readerTokens },
            },
          ]),
      ...DURABILITIES.map((durability) => ({
        key: durability === 'full' ? 'relay' : 'relay-normal',
        start: () => relayTarget(`SOA relay (${durability})`, ['--durability', durability]),
        load: relayLoad,
      })),
      // FANOUT_CHECKPOINTS=1: the same relay with SQLite's own checkpoints, in a commit (--checkpoints sqlite).
      ...relayVariant(process.env.FANOUT_CHECKPOINTS === '1', 'relay-sqlite-checkpoints', "SQLite's checkpoints", [
        '--checkpoints',
        'sqlite',
      ]),
      // FANOUT_WAL_SYNC=1: the same relay with SQLite's own fsync in each commit, on the event loop.
      ...relayVariant(process.env.FANOUT_WAL_SYNC === '1', 'relay-sync-on-loop', 'fsync on the event loop', [
        '--wal-sync',
        'sqlite',
      ]),
      // The relay storing nothing: how much of its gap to Hocuspocus is the store (bench/lib/storelessRelayServer.ts).
      {
        key: 'relay-storeless',
        start: async () => {
          await prepareRelayDatabase();
          return startStorelessRelay(dbFile, frames);
        },
        load: relayLoad,
      },
      // The same relay with its write quotas off (--limits off), to measure what they cost in the same run.
      ...relayVariant(true, 'relay-unlimited', 'limits off', ['--limits', 'off']),
    ];
    for (let round = 1; round <= ROUNDS; round++) {
      // Each round starts one server further along, and every other round runs them backwards, so no server
      // always runs first, or always right after the same neighbour.
      const shift = (round - 1) % servers.length;
      const rotated = [...servers.slice(shift), ...servers.slice(0, shift)];
      const order = round % 2 === 0 ? rotated.reverse() : rotated;
      for (const server of order) {
        // What the server before wrote (and its database, copied before it starts) is flushed to the disk
        // now, not while this one is measured.
        spawnSync('sync');
        const target = await server.start();
        pool(server.key, await runLoad(target, server.load));
        await target.stop();
      }
      console.log(`round ${round} of ${ROUNDS} done (${order.map((server) => server.key).join(', ')})`);
    }

    for (const [key, name] of [
      ['reference', '@y/websocket-server 0.1.1 (memory)'],
      ['durable-reference', '@y/websocket-server 0.1.1 + durable store'],
      ['hocuspocus', '@hocuspocus/server 3.4.4 + SQLite (store on a 2-10 s debounce)'],
      ['relay', 'SOA relay (SQLite WAL, synchronous=FULL)'],
      ['relay-normal', 'SOA relay (SQLite WAL, synchronous=NORMAL)'],
      ['relay-unlimited', 'SOA relay (synchronous=FULL, write limits off)'],
      ['relay-sqlite-checkpoints', "SOA relay (synchronous=FULL, SQLite's own WAL checkpoints in a commit)"],
      ['relay-sync-on-loop', "SOA relay (synchronous=FULL, SQLite's fsync on the event loop)"],
      ['relay-storeless', 'SOA relay storing nothing (bench only: the bound on any store)'],
    ] as const) {
      const result = results.get(key);
      if (!result) continue;
      const sorted = [...result.latencies].sort((a, b) => a - b);
      rows.push([
        name,
        String(result.sent),
        `${result.latencies.length}/${result.expected}`,
        percentile(sorted, 50).toFixed(2),
        percentile(sorted, 99).toFixed(2),
        percentile(sorted, 100).toFixed(1),
        formatBytes(result.rss),
        formatBytes(result.peak),
        perThousand(result.serverCpuMs, result),
        perThousand(result.clientCpuMs, result),
      ]);
    }
    console.log(
      `Rooms' logs staggered below the compaction threshold (${COMPACT_AFTER_ROWS} rows) before each relay run: ${logs.rows} rows written in all, FANOUT_SEED=${logs.seed}.`,
    );
    console.log(
      `Fan-out: ${ROOMS} rooms x ${CLIENTS_PER_ROOM} clients, one writer per room, an edit every ${INTERVAL_MS} ms per room, ${ROUNDS} x ${SECONDS} s measured per server after ${WARM_UP_MS / 1000} s of warm-up, ${os.cpus().length} cores`,
    );
    printTable(
      [
        'server',
        'updates',
        'delivered',
        'p50 ms',
        'p99 ms',
        'max ms',
        'RSS',
        'peak RSS',
        'server CPU ms/1k',
        'clients CPU ms/1k',
      ],
      rows,
    );
    console.log(
      'CPU ms/1k: CPU time (all threads) over the measured seconds per 1,000 deliveries, of the server and of this load generator (the same 2 cores).',
    );
    const commits = durableCommitLatencies(dir);
    console.log('');
    console.log(
      `One durable commit on this disk (WAL, synchronous=FULL, one row): p50 ${percentile(commits, 50).toFixed(2)} ms, p99 ${percentile(commits, 99).toFixed(2)} ms. ` +
        'The relay commits before it broadcasts, so each delivery carries at least one of these.',
    );
    const ref = results.get('reference');
    if (ref) {
      const p = (result: RunResult, q: number): number =>
        percentile(
          [...result.latencies].sort((a, b) => a - b),
          q,
        );
      const columns = (
        [
          ['durable-reference', 'STOCK + DURABLE STORE'],
          ['hocuspocus', 'HOCUSPOCUS'],
          ['relay', 'RELAY FULL'],
          ['relay-normal', 'RELAY NORMAL'],
        ] as const
      ).flatMap(([key, title]) => {
        const result = results.get(key);
        return result ? [{ title, result }] : [];
      });
      const ratio = (value: (result: RunResult) => number): string[] =>
        columns.map(({ result }) => (value(result) / value(ref)).toFixed(2) + 'x');
      console.log('');
      printTable(
        ['ratio to the stock server', ...columns.map(({ title }) => title), 'goal (relay FULL)'],
        [
          ['p50 latency', ...ratio((result) => p(result, 50)), ''],
          ['p99 latency', ...ratio((result) => p(result, 99)), '<= 1.2x'],
          ['RSS', ...ratio((result) => result.rss), ''],
        ],
      );
      const durable = results.get('durable-reference');
      const relay = results.get('relay');
      const unlimited = results.get('relay-unlimited');
      if (unlimited && relay) {
        console.log('');
        console.log(
          `The write quotas (structs per update, bytes per hour, room size) cost: relay p99 ${(p(relay, 99) / p(unlimited, 99)).toFixed(2)}x the same relay with them off ` +
            `(p50 ${(p(relay, 50) / p(unlimited, 50)).toFixed(2)}x); goal <= 1.1x.`,
        );
      }
      if (durable && relay) {
        console.log('');
        console.log(
          `The stock server given only the relay's durable store: p99 ${(p(durable, 99) / p(ref, 99)).toFixed(2)}x its in-memory self. ` +
            `The relay (authentication, checks, ACKs and the same store): p99 ${(p(relay, 99) / p(durable, 99)).toFixed(2)}x that (goal <= 1.2x), ` +
            `RSS ${(relay.rss / durable.rss).toFixed(2)}x (goal <= 1.2x).`,
        );
      }
      const sqliteCheckpoints = results.get('relay-sqlite-checkpoints');
      if (sqliteCheckpoints && relay) {
        console.log('');
        console.log(
          `WAL checkpoints on a worker thread (the default) instead of SQLite's in a commit: relay p99 ${(p(relay, 99) / p(sqliteCheckpoints, 99)).toFixed(2)}x ` +
            `(max ${(p(relay, 100) / p(sqliteCheckpoints, 100)).toFixed(2)}x, RSS ${(relay.rss / sqliteCheckpoints.rss).toFixed(2)}x).`,
        );
      }
      const onLoop = results.get('relay-sync-on-loop');
      if (onLoop && relay) {
        console.log('');
        console.log(
          `The WAL synced on the thread pool against SQLite's own fsync on the event loop: relay p50 ${(p(relay, 50) / p(onLoop, 50)).toFixed(2)}x, ` +
            `p99 ${(p(relay, 99) / p(onLoop, 99)).toFixed(2)}x, max ${(p(relay, 100) / p(onLoop, 100)).toFixed(2)}x.`,
        );
      }
      const hocuspocus = results.get('hocuspocus');
      if (hocuspocus && relay) {
        console.log('');
        console.log(
          `Against Hocuspocus (stores the whole document 2-10 s after a change; the relay commits each update before broadcasting it): ` +
            `relay p99 ${(p(relay, 99) / p(hocuspocus, 99)).toFixed(2)}x (goal <= 1.0x), p50 ${(p(relay, 50) / p(hocuspocus, 50)).toFixed(2)}x, RSS ${(relay.rss / hocuspocus.rss).toFixed(2)}x, ` +
            `server CPU per delivery ${cpuRatio(relay, hocuspocus)}x.`,
        );
        // What durability costs against Hocuspocus: the floor for any server that commits each update before
        // broadcasting it, and the relay committing without waiting for the disk to flush.
        if (durable)
          console.log(
            `The durable floor (the stock server committing each update before handing it on) against Hocuspocus: p99 ${(p(durable, 99) / p(hocuspocus, 99)).toFixed(2)}x, ` +
              `p50 ${(p(durable, 50) / p(hocuspocus, 50)).toFixed(2)}x, server CPU per delivery ${cpuRatio(durable, hocuspocus)}x.`,
          );
        // How much of the gap is the store: the relay doing its own work for each delivery and storing nothing.
        const storeless = results.get('relay-storeless');
        if (storeless)
          console.log(
            `The relay storing nothing (bench only: every append dropped, no room compacted) against Hocuspocus: p99 ${(p(storeless, 99) / p(hocuspocus, 99)).toFixed(2)}x, ` +
              `p50 ${(p(storeless, 50) / p(hocuspocus, 50)).toFixed(2)}x, server CPU per delivery ${cpuRatio(storeless, hocuspocus)}x; ` +
              `the relay at FULL against it: p99 ${(p(relay, 99) / p(storeless, 99)).toFixed(2)}x, server CPU per delivery ${cpuRatio(relay, storeless)}x.`,
          );
        const normal = results.get('relay-normal');
        if (normal)
          console.log(
            `The relay with --durability normal (committed before broadcast, fsynced only at checkpoints) against Hocuspocus: p99 ${(p(normal, 99) / p(hocuspocus, 99)).toFixed(2)}x, ` +
              `p50 ${(p(normal, 50) / p(hocuspocus, 50)).toFixed(2)}x, server CPU per delivery ${cpuRatio(normal, hocuspocus)}x.`,
          );
      }
      printRoundByRound(roundP99s);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
