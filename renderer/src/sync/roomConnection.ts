/**
 * The link from one room's Y.Doc to the relay: the stock y-websocket `WebsocketProvider`, plus what the app
 * needs around it and nothing that changes the wire protocol:
 * - keystrokes are coalesced: a lone edit is sent at once, then local updates are merged and sent at most
 *   once every COALESCE_MS, so a poor link is not flooded with one tiny message per key;
 * - what goes to the relay (the catch-up after time offline, a merged send) is cut into pieces the relay
 *   accepts, so no honest change is ever too large or too complex for it;
 * - the relay's ACK (message type 100) drives the "N changes waiting to send" count (AckTracker);
 * - "permission denied" (y-protocols auth) and the relay's close codes become plain-English problems;
 * - a dead link is noticed quickly: when nothing has been heard for a while the connection sends a sync
 *   step 1 (the relay always answers), and reconnects when that goes unanswered;
 * - the browser's online/offline events connect and disconnect at once; otherwise the provider's
 *   exponential backoff applies.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { splitUpdate } from '../../../shared/protocol/updatePieces';
import {
  ACK_REQUEST_PARAM,
  decodeAckPayload,
  encodeSyncUpdate,
  MESSAGE_TYPES,
  updateInSyncMessage,
} from '../../../shared/protocol/messages';
import { AckTracker } from './ackTracker';
import { HttpsSocket } from './httpsSocket';
import { linkChooserFor } from './linkChooser';
import { touchedRoots } from './touchedRoots';
import { CLEARED_BY_ACCEPTANCE, problemForClose, stopsReconnecting, type SyncProblem } from './closeProblems';

/**
 * The coalescing window. Measured by bench/net-typing.ts (three partners typing on rural ADSL): 120 ms sent
 * 0.89 messages per keystroke, 250 ms 0.59, and a lone edit at once then one message per 500 ms 0.43, the
 * only setting under the goal of half a message per keystroke. Typing itself is not slowed (under 1.1 ms
 * per key at p99 in every setting); peers see text about 0.3 s later, which suits a document.
 */
export const COALESCE_MS = 500;
const QUIET_PING_MS = 8_000;
const DEAD_AFTER_MS = 16_000;
const WATCHDOG_MS = 2_000;

export type LinkStatus = 'offline' | 'connecting' | 'connected' | 'stopped';

export type { SyncProblem } from './closeProblems';

export interface RoomSyncState {
  readonly link: LinkStatus;
  /** True once the relay has answered this connection's sync step 1. */
  readonly synced: boolean;
  /** Local changes the relay has not yet acknowledged as stored. */
  readonly pending: number;
  /** When the relay last confirmed it holds everything this room had sent (epoch ms). */
  readonly lastSyncedAt: number | null;
  /** Connected over the HTTPS link (websockets are blocked on this network): slower, but syncing. */
  readonly slowerLink: boolean;
  readonly problem: SyncProblem | null;
}

export interface RoomConnectionOptions {
  readonly relayUrl: string;
  readonly room: string;
  readonly token: string;
  readonly doc: Y.Doc;
  /** Origins whose updates are not local edits (the IndexedDB store loading). */
  readonly nonLocalOrigins: readonly unknown[];
  readonly trackerKey: string | null;
  /** The room's own tally, when it has been counting changes since before this connection existed. */
  readonly tracker?: AckTracker;
}

/** ws(s)://host/sync for an http(s) relay address. */
export function syncUrl(relayUrl: string): string {
  const url = new URL(relayUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/sync`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

export class RoomConnection {
  readonly provider: WebsocketProvider;
  readonly tracker: AckTracker;
  private state: RoomSyncState;
  private readonly listeners = new Set<() => void>();
  private buffer: Uint8Array[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private lastPingAt = 0;
  private lastFlushAt = 0;
  private readonly disposers: Array<() => void> = [];

  constructor(private readonly options: RoomConnectionOptions) {
    this.tracker = options.tracker ?? new AckTracker(options.trackerKey);
    this.state = {
      link: 'offline',
      synced: false,
      pending: this.tracker.count,
      lastSyncedAt: this.tracker.lastSyncedAt,
      slowerLink: false,
      problem: null,
    };
    const chooser = linkChooserFor(options.relayUrl, options.token);
    const online = typeof navigator === 'undefined' || navigator.onLine;
    this.provider = new WebsocketProvider(syncUrl(options.relayUrl), options.room, options.doc, {
      connect: false,
      params: { token: options.token, [ACK_REQUEST_PARAM]: '1' },
      maxBackoffTime: 15_000,
      disableBc: true,
      // A websocket, or the HTTPS link when this network refuses websockets (linkChooser.ts).
      WebSocketPolyfill: chooser.socketClass as unknown as typeof WebSocket,
      // A change the relay refused as too large would only be sent again (1009 is outside y-websocket's 44xx).
      shouldReconnect: (event: CloseEvent) => !stopsReconnecting(event.code),
    });
    const provider = this.provider;

    // Replace the provider's send-every-update handler by a coalescing one.
    options.doc.off('update', provider._updateHandler);
    const onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      // From the relay: not a local edit, and what it tells the tally is read from the message itself (below).
      if (origin === provider) return;
      if (!options.nonLocalOrigins.includes(origin)) {
        this.tracker.recordLocal(update, touchedRoots(transaction));
        this.patch({ pending: this.tracker.count });
      }
      this.buffer.push(update);
      if (this.flushTimer) return;
      // Leading edge: a lone edit goes at once; a burst of keystrokes then goes once per window.
      const sinceLast = Date.now() - this.lastFlushAt;
      if (sinceLast >= COALESCE_MS) this.flush();
      else this.flushTimer = setTimeout(() => this.flush(), COALESCE_MS - sinceLast);
    };
    options.doc.on('update', onUpdate);
    this.disposers.push(() => options.doc.off('update', onUpdate));

    // The relay sends only what it has stored, and its sync step 2 carries the room's whole delete set. The
    // tally learns from the message, not from what applying it changed here: a deletion this copy already
    // had (read from IndexedDB after a reload) or receives as garbage-collected structs changes nothing
    // here, so the doc's update event would never show it, and a change stored just before a reload would
    // wait for good.
    const readSync = provider.messageHandlers[MESSAGE_TYPES.SYNC];
    provider.messageHandlers[MESSAGE_TYPES.SYNC] = (encoder, decoder, ...rest) => {
      const stored = updateInSyncMessage(decoder.arr);
      if (stored && this.tracker.noteFromRelay(stored)) this.patch({ pending: this.tracker.count });
      if (decoding.peekVarUint(decoder) === syncProtocol.messageYjsSyncStep1) {
        // The relay asks for what it lacks: everything made offline, sent in pieces it accepts (see below).
        decoding.readVarUint(decoder);
        this.sendCatchUp(decoding.readVarUint8Array(decoder));
        return;
      }
      readSync?.(encoder, decoder, ...rest);
    };
    provider.messageHandlers[MESSAGE_TYPES.ACK] = (_encoder, decoder) => {
      const ack = decodeAckPayload(decoder);
      this.tracker.applyAck(ack.stateVector, ack.deleteSetUpdate);
      const pending = this.tracker.count;
      this.patch({
        pending,
        lastSyncedAt: pending === 0 ? Date.now() : this.state.lastSyncedAt,
        problem: this.state.problem && CLEARED_BY_ACCEPTANCE.has(this.state.problem.kind) ? null : this.state.problem,
      });
    };
    provider.messageHandlers[MESSAGE_TYPES.AUTH] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, options.doc, (_doc, reason) => {
        this.patch({
          problem: {
            kind: 'write-refused',
            message: `The relay refused a change to this section${reason ? ` (${reason})` : ''}. It has not been shared; it stays on this computer.`,
            retrying: false,
          },
        });
      });
    };

    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (status === 'connected') this.patch({ link: 'connected', slowerLink: provider.ws instanceof HttpsSocket });
      else if (status === 'connecting') this.patch({ link: 'connecting', synced: false });
      else this.patch({ link: provider.shouldConnect ? 'connecting' : 'offline', synced: false });
    };
    provider.on('status', onStatus);
    const onSync = (synced: boolean) => {
      const clears =
        synced &&
        this.tracker.count === 0 &&
        this.state.problem !== null &&
        CLEARED_BY_ACCEPTANCE.has(this.state.problem.kind);
      this.patch({
        synced,
        lastSyncedAt: synced && this.tracker.count === 0 ? Date.now() : this.state.lastSyncedAt,
        ...(clears ? { problem: null } : {}),
      });
      if (synced) this.flush();
    };
    provider.on('sync', onSync);
    const onConnectionClose = (event: CloseEvent | null) => {
      if (!event) return;
      const problem = problemForClose(event.code, event.reason, options.doc);
      if (problem) this.patch({ problem });
    };
    provider.on('connection-close', onConnectionClose);
    const onClosed = (event: { code: number; reason: string }) => {
      const fallback: SyncProblem = {
        kind: 'malformed',
        message: `The relay ended the connection (${event.reason || event.code}) and SOA Studio stopped sending this section. Your changes are safe on this computer; reload SOA Studio to try again.`,
        retrying: false,
      };
      this.patch({ link: 'stopped', problem: problemForClose(event.code, event.reason, options.doc) ?? fallback });
    };
    provider.on('closed', onClosed);
    this.disposers.push(() => {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('connection-close', onConnectionClose);
      provider.off('closed', onClosed);
    });

    const goOnline = () => this.connect();
    const goOffline = () => {
      provider.disconnect();
      this.patch({ link: 'offline', synced: false });
    };
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    this.disposers.push(() => {
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
    });

    const watchdog = setInterval(() => this.checkLink(), WATCHDOG_MS);
    this.disposers.push(() => clearInterval(watchdog));

    if (online) this.connect();
  }

  get snapshot(): RoomSyncState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connect(): void {
    if (this.state.link === 'stopped') return;
    this.patch({ link: 'connecting' });
    this.provider.connect();
  }

  private patch(change: Partial<RoomSyncState>): void {
    const next = { ...this.state, ...change };
    const keys = Object.keys(change) as Array<keyof RoomSyncState>;
    if (keys.every((key) => next[key] === this.state[key])) return;
    if (next.lastSyncedAt !== null) this.tracker.noteSynced(next.lastSyncedAt);
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  /** Sends the buffered local updates as one merged update, if the socket is open. */
  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.buffer.length === 0) return;
    const ws = this.provider.ws;
    if (!this.provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) {
      // Not connected: nothing is lost, the next connection's sync exchange carries every local change.
      this.buffer = [];
      return;
    }
    this.lastFlushAt = Date.now();
    const merged = this.buffer.length === 1 ? (this.buffer[0] as Uint8Array) : Y.mergeUpdates(this.buffer);
    this.buffer = [];
    for (const piece of splitUpdate(merged)) ws.send(encodeSyncUpdate(piece));
  }

  /**
   * Answers the relay's sync step 1 with what it lacks, as sync step 2, in pieces the relay accepts one by
   * one (shared/protocol/updatePieces.ts). Sent whole, a week of offline typing or a very large paste can
   * hold more separate pieces than the relay applies at once (20,000), or more bytes than it reads (8 MiB),
   * and would be refused for good (4422, 4413) however often it was sent: the work would never reach anyone.
   */
  private sendCatchUp(relayStateVector: Uint8Array): void {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    for (const piece of splitUpdate(Y.encodeStateAsUpdate(this.options.doc, relayStateVector))) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_TYPES.SYNC);
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, piece);
      ws.send(encoding.toUint8Array(encoder));
    }
  }

  private checkLink(): void {
    const provider = this.provider;
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return;
    const quiet = Date.now() - provider.wsLastMessageReceived;
    if (quiet > DEAD_AFTER_MS) {
      // The link is dead (no answer to our ping): drop it and let the provider reconnect with backoff.
      provider.disconnect();
      provider.connect();
      return;
    }
    if (quiet > QUIET_PING_MS && Date.now() - this.lastPingAt > QUIET_PING_MS) {
      this.lastPingAt = Date.now();
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_TYPES.SYNC);
      syncProtocol.writeSyncStep1(encoder, this.options.doc);
      ws.send(encoding.toUint8Array(encoder));
    }
  }

  /** Sends what is buffered now (before unload). */
  flushNow(): void {
    this.flush();
    this.tracker.flush();
  }

  dispose(): void {
    this.flush();
    for (const dispose of this.disposers.splice(0)) dispose();
    this.tracker.dispose();
    this.provider.destroy();
    this.listeners.clear();
  }
}
