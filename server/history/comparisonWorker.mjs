// @ts-check
/**
 * The comparison worker (a worker_threads thread, see versionComparer.ts): works out what changed since a
 * named version (shared/compare's compareChanges, which replays a year of edits in about a second on the
 * 100-page sample) and the SOA's history (summariseHistory.ts, which replays every stored change) off the
 * relay's event loop, so sync and every other request keep being answered meanwhile. The last two
 * comparisons are kept replayed, so comparing with the same version again replays only what was stored since.
 * It also works out each room's state for an SOA's latest file (GET /api/soas/<id>/latest, 0.1-0.4 s on the
 * event loop for the 100-page sample with a year of rows).
 *
 * Plain JavaScript, like the compaction worker, so Node starts it as it is whether the relay runs from its
 * bundle, under tsx or under a test runner; it loads the TypeScript of shared/compare with tsx (a dependency
 * of the relay, as its launcher's fallback).
 */
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
/**
 * @typedef {{ add: (changes: readonly object[]) => boolean, comparison: () => unknown, destroy: () => void }} Replay
 * @type {{ ComparisonReplay: new (version: ReadonlyMap<string, Uint8Array>) => Replay }}
 */
const { ComparisonReplay } = await import('../../shared/compare/compareChanges.ts');
/** @type {{ summariseHistory: (changes: readonly object[]) => unknown }} */
const { summariseHistory } = await import('./summariseHistory.ts');
/** @type {{ roomState: (updates: readonly Uint8Array[]) => Uint8Array }} */
const { roomState } = await import('../bundle/exportLatest.ts');

/**
 * @typedef {{ readonly room: string, readonly update: Uint8Array, readonly memberId: string | null, readonly storedAt: number }} Change
 * @typedef {{ readonly key: string, readonly throughSeq: number, readonly since?: number }} Keep
 * @typedef {{ readonly id: number, readonly kind: 'compare', readonly version: readonly (readonly [string, Uint8Array])[], readonly changes: readonly Change[], readonly keep?: Keep }} ComparisonTask
 * @typedef {{ readonly id: number, readonly kind: 'history', readonly changes: readonly Change[] }} HistoryTask
 * @typedef {{ readonly id: number, readonly kind: 'states', readonly rooms: readonly (readonly [string, readonly Uint8Array[]])[] }} StatesTask
 */

/** Comparisons kept replayed (versionComparer.ts mirrors which), the least recently used first. */
/** @type {Map<string, { replay: Replay, throughSeq: number }>} */
const kept = new Map();
const KEPT_COMPARISONS = 2;

/**
 * A comparison, extending the kept replay when the task continues it (`since`); null when the kept one
 * is not there or cannot be continued, for the relay to send the whole input.
 * @param {ComparisonTask} task
 */
function compare(task) {
  const keep = task.keep;
  if (!keep) {
    const replay = new ComparisonReplay(new Map(task.version));
    try {
      replay.add(task.changes);
      return replay.comparison();
    } finally {
      replay.destroy();
    }
  }
  const known = kept.get(keep.key);
  kept.delete(keep.key);
  if (keep.since !== undefined) {
    if (known && known.throughSeq === keep.since && known.replay.add(task.changes)) {
      kept.set(keep.key, { replay: known.replay, throughSeq: keep.throughSeq });
      return known.replay.comparison();
    }
    known?.replay.destroy();
    return null;
  }
  known?.replay.destroy();
  const replay = new ComparisonReplay(new Map(task.version));
  replay.add(task.changes);
  kept.set(keep.key, { replay, throughSeq: keep.throughSeq });
  for (const [key, entry] of kept) {
    if (kept.size <= KEPT_COMPARISONS) break;
    entry.replay.destroy();
    kept.delete(key);
  }
  return replay.comparison();
}

const port = parentPort;
if (port) {
  // Messages posted while the sources loaded wait in the port's queue until this listener starts it.
  port.on('message', (/** @type {ComparisonTask | HistoryTask | StatesTask} */ task) => {
    try {
      const result =
        task.kind === 'history'
          ? summariseHistory(task.changes)
          : task.kind === 'states'
            ? task.rooms.map(([room, updates]) => [room, roomState(updates)])
            : compare(task);
      port.postMessage({ id: task.id, result });
    } catch (error) {
      port.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  // The relay's time limit for a comparison counts from here, not from loading the code.
  port.postMessage({ ready: true });
}
