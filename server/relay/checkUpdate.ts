/**
 * Every update a client sends is decoded and checked here before the relay stores or applies it. A Yjs
 * update that does not decode, or that throws when integrated into an empty scratch document, is refused,
 * so it never reaches the room (and never reaches the store, where it would break every later load).
 * The room's rehearsal (room.ts) does not make this check redundant: without it, bit-flipped frames that
 * the rehearsal accepted still threw in the room (garbage.test.ts, RELAY_SEED=1159479013 and 1704169964).
 */
import * as Y from 'yjs';

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** An update that decoded cleanly. Only checkUpdate makes one. */
export interface CheckedUpdate {
  readonly bytes: Uint8Array;
  readonly decoded: DecodedUpdate;
  readonly __checked: true;
}

export function checkUpdate(bytes: Uint8Array): CheckedUpdate | null {
  try {
    const decoded = Y.decodeUpdate(bytes);
    // A fixed guid: a generated one costs 31 calls to the system's random source, per update.
    const scratch = new Y.Doc({ gc: false, guid: 'relay-check' });
    try {
      Y.applyUpdate(scratch, bytes);
    } finally {
      scratch.destroy();
    }
    return { bytes, decoded, __checked: true };
  } catch {
    return null;
  }
}

/** True when the update holds an insertion or a deletion the document does not have yet. */
export function addsToDoc(doc: Y.Doc, update: CheckedUpdate): boolean {
  for (const struct of update.decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true;
  }
  for (const [client, ranges] of update.decoded.ds.clients) {
    const known = Y.getState(doc.store, client);
    const structs = doc.store.clients.get(client);
    for (const range of ranges) {
      if (range.clock + range.len > known || !structs) return true;
      let index = Y.findIndexSS(structs, range.clock);
      for (let struct = structs[index]; struct && struct.id.clock < range.clock + range.len; struct = structs[++index]) {
        if (!struct.deleted) return true;
      }
    }
  }
  return false;
}

/** A Yjs update with nothing in it. */
export const EMPTY_UPDATE: Uint8Array = new Uint8Array([0, 0]);
