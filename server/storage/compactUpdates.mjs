// @ts-check
/**
 * A room's stored rows folded into one update (compactor.ts runs it, on the compaction worker for a large
 * room, in the relay's own thread for a small one).
 *
 * Compaction applies the rows in order to a document and encodes it, rather than Y.mergeUpdates of the
 * rows, which is not always the same (a fuzz found three updates where it was not). It then checks that the
 * merged update loads to the same state as the rows and as the live room (the snapshot the relay sent:
 * state vector and delete set), that it loads to the same content (the reloaded room encodes to the same
 * bytes: a forged client id can put other content under the same ids), and refuses to return anything else.
 *
 * Plain JavaScript so that the worker loads it as it is, with or without the relay's bundle or a TypeScript
 * loader.
 */
import * as Y from 'yjs';

/**
 * @param {readonly Uint8Array[]} updates the room's stored rows, in order
 * @param {Uint8Array} live Y.encodeSnapshot of the room as it is in memory
 * @returns {Uint8Array}
 */
export function compactUpdates(updates, live) {
  const steps = compactUpdatesInSteps(updates, live, Number.POSITIVE_INFINITY);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same compaction in steps, for the relay's own thread (compactor.ts), which serves its sockets between
 * them: each step applies up to rowsPerStep rows, and the last three encode and check.
 * @param {readonly Uint8Array[]} updates the room's stored rows, in order
 * @param {Uint8Array} live Y.encodeSnapshot of the room as it is in memory
 * @param {number} rowsPerStep
 * @returns {Generator<void, Uint8Array, void>}
 */
export function* compactUpdatesInSteps(updates, live, rowsPerStep) {
  // Each document named: Yjs would otherwise draw a random guid, 31 calls to the system's random source
  // (about 0.1 ms each time here; see room.ts, namedDoc).
  const sequential = new Y.Doc({ guid: 'compaction' });
  // The rows in as few transactions as there are steps: the same state as a transaction each (Yjs's result
  // does not depend on how updates are grouped, and the checks below hold it to the rows and the live
  // room), in a third of the time for a log of keystrokes, since each transaction's clean-up runs once.
  for (let start = 0; start < updates.length; start += rowsPerStep) {
    if (start > 0) yield;
    sequential.transact(() => {
      for (const update of updates.slice(start, start + rowsPerStep)) {
        try {
          Y.applyUpdate(sequential, update);
        } catch {
          // The room skips a row that does not apply when it loads; so does its compaction.
        }
      }
    });
  }
  yield;
  const merged = Y.encodeStateAsUpdate(sequential);
  const reloaded = new Y.Doc({ guid: 'compaction, reloaded' });
  Y.applyUpdate(reloaded, merged);
  // The checks in turns of their own as well: together they took up to 2.5 ms under the fan-out benchmark.
  yield;
  const sequentialSnapshot = Y.snapshot(sequential);
  if (!Y.equalSnapshots(sequentialSnapshot, Y.snapshot(reloaded)))
    throw new Error('the merged update does not load to the state of the rows');
  // The same ids may hold other content (a forged client id): the reloaded room must encode as the rows do.
  if (Buffer.compare(Buffer.from(Y.encodeStateAsUpdate(reloaded)), Buffer.from(merged)) !== 0)
    throw new Error('the merged update does not load to the content of the rows');
  yield;
  // Equal bytes can still integrate in another order (forged content under one id, RELAY_SEED=3855836517):
  // where each item sits must be the same too.
  if (!sameLayout(layoutOfDoc(sequential), layoutOfDoc(reloaded)))
    throw new Error('the merged update does not load to the order of the rows');
  if (!Y.equalSnapshots(sequentialSnapshot, Y.decodeSnapshot(live)))
    throw new Error('the stored rows do not give the live room');
  sequential.destroy();
  reloaded.destroy();
  return merged;
}

/**
 * Where every item of a document sits, as one flat list: per root type, recursively, its list items in order
 * (id, deleted, kind, and a nested type's own layout or the item's length) and its map's current entries.
 * An item's content is not listed: the merged update re-encodes to the same bytes (checked before), so each
 * id holds the same content in both documents, and only where it sits can differ. Listing every character of
 * a 50 KiB room as the check once did took two thirds of its compaction. Read through Yjs's public
 * getTypeChildren and typeMapGetAllSnapshot.
 * @param {Y.Doc} doc
 * @returns {unknown[]}
 */
function layoutOfDoc(doc) {
  const snapshot = Y.snapshot(doc);
  /** @type {unknown[]} */
  const layout = [];
  /** @param {unknown} value */
  const addValue = (value) => {
    if (value instanceof Y.AbstractType) addType(value);
    else layout.push(JSON.stringify(value) ?? 'undefined');
  };
  /** @param {Y.AbstractType<any>} type */
  const addType = (type) => {
    layout.push('[');
    for (const item of Y.getTypeChildren(type)) {
      layout.push(item.id.client, item.id.clock, item.deleted, item.content.constructor.name);
      if (!item.deleted && item.content instanceof Y.ContentType) addType(item.content.getContent()[0]);
      else layout.push(item.length);
    }
    layout.push('{');
    const entries = Object.entries(Y.typeMapGetAllSnapshot(type, snapshot)).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    for (const [key, value] of entries) {
      layout.push(key);
      addValue(value);
    }
    layout.push(']');
  };
  for (const [name, type] of [...doc.share.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    layout.push(name);
    addType(type);
  }
  return layout;
}

/** @param {readonly unknown[]} a @param {readonly unknown[]} b */
function sameLayout(a, b) {
  return a.length === b.length && a.every((entry, index) => entry === b[index]);
}
