/**
 * The relay's two largest messages in Yjs's update encoding V2, for the app's multiplexed websocket when its
 * URL asks for them (MUX_V2_PARAM): a catch-up's sync step 2, and an ACK's delete set. After a day offline
 * most of a reconnect's bytes are those two (the missing updates and the room's delete set, which every sync
 * step 2 carries whole), and V2 writes them in about half the bytes of V1 (bench/net-reconnect.ts).
 *
 *   101 SYNC_STEP2_V2  relay -> client: varUint8Array the update of a sync step 2, in V2
 *   102 ACK_V2         relay -> client: varUint8Array state vector, varUint8Array the ACK's delete set (a
 *                      Yjs update with no structs) in V2
 *
 * Only the relay writes V2, and only towards the app, which turns each message back into its V1 form
 * (fromV2Message) before the stock provider reads it. Clients keep sending V1: the relay checks and stores
 * what clients send as V1 (server/relay/scanUpdate.ts), and reading V2 from an untrusted sender would need
 * its own limits (V2's run-length counts can ask for far more structs than the bytes hold).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE_TYPES } from './messages';

/** The multiplexed websocket's URL parameter (value "1") asking the relay for messages 101 and 102. */
export const MUX_V2_PARAM = 'v2';

export const V2_MESSAGE_TYPES = { SYNC_STEP2_V2: 101, ACK_V2: 102 } as const;

/** The V2 form of a sync step 2 or an ACK; any other message as it is. */
export function toV2Message(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  const encoder = encoding.createEncoder();
  if (type === MESSAGE_TYPES.SYNC) {
    if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return message;
    encoding.writeVarUint(encoder, V2_MESSAGE_TYPES.SYNC_STEP2_V2);
    encoding.writeVarUint8Array(encoder, Y.convertUpdateFormatV1ToV2(decoding.readVarUint8Array(decoder)));
  } else if (type === MESSAGE_TYPES.ACK) {
    encoding.writeVarUint(encoder, V2_MESSAGE_TYPES.ACK_V2);
    encoding.writeVarUint8Array(encoder, decoding.readVarUint8Array(decoder));
    encoding.writeVarUint8Array(encoder, Y.convertUpdateFormatV1ToV2(decoding.readVarUint8Array(decoder)));
  } else return message;
  return encoding.toUint8Array(encoder);
}

/** The V1 form (as y-protocols and the relay's ACK write it) of a message 101 or 102; any other as it is. */
export function fromV2Message(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  const encoder = encoding.createEncoder();
  if (type === V2_MESSAGE_TYPES.SYNC_STEP2_V2) {
    encoding.writeVarUint(encoder, MESSAGE_TYPES.SYNC);
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(encoder, Y.convertUpdateFormatV2ToV1(decoding.readVarUint8Array(decoder)));
  } else if (type === V2_MESSAGE_TYPES.ACK_V2) {
    encoding.writeVarUint(encoder, MESSAGE_TYPES.ACK);
    encoding.writeVarUint8Array(encoder, decoding.readVarUint8Array(decoder));
    encoding.writeVarUint8Array(encoder, Y.convertUpdateFormatV2ToV1(decoding.readVarUint8Array(decoder)));
  } else return message;
  return encoding.toUint8Array(encoder);
}
