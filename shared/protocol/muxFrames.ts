/**
 * The multiplexed websocket (`/mux/<soaId>`): every room of one SOA over one websocket, each message named
 * with its room, as Hocuspocus names its documents. Each websocket message is exactly one binary frame, laid
 * out as the HTTPS link's frames are (httpsFrames.ts), plus an open:
 *
 *   frame := varUint kind, varString room, payload
 *   kind 0 (message): payload = varUint8Array, one y-protocols message, exactly as over a per-room websocket
 *   kind 1 (close):   payload = varUint code, varString reason. Relay -> client: the relay ended that room's
 *                     connection, with the per-room websocket's close code. Client -> relay: it leaves the
 *                     room (code 1000).
 *   kind 2 (open):    client -> relay only; payload = varUint flags (bit 0: send ACKs, as the per-room
 *                     URL parameter ack=1). The room is open from then on; a refusal comes back as a close.
 *
 * The websocket's own close codes end every room on it; a room's close frame ends that room alone. With
 * `v2=1` in the upgrade URL the relay sends catch-ups and ACKs in Yjs's V2 encoding (v2Messages.ts).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MUX_FRAME_KINDS = { MESSAGE: 0, CLOSE: 1, OPEN: 2 } as const;

/** The path prefix of the multiplexed websocket: `/mux/<soaId>?token=...`. */
export const MUX_PATH_PREFIX = '/mux/';

/**
 * The largest message the relay reads (server/relay/limits.ts MAX_MESSAGE_BYTES). On the multiplexed
 * websocket the app refuses a larger one itself, for its room alone (4413), as the relay would: sent, a
 * message past the websocket's frame limit would end the websocket and every room on it (1009).
 */
export const MUX_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/**
 * Rooms named in the upgrade URL open with the websocket, in its first round trip, as a per-room websocket's
 * room does: `rooms=<entry>,<entry>...` (each entry the room's name after `soa/<soaId>/`, e.g. `frame`,
 * `partner/<partnerId>`), with `ack=1` asking for ACKs in all of them. Rooms opened later use open frames.
 */
export const MUX_ROOMS_PARAM = 'rooms';
/** At most this many characters of room entries go in the URL; the rest open with frames. */
export const MUX_MAX_ROOMS_PARAM_CHARS = 3_000;

/** The URL entry of a room of this SOA (its name after `soa/<soaId>/`), or null for a room of another. */
export function muxRoomEntry(soaId: string, room: string): string | null {
  const prefix = `soa/${soaId}/`;
  return room.startsWith(prefix) ? room.slice(prefix.length) : null;
}

/** The open frame's flag asking for the relay's ACKs. */
export const MUX_OPEN_WANTS_ACKS = 1;

export type MuxFrame =
  | { readonly kind: 'message'; readonly room: string; readonly message: Uint8Array }
  | { readonly kind: 'close'; readonly room: string; readonly code: number; readonly reason: string }
  | { readonly kind: 'open'; readonly room: string; readonly wantsAcks: boolean };

export function encodeMuxFrame(frame: MuxFrame): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(
    encoder,
    MUX_FRAME_KINDS[frame.kind === 'message' ? 'MESSAGE' : frame.kind === 'close' ? 'CLOSE' : 'OPEN'],
  );
  encoding.writeVarString(encoder, frame.room);
  if (frame.kind === 'message') encoding.writeVarUint8Array(encoder, frame.message);
  else if (frame.kind === 'close') {
    encoding.writeVarUint(encoder, frame.code);
    encoding.writeVarString(encoder, frame.reason);
  } else encoding.writeVarUint(encoder, frame.wantsAcks ? MUX_OPEN_WANTS_ACKS : 0);
  return encoding.toUint8Array(encoder);
}

/** A frame that could not be read: `room` is set when its room name was read before the damage. */
export class MuxFrameError extends Error {
  constructor(
    message: string,
    readonly room: string | null,
  ) {
    super(message);
  }
}

/** Reads one websocket message as a frame; throws a MuxFrameError saying what is wrong when it is not one. */
export function decodeMuxFrame(bytes: Uint8Array): MuxFrame {
  const decoder = decoding.createDecoder(bytes);
  let kind: number;
  let room: string;
  try {
    kind = decoding.readVarUint(decoder);
    room = decoding.readVarString(decoder);
    // lib0 reads a length past the end from the buffer beneath the message (Node pools them): not a frame.
    if (decoder.pos > bytes.byteLength) throw new RangeError('past the end');
  } catch {
    throw new MuxFrameError('the frame is cut short or damaged before its room name', null);
  }
  let frame: MuxFrame;
  try {
    if (kind === MUX_FRAME_KINDS.MESSAGE)
      frame = { kind: 'message', room, message: decoding.readVarUint8Array(decoder) };
    else if (kind === MUX_FRAME_KINDS.CLOSE)
      frame = { kind: 'close', room, code: decoding.readVarUint(decoder), reason: decoding.readVarString(decoder) };
    else if (kind === MUX_FRAME_KINDS.OPEN)
      frame = { kind: 'open', room, wantsAcks: (decoding.readVarUint(decoder) & MUX_OPEN_WANTS_ACKS) !== 0 };
    else throw new MuxFrameError(`the frame is of an unknown kind (${kind})`, room);
    if (decoder.pos > bytes.byteLength) throw new RangeError('past the end');
  } catch (error) {
    if (error instanceof MuxFrameError) throw error;
    throw new MuxFrameError('the frame is cut short or damaged', room);
  }
  if (decoder.pos !== bytes.byteLength) throw new MuxFrameError('the frame has bytes after its end', room);
  return frame;
}
