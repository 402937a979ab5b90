/**
 * The write pipeline's stages for one update a member may write (writePipeline.ts owns the flow: access,
 * the room's queue, the outcome, compaction and the one catch around it all), inside the room's queue:
 *
 *   1. read it quickly (scanUpdate): refuse it if it is not a Yjs update or has too many structs;
 *   2. refuse structs under a Yjs client id that another member first wrote under in this room (a writer
 *      could otherwise take the clocks a co-author's offline edits will use, and those edits would be
 *      acknowledged and silently dropped);
 *   3. refuse it if it would take the member or the room over the hourly quota, or a full room further;
 *   4. apply it to the room's document, which gives Yjs's encoding of what it changed (room.ts);
 *   5. store that encoding durably, recording the client ids it claims;
 *   6. only then broadcast it to the room's peers; the caller acknowledges it to the sender.
 * A failure after step 4 rebuilds the document from the store, so nothing unstored is ever served.
 */
import { CLOSE_CODES, encodeSyncUpdate, type DeletedRanges } from '../../shared/protocol/messages';
import type { MemberId } from '../../shared/model/ids';
import { MAX_RICH_TEXT_DEPTH } from '../../shared/model/richText';
import { errorMessage, type Logger } from '../log';
import type { RoomStore } from '../storage/roomStore';
import type { LoadedRoom, RoomPeer } from './room';
import { scanUpdate, type WrittenRange } from './scanUpdate';
import type { WriteLimits } from './writeLimits';
import type { WriteQuotas } from './writeQuotas';
import * as Y from 'yjs';

export interface WriteContext {
  readonly store: RoomStore;
  readonly logger: Logger;
  readonly limits: WriteLimits;
  readonly quotas: WriteQuotas;
}

export type WriteOutcome =
  /** Stored and broadcast (stored false: it held nothing new). deletions: those of content the room holds. */
  | { readonly kind: 'accepted'; readonly stored: boolean; readonly deletions: DeletedRanges }
  /** From a member who may not write the room, and holding something it lacks: never applied or stored. */
  | { readonly kind: 'denied'; readonly decodedBytes: number }
  /** From a member who may not write the room, holding nothing new (a reader's sync step 2): ignored. */
  | { readonly kind: 'ignored'; readonly decodedBytes: number }
  /** Refused: close the connection with this code and reason; nothing was stored or sent. */
  | {
      readonly kind: 'refused';
      readonly code: number;
      readonly reason: string;
      readonly log: string;
      readonly detail: Record<string, unknown>;
    };

const MIB = 1024 * 1024;

/** A websocket close reason may hold at most 123 bytes; every reason here is written to fit. */
const MAX_REASON_BYTES = 123;

function refused(code: number, reason: string, log: string, detail: Record<string, unknown> = {}): WriteOutcome {
  if (Buffer.byteLength(reason) > MAX_REASON_BYTES) throw new Error(`close reason too long: ${reason}`);
  return { kind: 'refused', code, reason, log, detail };
}

function mib(bytes: number): string {
  return `${Math.round(bytes / MIB)} MiB`;
}

/** Runs the pipeline for one update from a member who may write the room. Call inside room.serialise. */
export async function writeUpdate(
  context: WriteContext,
  room: LoadedRoom,
  update: Uint8Array,
  author: MemberId,
  from: RoomPeer | null,
): Promise<WriteOutcome> {
  const { limits } = context;
  const scanned = scanUpdate(update, limits.maxStructsPerUpdate);
  if (scanned.kind === 'malformed') {
    return refused(
      CLOSE_CODES.MALFORMED,
      'The relay could not read a message; reload the app and reconnect.',
      'malformed message',
      { error: `an update did not decode: ${scanned.error}` },
    );
  }
  if (scanned.kind === 'too-many-structs') {
    return refused(
      CLOSE_CODES.TOO_COMPLEX,
      `This change has over ${limits.maxStructsPerUpdate.toLocaleString('en-GB')} separate pieces, too many for the relay; it is kept on this computer.`,
      'update refused: too many structs',
      { atLeast: scanned.atLeast },
    );
  }

  // Client ids: only clocks the room does not have yet count, since Yjs ignores the rest.
  const claims: number[] = [];
  for (const { client, to } of scanned.update.written) {
    if (to <= Y.getState(room.doc.store, client)) continue;
    const owner = room.clientOwners.get(client);
    if (owner === undefined) claims.push(client);
    else if (owner !== author) {
      return refused(
        CLOSE_CODES.CLIENT_ID_TAKEN,
        'This change used an editing identity another member holds in this section; reload the app.',
        'update refused: client id of another member',
        { client, owner: owner ?? 'administrator' },
      );
    }
  }

  // Quotas, on the bytes received (what is stored is Yjs's encoding of the same change, about as large).
  const hasContent = scanned.update.structs > 0;
  if (hasContent && room.storedBytes + update.byteLength > limits.maxRoomBytes) {
    return refused(
      CLOSE_CODES.ROOM_FULL,
      `This section is full (${mib(limits.maxRoomBytes)}); remove content to make room. Your change is kept on this computer.`,
      'update refused: room full',
      { storedBytes: room.storedBytes, bytes: update.byteLength },
    );
  }
  const quota = context.quotas.check(author, room.name, update.byteLength);
  if (!quota.ok) {
    const whose = quota.which === 'member' ? 'You have sent' : 'This section has had';
    return refused(
      CLOSE_CODES.WRITE_QUOTA,
      `${whose} over ${mib(quota.limit)} of changes this hour; they are kept on this computer and sent later.`,
      'update refused: hourly quota',
      { which: quota.which, used: quota.used, bytes: update.byteLength },
    );
  }

  // Content Yjs held pending may integrate with this write, and pending parts merged from writers who
  // reused one client id for different content can integrate unlike the rows that store them.
  const releasesPending = room.holdsPending;
  let newPart: Uint8Array;
  try {
    newPart = trimToNew(room, update, scanned.update.written);
  } catch (error) {
    // Yjs's reader parses content the scan only skips (JSON text): damage the scan cannot see.
    return refused(
      CLOSE_CODES.MALFORMED,
      'The relay could not read a message; reload the app and reconnect.',
      'malformed message',
      { error: `an update did not decode: ${errorMessage(error)}` },
    );
  }
  const applied = room.apply(newPart);
  if (!applied.ok) {
    await restore(context, room);
    if (applied.tooDeep !== undefined) {
      return refused(
        CLOSE_CODES.TOO_DEEP,
        `This change puts quotes or lists inside each other more than ${MAX_RICH_TEXT_DEPTH} levels deep, which the SOA cannot show.`,
        'update refused: nested too deep',
        { depth: applied.tooDeep },
      );
    }
    return refused(
      CLOSE_CODES.MALFORMED,
      'The relay could not read a message; reload the app and reconnect.',
      'malformed message',
      { error: `the update does not apply to this room: ${applied.error}` },
    );
  }
  const change = applied.change;
  if (change === null) {
    room.markStored();
    return { kind: 'accepted', stored: false, deletions: heldDeletions(scanned.update.deletions, room) };
  }

  try {
    await context.store.append(room.name, change, author, claims);
  } catch (error) {
    context.logger.error('store failed', { member: author, room: room.name, error: errorMessage(error) });
    await restore(context, room);
    return refused(
      CLOSE_CODES.STORAGE_UNAVAILABLE,
      'The relay could not save your change; it is kept on your computer. Try again later.',
      'store failed',
      {},
    );
  }
  room.countStored(change.byteLength);
  // The document is made its rows again (rare: only while Yjs holds pending content).
  if (releasesPending) await restore(context, room, { keepPending: true });
  else room.markStored();
  for (const client of claims) room.clientOwners.set(client, author);
  context.quotas.record(author, room.name, change.byteLength);
  room.broadcast(encodeSyncUpdate(change), from);
  const held = heldDeletions(scanned.update.deletions, room);
  // A deletion Yjs had kept aside integrates with this write and is stored with it: acknowledged now.
  return { kind: 'accepted', stored: true, deletions: releasesPending ? withDeletionsOf(change, held) : held };
}

/**
 * The update without the clocks the room already holds, when a struct starts below the room's clock for its
 * client and ends above it. Yjs keeps the room's content at those clocks and integrates the struct's tail
 * where the update placed the struct, but its encoding of the change (what is stored and broadcast) names
 * only the tail's new left neighbour, the room's item at the clock before, and reloads wherever that item
 * is. An honest copy holds the same content there; a writer reusing one client id for different content (its
 * own, or another device's copy) does not, and the room's document would no longer be its rows (compaction
 * then refuses, and the room changes on reload). Y.diffUpdate slices the struct the way the stored encoding
 * reads, so the room integrates exactly what it stores. Most updates start at or above the room's clocks
 * and are applied as they are.
 */
function trimToNew(room: LoadedRoom, update: Uint8Array, written: readonly WrittenRange[]): Uint8Array {
  const straddles = written.some(({ client, from, to }) => {
    const known = Y.getState(room.doc.store, client);
    return from < known && known < to;
  });
  return straddles ? Y.diffUpdate(update, Y.encodeStateVector(room.doc)) : update;
}

/**
 * The update's deletions of content the room holds, which its rows now hold too. Yjs keeps a deletion of
 * content the room lacks aside (pending: in memory, in no row, gone on a restart), so it is not
 * acknowledged: the writer's client keeps it counted as unsent and sends it again on reconnect, and counts it
 * stored once the relay broadcasts it with the write that brings the content (renderer ackTracker.ts).
 */
function heldDeletions(deletions: DeletedRanges, room: LoadedRoom): DeletedRanges {
  const held = new Map<number, { clock: number; len: number }[]>();
  for (const [client, ranges] of deletions) {
    const known = Y.getState(room.doc.store, client);
    const kept = ranges
      .filter(({ clock }) => clock < known)
      .map(({ clock, len }) => ({ clock, len: Math.min(len, known - clock) }));
    if (kept.length > 0) held.set(client, kept);
  }
  return held;
}

/** The deletions plus those a stored change holds. */
function withDeletionsOf(change: Uint8Array, deletions: DeletedRanges): DeletedRanges {
  const all = new Map<number, { clock: number; len: number }[]>();
  for (const [client, ranges] of deletions) all.set(client, [...ranges]);
  for (const [client, ranges] of Y.decodeUpdate(change).ds.clients) {
    const list = all.get(client) ?? [];
    for (const { clock, len } of ranges) list.push({ clock, len });
    all.set(client, list);
  }
  return all;
}

/** Rebuilds the room from the store after a change that threw or was not stored. */
export async function restore(
  context: Pick<WriteContext, 'store' | 'logger'>,
  room: LoadedRoom,
  options: { readonly keepPending?: boolean } = {},
): Promise<void> {
  try {
    room.restore(await context.store.load(room.name), options);
  } catch (error) {
    // The document may hold an unstored change and cannot be rebuilt: serve nothing more from it.
    context.logger.error('room restore failed', { room: room.name, error: errorMessage(error) });
    room.poison();
  }
}
