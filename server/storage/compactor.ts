/**
 * Runs compactions (compactUpdates.mjs) on a worker thread (compactionWorker.mjs), one at a time, in the
 * order asked. The relay's event loop only reads the rows and writes the merged one; merging and checking
 * happen on the worker, so a room with a large log no longer stalls every other room while it compacts (8 s
 * for a 286 MiB room).
 *
 * The worker is a second V8 isolate, 20-30 MiB of the relay's memory once it has worked, and compactions
 * come in bursts (rooms unloading, long logs): it is started on demand and stopped once it has been idle for
 * a while, as the version comparer's worker is. A room of small rows (a short visit's, or a log of
 * keystrokes) folds in a millisecond or two, less than starting the worker takes, so it is compacted on the
 * relay's own thread and never starts it: on a busy relay whose rooms each reach the compaction threshold
 * now and then, that keeps the worker out of the relay's memory.
 */
import { Worker } from 'node:worker_threads';
import { betweenCompactionSteps } from './compactionPace';
import { compactUpdatesInSteps } from './compactUpdates.mjs';

interface Waiting {
  readonly resolve: (merged: Uint8Array) => void;
  readonly reject: (error: Error) => void;
}

type WorkerResult =
  | { readonly id: number; readonly merged: Uint8Array }
  | { readonly id: number; readonly error: string };

/** How long an idle worker is kept before it is stopped. */
export const COMPACTION_WORKER_IDLE_MS = 60_000;

/**
 * The worker's young generation, capped: V8 grows it to 2 x 16 MiB semi-spaces while a large room merges,
 * nearly all of it garbage. With the cap, compacting a room of 20,000 rows three times added 46-49 MiB to the
 * process's RSS instead of 71 (its time was within the noise of a loaded machine, 1.4-3.4 s either way).
 */
const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * Rooms of at most this many rows and bytes are compacted on the relay's own thread. Measured on the
 * development machine (2 cores), warm: 500 keystroke rows (9 KiB) 1.4-1.5 ms; a partner's 31 KiB room of
 * the demo SOA with 500 keystrokes 3-8 ms, so content much past 16 KiB goes to the worker. The cost is
 * mostly per byte of the room's content (applying, reloading and checking it), less per row.
 */
export const IN_PROCESS_COMPACTION = { rows: 1_000, bytes: 16 * 1024 };

/** Rows applied per step when a room is compacted on the relay's own thread (about 0.3 ms). */
const IN_PROCESS_ROWS_PER_STEP = 100;

export class Compactor {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly idleMs: number;
  private readonly inProcess: { readonly rows: number; readonly bytes: number };

  constructor(
    options: { readonly idleMs?: number; readonly inProcess?: { readonly rows: number; readonly bytes: number } } = {},
  ) {
    this.idleMs = options.idleMs ?? COMPACTION_WORKER_IDLE_MS;
    this.inProcess = options.inProcess ?? IN_PROCESS_COMPACTION;
  }

  /** Whether the worker thread exists now (started and not yet stopped for idleness). */
  get workerRunning(): boolean {
    return this.worker !== null;
  }

  /**
   * The rows folded into one update: applied in order and encoded, after checking the result loads to the
   * same state as the rows and as `live` (Y.encodeSnapshot of the room as it is in memory). Rejects otherwise.
   */
  merge(updates: readonly Uint8Array[], live: Uint8Array): Promise<Uint8Array> {
    if (
      updates.length <= this.inProcess.rows &&
      updates.reduce((sum, update) => sum + update.byteLength, 0) <= this.inProcess.bytes
    ) {
      return this.mergeHere(updates, live);
    }
    const worker = this.started();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Held while it works, so a process with nothing else to do still waits for it.
      worker.ref();
      worker.postMessage({ id, updates, live });
    });
  }

  /**
   * A small room's merge on the relay's own thread, in steps of IN_PROCESS_ROWS_PER_STEP rows with a pause
   * between (compactionPace.ts): the store reads the rows in one step and writes the merged row in a later
   * one, and the messages and disk syncs that arrive meanwhile are served between the steps. In one piece,
   * reading, merging and writing took 3-7 ms on a quiet machine and 10-30 ms under the fan-out benchmark's
   * load, once or twice a second, among the relay's longest stalls (CPU profiles of the benchmark).
   */
  private async mergeHere(updates: readonly Uint8Array[], live: Uint8Array): Promise<Uint8Array> {
    try {
      const steps = compactUpdatesInSteps(updates, live, IN_PROCESS_ROWS_PER_STEP);
      for (;;) {
        await betweenCompactionSteps();
        const step = steps.next();
        if (step.done) {
          await betweenCompactionSteps();
          return step.value;
        }
      }
    } catch (error) {
      throw new Error(`compaction refused: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Stops the worker; compactions still waiting fail (their rows stay as they were). */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
    this.failAll(new Error('the relay is stopping'));
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./compactionWorker.mjs', import.meta.url), {
      resourceLimits: WORKER_RESOURCE_LIMITS,
    });
    // An idle worker does not keep the relay's process alive.
    worker.unref();
    worker.on('message', (result: WorkerResult) => {
      const waiting = this.waiting.get(result.id);
      if (!waiting) return;
      this.waiting.delete(result.id);
      if (this.waiting.size === 0) this.idle(worker);
      if ('merged' in result) waiting.resolve(result.merged);
      else waiting.reject(new Error(`compaction refused: ${result.error}`));
    });
    const lost = (error: Error): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the compaction worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  /** Nothing waits for the worker: it no longer holds the process, and is stopped if nothing comes for idleMs. */
  private idle(worker: Worker): void {
    worker.unref();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker !== worker || this.waiting.size > 0) return;
      // Forgotten first, so its exit is not taken for a failure; the next compaction starts a new one.
      this.worker = null;
      void worker.terminate();
    }, this.idleMs).unref();
  }

  private failAll(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
