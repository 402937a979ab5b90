// @ts-check
/**
 * The comparison worker (a worker_threads thread, see versionComparer.ts): works out what changed since a
 * named version (shared/compare's compareChanges, which replays a year of edits in about a second on the
 * 100-page sample) and the SOA's history (summariseHistory.ts, which replays every stored change) off the
 * relay's event loop, so sync and every other request keep being answered meanwhile.
 *
 * Plain JavaScript, like the compaction worker, so Node starts it as it is whether the relay runs from its
 * bundle, under tsx or under a test runner; it loads the TypeScript of shared/compare with tsx (a dependency
 * of the relay, as its launcher's fallback).
 */
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
/** @type {{ compareChanges: (version: ReadonlyMap<string, Uint8Array>, changes: readonly object[]) => unknown }} */
const { compareChanges } = await import('../../shared/compare/compareChanges.ts');
/** @type {{ summariseHistory: (changes: readonly object[]) => unknown }} */
const { summariseHistory } = await import('./summariseHistory.ts');

/**
 * @typedef {{ readonly room: string, readonly update: Uint8Array, readonly memberId: string | null, readonly storedAt: number }} Change
 * @typedef {{ readonly id: number, readonly kind: 'compare', readonly version: readonly (readonly [string, Uint8Array])[], readonly changes: readonly Change[] }} ComparisonTask
 * @typedef {{ readonly id: number, readonly kind: 'history', readonly changes: readonly Change[] }} HistoryTask
 */

const port = parentPort;
if (port) {
  // Messages posted while the sources loaded wait in the port's queue until this listener starts it.
  port.on('message', (/** @type {ComparisonTask | HistoryTask} */ task) => {
    try {
      const result =
        task.kind === 'history' ? summariseHistory(task.changes) : compareChanges(new Map(task.version), task.changes);
      port.postMessage({ id: task.id, result });
    } catch (error) {
      port.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  // The relay's time limit for a comparison counts from here, not from loading the code.
  port.postMessage({ ready: true });
}
