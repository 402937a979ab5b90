/**
 * The body of the HTTPS link's requests and answers (the relay's fallback when a proxy blocks websockets):
 * the same y-protocols messages a websocket carries, each named with its room, so one session carries
 * every room of an SOA over one long-poll and one send at a time.
 *
 *   body  := frame*
 *   frame := varUint kind, varString room, payload
 *   kind 0 (message): payload = varUint8Array, one y-protocols message, exactly as over a websocket
 *   kind 1 (close):   payload = varUint code, varString reason; the relay ended that room's connection,
 *                     with a websocket close code; from the client: it leaves the room (code 1000)
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const HTTPS_FRAME_KINDS = { MESSAGE: 0, CLOSE: 1 } as const;

export type HttpsFrame =
  | { readonly kind: 'message'; readonly room: string; readonly message: Uint8Array }
  | { readonly kind: 'close'; readonly room: string; readonly code: number; readonly reason: string };

/** Where the HTTPS link's endpoints are on the relay. */
export const HTTPS_SYNC_PATHS = {
  /** POST, JSON { room, ack, session? }: opens a room (in a new session, or the one named). */
  open: '/api/sync/open',
  /** Prefix of POST /api/sync/sessions/<id>/send (frames in) and GET .../receive?wait=<s> (frames out). */
  sessions: '/api/sync/sessions/',
} as const;

/** A websocket upgrade here is accepted and closed at once: how the app checks that websockets work again. */
export const HTTPS_PROBE_PATH = '/sync-probe';

/** The longest a receive request waits for something to deliver, in seconds. */
export const MAX_RECEIVE_WAIT_SECONDS = 25;

export function encodeHttpsFrames(frames: readonly HttpsFrame[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const frame of frames) {
    if (frame.kind === 'message') {
      encoding.writeVarUint(encoder, HTTPS_FRAME_KINDS.MESSAGE);
      encoding.writeVarString(encoder, frame.room);
      encoding.writeVarUint8Array(encoder, frame.message);
    } else {
      encoding.writeVarUint(encoder, HTTPS_FRAME_KINDS.CLOSE);
      encoding.writeVarString(encoder, frame.room);
      encoding.writeVarUint(encoder, frame.code);
      encoding.writeVarString(encoder, frame.reason);
    }
  }
  return encoding.toUint8Array(encoder);
}

/** Bytes one message frame adds to its message, near enough (kind, room and length prefixes). */
export function frameOverhead(room: string): number {
  return 1 + 5 + room.length * 3 + 5;
}

/** Reads a body of frames; throws an Error saying what is wrong when it is not one. */
export function decodeHttpsFrames(body: Uint8Array): HttpsFrame[] {
  const decoder = decoding.createDecoder(body);
  const frames: HttpsFrame[] = [];
  try {
    while (decoding.hasContent(decoder)) {
      const kind = decoding.readVarUint(decoder);
      const room = decoding.readVarString(decoder);
      if (kind === HTTPS_FRAME_KINDS.MESSAGE)
        frames.push({ kind: 'message', room, message: decoding.readVarUint8Array(decoder) });
      else if (kind === HTTPS_FRAME_KINDS.CLOSE)
        frames.push({
          kind: 'close',
          room,
          code: decoding.readVarUint(decoder),
          reason: decoding.readVarString(decoder),
        });
      else throw new Error(`frame ${frames.length + 1} is of an unknown kind (${kind})`);
      // lib0 reads a length past the end from the buffer beneath the body (Node pools them): not a frame.
      if (decoder.pos > body.byteLength) throw new RangeError('past the end');
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('frame ')) throw error;
    throw new Error(`frame ${frames.length + 1} is cut short or damaged`);
  }
  return frames;
}
