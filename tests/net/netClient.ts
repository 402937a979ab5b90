/**
 * A partner's client in Node for the network tests: a Y.Doc and the stock y-websocket `WebsocketProvider`
 * (with `ws` as its WebSocket), plus a reader for the relay's ACK (message type 100) so a test can tell when
 * everything this client holds is stored on the relay.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { WebSocket } from 'ws';
import { ACK_REQUEST_PARAM, decodeAckPayload, MESSAGE_TYPES } from '../../shared/protocol/messages';

export interface NetClientOptions {
  /** ws://host:port/sync (the proxy's or the relay's). */
  readonly serverUrl: string;
  readonly room: string;
  readonly token: string;
  readonly doc?: Y.Doc;
  readonly connect?: boolean;
  /** The provider re-sends sync step 1 this often (ms), which keeps a link's silence short. */
  readonly resyncInterval?: number;
  readonly maxBackoffTime?: number;
  /** A local awareness state, as the app sets one (the relay rewrites its user fields). */
  readonly presence?: boolean;
  /** The WebSocket class the provider uses; `ws` unless given (the app's link chooser, for the HTTPS link). */
  readonly webSocketClass?: unknown;
}

/** True when state vector `have` holds every item of state vector `need`. */
export function covers(have: Map<number, number>, need: Map<number, number>): boolean {
  for (const [client, clock] of need) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

export class NetClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** The relay's stored state vector from its last ACK on this client's current or an earlier connection. */
  ackedStateVector: Map<number, number> = new Map();
  acks = 0;
  closeCodes: number[] = [];
  permissionDenied: string[] = [];
  private readonly ackWaiters = new Set<() => void>();

  constructor(readonly options: NetClientOptions) {
    this.doc = options.doc ?? new Y.Doc();
    this.provider = new WebsocketProvider(options.serverUrl, options.room, this.doc, {
      connect: options.connect ?? true,
      params: { token: options.token, [ACK_REQUEST_PARAM]: '1' },
      WebSocketPolyfill: (options.webSocketClass ?? WebSocket) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      resyncInterval: options.resyncInterval ?? -1,
      maxBackoffTime: options.maxBackoffTime ?? 2500,
    });
    this.provider.messageHandlers[MESSAGE_TYPES.ACK] = (_encoder, decoder) => {
      const ack = decodeAckPayload(decoder);
      this.ackedStateVector = Y.decodeStateVector(ack.stateVector);
      this.acks++;
      for (const waiter of [...this.ackWaiters]) waiter();
    };
    this.provider.messageHandlers[MESSAGE_TYPES.AUTH] = (_encoder, decoder) => {
      // y-protocols auth: varUint 0 = permission denied, then the reason.
      const kind = decoder.arr[decoder.pos];
      this.permissionDenied.push(
        kind === 0 ? new TextDecoder().decode(decoder.arr.subarray(decoder.pos + 2)) : 'auth message',
      );
    };
    this.provider.on('connection-close', (event) => {
      if (event) this.closeCodes.push(event.code);
    });
    if (options.presence) this.provider.awareness.setLocalStateField('user', { name: 'someone', cursor: null });
  }

  get connected(): boolean {
    return this.provider.wsconnected;
  }

  get synced(): boolean {
    return this.provider.synced;
  }

  /**
   * Everything this client wrote is stored on the relay: its last ACK's state vector covers this client's
   * own items (items of other clients reached us from the relay, which stored them before broadcasting).
   * Deletions travel in the same messages as the insertions around them; the tests end edits with typing.
   */
  everythingOnServer(): boolean {
    const own = Y.getState(this.doc.store, this.doc.clientID);
    return own === 0 || (this.ackedStateVector.get(this.doc.clientID) ?? 0) >= own;
  }

  /** Resolves when everythingOnServer() holds; rejects after timeoutMs. */
  waitStored(timeoutMs: number): Promise<void> {
    return this.waitFor(() => this.everythingOnServer(), timeoutMs, 'everything on the server');
  }

  waitSynced(timeoutMs: number): Promise<void> {
    return this.waitFor(() => this.provider.synced, timeoutMs, 'synced');
  }

  /** Polls `condition` on every ACK and every 20 ms. */
  waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition()) return;
        cleanup();
        resolve();
      };
      const interval = setInterval(check, 20);
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `${this.options.room}: not ${what} within ${timeoutMs} ms (connected=${this.connected}, synced=${this.synced}, acks=${this.acks})`,
          ),
        );
      }, timeoutMs);
      const cleanup = (): void => {
        clearInterval(interval);
        clearTimeout(timer);
        this.ackWaiters.delete(check);
      };
      this.ackWaiters.add(check);
    });
  }

  disconnect(): void {
    this.provider.disconnect();
  }

  connect(): void {
    this.provider.connect();
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
