// @ts-check
/**
 * The compaction worker (a worker_threads thread, see compactor.ts): folds a room's stored rows into one
 * update off the relay's event loop, so compacting a large room never makes the other rooms wait.
 *
 * Compaction applies the rows in order to a document and encodes it, rather than Y.mergeUpdates of the
 * rows, which is not always the same (a fuzz found three updates where it was not). It then checks that the
 * merged update loads to the same state as the rows and as the live room (the snapshot the relay sent:
 * state vector and delete set), that it loads to the same content (the reloaded room encodes to the same
 * bytes: a forged client id can put other content under the same ids), and refuses to return anything else.
 *
 * Plain JavaScript so that it loads as it is, with or without the relay's bundle or a TypeScript loader.
 */
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

/**
 * @typedef {{ readonly id: number, readonly updates: readonly Uint8Array[], readonly live: Uint8Array }} CompactionTask
 * @typedef {{ readonly id: number, readonly merged: Uint8Array } | { readonly id: number, readonly error: string }} CompactionResult
 */

/** @param {CompactionTask} task @returns {Uint8Array} */
function compact(task) {
  const sequential = new Y.Doc();
  for (const update of task.updates) {
    try {
      Y.applyUpdate(sequential, update);
    } catch {
      // The room skips a row that does not apply when it loads; so does its compaction.
    }
  }
  const merged = Y.encodeStateAsUpdate(sequential);
  const reloaded = new Y.Doc();
  Y.applyUpdate(reloaded, merged);
  const sequentialSnapshot = Y.snapshot(sequential);
  if (!Y.equalSnapshots(sequentialSnapshot, Y.snapshot(reloaded)))
    throw new Error('the merged update does not load to the state of the rows');
  // The same ids may hold other content (a forged client id): the reloaded room must encode as the rows do.
  if (Buffer.compare(Buffer.from(Y.encodeStateAsUpdate(reloaded)), Buffer.from(merged)) !== 0)
    throw new Error('the merged update does not load to the content of the rows');
  // Equal bytes can still integrate in another order (forged content under one id, RELAY_SEED=3855836517):
  // where each item sits must be the same too.
  if (JSON.stringify(layoutOfDoc(sequential)) !== JSON.stringify(layoutOfDoc(reloaded)))
    throw new Error('the merged update does not load to the order of the rows');
  if (!Y.equalSnapshots(sequentialSnapshot, Y.decodeSnapshot(task.live)))
    throw new Error('the stored rows do not give the live room');
  sequential.destroy();
  reloaded.destroy();
  return merged;
}

/**
 * Where every item of a document sits: per root type, recursively, its list items in order (id, deleted,
 * content) and its map's current entries. Read through Yjs's public getTypeChildren and
 * typeMapGetAllSnapshot.
 * @param {Y.Doc} doc
 */
function layoutOfDoc(doc) {
  const snapshot = Y.snapshot(doc);
  /** @param {unknown} value @returns {unknown} */
  const valueLayout = (value) => (value instanceof Y.AbstractType ? layoutOf(value) : value);
  /** @param {Y.AbstractType<any>} type @returns {unknown} */
  const layoutOf = (type) => {
    const list = Y.getTypeChildren(type).map((item) => [
      item.id.client,
      item.id.clock,
      item.deleted,
      item.content.constructor.name,
      item.deleted ? item.length : item.content.getContent().map(valueLayout),
    ]);
    const map = Object.entries(Y.typeMapGetAllSnapshot(type, snapshot))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => [key, valueLayout(value)]);
    return [list, map];
  };
  return [...doc.share.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, type]) => [name, layoutOf(type)]);
}

const port = parentPort;
if (port) {
  port.on('message', (/** @type {CompactionTask} */ task) => {
    /** @type {CompactionResult} */
    let result;
    try {
      result = { id: task.id, merged: compact(task) };
    } catch (error) {
      result = { id: task.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(result);
  });
}
