import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/openDatabase';
import { Directory } from '../../db/directory';
import { loadOrCreateRelayKey } from '../../bundle/relayKey';
import { InputError } from '../../inputError';
import { StaticFiles } from '../../http/staticFiles';
import { jsonLogger } from '../../log';
import { isCompressionMode } from '../../relay/compression';
import { startRelay } from '../../relay/relay';
import { NO_WRITE_LIMITS, WRITE_LIMITS } from '../../relay/writeLimits';
import { SqliteRoomStore } from '../../storage/sqliteRoomStore';
import { WalCheckpointer } from '../../storage/walCheckpointer';
import type { Command } from '../command';
import { text } from '../command';

/** The renderer's web build, next to server/ in the package. */
const DEFAULT_WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../renderer/dist');

function parsePort(value: string | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 65535)
    throw new InputError(`${what} must be a whole number from 0 to 65535, not ${JSON.stringify(value)}.`);
  return number;
}

/** A length of time in milliseconds, from 1 ms to an hour; undefined when the option is not given. */
function parseMilliseconds(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > 3_600_000)
    throw new InputError(
      `${what} must be a whole number of milliseconds from 1 to 3600000, not ${JSON.stringify(value)}.`,
    );
  return number;
}

export const serve: Command = {
  name: 'serve',
  summary: 'Run the relay: websocket sync on /sync/<room>, /healthz, /api/session and the web app.',
  usage:
    '[--port 4455] [--host 127.0.0.1] [--web <folder>] [--durability full|normal] [--auth-timeout-ms 10000] [--keepalive-ms 30000] [--limits on|off] [--compression app|on|off] [--compare-timeout-ms 60000] [--checkpoints worker|sqlite] [--wal-sync pool|sqlite]',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    web: { type: 'string' },
    durability: { type: 'string' },
    'auth-timeout-ms': { type: 'string' },
    'keepalive-ms': { type: 'string' },
    limits: { type: 'string' },
    compression: { type: 'string' },
    'compare-timeout-ms': { type: 'string' },
    checkpoints: { type: 'string' },
    'wal-sync': { type: 'string' },
  },
  required: [],
  async run(input) {
    const dbFile = text(input, 'db') ?? '';
    const port = parsePort(text(input, 'port'), 4455, '--port');
    const authTimeoutMs = parseMilliseconds(text(input, 'auth-timeout-ms'), '--auth-timeout-ms');
    const keepAliveMs = parseMilliseconds(text(input, 'keepalive-ms'), '--keepalive-ms');
    // The longest a version comparison may take on its worker thread (history/versionComparer.ts).
    const comparisonTimeoutMs = parseMilliseconds(text(input, 'compare-timeout-ms'), '--compare-timeout-ms');
    const webRoot = text(input, 'web') ?? DEFAULT_WEB_ROOT;
    const durability = text(input, 'durability') ?? 'full';
    if (durability !== 'full' && durability !== 'normal')
      throw new InputError(`--durability must be full or normal, not ${JSON.stringify(durability)}.`);
    // Off only for bench/relay-fanout.ts, which measures what the write quotas cost.
    const limits = text(input, 'limits') ?? 'on';
    if (limits !== 'on' && limits !== 'off')
      throw new InputError(`--limits must be on or off, not ${JSON.stringify(limits)}.`);
    // Websocket compression (relay/compression.ts): off unless asked for. It takes a catch-up after an offline
    // day from 0.14x to 0.08x a full snapshot, but costs the relay's capacity (every inflate waits on the
    // thread pool) and stock clients sending in bursts about 2x CPU per message; `app` spares the stock
    // per-room endpoint (bench/RESULTS.md).
    const compression = text(input, 'compression') ?? 'off';
    if (!isCompressionMode(compression))
      throw new InputError(`--compression must be app, on or off, not ${JSON.stringify(compression)}.`);
    const checkpoints = text(input, 'checkpoints') ?? 'worker';
    if (checkpoints !== 'sqlite' && checkpoints !== 'worker')
      throw new InputError(`--checkpoints must be sqlite or worker, not ${JSON.stringify(checkpoints)}.`);
    // Where a durable commit's fsync runs: on the thread pool (pool, the default; storage/sqliteRoomStore.ts) or
    // in SQLite's commit on the event loop (sqlite, as before), for bench/relay-fanout.ts (FANOUT_WAL_SYNC=1).
    const walSync = text(input, 'wal-sync') ?? 'pool';
    if (walSync !== 'pool' && walSync !== 'sqlite')
      throw new InputError(`--wal-sync must be pool or sqlite, not ${JSON.stringify(walSync)}.`);
    const launcher = process.argv[1];
    const db = openDatabase(dbFile, { durability });
    // The key that signs latest files is made on the first start (kept in the database, relayKey.ts).
    loadOrCreateRelayKey(db);
    const logger = jsonLogger();
    // The WAL is checkpointed on a worker thread, not inside a commit on the event loop (walCheckpointer.ts);
    // --checkpoints sqlite leaves it to SQLite, for bench/relay-fanout.ts to compare (FANOUT_CHECKPOINTS=1).
    const checkpointer = checkpoints === 'worker' ? new WalCheckpointer(db, logger) : null;
    const store = new SqliteRoomStore(db, {
      onCommit: () => checkpointer?.committed(),
      walSync: walSync === 'pool' ? 'thread-pool' : 'sqlite',
    });
    const staticFiles = fs.existsSync(path.join(webRoot, 'index.html')) ? new StaticFiles(webRoot) : null;
    const relay = await startRelay({
      directory: new Directory(db),
      store,
      logger,
      host: text(input, 'host') ?? '127.0.0.1',
      port,
      staticFiles,
      foreignWrites: () => store.foreignWrites(),
      authTimeoutMs,
      keepAliveMs,
      // A secret in the environment rather than on the command line, where `ps` would show it.
      statusToken: process.env.SOA_RELAY_STATUS_TOKEN || null,
      writeLimits: limits === 'on' ? WRITE_LIMITS : NO_WRITE_LIMITS,
      compression,
      comparisonTimeoutMs,
      // PDFs are made by this same launcher's export command, off the relay's event loop (pdfExports.ts).
      pdfExporter:
        launcher && path.basename(launcher) === 'soa-relay.mjs' ? { launcher, dbFile: path.resolve(dbFile) } : null,
    }).catch(async (error: unknown) => {
      await checkpointer?.close();
      db.close();
      if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE')
        throw new InputError(`Port ${port} is already in use; stop the other program or choose another --port.`);
      throw error;
    });
    // Stopping is handled before the relay says it is listening, so a supervisor that stops it at once still
    // gets a clean stop (the rooms closed, the checkpoint worker and the database closed), not a killed process.
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      logger.info('relay stopping', { signal });
      relay
        .close()
        .then(() => checkpointer?.close())
        .then(
          () => {
            db.close();
            logger.info('relay stopped', {});
            process.exit(0);
          },
          (error: unknown) => {
            logger.error('relay stop failed', { error: error instanceof Error ? error.message : String(error) });
            process.exit(1);
          },
        );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    process.stdout.write(`SOA relay listening on ${relay.url} (sync: ${relay.url.replace(/^http/, 'ws')}/sync)\n`);
    logger.info('relay started', {
      url: relay.url,
      db: path.resolve(dbFile),
      durability,
      limits,
      compression,
      checkpoints,
      walSync,
      webApp: staticFiles ? webRoot : null,
    });
    await new Promise<never>(() => {});
  },
};
