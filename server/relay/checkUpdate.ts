/**
 * Every update a client sends is decoded and checked here before the relay stores or applies it. A Yjs
 * update that does not decode, or that throws when integrated into an empty scratch document, is refused,
 * so it never reaches the room (and never reaches the store, where it would break every later load).
 */
import * as encoding from 'lib0/encoding';
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
    const scratch = new Y.Doc({ gc: false });
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

/** The update's deletions alone, as a Yjs update with no structs (the ACK's second field). */
export function deleteSetUpdateOf(update: CheckedUpdate): Uint8Array {
  const ends = new Map<number, number>();
  for (const struct of update.decoded.structs) {
    const end = struct.id.clock + struct.length;
    if (end > (ends.get(struct.id.client) ?? 0)) ends.set(struct.id.client, end);
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ends.size);
  for (const [client, clock] of ends) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return Y.diffUpdate(update.bytes, encoding.toUint8Array(encoder));
}

/** A Yjs update with nothing in it. */
export const EMPTY_UPDATE: Uint8Array = new Uint8Array([0, 0]);
