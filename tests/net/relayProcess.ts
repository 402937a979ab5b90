/**
 * The relay as partners' administrators run it: `soa-relay serve` in its own process (so a test can
 * `kill -9` it and the test process holds only client handles), plus the admin CLI to set up a partnership.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
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

/** The operator's status token these relays are started with, so /healthz gives them their figures. */
const STATUS_TOKEN = randomBytes(16).toString('hex');

export interface HealthReport {
  readonly status: string;
  readonly uptimeSeconds: number;
  readonly roomsLoaded: number;
  readonly connections: number;
}

/** Runs an admin command and returns its --json object. Throws with the command's message on failure. */
export function relayCli(dbPath: string, args: readonly string[]): Record<string, unknown> {
  const result = spawnSync(process.execPath, [RELAY_BIN, ...args, '--db', dbPath, '--json'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0)
    throw new Error(`soa-relay ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as Record<string, unknown>;
}

export interface DemoMember {
  readonly memberId: string;
  readonly name: string;
  readonly role: string;
  readonly partnerId: string;
  readonly partnerName: string;
  readonly token: string;
}

export interface Partnership {
  readonly soaId: string;
  readonly frameRoom: string;
  /** One per partner member: its partner's room and its token. */
  readonly partners: ReadonlyArray<{
    readonly partnerId: string;
    readonly room: string;
    readonly token: string;
    readonly name: string;
  }>;
  readonly coordinatorToken: string;
}

/** `soa-relay demo`: the sample partnership and SOA (with the sample's content), one member per partner. */
export function createDemo(dbPath: string): Partnership {
  const demo = relayCli(dbPath, ['demo']) as { soaId: string; rooms: string[]; members: DemoMember[] };
  const coordinator = demo.members.find((m) => m.role === 'coordinator');
  if (!coordinator) throw new Error('demo has no coordinator');
  const partners = demo.members
    .filter((m) => m.role === 'partner')
    .map((m) => ({
      partnerId: m.partnerId,
      room: `soa/${demo.soaId}/partner/${m.partnerId}`,
      token: m.token,
      name: m.name,
    }));
  for (const partner of partners)
    if (!demo.rooms.includes(partner.room)) throw new Error(`demo rooms lack ${partner.room}`);
  return { soaId: demo.soaId, frameRoom: `soa/${demo.soaId}/frame`, partners, coordinatorToken: coordinator.token };
}

export class RelayProcess {
  private child: ChildProcess | null = null;
  private stderrTail = '';
  port = 0;

  constructor(
    readonly dbPath: string,
    private readonly log: (line: string) => void = () => undefined,
    private readonly env: NodeJS.ProcessEnv = {},
    /** More `serve` options (e.g. ['--compression', 'off']). */
    private readonly serveArgs: readonly string[] = [],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts `soa-relay serve` (on the previous port after a restart) and resolves when it prints its URL. */
  async start(timeoutMs = 30_000): Promise<void> {
    const child = spawn(
      process.execPath,
      [RELAY_BIN, 'serve', '--db', this.dbPath, '--port', String(this.port), '--host', '127.0.0.1', ...this.serveArgs],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, SOA_RELAY_STATUS_TOKEN: STATUS_TOKEN, ...this.env },
      },
    );
    this.child = child;
    child.stderr?.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString()).slice(-4000);
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(
        () => reject(new Error(`relay did not print its URL within ${timeoutMs} ms: ${out} ${this.stderrTail}`)),
        timeoutMs,
      );
      const onEarlyExit = (code: number | null, signal: string | null): void => {
        clearTimeout(timer);
        reject(new Error(`relay exited (${code ?? signal}) before listening: ${out} ${this.stderrTail}`));
      };
      child.once('exit', onEarlyExit);
      child.stdout?.on('data', (d: Buffer) => {
        const text = d.toString();
        out = (out + text).slice(-8000);
        for (const line of text.split('\n')) if (line.trim() !== '') this.log(`relay: ${line.slice(0, 300)}`);
        const match = /https?:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (match && this.port === 0) this.port = Number(match[1]);
        if (match) {
          clearTimeout(timer);
          child.removeListener('exit', onEarlyExit);
          resolve();
        }
      });
    });
  }

  async healthz(): Promise<HealthReport> {
    const response = await fetch(`${this.url}/healthz`, { headers: { Authorization: `Bearer ${STATUS_TOKEN}` } });
    if (!response.ok) throw new Error(`/healthz answered ${response.status}`);
    return (await response.json()) as HealthReport;
  }

  /** Waits until /healthz reports `connections` open connections. */
  async waitForConnections(connections: number, timeoutMs: number): Promise<HealthReport> {
    const until = Date.now() + timeoutMs;
    let last: HealthReport | null = null;
    while (Date.now() < until) {
      last = await this.healthz();
      if (last.connections === connections) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`relay still reports ${last?.connections} connections, expected ${connections}`);
  }

  /** kill -9: no chance to flush anything. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM, and waits for a clean exit; returns the exit code. */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child || !this.running) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }

  get stderr(): string {
    return this.stderrTail;
  }
}
