/**
 * Runs the real relay (`soa-relay serve`) as a child process on a free port and waits for its URL: for
 * tests, benchmarks and tools that need a relay of their own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RELAY_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'bin/soa-relay.mjs');

export interface RelayProcess {
  readonly url: string;
  /** ws://host:port/sync */
  readonly syncUrl: string;
  readonly child: ChildProcess;
  /** The operator's status token it was started with: /healthz gives its figures to this bearer token. */
  readonly statusToken: string;
  /** Every line the relay wrote so far (stdout and stderr). */
  readonly lines: string[];
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
}

/**
 * RELAY_CPU_PROFILE_DIR=<folder> makes every relay started here write a V8 CPU profile there when it stops
 * (open it in Chrome's DevTools): how the relay's costs were found under bench/relay-fanout.ts.
 */
function profilingArgs(): string[] {
  const folder = process.env.RELAY_CPU_PROFILE_DIR;
  return folder ? ['--cpu-prof', `--cpu-prof-dir=${folder}`] : [];
}

export async function startRelayProcess(
  dbFile: string,
  extraArgs: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): Promise<RelayProcess> {
  const statusToken = env.SOA_RELAY_STATUS_TOKEN ?? randomBytes(16).toString('hex');
  const child = spawn(
    process.execPath,
    [...profilingArgs(), RELAY_BIN, 'serve', '--db', dbFile, '--port', '0', '--host', '127.0.0.1', ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SOA_RELAY_STATUS_TOKEN: statusToken, ...env },
    },
  );
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        lines.push(line);
        const match = /^SOA relay listening on (http:\/\/\S+)/.exec(line);
        if (match?.[1]) resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`The relay exited (${code}) before listening:\n${lines.join('\n')}`)));
  });
  return {
    url,
    syncUrl: url.replace(/^http/, 'ws') + '/sync',
    child,
    statusToken,
    lines,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
