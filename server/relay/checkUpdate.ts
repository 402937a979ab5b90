/**
 * Decoding of an update a reader sent, to tell whether it would have changed the room (and so deserves a
 * "permission denied"). Writers' updates go through the write pipeline instead (writeUpdate.ts), which reads
 * them with scanUpdate.ts and applies them in the room, storing only Yjs's own encoding of what changed.
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
      for (
        let struct = structs[index];
        struct && struct.id.clock < range.clock + range.len;
        struct = structs[++index]
      ) {
        if (!struct.deleted) return true;
      }
    }
  }
  return false;
}

/** A Yjs update with nothing in it. */
export const EMPTY_UPDATE: Uint8Array = new Uint8Array([0, 0]);
