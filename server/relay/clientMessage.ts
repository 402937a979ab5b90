/**
 * What a client sent, decoded into a typed message before anything acts on it. Only the envelope is read
 * here (y-protocols' message and sync types, and the payload's bytes): an update's content is decoded later,
 * and only once the write pipeline has checked that its member may write the room (writePipeline.ts).
 */
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_TYPES } from '../../shared/protocol/messages';

export type ClientMessage =
  /** The client's state vector: it asks for what it lacks. */
  | { readonly kind: 'sync-step-1'; readonly stateVector: Uint8Array }
  /** A change to the room, as sync step 2 or as an update (the relay treats both alike). */
  | { readonly kind: 'write'; readonly update: Uint8Array }
  /** A y-protocols awareness update. */
  | { readonly kind: 'presence'; readonly update: Uint8Array }
  /** A request for everyone's presence. */
  | { readonly kind: 'query-presence' }
  /** y-protocols auth: nothing a client may tell the relay; ignored. */
  | { readonly kind: 'auth' };

export class MalformedMessage extends Error {}

/** Decodes a message's envelope; throws (MalformedMessage, or lib0's own error) when it is not one. */
export function decodeClientMessage(message: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_TYPES.SYNC: {
      const kind = decoding.readVarUint(decoder);
      if (kind === syncProtocol.messageYjsSyncStep1)
        return { kind: 'sync-step-1', stateVector: decoding.readVarUint8Array(decoder) };
      if (kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate)
        return { kind: 'write', update: decoding.readVarUint8Array(decoder) };
      throw new MalformedMessage(`unknown sync message ${kind}`);
    }
    case MESSAGE_TYPES.AWARENESS:
      return { kind: 'presence', update: decoding.readVarUint8Array(decoder) };
    case MESSAGE_TYPES.QUERY_AWARENESS:
      return { kind: 'query-presence' };
    case MESSAGE_TYPES.AUTH:
      return { kind: 'auth' };
    default:
      throw new MalformedMessage(`unknown message type ${type}`);
  }
}
