/**
 * The Hocuspocus wire format, as @hocuspocus/provider 3.x speaks it: every message is the document's name
 * (a varString) followed by a y-websocket style message (type 0 sync, 1 awareness, 2 auth, 8 sync
 * status). Before anything else on a document the provider sends an auth message (type 2, subtype 0
 * token) and then its sync step 1; the server queues everything else until the auth is answered.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

const AUTH = 2;
const AUTH_TOKEN = 0;
const SYNC = 0;
const SYNC_STEP_1 = 0;

/** A y-websocket message wrapped for one Hocuspocus document. */
export function hocuspocusFrame(documentName: string, message: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeUint8Array(encoder, message);
  return encoding.toUint8Array(encoder);
}

/** The y-websocket message inside a Hocuspocus message (the document's name dropped). */
export function hocuspocusUnframe(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder);
  return message.subarray(decoder.pos);
}

/** What the provider sends first on a document: its token, then sync step 1 with an empty state vector. */
export function hocuspocusGreeting(documentName: string, token: string): Uint8Array[] {
  const auth = encoding.createEncoder();
  encoding.writeVarString(auth, documentName);
  encoding.writeVarUint(auth, AUTH);
  encoding.writeVarUint(auth, AUTH_TOKEN);
  encoding.writeVarString(auth, token);
  const step1 = encoding.createEncoder();
  encoding.writeVarString(step1, documentName);
  encoding.writeVarUint(step1, SYNC);
  encoding.writeVarUint(step1, SYNC_STEP_1);
  encoding.writeVarUint8Array(step1, new Uint8Array([0])); // an empty state vector: no clients yet
  return [encoding.toUint8Array(auth), encoding.toUint8Array(step1)];
}
