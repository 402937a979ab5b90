/**
 * What every network fault test starts from: a temp dir, the demo partnership in a fresh relay database,
 * the relay process, and a list of things to release at the end (proxies, clients, the relay, the dir).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { createDemo, type Partnership } from '../support/relayCli';
import { RestartableRelay } from '../support/restartableRelay';
import { removeTempDir, tempDir } from '../support/tempDirs';
import { ShapingProxy } from './shapingProxy';
import type { LinkProfile } from './profiles';
import { NetClient, type NetClientOptions } from './netClient';

/** SOA_SOAK=1 runs the long versions. */
export const SOAK = process.env.SOA_SOAK === '1';

/** `normal` in the ordinary run, `soak` when SOA_SOAK=1. */
export function scale<T>(normal: T, soak: T): T {
  return SOAK ? soak : normal;
}

export interface NetWorld {
  readonly dir: string;
  readonly dbPath: string;
  readonly relay: RestartableRelay;
  readonly demo: Partnership;
  /** ws://127.0.0.1:<relay>/sync, bypassing any proxy. */
  readonly directUrl: string;
  proxy(profile: LinkProfile, seed: number, log?: (line: string) => void): Promise<ShapingProxy>;
  client(options: NetClientOptions): NetClient;
  /** Releases everything in reverse order. */
  dispose(): Promise<void>;
  readonly clients: NetClient[];
}

export async function createWorld(
  options: {
    readonly dir?: string;
    readonly quiet?: boolean;
    readonly env?: NodeJS.ProcessEnv;
    readonly serveArgs?: readonly string[];
  } = {},
): Promise<NetWorld> {
  const dir = options.dir ?? tempDir('soa-net-');
  const dbPath = path.join(dir, 'relay.db');
  const demo = createDemo(dbPath);
  const relay = new RestartableRelay(
    dbPath,
    options.quiet === false ? (line) => console.log(line) : () => undefined,
    options.env,
    options.serveArgs,
  );
  await relay.start();
  const disposers: Array<() => Promise<void> | void> = [];
  const clients: NetClient[] = [];
  return {
    dir,
    dbPath,
    relay,
    demo,
    clients,
    get directUrl() {
      return `ws://127.0.0.1:${relay.port}/sync`;
    },
    async proxy(profile, seed, log) {
      const proxy = await ShapingProxy.start({ targetPort: relay.port, profile, seed, ...(log ? { log } : {}) });
      disposers.push(() => proxy.close());
      return proxy;
    },
    client(clientOptions) {
      const client = new NetClient(clientOptions);
      clients.push(client);
      return client;
    },
    async dispose() {
      for (const client of clients.splice(0)) client.destroy();
      while (disposers.length > 0) await disposers.pop()?.();
      await relay.stop();
      if (options.dir === undefined) removeTempDir(dir);
    },
  };
}

/** PRAGMA integrity_check on the relay's database (the relay may be down). */
export function integrityCheck(dbPath: string): string {
  const db = new Database(dbPath);
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** Handles of the test process that matter for leaks: sockets and timers. */
export function openHandles(): { tcp: number; timers: number } {
  const info = process.getActiveResourcesInfo();
  return {
    tcp: info.filter((r) => r === 'TCPSocketWrap' || r === 'TCPWrap').length,
    timers: info.filter((r) => r === 'Timeout').length,
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
