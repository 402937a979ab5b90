/**
 * Edits on this computer that Yjs holds back. Yjs numbers one session's edits in sequence (client, clock)
 * and applies an edit only once every earlier one of that session is present. When a stored row of the
 * local copy could not be read (localRecovery.ts), every later edit of the same session waits for the
 * missing piece: it is kept (in the store and in the count of unsent edits) but not shown in place.
 * - waitingEdits reads what they say, so the app can show them at once, offline too;
 * - fillMissingPieces lets them take their place when the relay has answered without the piece (nobody
 *   has it): the lost range becomes one deleted item after the last readable edit before it, which is
 *   where a session's next keystrokes go. Only then: a piece the relay still has arrives by itself, and
 *   a placeholder for it would hide or delete real content.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

export interface WaitingEdits {
  /** What the waiting edits say, one entry per run of text or value, as typed (deleted characters left out). */
  readonly texts: readonly string[];
  /** For each session with edits waiting: the first clock present locally (the gap starts here) and where its waiting edits start. */
  readonly gaps: ReadonlyArray<{ readonly client: number; readonly from: number; readonly to: number }>;
}

const MAX_TEXT = 300;

function deletedRanges(store: Y.Doc['store']): Map<number, Array<{ clock: number; len: number }>> {
  const ranges = new Map<number, Array<{ clock: number; len: number }>>();
  const add = (ds: ReturnType<typeof Y.decodeUpdateV2>['ds']) => {
    for (const [client, items] of ds.clients)
      ranges.set(client, [
        ...(ranges.get(client) ?? []),
        ...items.map((item) => ({ clock: item.clock, len: item.len })),
      ]);
  };
  if (store.pendingStructs) add(Y.decodeUpdateV2(store.pendingStructs.update).ds);
  if (store.pendingDs) add(Y.decodeUpdateV2(store.pendingDs).ds);
  return ranges;
}

/** The edits held back in `doc`, or null when none are. */
export function waitingEdits(doc: Y.Doc): WaitingEdits | null {
  const pending = doc.store.pendingStructs;
  if (!pending) return null;
  const { structs } = Y.decodeUpdateV2(pending.update);
  const deleted = deletedRanges(doc.store);
  const isDeleted = (client: number, clock: number) =>
    (deleted.get(client) ?? []).some((range) => clock >= range.clock && clock < range.clock + range.len);
  const texts: string[] = [];
  const firstClock = new Map<number, number>();
  let run = '';
  let runEnd: { client: number; clock: number } | null = null;
  const endRun = () => {
    if (run.trim()) texts.push(run.length > MAX_TEXT ? `${run.slice(0, MAX_TEXT)}…` : run);
    run = '';
    runEnd = null;
  };
  for (const struct of structs) {
    const { client, clock } = struct.id;
    if (!firstClock.has(client) || clock < (firstClock.get(client) ?? 0)) firstClock.set(client, clock);
    if (!(struct instanceof Y.Item)) continue;
    const content = struct.content;
    // A run continues while each piece was typed straight after the last one.
    const continues =
      runEnd !== null &&
      struct.origin !== null &&
      struct.origin.client === runEnd.client &&
      struct.origin.clock === runEnd.clock;
    if (content instanceof Y.ContentString) {
      if (!continues) endRun();
      for (let index = 0; index < content.str.length; index += 1)
        if (!isDeleted(client, clock + index)) run += content.str[index];
      runEnd = { client, clock: clock + struct.length - 1 };
    } else if (content instanceof Y.ContentAny) {
      endRun();
      for (const value of content.arr)
        if (typeof value === 'string' || typeof value === 'number') texts.push(String(value));
    }
  }
  endRun();
  const gaps: Array<{ client: number; from: number; to: number }> = [];
  for (const [client, to] of firstClock) {
    const from = Y.getState(doc.store, client);
    if (to > from) gaps.push({ client, from, to });
  }
  return { texts, gaps };
}

/** One update holding a deleted item for clocks [from, to) of `client`, placed after the item at from - 1. */
function placeholder(doc: Y.Doc, client: number, from: number, to: number): Uint8Array {
  const before = from > 0 ? Y.createID(client, from - 1) : null;
  // Content after a piece of the document that is itself gone cannot be placed: it stays lost, as a gap.
  const placeable = before !== null && findItem(doc, before) !== null;
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoder.writeClient(client);
  encoding.writeVarUint(encoder.restEncoder, from);
  if (placeable)
    new Y.Item(Y.createID(client, from), null, before, null, null, null, null, new Y.ContentDeleted(to - from)).write(
      encoder,
      0,
    );
  else new Y.GC(Y.createID(client, from), to - from).write(encoder, 0);
  // Its delete set: the range is gone.
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, client);
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoder.resetDsCurVal();
  encoder.writeDsClock(from);
  encoder.writeDsLen(to - from);
  return encoder.toUint8Array();
}

function findItem(doc: Y.Doc, id: Y.ID): Y.Item | null {
  try {
    const struct = Y.getItem(doc.store, id);
    return struct instanceof Y.Item ? struct : null;
  } catch {
    return null;
  }
}

/**
 * Fills each gap that keeps edits waiting, so they take their place. Call only when the relay has answered
 * and still nothing holds the piece, and never for a range the relay has acknowledged (`relayHas`: its
 * acknowledged clock per client). Returns how many gaps were filled; the update is a local edit (origin
 * `origin`), sent and counted as usual.
 */
export function fillMissingPieces(doc: Y.Doc, relayHas: (client: number) => number, origin: unknown = null): number {
  const waiting = waitingEdits(doc);
  if (!waiting) return 0;
  let filled = 0;
  for (const gap of waiting.gaps) {
    if (relayHas(gap.client) > gap.from) continue;
    Y.applyUpdate(doc, placeholder(doc, gap.client, gap.from, gap.to), origin);
    filled += 1;
  }
  return filled;
}
