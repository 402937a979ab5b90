/**
 * The relay as partners' administrators run it: `soa-relay serve` in its own process on a free loopback port,
 * so a test can `kill -9` it and holds only client handles. The one launcher for tests and benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RELAY_BIN = path.join(REPO_ROOT, 'server/bin/soa-relay.mjs');

/** Why relay tests cannot run here, or null when they can. */
export function relayUnavailableReason(): string | null {
  if (!existsSync(RELAY_BIN))
    return `the relay's command (${path.relative(REPO_ROOT, RELAY_BIN)}) does not exist yet (issue 3)`;
  return null;
}

export interface RelayProcess {
  /** http://127.0.0.1:port */
  readonly url: string;
  /** ws://host:port/sync */
  readonly syncUrl: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** The operator's status token it was started with: /healthz gives its figures to this bearer token. */
  readonly statusToken: string;
  /** Every line the relay wrote so far (stdout and stderr). */
  readonly lines: string[];
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, and the exit code once it has exited (SIGKILL after 15 s, so a hung relay cannot hang a test). */
  stop(): Promise<number | null>;
  /** kill -9: no chance to flush anything. */
  kill9(): Promise<void>;
}

export interface RelayStartOptions {
  /** The port to listen on; 0 (the default) for a free one. A restart passes the port it had. */
  readonly port?: number;
  /** Called with each line the relay writes, as it writes it. */
  readonly onLine?: (line: string) => void;
  /** How long the relay may take to say it is listening. */
  readonly timeoutMs?: number;
}

/**
 * RELAY_CPU_PROFILE_DIR=<folder> makes every relay started here write a V8 CPU profile there when it stops
 * (open it in Chrome's DevTools): how the relay's costs were found under bench/relay-fanout.ts.
 * RELAY_NODE_ARGS adds Node and V8 options of your own (space-separated), such as
 * `--log-deopt --log-code --logfile=/tmp/v8-%p.log`, which showed the relay's JIT still at work in its first
 * seconds (bench/RESULTS.md).
 */
function profilingArgs(): string[] {
  const folder = process.env.RELAY_CPU_PROFILE_DIR;
  return [...(folder ? ['--cpu-prof', `--cpu-prof-dir=${folder}`] : []), ...extraNodeArgs()];
}

/** RELAY_NODE_ARGS, for the benchmarks' other servers too. */
export function extraNodeArgs(): string[] {
  return (process.env.RELAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

/** Starts `soa-relay serve` on `dbFile` and resolves once it says where it listens. */
export async function startRelayProcess(
  dbFile: string,
  extraArgs: readonly string[] = [],
  env: Readonly<Record<string, string | undefined>> = {},
  options: RelayStartOptions = {},
): Promise<RelayProcess> {
  const statusToken = env.SOA_RELAY_STATUS_TOKEN ?? randomBytes(16).toString('hex');
  const { port = 0, onLine, timeoutMs = 60_000 } = options;
  const child = spawn(
    process.execPath,
    [
      ...profilingArgs(),
      RELAY_BIN,
      'serve',
      '--db',
      dbFile,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      ...extraArgs,
    ],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SOA_RELAY_STATUS_TOKEN: statusToken, ...env },
    },
  );
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The relay did not say it was listening within ${timeoutMs} ms:\n${lines.join('\n')}`));
    }, timeoutMs);
    const reader = (): ((chunk: Buffer) => void) => {
      let buffered = '';
      return (chunk) => {
        buffered += chunk.toString('utf8');
        let newline;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          lines.push(line);
          onLine?.(line);
          const match = /^SOA relay listening on (http:\/\/\S+)/.exec(line);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        }
      };
    };
    child.stdout?.on('data', reader());
    child.stderr?.on('data', reader());
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The relay exited (${code}) before listening:\n${lines.join('\n')}`));
    });
  });
  return {
    url,
    syncUrl: url.replace(/^http/, 'ws') + '/sync',
    port: Number(new URL(url).port),
    child,
    statusToken,
    lines,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface HealthReport {
  readonly status: string;
  readonly uptimeSeconds: number;
  readonly roomsLoaded: number;
  readonly connections: number;
  /** Websockets open: per-room and multiplexed (a multiplexed one carries several connections). */
  readonly websockets: number;
}

/** The relay's /healthz with its figures (asked with the operator's status token). */
export async function relayHealth(relay: Pick<RelayProcess, 'url' | 'statusToken'>): Promise<HealthReport> {
  const response = await fetch(`${relay.url}/healthz`, { headers: { Authorization: `Bearer ${relay.statusToken}` } });
  if (!response.ok) throw new Error(`/healthz answered ${response.status}`);
  return (await response.json()) as HealthReport;
}
