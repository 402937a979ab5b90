/**
 * A quick read of a Yjs update (format V1, as y-websocket sends) that builds no structs: how many structs it
 * holds, which client ids it writes and at which clocks, and its delete set. The relay reads every write
 * this way before it lets Yjs apply it, so that
 * - an update with more structs than MAX_STRUCTS_PER_UPDATE is refused after reading at most that many
 *   (one 7.6 MiB update of 380,000 tiny map entries took Yjs 0.6 s to decode and 1.5 s to apply, with
 *   every other room waiting); the count of each client's structs comes before them, so a single huge
 *   group is refused without reading it;
 * - the client ids an update writes can be checked against the members who first used them (room.ts).
 *
 * It follows Yjs's own reader (readClientsStructRefs, readItemContent, readDeleteSet in yjs/src) field by
 * field. Yjs remains the judge of whether an update is valid: whatever this accepts is then applied by Yjs,
 * which may still refuse it.
 */
import * as decoding from 'lib0/decoding';

/** Clocks a client id writes in an update: [from, to), skips left out. */
export interface WrittenRange {
  readonly client: number;
  readonly from: number;
  readonly to: number;
}

export interface ScannedUpdate {
  readonly structs: number;
  readonly written: readonly WrittenRange[];
  /** The update's delete set, per client id. */
  readonly deletions: Map<number, { clock: number; len: number }[]>;
}

export type ScanResult =
  | { readonly kind: 'ok'; readonly update: ScannedUpdate }
  | { readonly kind: 'too-many-structs'; readonly atLeast: number }
  | { readonly kind: 'malformed'; readonly error: string };

const BITS5 = 31;
const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;
/** Content type ids (Yjs contentRefs) and the two type refs that carry a node name. */
const CONTENT = { DELETED: 1, JSON: 2, BINARY: 3, STRING: 4, EMBED: 5, FORMAT: 6, TYPE: 7, ANY: 8, DOC: 9 } as const;
const GC = 0;
const SKIP = 10;
const XML_ELEMENT_REF = 3;
const XML_HOOK_REF = 5;

export function scanUpdate(update: Uint8Array, maxStructs: number): ScanResult {
  const decoder = decoding.createDecoder(update);
  try {
    let structs = 0;
    const written: WrittenRange[] = [];
    const groups = decoding.readVarUint(decoder);
    for (let group = 0; group < groups; group++) {
      const count = decoding.readVarUint(decoder);
      // Every struct takes at least a byte: a count beyond what is left is damage, not a large update.
      if (count > update.length - decoder.pos)
        throw new Error(`${count} structs announced in ${update.length - decoder.pos} bytes`);
      structs += count;
      if (structs > maxStructs) return { kind: 'too-many-structs', atLeast: structs };
      const client = decoding.readVarUint(decoder);
      let clock = decoding.readVarUint(decoder);
      let from = -1;
      let to = -1;
      for (let index = 0; index < count; index++) {
        if (decoder.pos >= update.length) throw new Error('the update ends inside a struct');
        const info = decoding.readUint8(decoder);
        const kind = info & BITS5;
        const length =
          kind === SKIP
            ? decoding.readVarUint(decoder)
            : kind === GC
              ? decoding.readVarUint(decoder)
              : readItem(decoder, info);
        if (kind !== SKIP && length > 0) {
          if (from < 0) from = clock;
          to = clock + length;
        }
        clock += length;
      }
      if (from >= 0) written.push({ client, from, to });
    }
    const deletions = new Map<number, { clock: number; len: number }[]>();
    const deleting = decoding.readVarUint(decoder);
    for (let index = 0; index < deleting; index++) {
      const client = decoding.readVarUint(decoder);
      const ranges = decoding.readVarUint(decoder);
      for (let range = 0; range < ranges; range++) {
        const clock = decoding.readVarUint(decoder);
        const len = decoding.readVarUint(decoder);
        let list = deletions.get(client);
        if (!list) deletions.set(client, (list = []));
        list.push({ clock, len });
      }
    }
    return { kind: 'ok', update: { structs, written, deletions } };
  } catch (error) {
    return { kind: 'malformed', error: error instanceof Error ? error.message : String(error) };
  }
}

/** Reads one item's fields and content; returns its length in clocks. */
function readItem(decoder: decoding.Decoder, info: number): number {
  const hasOrigin = (info & BIT8) === BIT8;
  const hasRightOrigin = (info & BIT7) === BIT7;
  if (hasOrigin) readId(decoder);
  if (hasRightOrigin) readId(decoder);
  if (!hasOrigin && !hasRightOrigin) {
    // The parent: a root type's name, or the id of the item that holds it.
    if (decoding.readVarUint(decoder) === 1) decoding.readVarString(decoder);
    else readId(decoder);
    if ((info & BIT6) === BIT6) decoding.readVarString(decoder); // the map key
  }
  switch (info & BITS5) {
    case CONTENT.DELETED:
      return decoding.readVarUint(decoder);
    case CONTENT.JSON: {
      const count = decoding.readVarUint(decoder);
      for (let index = 0; index < count; index++) decoding.readVarString(decoder);
      return count;
    }
    case CONTENT.BINARY:
      decoding.readVarUint8Array(decoder);
      return 1;
    case CONTENT.STRING:
      // Yjs counts a string's length in UTF-16 code units, as JavaScript does.
      return decoding.readVarString(decoder).length;
    case CONTENT.EMBED:
      decoding.readVarString(decoder);
      return 1;
    case CONTENT.FORMAT:
      decoding.readVarString(decoder);
      decoding.readVarString(decoder);
      return 1;
    case CONTENT.TYPE: {
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef === XML_ELEMENT_REF || typeRef === XML_HOOK_REF) decoding.readVarString(decoder);
      else if (typeRef > 6) throw new Error(`unknown type ${typeRef}`);
      return 1;
    }
    case CONTENT.ANY: {
      const count = decoding.readVarUint(decoder);
      for (let index = 0; index < count; index++) decoding.readAny(decoder);
      return count;
    }
    case CONTENT.DOC:
      decoding.readVarString(decoder);
      decoding.readAny(decoder);
      return 1;
    default:
      throw new Error(`unknown content ${info & BITS5}`);
  }
}

function readId(decoder: decoding.Decoder): void {
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
}
