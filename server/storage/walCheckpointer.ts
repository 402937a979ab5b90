/**
 * Checkpoints the relay's write-ahead log on a worker thread (walCheckpointWorker.mjs) instead of inside a
 * commit on the event loop.
 *
 * SQLite's automatic checkpoint runs in the commit that takes the WAL past 1,000 pages: it copies the pages
 * into the database file and fsyncs it, and every room waits meanwhile. Under bench/relay-fanout.ts (500
 * updates/s, one small group commit each) that was a checkpoint about every third of a second, each
 * 5-130 ms on this disk: the relay's latency tail. Here the relay's connection has automatic checkpoints
 * off, and every CHECKPOINT_EVERY_COMMITS group commits the worker, on its own connection, runs a PASSIVE
 * checkpoint, which never blocks the relay's writes. At most every CATCH_UP_EVERY_MS (sooner once the WAL
 * has RESTART_WAL_AFTER_FRAMES), the relay copies the few frames committed during the worker's last
 * checkpoint itself, so the log restarts from its start (see catchUp). Commits stay exactly as durable: each
 * is fsynced in the WAL before it is acknowledged; a checkpoint only lets the WAL be reused from its start.
 *
 * On by default (`serve --checkpoints sqlite` leaves checkpoints to SQLite): in six of the seven fan-out runs
 * that measured both it gave the relay 0.76-0.93x the p99 of SQLite's own checkpoints by the median of rounds
 * (the seventh, on a disturbed host, 1.15x), for 6-8 MiB more RSS (bench/RESULTS.md); bench/relay-fanout.ts
 * with FANOUT_CHECKPOINTS=1 compares both.
 *
 * Bounds: if the worker falls MAX_COMMITS_BEHIND commits behind (stuck, or never completing), the relay
 * checkpoints on its own connection as before; if the worker cannot start or stops, automatic checkpoints
 * are turned back on. Either way the WAL stays bounded.
 */
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { errorMessage, type Logger } from '../log';

/** Group commits between two requests to the worker (a commit of one small update is about 6 WAL pages). */
export const CHECKPOINT_EVERY_COMMITS = 150;
/** Group commits without a complete checkpoint after which the relay checkpoints on its event loop. */
export const MAX_COMMITS_BEHIND = 3_000;
/**
 * The least time between two catch-ups on the relay's connection (see catchUp), each of which holds the event
 * loop for two fsyncs: 1-7 ms on the development machine's disk. After every worker checkpoint, as before,
 * that was two or three times a second under bench/relay-fanout.ts. A quiet relay still catches up after
 * each checkpoint, so its WAL stays as short as before; a busy one reuses a WAL of a couple of seconds' commits.
 */
export const CATCH_UP_EVERY_MS = 2_000;
/** WAL frames (about 4 KiB each, so 32 MiB) past which the relay catches up however recent the last time. */
export const RESTART_WAL_AFTER_FRAMES = 8_192;
/** SQLite's own default, restored when the worker is not there. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1_000;

type WorkerMessage =
  | { readonly ready: true }
  | { readonly failed: string; readonly id?: number }
  | { readonly id: number; readonly busy: number; readonly log: number; readonly checkpointed: number };

export interface WalCheckpointerOptions {
  readonly everyCommits?: number;
  readonly maxCommitsBehind?: number;
  readonly catchUpEveryMs?: number;
  readonly restartAfterFrames?: number;
  /** The database file the worker opens; the relay's connection's own file unless given (tests). */
  readonly file?: string;
}

export class WalCheckpointer {
  private worker: Worker | null;
  private ready = false;
  /** Group commits since the last complete checkpoint. */
  private behind = 0;
  /** The request in flight, with how many commits it covers. */
  private inFlight: { readonly id: number; readonly covers: number } | null = null;
  private nextId = 1;
  private readonly everyCommits: number;
  private readonly maxCommitsBehind: number;
  private readonly catchUpEveryMs: number;
  private readonly restartAfterFrames: number;
  /** When the relay's connection last caught up (performance.now()). */
  private lastCatchUp = -Infinity;
  /** Complete checkpoints made by the worker, and by the relay's own connection (the bound). */
  workerCheckpoints = 0;
  ownCheckpoints = 0;
  /** Catch-ups on the relay's connection that let the WAL restart (see catchUp). */
  catchUps = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly logger: Logger,
    options: WalCheckpointerOptions = {},
  ) {
    this.everyCommits = options.everyCommits ?? CHECKPOINT_EVERY_COMMITS;
    this.maxCommitsBehind = options.maxCommitsBehind ?? MAX_COMMITS_BEHIND;
    this.catchUpEveryMs = options.catchUpEveryMs ?? CATCH_UP_EVERY_MS;
    this.restartAfterFrames = options.restartAfterFrames ?? RESTART_WAL_AFTER_FRAMES;
    const worker = new Worker(new URL('./walCheckpointWorker.mjs', import.meta.url), {
      workerData: { file: options.file ?? db.name },
    });
    worker.unref();
    worker.on('message', (message: WorkerMessage) => this.heard(message));
    worker.on('error', (error) => this.lost(errorMessage(error)));
    worker.on('exit', (code) => this.lost(`the checkpoint worker stopped (exit code ${code})`));
    this.worker = worker;
  }

  /** True while the worker checkpoints and the relay's connection makes no automatic checkpoints. */
  get active(): boolean {
    return this.ready;
  }

  /** Counts a group commit on the relay's connection; asks the worker for a checkpoint every few. */
  committed(): void {
    this.behind++;
    if (!this.ready) return;
    if (this.behind >= this.maxCommitsBehind) {
      // The worker has fallen far behind: checkpoint here, as SQLite would have, so the WAL stays bounded.
      if (this.checkpointHere()) this.ownCheckpoints++;
      return;
    }
    if (this.inFlight || this.behind < this.everyCommits || !this.worker) return;
    this.inFlight = { id: this.nextId++, covers: this.behind };
    this.worker.postMessage({ id: this.inFlight.id });
  }

  /** Stops the worker and gives checkpoints back to the relay's connection (before it closes). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.fallBack();
    if (worker) await worker.terminate();
  }

  private heard(message: WorkerMessage): void {
    if ('ready' in message) {
      if (!this.worker) return;
      this.db.pragma('wal_autocheckpoint = 0');
      this.ready = true;
      this.logger.info('checkpoint worker ready', {});
      return;
    }
    if ('failed' in message && message.id === undefined) return this.lost(message.failed);
    const request = this.inFlight;
    if (!request || message.id !== request.id) return;
    const covered = request.covers;
    this.inFlight = null;
    if ('failed' in message) {
      this.logger.warn('checkpoint failed', { error: message.failed });
      return;
    }
    // Complete: every frame in the WAL when it ran (all the commits it covers) is in the database file.
    if (message.busy === 0 && message.log === message.checkpointed) {
      this.behind = Math.max(0, this.behind - covered);
      this.workerCheckpoints++;
      const due = performance.now() - this.lastCatchUp >= this.catchUpEveryMs;
      if (due || message.log >= this.restartAfterFrames) this.catchUp();
    }
  }

  /**
   * SQLite reuses the WAL from its start only when a write begins with every frame checkpointed, which a
   * checkpoint on another connection, chasing the relay's commits, never quite reaches: the WAL would grow
   * without end. So once the worker has copied the bulk, the relay's connection copies the few frames
   * committed since (a small write, and fsyncs of the WAL and the database file), and its next commit
   * restarts the WAL. Not after every checkpoint of a busy relay: each catch-up holds the event loop for
   * those fsyncs, and a longer WAL costs only disk space (the worker keeps the database file current). Nor
   * only when the WAL is long: a WAL that grows runs every commit's fdatasync with a journal commit of the
   * file's length, so a quiet relay keeps its short WAL.
   */
  private catchUp(): void {
    this.checkpointHere();
    this.catchUps++;
    this.lastCatchUp = performance.now();
  }

  /** A PASSIVE checkpoint on the relay's own connection; true (and nothing behind) when it copied every frame. */
  private checkpointHere(): boolean {
    const [row] = this.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    const complete = row !== undefined && row.log === row.checkpointed;
    if (complete) this.behind = 0;
    return complete;
  }

  private lost(reason: string): void {
    if (!this.worker) return;
    this.worker = null;
    this.logger.error('checkpoint worker lost; checkpoints run in commits again', { error: reason });
    this.fallBack();
  }

  private fallBack(): void {
    this.ready = false;
    this.inFlight = null;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
  }
}
