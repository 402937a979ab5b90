/**
 * A comparison replay written down (compareChanges.ts's ComparisonReplay), so a later process can carry on
 * from it instead of replaying every change since the version again: each room's Yjs state as replayed so
 * far, every section's words and who changed them, and the step still open. A version never changes and
 * stored changes are only appended, so the replay up to a sequence number stays what it was; the relay keeps
 * one per comparison (server/db/derivedStore.ts).
 *
 * Binary (lib0's encoding): a year of typing is tens of thousands of tokens, each a short string, and the
 * SOA's untouched sections many more. Tokens are written joined, with their lengths: one string to decode
 * per run, not one per token, and a section is cut back into tokens only when a change reaches it.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { PieceKind, PieceRun } from './blame';

/** Bumped when what a replay holds, or how it is written, changes: an older checkpoint is then not used. */
const FORMAT = 2;

/** Tokens joined, with each one's length. */
export interface JoinedTokens {
  readonly text: string;
  readonly lengths: readonly number[];
}

export interface CheckpointSection {
  readonly key: string;
  readonly room: string;
  readonly text: string;
  /** The version's words, while no change has touched the section (then `blame` is null). */
  readonly versionTokens: JoinedTokens;
  readonly blame: readonly PieceRun[] | null;
  readonly authors: ReadonlyMap<string | null, { readonly changes: number; readonly lastAt: number }>;
}

export interface CheckpointStep {
  readonly room: string;
  readonly memberId: string | null;
  readonly last: number;
}

export interface ReplayState {
  /** Each room's Yjs state as replayed so far. */
  readonly rooms: ReadonlyMap<string, Uint8Array>;
  readonly sections: readonly CheckpointSection[];
  /** The step still open, with its rows not yet replayed. */
  readonly group: (CheckpointStep & { readonly updates: readonly Uint8Array[] }) | null;
  readonly closedEarly: CheckpointStep | null;
}

const KINDS: readonly PieceKind[] = ['same', 'inserted', 'deleted'];

function writeNullableString(encoder: encoding.Encoder, value: string | null): void {
  encoding.writeUint8(encoder, value === null ? 0 : 1);
  if (value !== null) encoding.writeVarString(encoder, value);
}

function readNullableString(decoder: decoding.Decoder): string | null {
  return decoding.readUint8(decoder) === 0 ? null : decoding.readVarString(decoder);
}

function writeStep(encoder: encoding.Encoder, step: CheckpointStep | null): void {
  encoding.writeUint8(encoder, step ? 1 : 0);
  if (!step) return;
  encoding.writeVarString(encoder, step.room);
  writeNullableString(encoder, step.memberId);
  encoding.writeFloat64(encoder, step.last);
}

function readStep(decoder: decoding.Decoder): CheckpointStep | null {
  if (decoding.readUint8(decoder) === 0) return null;
  const room = decoding.readVarString(decoder);
  const memberId = readNullableString(decoder);
  return { room, memberId, last: decoding.readFloat64(decoder) };
}

function writeTokens(encoder: encoding.Encoder, tokens: JoinedTokens): void {
  encoding.writeVarString(encoder, tokens.text);
  encoding.writeVarUint(encoder, tokens.lengths.length);
  for (const length of tokens.lengths) encoding.writeVarUint(encoder, length);
}

function readTokens(decoder: decoding.Decoder): JoinedTokens {
  const text = decoding.readVarString(decoder);
  const lengths: number[] = [];
  for (let n = decoding.readVarUint(decoder); n > 0; n--) lengths.push(decoding.readVarUint(decoder));
  return { text, lengths };
}

/** The blame's runs of tokens of one kind, author and time (most neighbours share them). */
function writePieces(encoder: encoding.Encoder, runs: readonly PieceRun[]): void {
  encoding.writeVarUint(encoder, runs.length);
  for (const run of runs) {
    encoding.writeUint8(encoder, KINDS.indexOf(run.kind));
    writeNullableString(encoder, run.memberId);
    encoding.writeUint8(encoder, run.at === null ? 0 : 1);
    if (run.at !== null) encoding.writeFloat64(encoder, run.at);
    writeTokens(encoder, run);
  }
}

function readPieces(decoder: decoding.Decoder): PieceRun[] {
  const runs: PieceRun[] = [];
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    const kind = KINDS[decoding.readUint8(decoder)];
    if (kind === undefined) throw new Error('A comparison checkpoint names an unknown kind of change.');
    const memberId = readNullableString(decoder);
    const at = decoding.readUint8(decoder) === 0 ? null : decoding.readFloat64(decoder);
    runs.push({ kind, memberId, at, ...readTokens(decoder) });
  }
  return runs;
}

export function encodeReplay(state: ReplayState): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, FORMAT);
  encoding.writeVarUint(encoder, state.rooms.size);
  for (const [room, update] of state.rooms) {
    encoding.writeVarString(encoder, room);
    encoding.writeVarUint8Array(encoder, update);
  }
  encoding.writeVarUint(encoder, state.sections.length);
  for (const section of state.sections) {
    encoding.writeVarString(encoder, section.key);
    encoding.writeVarString(encoder, section.room);
    encoding.writeVarString(encoder, section.text);
    encoding.writeUint8(encoder, section.blame ? 1 : 0);
    if (section.blame) writePieces(encoder, section.blame);
    else writeTokens(encoder, section.versionTokens);
    encoding.writeVarUint(encoder, section.authors.size);
    for (const [memberId, author] of section.authors) {
      writeNullableString(encoder, memberId);
      encoding.writeVarUint(encoder, author.changes);
      encoding.writeFloat64(encoder, author.lastAt);
    }
  }
  writeStep(encoder, state.group);
  if (state.group) {
    encoding.writeVarUint(encoder, state.group.updates.length);
    for (const update of state.group.updates) encoding.writeVarUint8Array(encoder, update);
  }
  writeStep(encoder, state.closedEarly);
  return encoding.toUint8Array(encoder);
}

/** The replay written by encodeReplay. Throws for a checkpoint of another format or a damaged one. */
export function decodeReplay(data: Uint8Array): ReplayState {
  const decoder = decoding.createDecoder(data);
  const format = decoding.readVarUint(decoder);
  if (format !== FORMAT) throw new Error(`A comparison checkpoint of format ${format} is not this relay's.`);
  const rooms = new Map<string, Uint8Array>();
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    const room = decoding.readVarString(decoder);
    rooms.set(room, decoding.readVarUint8Array(decoder));
  }
  const sections: CheckpointSection[] = [];
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    const key = decoding.readVarString(decoder);
    const room = decoding.readVarString(decoder);
    const text = decoding.readVarString(decoder);
    const blamed = decoding.readUint8(decoder) === 1;
    const blame = blamed ? readPieces(decoder) : null;
    const versionTokens = blamed ? { text: '', lengths: [] } : readTokens(decoder);
    const authors = new Map<string | null, { changes: number; lastAt: number }>();
    for (let a = decoding.readVarUint(decoder); a > 0; a--) {
      const memberId = readNullableString(decoder);
      const changes = decoding.readVarUint(decoder);
      authors.set(memberId, { changes, lastAt: decoding.readFloat64(decoder) });
    }
    sections.push({ key, room, text, versionTokens, blame, authors });
  }
  const step = readStep(decoder);
  let group: ReplayState['group'] = null;
  if (step) {
    const updates: Uint8Array[] = [];
    for (let n = decoding.readVarUint(decoder); n > 0; n--) updates.push(decoding.readVarUint8Array(decoder));
    group = { ...step, updates };
  }
  const closedEarly = readStep(decoder);
  if (decoding.hasContent(decoder)) throw new Error('A comparison checkpoint has more in it than this relay wrote.');
  return { rooms, sections, group, closedEarly };
}
