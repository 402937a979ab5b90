/**
 * Clients for tests: the stock y-websocket WebsocketProvider over the `ws` package (counting the bytes it
 * sends and receives), and a raw websocket that speaks bytes, for protocol-level tests.
 */
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ACK_REQUEST_PARAM, decodeAckPayload, MESSAGE_TYPES, type StoredAck } from '../../../shared/protocol/messages';
import { waitUntil } from '../../support/wait';

/** Payload bytes a client's sockets sent and received, and each message's size (for diagnosis). */
export interface Traffic {
  sent: number;
  received: number;
  readonly log: string[];
}

/** ws's WebSocket counting payload bytes into `traffic`, used as the provider's WebSocketPolyfill. */
function countingWebSocket(traffic: Traffic): new (address: string, protocols?: string | string[]) => WebSocket {
  return class CountingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      // The provider sets binaryType to 'arraybuffer', so messages arrive as ArrayBuffers.
      this.on('message', (data: ArrayBuffer | Buffer) => {
        const bytes =
          data instanceof ArrayBuffer
            ? new Uint8Array(data)
            : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        traffic.received += bytes.byteLength;
        traffic.log.push(`in ${bytes[0]}/${bytes[1]} ${bytes.byteLength}`);
      });
    }
    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      if (data instanceof Uint8Array) {
        traffic.sent += data.byteLength;
        traffic.log.push(`out ${data[0]}/${data[1]} ${data.byteLength}`);
      }
      (WebSocket.prototype.send as (...args: unknown[]) => void).call(this, data, ...rest);
    }
  };
}

export interface TestClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Close events the provider saw (code, reason). */
  readonly closes: { code: number; reason: string }[];
  /** Reasons of "permission denied" auth messages. */
  readonly denied: string[];
  /** ACK extension messages received (null for a stock client that ignores them). */
  readonly acks: StoredAck[] | null;
  readonly traffic: Traffic;
  synced(): Promise<void>;
  /**
   * Resolves once an ACK covers every insertion this client has made so far (they are stored); fails after
   * `timeoutMs` (10 s unless a test stores more than a loaded machine writes in that time).
   */
  stored(what?: string, timeoutMs?: number): Promise<void>;
  destroy(): void;
}

export function connectClient(
  syncUrl: string,
  room: string,
  token: string,
  doc = new Y.Doc(),
  options: { readonly stock?: boolean } = {},
): TestClient {
  const traffic: Traffic = { sent: 0, received: 0, log: [] };
  const provider = new WebsocketProvider(syncUrl, room, doc, {
    // The app asks for ACKs; a stock client (stock: true) connects as any y-websocket client would.
    params: options.stock ? { token } : { token, [ACK_REQUEST_PARAM]: '1' },
    WebSocketPolyfill: countingWebSocket(traffic) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  });
  const closes: { code: number; reason: string }[] = [];
  const denied: string[] = [];
  provider.on('connection-close', (event: { code: number; reason: string } | null) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  // y-websocket's permission-denied handler only logs; capture the reason for assertions instead.
  provider.messageHandlers[MESSAGE_TYPES.AUTH] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) === 0) denied.push(decoding.readVarString(decoder));
  };
  const acks: StoredAck[] | null = options.stock ? null : [];
  if (acks)
    provider.messageHandlers[MESSAGE_TYPES.ACK] = (_encoder, decoder) => void acks.push(decodeAckPayload(decoder));
  return {
    doc,
    provider,
    closes,
    denied,
    acks,
    traffic,
    synced: () =>
      provider.synced ? Promise.resolve() : new Promise((resolve) => provider.once('sync', () => resolve())),
    stored: async (what = 'the edits to be stored', timeoutMs = 10_000) => {
      if (!acks) throw new Error('A stock client does not read ACKs.');
      const made = Y.getState(doc.store, doc.clientID);
      await waitUntil(
        () => acks.some((ack) => (Y.decodeStateVector(ack.stateVector).get(doc.clientID) ?? 0) >= made),
        what,
        timeoutMs,
      );
    },
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** A raw websocket to a room: collects messages and reports the close. */
export interface RawConnection {
  readonly socket: WebSocket;
  readonly messages: Uint8Array[];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  send(bytes: Uint8Array): void;
}

export function rawConnection(syncUrl: string, room: string, token: string | null): RawConnection {
  const url = `${syncUrl}/${room}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
  const socket = new WebSocket(url);
  const messages: Uint8Array[] = [];
  socket.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  socket.on('error', () => {});
  return {
    socket,
    messages,
    opened: new Promise((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('close', () => reject(new Error('closed before opening')));
    }),
    closed: new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
    ),
    send: (bytes) => socket.send(bytes),
  };
}
