// @ts-check
/**
 * The compaction worker (a worker_threads thread, see compactor.ts): folds a large room's stored rows into one
 * update (compactUpdates.mjs) off the relay's event loop, so compacting a large room never makes the other
 * rooms wait.
 *
 * Plain JavaScript so that it loads as it is, with or without the relay's bundle or a TypeScript loader.
 */
import { parentPort } from 'node:worker_threads';
import { compactUpdates } from './compactUpdates.mjs';

/**
 * @typedef {{ readonly id: number, readonly updates: readonly Uint8Array[], readonly live: Uint8Array }} CompactionTask
 * @typedef {{ readonly id: number, readonly merged: Uint8Array } | { readonly id: number, readonly error: string }} CompactionResult
 */

const port = parentPort;
if (port) {
  port.on('message', (/** @type {CompactionTask} */ task) => {
    /** @type {CompactionResult} */
    let result;
    try {
      result = { id: task.id, merged: compactUpdates(task.updates, task.live) };
    } catch (error) {
      result = { id: task.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(result);
  });
}
