/**
 * The relay's wire protocol. It is y-websocket's, unchanged, plus one extension; any stock y-websocket
 * client syncs with the relay.
 *
 * Every websocket message is binary: a varUint message type, then the payload.
 *
 *   0  SYNC        y-protocols sync: step 1 (state vector), step 2 (missing updates), update.
 *   1  AWARENESS   y-protocols awareness update (presence). The relay rewrites the user fields of each
 *                  client's state to those of the authenticated member (see PresenceUser).
 *   2  AUTH        y-protocols auth: the relay sends "permission denied" with a reason when it refuses a
 *                  write (an update or sync step 2 to a room the member may not write). Reading continues.
 *   3  QUERY_AWARENESS  ask for everyone's awareness state (stock y-websocket).
 *   100 ACK        extension, relay -> client only, and only to a client that asks for it by adding the URL
 *                  parameter ack=1 (ACK_REQUEST_PARAM) when it connects; the app does, and stock clients,
 *                  which would log every ACK as a message they cannot read, never get one. Sent after the
 *                  relay has durably stored changes received on this connection, and once right after the
 *                  client's sync step 1:
 *                    varUint8Array  the room's state vector as stored on the relay
 *                    varUint8Array  the delete set of the update just stored, encoded as a Yjs update
 *                                   with no structs (empty when it deleted nothing, and when the ack answers
 *                                   sync step 1). After a sync step 2 this echoes the client's whole delete
 *                                   set (a few KiB after a day offline); trimming it to the deletions new to
 *                                   the room was tried and left waiting counts stuck, see
 *                                   server/relay/connection.ts.
 *                  A client knows a local change is safe on the server when the state vector covers its
 *                  inserted items and every deletion it made is covered either by an acknowledged delete
 *                  set or by a delete set the relay sent it (sync step 2 or a broadcast update: the relay
 *                  only sends what it has stored). The second case covers a deletion someone else had
 *                  already stored.
 *
 *   101, 102       relay -> app only, on a multiplexed websocket whose URL asks for them: sync step 2 and
 *                  ACK with their updates in Yjs's V2 encoding (v2Messages.ts).
 *
 * Close codes the relay uses are in CLOSE_CODES below.
 *
 * The same messages travel over a per-room websocket (/sync/<room>), over the multiplexed websocket of one
 * SOA (/mux/<soaId>, each message framed with its room: muxFrames.ts) and over the HTTPS link
 * (httpsFrames.ts); a room's close codes are the same on all three.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';

export const MESSAGE_TYPES = {
  SYNC: 0,
  AWARENESS: 1,
  AUTH: 2,
  QUERY_AWARENESS: 3,
  ACK: 100,
} as const;

/** The URL parameter (value "1") with which a client asks the relay for ACK messages. */
export const ACK_REQUEST_PARAM = 'ack';

/** A sync update message carrying one Yjs update, as the stock client and server send it. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPES.SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The Yjs update inside a sync step 2 or sync update message; null for any other message. */
export function updateInSyncMessage(message: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(message);
  if (decoding.readVarUint(decoder) !== MESSAGE_TYPES.SYNC) return null;
  const kind = decoding.readVarUint(decoder);
  if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) return null;
  return decoding.readVarUint8Array(decoder);
}

/** The acknowledgement's payload. */
export interface StoredAck {
  /** Y state vector of the room as stored on the relay (Y.encodeStateVector form). */
  readonly stateVector: Uint8Array;
  /** Deletions just stored, as a Yjs update carrying only a delete set (may be empty). */
  readonly deleteSetUpdate: Uint8Array;
}

/** Deleted ranges per client, as Yjs keeps them in a transaction's delete set. */
export type DeletedRanges = ReadonlyMap<number, ReadonlyArray<{ readonly clock: number; readonly len: number }>>;

/**
 * A Yjs update (format V1) that carries only these deletions: no structs, then the delete set
 * (client count; per client its id and range count; per range clock and length, all varUints).
 * Yjs does not export its own delete-set writer, hence this one; Y.decodeUpdate reads the result.
 */
export function encodeDeletionsAsUpdate(deletions: DeletedRanges): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  const clients = [...deletions].filter(([, ranges]) => ranges.length > 0);
  encoding.writeVarUint(encoder, clients.length);
  for (const [client, ranges] of clients) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const range of ranges) {
      encoding.writeVarUint(encoder, range.clock);
      encoding.writeVarUint(encoder, range.len);
    }
  }
  return encoding.toUint8Array(encoder);
}

export function encodeAck(ack: StoredAck): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPES.ACK);
  encoding.writeVarUint8Array(encoder, ack.stateVector);
  encoding.writeVarUint8Array(encoder, ack.deleteSetUpdate);
  return encoding.toUint8Array(encoder);
}

/** Decodes an ACK payload (the decoder is positioned after the message type). Throws on malformed input. */
export function decodeAckPayload(decoder: decoding.Decoder): StoredAck {
  const stateVector = decoding.readVarUint8Array(decoder);
  const deleteSetUpdate = decoding.readVarUint8Array(decoder);
  return { stateVector, deleteSetUpdate };
}

/**
 * WebSocket close codes (4000-4999 are for applications). The reason text is plain English for the user;
 * the app keys its own message and next step on the code.
 */
export const CLOSE_CODES = {
  /** No token, or a token the relay does not know. Join again with a valid invite. */
  UNAUTHENTICATED: 4401,
  /** The member's access was revoked by the partnership's administrator. */
  REVOKED: 4403,
  /** The room does not exist or belongs to another partnership. */
  ROOM_NOT_FOUND: 4404,
  /** A message could not be decoded or failed validation. */
  MALFORMED: 4400,
  /** A message was larger than the relay accepts. */
  TOO_LARGE: 4413,
  /**
   * Too many connections for this member (or messages before the room had loaded). In y-websocket's "try
   * again later" range (4500-4599): clients, stock ones included, back off and reconnect by themselves, so
   * closing other windows is enough. (4400-4499 are final for the stock client.)
   */
  TOO_MANY: 4529,
  /**
   * The connection sent more messages, or asked for more work (whole-room syncs, everyone's presence), than
   * the relay allows one connection or member in a short time (server/relay/limits.ts). "Try again later":
   * clients reconnect by themselves after a back-off.
   */
  RATE_LIMITED: 4528,
  /**
   * The client stopped taking what the relay sent: more than the relay holds for one connection (or one
   * member) was waiting. "Try again later". A client that does not read may never see this code; the relay
   * drops the TCP connection shortly after sending it.
   */
  NOT_READING: 4508,
  /** The relay could not store changes (for example a full disk); nothing unsaved was acknowledged. */
  STORAGE_UNAVAILABLE: 4503,
  /**
   * Sent by the websocket layer, not the relay's code: a message or frame declared more than the relay's
   * message limit and was refused as soon as its header arrived. Means the same as TOO_LARGE.
   */
  MESSAGE_TOO_BIG: 1009,
  /**
   * A change had more separate pieces (Yjs structs) than the relay applies at once. Final: sending the same
   * change again cannot succeed.
   */
  TOO_COMPLEX: 4422,
  /**
   * A change nested rich text (quotes, lists) deeper than any reader of the SOA allows
   * (shared/model/richText.ts MAX_RICH_TEXT_DEPTH). Final: sending the same change again cannot succeed.
   */
  TOO_DEEP: 4423,
  /**
   * A change wrote under a Yjs client id that another member first used in this room. Final: the app
   * should reload its copy, which gives it a client id of its own.
   */
  CLIENT_ID_TAKEN: 4409,
  /** The member or the room stored more than the hourly quota allows; "try again later" (45xx). */
  WRITE_QUOTA: 4530,
  /** The room holds as much as the relay keeps for one room; changes that only delete are still accepted. */
  ROOM_FULL: 4507,
  /** The relay is shutting down; reconnect shortly. */
  GOING_AWAY: 1001,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** The user fields a relay vouches for in each awareness state (`state.user`). */
export interface PresenceUser {
  readonly memberId: string;
  readonly name: string;
  readonly partnerId: string;
  readonly partnerName: string;
  readonly role: string;
}
