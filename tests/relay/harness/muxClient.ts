/**
 * A raw client of the multiplexed websocket (/mux/<soaId>, shared/protocol/muxFrames.ts) over `ws`, for
 * protocol-level tests: opens rooms, sends y-protocols messages into them, and records what comes back per
 * room (messages, ACKs, "permission denied", close frames) and the websocket's own close.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { decodeMuxFrame, encodeMuxFrame, MUX_PATH_PREFIX, type MuxFrame } from '../../../shared/protocol/muxFrames';
import { decodeAckPayload, encodeSyncUpdate, MESSAGE_TYPES } from '../../../shared/protocol/messages';
import { fromV2Message } from '../../../shared/protocol/v2Messages';

export interface MuxRoomRecord {
  /** Every message as received (a V2 form included, see shared/protocol/v2Messages.ts). */
  readonly messages: Uint8Array[];
  readonly acks: Map<number, number>[];
  readonly denied: string[];
  readonly closes: { code: number; reason: string }[];
}

export interface MuxClient {
  readonly ws: WebSocket;
  /** The websocket's own close, once it has closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly rooms: Map<string, MuxRoomRecord>;
  room(name: string): MuxRoomRecord;
  open(room: string, wantsAcks?: boolean): void;
  leave(room: string): void;
  send(room: string, message: Uint8Array): void;
  /** Sends a Yjs update as a sync update message. */
  sendUpdate(room: string, update: Uint8Array): void;
  /** Sends sync step 1 for an empty document: the relay answers with the room's whole state. */
  sendSyncStep1(room: string, doc?: Y.Doc): void;
  sendRaw(bytes: Uint8Array | string): void;
  /** Waits until `check` holds (polling), or fails saying `what`. */
  until(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** The Yjs document built from every sync step 2 and update the relay sent to `room`. */
  docOf(room: string): Y.Doc;
  close(): void;
}

export function muxUrl(relayUrl: string, soaId: string, token: string): string {
  return `${relayUrl.replace(/^http/, 'ws')}${MUX_PATH_PREFIX}${soaId}?token=${encodeURIComponent(token)}`;
}

export async function connectMux(
  relayUrl: string,
  soaId: string,
  token: string,
  extraQuery = '',
  options: WebSocket.ClientOptions = {},
): Promise<MuxClient> {
  const ws = new WebSocket(muxUrl(relayUrl, soaId, token) + extraQuery, options);
  const rooms = new Map<string, MuxRoomRecord>();
  const docs = new Map<string, Y.Doc>();
  const room = (name: string): MuxRoomRecord => {
    let record = rooms.get(name);
    if (!record) {
      record = { messages: [], acks: [], denied: [], closes: [] };
      rooms.set(name, record);
    }
    return record;
  };
  const docOf = (name: string): Y.Doc => {
    let doc = docs.get(name);
    if (!doc) {
      doc = new Y.Doc();
      docs.set(name, doc);
    }
    return doc;
  };
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
  );
  ws.on('error', () => undefined);
  ws.on('message', (data: Buffer) => {
    const frame: MuxFrame = decodeMuxFrame(new Uint8Array(data));
    const record = room(frame.room);
    if (frame.kind === 'close') {
      record.closes.push({ code: frame.code, reason: frame.reason });
      return;
    }
    if (frame.kind !== 'message') return;
    // As received (a V2 catch-up or ACK included), then read in its V1 form as the app reads it.
    record.messages.push(frame.message);
    const decoder = decoding.createDecoder(fromV2Message(frame.message));
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_TYPES.ACK) record.acks.push(Y.decodeStateVector(decodeAckPayload(decoder).stateVector));
    else if (type === MESSAGE_TYPES.AUTH) {
      decoding.readVarUint(decoder);
      record.denied.push(decoding.readVarString(decoder));
    } else if (type === MESSAGE_TYPES.SYNC) {
      const kind = decoding.readVarUint(decoder);
      if (kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate)
        Y.applyUpdate(docOf(frame.room), decoding.readVarUint8Array(decoder));
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', (code) => reject(new Error(`the multiplexed websocket closed before opening (${code})`)));
  });
  const sendFrame = (frame: MuxFrame): void => ws.send(encodeMuxFrame(frame));
  return {
    ws,
    closed,
    rooms,
    room,
    docOf,
    open: (name, wantsAcks = true) => sendFrame({ kind: 'open', room: name, wantsAcks }),
    leave: (name) => sendFrame({ kind: 'close', room: name, code: 1000, reason: '' }),
    send: (name, message) => sendFrame({ kind: 'message', room: name, message }),
    sendUpdate: (name, update) => sendFrame({ kind: 'message', room: name, message: encodeSyncUpdate(update) }),
    sendSyncStep1: (name, doc = new Y.Doc()) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_TYPES.SYNC);
      syncProtocol.writeSyncStep1(encoder, doc);
      sendFrame({ kind: 'message', room: name, message: encoding.toUint8Array(encoder) });
    },
    sendRaw: (bytes) => ws.send(bytes),
    async until(check, what, timeoutMs = 15_000) {
      const started = Date.now();
      while (!check()) {
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => ws.close(),
  };
}
