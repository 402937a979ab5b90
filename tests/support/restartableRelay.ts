/**
 * One relay that a test stops, kills and starts again on the same port and database, as an administrator
 * restarts the service: clients keep their address across the restart.
 */
import { vi } from 'vitest';
import { relayHealth, startRelayProcess, type HealthReport, type RelayProcess } from './relayProcess';

export class RestartableRelay {
  private current: RelayProcess | null = null;
  port = 0;

  constructor(
    readonly dbPath: string,
    private readonly log: (line: string) => void = () => undefined,
    private readonly env: Readonly<Record<string, string | undefined>> = {},
    /** More `serve` options (e.g. ['--compression', 'off']). */
    private readonly serveArgs: readonly string[] = [],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.current?.child.pid;
  }

  get running(): boolean {
    const child = this.current?.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** The relay's last lines (stdout and stderr), for a failure's message. */
  get logTail(): string {
    return (this.current?.lines ?? []).slice(-40).join('\n');
  }

  /** Starts `soa-relay serve` (on the previous port after a restart) and resolves when it prints its URL. */
  async start(timeoutMs = 30_000): Promise<void> {
    this.current = await startRelayProcess(this.dbPath, this.serveArgs, this.env, {
      port: this.port,
      onLine: (line) => this.log(`relay: ${line.slice(0, 300)}`),
      timeoutMs,
    });
    this.port = this.current.port;
  }

  async healthz(): Promise<HealthReport> {
    if (!this.current) throw new Error('the relay was never started');
    return relayHealth(this.current);
  }

  /** Waits until /healthz reports `connections` open connections. */
  async waitForConnections(connections: number, timeoutMs: number): Promise<HealthReport> {
    let last = null as HealthReport | null;
    try {
      return await vi.waitUntil(
        async () => {
          last = await this.healthz();
          return last.connections === connections ? last : false;
        },
        { timeout: timeoutMs, interval: 100 },
      );
    } catch {
      throw new Error(`relay still reports ${last?.connections} connections, expected ${connections}`);
    }
  }

  /** kill -9: no chance to flush anything. */
  async kill9(): Promise<void> {
    if (this.running) await this.current?.kill9();
  }

  /** SIGTERM, and waits for a clean exit; returns the exit code. */
  async stop(): Promise<number | null> {
    return this.current ? this.current.stop() : null;
  }
}
