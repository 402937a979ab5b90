/**
 * Every update a client sends is decoded here before the relay stores or applies it: one that does not
 * decode is refused, so it never reaches the room (and never reaches the store, where it would break every
 * later load). Whether it also applies is then proved on the room's rehearsal copy (room.ts). While that
 * copy is not the room's twin, appliesToEmptyDoc is checked as well, as the relay did for every update
 * before the copy was built as a twin.
 */
import * as Y from 'yjs';

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** An update that decoded cleanly. Only decodeUpdate makes one. */
export interface CheckedUpdate {
  readonly bytes: Uint8Array;
  readonly decoded: DecodedUpdate;
  readonly __checked: true;
}

export function decodeUpdate(bytes: Uint8Array): CheckedUpdate | null {
  try {
    return { bytes, decoded: Y.decodeUpdate(bytes), __checked: true };
  } catch {
    return null;
  }
}

/** True when the update integrates into an empty document without throwing. */
export function appliesToEmptyDoc(update: CheckedUpdate): boolean {
  // A fixed guid: a generated one costs 31 calls to the system's random source, per update.
  const scratch = new Y.Doc({ gc: false, guid: 'relay-check' });
  try {
    Y.applyUpdate(scratch, update.bytes);
    return true;
  } catch {
    return false;
  } finally {
    scratch.destroy();
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
