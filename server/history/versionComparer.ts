/**
 * Compares versions, and summarises an SOA's history, on a worker thread (comparisonWorker.mjs), one at a
 * time in the order asked, as the compactor compacts (server/storage/compactor.ts). The relay's event loop
 * only reads the rows; replaying them (about a second for a comparison of a year of edits on the 100-page
 * sample, and about as long for its whole history) happens on the worker, so sync and every other request
 * are answered meanwhile (issue 16).
 *
 * A comparison that runs past its time limit stops the worker (the only way to stop a computation) and fails
 * with ComparisonTimeoutError; the next one starts a new worker. A worker idle for a while is stopped, so an
 * idle relay holds no second copy of the comparison code.
 */
import { Worker } from 'node:worker_threads';
import type { Comparison, RoomChange } from '../../shared/compare';
import type { StoredChange } from '../db/storedHistory';
import type { HistoryEntry } from './summariseHistory';

/** The comparison took longer than the relay allows. */
export class ComparisonTimeoutError extends Error {}

/** Too many comparisons are already waiting. */
export class ComparisonBusyError extends Error {}

export interface VersionComparerOptions {
  /** The longest one comparison may take on the worker. */
  readonly timeoutMs?: number;
  /** How many comparisons may wait for the worker (besides the one running). */
  readonly maxWaiting?: number;
  /** How long an idle worker is kept before it is stopped. */
  readonly idleMs?: number;
}

export const COMPARISON_TIMEOUT_MS = 60_000;

/**
 * A comparison the worker keeps replayed, under `key`: `throughSeq` is the last stored change the input
 * covers; `since` (the throughSeq it kept) when the input holds only the changes stored after that.
 */
export interface KeptComparison {
  readonly key: string;
  readonly throughSeq: number;
  readonly since?: number;
}

/** What the worker is asked (comparisonWorker.mjs). */
type Work =
  | {
      readonly kind: 'compare';
      readonly version: readonly (readonly [string, Uint8Array])[];
      readonly changes: readonly RoomChange[];
      readonly keep?: KeptComparison;
    }
  | { readonly kind: 'history'; readonly changes: readonly StoredChange[] }
  | { readonly kind: 'states'; readonly rooms: readonly (readonly [string, readonly Uint8Array[]])[] };

interface Task {
  readonly id: number;
  readonly work: Work;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
}

type WorkerResult =
  | { readonly ready: true }
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: string };

export class VersionComparer {
  private worker: Worker | null = null;
  /** Whether the worker has loaded the comparison code: the time limit counts from then. */
  private workerReady = false;
  private nextId = 1;
  private running: { task: Task; timer: NodeJS.Timeout | null } | null = null;
  private readonly queue: Task[] = [];
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly timeoutMs: number;
  private readonly maxWaiting: number;
  private readonly idleMs: number;
  /** The comparisons the current worker keeps replayed, and the last change each covers. */
  private readonly kept = new Map<string, number>();

  constructor(options: VersionComparerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? COMPARISON_TIMEOUT_MS;
    this.maxWaiting = options.maxWaiting ?? 8;
    this.idleMs = options.idleMs ?? 5 * 60_000;
  }

  /** compareChanges(version, changes), worked out on the worker. */
  compare(version: ReadonlyMap<string, Uint8Array>, changes: readonly RoomChange[]): Promise<Comparison>;
  /**
   * The same, kept replayed on the worker under `keep.key`. With `keep.since`, `changes` are only those stored
   * after it and `version` may be empty; null when the worker no longer keeps that replay (give the whole
   * input then).
   */
  compare(
    version: ReadonlyMap<string, Uint8Array>,
    changes: readonly RoomChange[],
    keep: KeptComparison,
  ): Promise<Comparison | null>;
  async compare(
    version: ReadonlyMap<string, Uint8Array>,
    changes: readonly RoomChange[],
    keep?: KeptComparison,
  ): Promise<Comparison | null> {
    if (keep) this.kept.delete(keep.key);
    const result = (await this.run({ kind: 'compare', version: [...version], changes, keep })) as Comparison | null;
    if (keep && result) this.kept.set(keep.key, keep.throughSeq);
    return result;
  }

  /** The last stored change the worker's kept replay under `key` covers, if it keeps one. */
  keptThrough(key: string): number | undefined {
    return this.kept.get(key);
  }

  /** summariseHistory(changes): the SOA's history, replayed on the worker. */
  summariseHistory(changes: readonly StoredChange[]): Promise<HistoryEntry[]> {
    return this.run({ kind: 'history', changes }) as Promise<HistoryEntry[]>;
  }

  /** Each room's state from its stored rows (exportLatest.ts roomState), for an SOA's latest file. */
  roomStates(rooms: readonly (readonly [string, readonly Uint8Array[]])[]): Promise<[string, Uint8Array][]> {
    return this.run({ kind: 'states', rooms }) as Promise<[string, Uint8Array][]>;
  }

  private run(work: Work): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('The relay is stopping.'));
    if (this.queue.length >= this.maxWaiting)
      return Promise.reject(
        new ComparisonBusyError(
          'The relay is already comparing versions or reading histories for several people; try again in a minute.',
        ),
      );
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, work, resolve, reject });
      this.next();
    });
  }

  /** Stops the worker; comparisons running or waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new Error('The relay is stopping.');
    for (const task of this.queue.splice(0)) task.reject(error);
    this.finishRunning()?.reject(error);
    await this.stopWorker();
  }

  private next(): void {
    if (this.running || this.closed) return;
    const task = this.queue.shift();
    if (!task) {
      // An idle worker does not keep the relay's process alive.
      this.worker?.unref();
      this.idleTimer ??= setTimeout(() => {
        this.idleTimer = null;
        if (!this.running && this.queue.length === 0) void this.stopWorker();
      }, this.idleMs).unref();
      return;
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.started();
    this.running = { task, timer: null };
    if (this.workerReady) this.startClock();
    worker.ref();
    worker.postMessage({ id: task.id, ...task.work });
  }

  /** The running comparison's time limit, from when the worker can start on it. */
  private startClock(): void {
    const running = this.running;
    if (!running || running.timer) return;
    running.timer = setTimeout(() => {
      const timedOut = this.finishRunning();
      // Stopping the worker is the only way to stop a comparison; the next task starts a new one.
      void this.stopWorker();
      if (timedOut)
        timedOut.reject(
          new ComparisonTimeoutError(
            timedOut.work.kind === 'compare'
              ? `Comparing took longer than ${duration(this.timeoutMs)}, so the relay stopped it. ` +
                'Compare with a later version, or ask the administrator to compact the history.'
              : `Reading the ${timedOut.work.kind === 'states' ? 'SOA' : 'history'} took longer than ${duration(this.timeoutMs)}, so the relay stopped it. ` +
                'Try again later, or ask the administrator.',
          ),
        );
      this.next();
    }, this.timeoutMs);
  }

  private finishRunning(): Task | null {
    const running = this.running;
    this.running = null;
    if (!running) return null;
    if (running.timer) clearTimeout(running.timer);
    return running.task;
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./comparisonWorker.mjs', import.meta.url));
    this.workerReady = false;
    worker.on('message', (result: WorkerResult) => {
      if (this.worker !== worker) return;
      if ('ready' in result) {
        this.workerReady = true;
        return this.startClock();
      }
      if (this.running?.task.id !== result.id) return;
      const task = this.finishRunning();
      if ('result' in result) task?.resolve(result.result);
      else task?.reject(new Error(`The comparison failed: ${result.error}`));
      this.next();
    });
    const lost = (error: Error): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.kept.clear();
      this.finishRunning()?.reject(error);
      this.next();
    };
    worker.on('error', (error) => lost(new Error(`The comparison failed: ${error.message}`)));
    worker.on('exit', (code) => lost(new Error(`The comparison worker stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    // A new worker starts with nothing kept.
    this.kept.clear();
    this.workerReady = false;
    if (worker) await worker.terminate();
  }
}

/** "60 seconds", "1 second", "500 ms". */
function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
