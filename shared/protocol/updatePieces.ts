/**
 * A large Yjs update (format V1, as y-websocket sends) cut into pieces the relay accepts one by one.
 *
 * The relay applies an update in one go while every other room waits, so it refuses one with more than
 * 20,000 structs, and any message over 8 MiB (server/relay/writeLimits.ts, limits.ts). An officer's catch-up
 * after a long time offline, or a very large paste, can hold more; sent whole it would be refused for good
 * and the work would never reach anyone. Sent in pieces of at most PIECE_LIMITS, each integrates on its own:
 *
 * - a piece holds, for each client id, the next structs in clock order (Yjs needs a client's clocks
 *   without gaps), and a struct goes only once everything it is written against is in an earlier piece or
 *   the same one (its left and right origins and its parent; what the update does not hold the receiver
 *   is assumed to have). A document's own structs always have such an order, the one they were made in;
 *   the pieces follow one, so none waits at the relay as Yjs's pending content (which the relay neither
 *   stores nor serves until it integrates, and which would integrate all at once with a later piece);
 * - the deletions go last, in pieces of their own, once every struct they delete is in. This is how Yjs
 *   applies a whole update (structs, then the delete set), so what Yjs tidies after each remote change
 *   sees the same text it would; the cost is that deleted text shows for the moments between the first
 *   and the last piece of a catch-up;
 * - a formatting mark goes in the piece with everything up to the mark that ends it (up to 64 structs), so
 *   a receiver never holds a bold start without its end;
 * - the bytes of each struct are copied as they are: V1 writes every id in full, so a struct reads the same
 *   in any piece.
 *
 * Known limit: Yjs deletes a formatting mark that looks redundant after a remote change (two marks
 * starting bold with no text between). Text typed between them later, in another client's piece, then
 * arrives unformatted, though the sender has it bold. The text is never lost; its formatting may be. The
 * fuzz test (pieces of 5 to 60 structs) meets this in about one round in 400; real pieces hold 10,000.
 *
 * An update that cannot be read this way (damaged, or one this reader does not know) is returned whole.
 * The reader follows Yjs's own (readClientsStructRefs, readItemContent, readDeleteSet in yjs/src), as
 * server/relay/scanUpdate.ts does.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The most one piece holds: half the relay's struct limit (20,000), so each piece is applied in a short
 * turn of the relay's event loop, and a quarter of its message limit (8 MiB). One struct larger than this
 * (a huge paste of one run of text) still goes, alone.
 */
export const PIECE_LIMITS = { structs: 10_000, bytes: 2 * 1024 * 1024 } as const;

interface Struct {
  readonly start: number;
  readonly end: number;
  readonly clock: number;
  readonly length: number;
  readonly skip: boolean;
  /** Ids (client, clock) it is written against. */
  readonly dependsOn: readonly (readonly [number, number])[];
  /** A formatting mark: one that starts bold, a link... ('opens'), or one that ends it ('closes'). */
  readonly format: 'opens' | 'closes' | null;
}

interface Group {
  readonly client: number;
  readonly structs: Struct[];
  /** Structs sent so far, in earlier pieces or the one being filled. */
  sent: number;
}

const BITS5 = 31;
const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;
const GC = 0;
const SKIP = 10;
/** The most structs kept together so a formatting mark is never sent without the mark that ends it. */
const FORMAT_RUN_LIMIT = 64;

/** The update in pieces, in the order to send them; [update] when it fits in one or cannot be read. */
export function splitUpdate(
  update: Uint8Array,
  limits: { readonly structs: number; readonly bytes: number } = PIECE_LIMITS,
): Uint8Array[] {
  // Every struct takes at least a byte, so a short update (every keystroke the app sends) is not read.
  if (update.byteLength <= Math.min(limits.structs, limits.bytes)) return [update];
  const read = readUpdate(update);
  if (!read) return [update];
  const { groups, deletions } = read;
  const total = groups.reduce((sum, group) => sum + group.structs.length, 0);
  if (total <= limits.structs && update.byteLength <= limits.bytes) return [update];
  const byClient = new Map(groups.map((group) => [group.client, group]));
  if (byClient.size !== groups.length) return [update];

  const isSent = (client: number, clock: number): boolean => {
    const group = byClient.get(client);
    if (!group) return true;
    const index = structAt(group.structs, clock);
    return index < 0 || group.structs[index]!.skip || index < group.sent;
  };

  /** Per piece: for each client, the range of its structs [from, to). */
  const pieces: Map<number, [number, number]>[] = [];
  while (groups.some((group) => group.sent < group.structs.length)) {
    const piece = new Map<number, [number, number]>();
    let structs = 0;
    let bytes = 0;
    let full = false;
    for (let progress = true; progress && !full; ) {
      progress = false;
      for (const group of groups) {
        for (let run = readyRun(group, isSent, limits); run; run = readyRun(group, isSent, limits)) {
          if (structs > 0 && (structs + run.count > limits.structs || bytes + run.bytes > limits.bytes)) {
            full = true;
            break;
          }
          const range = piece.get(group.client) ?? [group.sent, group.sent];
          range[1] = group.sent + run.count;
          piece.set(group.client, range);
          group.sent += run.count;
          structs += run.count;
          bytes += run.bytes;
          progress = true;
        }
        if (full) break;
      }
    }
    if (structs === 0) {
      // Nothing can go first (only a damaged or odd update): send the rest whole, as before.
      for (const group of groups)
        if (group.sent < group.structs.length) piece.set(group.client, [group.sent, group.structs.length]);
      for (const group of groups) group.sent = group.structs.length;
    }
    pieces.push(piece);
  }
  const noDeletions = new Map<number, [number, number][]>();
  return [
    ...pieces.map((piece) => encodePiece(update, byClient, piece, noDeletions)),
    ...deletionPieces(deletions, limits.bytes).map((chunk) => encodePiece(update, byClient, new Map(), chunk)),
  ];
}

/**
 * The group's next structs that can go now, as one run: one struct, or a formatting mark with everything up
 * to the mark that ends it. Sent apart, a receiver would tidy the first mark away as redundant before the
 * end arrived (Yjs's cleanupYTextAfterTransaction runs after every remote change), losing the formatting.
 */
function readyRun(
  group: Group,
  isSent: (client: number, clock: number) => boolean,
  limits: { readonly structs: number; readonly bytes: number },
): { count: number; bytes: number } | null {
  const first = group.structs[group.sent];
  if (!first) return null;
  let count = 1;
  if (first.format === 'opens') {
    const end = Math.min(group.structs.length, group.sent + FORMAT_RUN_LIMIT);
    for (let index = group.sent + 1; index < end; index++) {
      if (group.structs[index]!.format === 'closes') {
        count = index - group.sent + 1;
        break;
      }
    }
  }
  // Each struct may depend on those before it in the run: count them sent while checking, then restore.
  const start = group.sent;
  let bytes = 0;
  try {
    for (let index = start; index < start + count; index++) {
      const struct = group.structs[index]!;
      if (!struct.skip && !struct.dependsOn.every(([client, clock]) => isSent(client, clock))) {
        // Part of the run waits for another client's structs, which may wait for this run's start: send
        // what can go, so the pieces never stall.
        if (index === start) return null;
        count = index - start;
        break;
      }
      bytes += struct.end - struct.start;
      group.sent = index + 1;
    }
  } finally {
    group.sent = start;
  }
  // A run larger than a piece goes struct by struct after all.
  if (count > 1 && (count > limits.structs || bytes > limits.bytes))
    return { count: 1, bytes: first.end - first.start };
  return { count, bytes };
}

/** A varuint of up to 2^35 (a client id or clock) takes at most five bytes. */
const MAX_VARUINT_BYTES = 5;

/** The index of the struct holding the clock, or -1 when the group holds no struct there. */
function structAt(structs: readonly Struct[], clock: number): number {
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const struct = structs[middle]!;
    if (clock < struct.clock) high = middle - 1;
    else if (clock >= struct.clock + struct.length) low = middle + 1;
    else return middle;
  }
  return -1;
}

/**
 * The deletions, after every struct: in pieces of at most `bytes` (a range is at most two varuints, a
 * client's heading the same).
 */
function deletionPieces(
  deletions: ReadonlyMap<number, readonly [number, number][]>,
  bytes: number,
): Map<number, [number, number][]>[] {
  const chunks: Map<number, [number, number][]>[] = [];
  let chunk = new Map<number, [number, number][]>();
  let size = 0;
  for (const [client, ranges] of deletions) {
    for (const range of ranges) {
      const cost = 2 * MAX_VARUINT_BYTES + (chunk.has(client) ? 0 : 2 * MAX_VARUINT_BYTES);
      if (size > 0 && size + cost > bytes) {
        chunks.push(chunk);
        chunk = new Map();
        size = 0;
      }
      const list = chunk.get(client) ?? [];
      if (list.length === 0) {
        chunk.set(client, list);
        size += 2 * MAX_VARUINT_BYTES;
      }
      list.push([range[0], range[1]]);
      size += 2 * MAX_VARUINT_BYTES;
    }
  }
  if (size > 0) chunks.push(chunk);
  return chunks;
}

function encodePiece(
  update: Uint8Array,
  byClient: ReadonlyMap<number, Group>,
  piece: ReadonlyMap<number, [number, number]>,
  deletions: ReadonlyMap<number, readonly [number, number][]>,
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, piece.size);
  for (const [client, [from, to]] of piece) {
    const structs = byClient.get(client)!.structs;
    encoding.writeVarUint(encoder, to - from);
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, structs[from]!.clock);
    encoding.writeUint8Array(encoder, update.subarray(structs[from]!.start, structs[to - 1]!.end));
  }
  encoding.writeVarUint(encoder, deletions.size);
  for (const [client, ranges] of deletions) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const [clock, length] of ranges) {
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, length);
    }
  }
  return encoding.toUint8Array(encoder);
}

function readUpdate(
  update: Uint8Array,
): { readonly groups: Group[]; readonly deletions: Map<number, [number, number][]> } | null {
  const decoder = decoding.createDecoder(update);
  try {
    const groups: Group[] = [];
    const count = decoding.readVarUint(decoder);
    for (let group = 0; group < count; group++) {
      const structCount = decoding.readVarUint(decoder);
      if (structCount > update.length - decoder.pos) return null;
      const client = decoding.readVarUint(decoder);
      let clock = decoding.readVarUint(decoder);
      const structs: Struct[] = [];
      for (let index = 0; index < structCount; index++) {
        const start = decoder.pos;
        const info = decoding.readUint8(decoder);
        const kind = info & BITS5;
        const dependsOn: [number, number][] = [];
        const item =
          kind === SKIP || kind === GC
            ? { length: decoding.readVarUint(decoder), format: null }
            : readItem(decoder, info, dependsOn);
        const length = item.length;
        structs.push({ start, end: decoder.pos, clock, length, skip: kind === SKIP, dependsOn, format: item.format });
        clock += length;
      }
      groups.push({ client, structs, sent: 0 });
    }
    const deletions = new Map<number, [number, number][]>();
    const clients = decoding.readVarUint(decoder);
    for (let index = 0; index < clients; index++) {
      const client = decoding.readVarUint(decoder);
      const ranges = decoding.readVarUint(decoder);
      const list: [number, number][] = deletions.get(client) ?? [];
      for (let range = 0; range < ranges; range++)
        list.push([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]);
      deletions.set(client, list);
    }
    if (decoder.pos !== update.length) return null;
    return { groups, deletions };
  } catch {
    return null;
  }
}

/** Reads one item, noting the ids it is written against; returns its length in clocks and whether it is a formatting mark. */
function readItem(
  decoder: decoding.Decoder,
  info: number,
  dependsOn: [number, number][],
): { length: number; format: Struct['format'] } {
  if ((info & BITS5) === 6) {
    readPlacement(decoder, info, dependsOn);
    decoding.readVarString(decoder);
    // The value is JSON: null ends the formatting.
    return { length: 1, format: decoding.readVarString(decoder) === 'null' ? 'closes' : 'opens' };
  }
  return { length: readContent(decoder, info, dependsOn), format: null };
}

/** Reads an item's origins, or its parent when it has none, noting the ids among them. */
function readPlacement(decoder: decoding.Decoder, info: number, dependsOn: [number, number][]): void {
  const hasOrigin = (info & BIT8) === BIT8;
  const hasRightOrigin = (info & BIT7) === BIT7;
  if (hasOrigin) dependsOn.push([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]);
  if (hasRightOrigin) dependsOn.push([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]);
  if (!hasOrigin && !hasRightOrigin) {
    // The parent: a root type's name, or the id of the item that holds it.
    if (decoding.readVarUint(decoder) === 1) decoding.readVarString(decoder);
    else dependsOn.push([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]);
    if ((info & BIT6) === BIT6) decoding.readVarString(decoder);
  }
}

function readContent(decoder: decoding.Decoder, info: number, dependsOn: [number, number][]): number {
  readPlacement(decoder, info, dependsOn);
  switch (info & BITS5) {
    case 1: // deleted
      return decoding.readVarUint(decoder);
    case 2: {
      // JSON
      const count = decoding.readVarUint(decoder);
      for (let index = 0; index < count; index++) decoding.readVarString(decoder);
      return count;
    }
    case 3: // binary
      decoding.readVarUint8Array(decoder);
      return 1;
    case 4: // string, counted in UTF-16 code units as Yjs does
      return decoding.readVarString(decoder).length;
    case 5: // embed
      decoding.readVarString(decoder);
      return 1;
    case 7: {
      // type; XmlElement and XmlHook carry a name
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef === 3 || typeRef === 5) decoding.readVarString(decoder);
      else if (typeRef > 6) throw new Error(`unknown type ${typeRef}`);
      return 1;
    }
    case 8: {
      // any
      const count = decoding.readVarUint(decoder);
      for (let index = 0; index < count; index++) decoding.readAny(decoder);
      return count;
    }
    case 9: // subdocument
      decoding.readVarString(decoder);
      decoding.readAny(decoder);
      return 1;
    default:
      throw new Error(`unknown content ${info & BITS5}`);
  }
}
