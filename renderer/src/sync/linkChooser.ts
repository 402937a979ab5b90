/**
 * Websocket or HTTPS: which way the rooms of one relay (and one invite token) reach it. The provider is
 * given `socketClass`, and each time it (re)connects a room that class makes a MuxSocket on its SOA's one
 * multiplexed websocket (muxLink.ts), or, once websockets have failed to open while HTTPS to the same relay
 * answers (a proxy that refuses upgrades), an HttpsSocket on the shared HTTPS link. While on HTTPS it tries
 * a websocket again now and then (the relay's /sync-probe upgrade) and, when one opens, closes the HTTPS
 * rooms so they reconnect over websockets. When the multiplexed websocket fails to open while a plain one
 * opens (a relay from before it, or a proxy that passes only /sync), rooms use one websocket each, the stock
 * way; the app tries a multiplexed websocket again now and then (backing off), and when one opens it closes
 * the per-room websockets so their rooms reconnect over one (a relay upgraded, or a proxy changed, during a
 * long session).
 */
import { parseRoomName } from '../../../shared/model/rooms';
import { HTTPS_PROBE_PATH } from '../../../shared/protocol/httpsFrames';
import { MUX_PATH_PREFIX } from '../../../shared/protocol/muxFrames';
import { HttpsLink, type FetchLike } from './httpsLink';
import { HttpsSocket } from './httpsSocket';
import { MuxLink, type MuxWebSocket } from './muxLink';
import { MuxSocket } from './muxSocket';

export type LinkMode = 'websocket' | 'https';

/** Websocket opens that fail in a row (while HTTPS answers) before the rooms move to HTTPS. */
const FAILED_OPENS_BEFORE_HTTPS = 2;
/** How long a websocket probe may take to open. */
const PROBE_TIMEOUT_MS = 10_000;
/** How often a websocket is tried again while on HTTPS. */
export const WEBSOCKET_RETRY_MS = 60_000;
/** The first wait before trying a multiplexed websocket again on per-room ones; it doubles up to the most. */
export const MUX_RETRY_FIRST_MS = 30_000;
export const MUX_RETRY_MOST_MS = 15 * 60_000;

/** The browser's WebSocket constructor, as far as the chooser uses it. */
export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
  close(): void;
}
export type WebSocketClass = new (url: string, protocols?: string | string[]) => WebSocketLike;

export interface LinkChooserOptions {
  readonly relayUrl: string;
  readonly token: string;
  readonly webSocket?: WebSocketClass;
  readonly fetchImpl?: FetchLike;
  readonly retryMs?: number;
  /** The first wait before trying /mux/ again once on per-room websockets (MUX_RETRY_FIRST_MS). */
  readonly muxRetryMs?: number;
}

export class LinkChooser {
  private modeValue: LinkMode = 'websocket';
  private failedOpens = 0;
  /** Whether the opens that failed were of multiplexed websockets. */
  private failedMux = false;
  /** The relay (or the network) does not take multiplexed websockets: one websocket per room. */
  private perRoomWebsockets = false;
  /** One multiplexed websocket per SOA. */
  private readonly muxLinks = new Map<string, MuxLink>();
  private checkingHttps = false;
  /** When the browser last came back online: sockets made before then failed for want of a network. */
  private onlineSince = 0;
  private readonly cameOnline = (): void => {
    this.onlineSince = Date.now();
    this.failedOpens = 0;
  };
  private retryTimer: ReturnType<typeof setInterval> | null = null;
  /** While on per-room websockets: the next try of a multiplexed one, and the wait before the one after. */
  private muxRetryTimer: ReturnType<typeof setTimeout> | null = null;
  private muxRetryWaitMs: number;
  /** Per-room websockets now open or opening, closed when a multiplexed websocket works again. */
  private readonly perRoomSockets = new Set<WebSocketLike>();
  private disposed = false;
  private readonly listeners = new Set<() => void>();
  readonly https: HttpsLink;
  private readonly WebSocketImpl: WebSocketClass;
  private readonly fetchImpl: FetchLike;
  /** The class the provider constructs for each connection attempt. */
  readonly socketClass: WebSocketClass;

  constructor(private readonly options: LinkChooserOptions) {
    this.WebSocketImpl = options.webSocket ?? (globalThis.WebSocket as unknown as WebSocketClass);
    this.fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
    this.https = new HttpsLink(options.relayUrl, options.token, this.fetchImpl);
    this.muxRetryWaitMs = options.muxRetryMs ?? MUX_RETRY_FIRST_MS;
    if (typeof window !== 'undefined') window.addEventListener('online', this.cameOnline);
    // A constructor that returns another object: `new socketClass(url)` gives a websocket or an HttpsSocket.
    const make = (url: string, protocols?: string | string[]): WebSocketLike => this.create(url, protocols);
    this.socketClass = function ChosenSocket(this: unknown, url: string, protocols?: string | string[]) {
      return make(url, protocols);
    } as unknown as WebSocketClass;
  }

  get mode(): LinkMode {
    return this.modeValue;
  }

  /** True when rooms use one websocket each (the multiplexed one failed to open where a plain one opens). */
  get perRoom(): boolean {
    return this.perRoomWebsockets;
  }

  /** Websockets opened so far: multiplexed ones, and per-room ones (for the benchmarks' connection counts). */
  websocketsOpened = 0;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    if (typeof window !== 'undefined') window.removeEventListener('online', this.cameOnline);
    if (this.retryTimer !== null) clearInterval(this.retryTimer);
    this.retryTimer = null;
    if (this.muxRetryTimer !== null) clearTimeout(this.muxRetryTimer);
    this.muxRetryTimer = null;
    this.disposed = true;
    this.listeners.clear();
    for (const link of this.muxLinks.values()) link.endAll(1000, 'Closed.');
    this.muxLinks.clear();
  }

  private create(url: string, protocols?: string | string[]): WebSocketLike {
    if (this.modeValue === 'https') return new HttpsSocket(url, this.https) as unknown as WebSocketLike;
    const link = this.perRoomWebsockets ? null : this.muxLinkFor(url);
    if (link) return new MuxSocket(url, link) as unknown as WebSocketLike;
    const socket = this.watched(new this.WebSocketImpl(url, protocols), false);
    this.perRoomSockets.add(socket);
    socket.addEventListener('close', () => this.perRoomSockets.delete(socket));
    return socket;
  }

  /** The multiplexed websocket of the SOA whose room the provider's URL (…/sync/<room>?…) names. */
  private muxLinkFor(url: string): MuxLink | null {
    const path = new URL(url).pathname;
    const marker = '/sync/';
    const parsed = parseRoomName(path.slice(path.lastIndexOf(marker) + marker.length));
    if (!parsed) return null;
    let link = this.muxLinks.get(parsed.soaId);
    if (!link) {
      link = new MuxLink(
        this.muxUrl(parsed.soaId).toString(),
        parsed.soaId,
        (address) => this.watched(new this.WebSocketImpl(address), true) as unknown as MuxWebSocket,
      );
      this.muxLinks.set(parsed.soaId, link);
    }
    return link;
  }

  /** Counts a websocket that fails to open towards deciding websockets (or multiplexed ones) do not work. */
  private watched(socket: WebSocketLike, multiplexed: boolean): WebSocketLike {
    this.websocketsOpened++;
    const createdAt = Date.now();
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.failedOpens = 0;
    });
    socket.addEventListener('close', () => {
      // A socket that failed while the browser was offline, or was made before it came back, says nothing
      // about websockets being blocked: only failures with a network count towards trying HTTPS.
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      if (!opened && !offline && createdAt >= this.onlineSince) this.openFailed(multiplexed);
    });
    return socket;
  }

  private openFailed(multiplexed: boolean): void {
    this.failedOpens++;
    this.failedMux = multiplexed;
    if (this.failedOpens < FAILED_OPENS_BEFORE_HTTPS || this.checkingHttps || this.modeValue === 'https') return;
    this.checkingHttps = true;
    // Only when the relay answers over HTTPS and, right after, a websocket still cannot open: a relay that
    // is down, no network, or failures from a spell offline that has just ended are not a blocked websocket.
    // A plain websocket that opens where multiplexed ones failed means the relay does not offer them.
    this.fetchImpl(`${this.options.relayUrl.replace(/\/+$/, '')}/healthz`, { method: 'GET', cache: 'no-store' })
      .then(async (response) => {
        if (!response.ok || this.modeValue !== 'websocket') return;
        if (await this.websocketOpens()) {
          this.failedOpens = 0;
          if (this.failedMux && !this.perRoomWebsockets) {
            this.perRoomWebsockets = true;
            this.scheduleMuxRetry();
            for (const listener of this.listeners) listener();
          }
        } else if (this.modeValue === 'websocket') this.switchTo('https');
      })
      .catch(() => undefined)
      .finally(() => {
        this.checkingHttps = false;
      });
  }

  private switchTo(mode: LinkMode): void {
    this.modeValue = mode;
    this.failedOpens = 0;
    if (mode === 'https') {
      this.retryTimer ??= setInterval(() => this.tryWebsocket(), this.options.retryMs ?? WEBSOCKET_RETRY_MS);
      // Rooms still waiting on a websocket that cannot open move to HTTPS when they next reconnect.
      for (const link of this.muxLinks.values()) link.endAll(1006, 'Websockets are blocked on this network.');
    } else {
      if (this.retryTimer !== null) clearInterval(this.retryTimer);
      this.retryTimer = null;
      // The rooms reconnect (the provider's backoff) and this time get websockets.
      this.https.endAll(1000, 'Going back to a websocket.');
    }
    for (const listener of this.listeners) listener();
  }

  private tryWebsocket(): void {
    void this.websocketOpens().then((opens) => {
      if (opens && this.modeValue === 'https') this.switchTo('websocket');
    });
  }

  private scheduleMuxRetry(): void {
    if (this.muxRetryTimer !== null || this.disposed) return;
    this.muxRetryTimer = setTimeout(() => {
      this.muxRetryTimer = null;
      void this.tryMux();
    }, this.muxRetryWaitMs);
  }

  /**
   * On per-room websockets: whether a multiplexed websocket opens now (one naming no room, closed at once).
   * If it does, the per-room websockets close and their providers reconnect, this time over /mux/; what the
   * relay has not acknowledged goes again in the reconnect's sync exchange, so nothing typed is lost.
   */
  private async tryMux(): Promise<void> {
    const soaId = this.muxLinks.keys().next().value;
    if (!this.perRoomWebsockets || this.disposed || soaId === undefined) return;
    const opens = this.modeValue === 'websocket' && (await this.websocketOpens(this.muxUrl(soaId).toString()));
    if (!this.perRoomWebsockets || this.disposed) return;
    if (!opens) {
      this.muxRetryWaitMs = Math.min(this.muxRetryWaitMs * 2, MUX_RETRY_MOST_MS);
      this.scheduleMuxRetry();
      return;
    }
    this.perRoomWebsockets = false;
    this.failedMux = false;
    this.muxRetryWaitMs = this.options.muxRetryMs ?? MUX_RETRY_FIRST_MS;
    for (const socket of [...this.perRoomSockets]) socket.close();
    this.perRoomSockets.clear();
    for (const listener of this.listeners) listener();
  }

  /** The relay's multiplexed websocket for one SOA, with this chooser's token. */
  private muxUrl(soaId: string): URL {
    const muxUrl = new URL(this.options.relayUrl);
    muxUrl.protocol = muxUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    muxUrl.pathname = `${muxUrl.pathname.replace(/\/+$/, '')}${MUX_PATH_PREFIX}${soaId}`;
    muxUrl.search = new URLSearchParams({ token: this.options.token }).toString();
    return muxUrl;
  }

  /** Whether a websocket to `address` (by default the relay's /sync-probe) opens now; it is closed at once. */
  private websocketOpens(address?: string): Promise<boolean> {
    const url = new URL(this.options.relayUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${HTTPS_PROBE_PATH}`;
    return new Promise((resolve) => {
      let probe: WebSocketLike;
      try {
        probe = new this.WebSocketImpl(address ?? url.toString());
      } catch {
        resolve(false);
        return;
      }
      const timer = setTimeout(() => {
        resolve(false);
        probe.close();
      }, PROBE_TIMEOUT_MS);
      probe.onerror = () => undefined;
      probe.addEventListener('open', () => {
        clearTimeout(timer);
        resolve(true);
        probe.close();
      });
      probe.addEventListener('close', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
  }
}

/** One chooser per relay and token, shared by every room the app opens with them. */
const choosers = new Map<string, LinkChooser>();

export function linkChooserFor(relayUrl: string, token: string): LinkChooser {
  const key = `${relayUrl}\n${token}`;
  let chooser = choosers.get(key);
  if (!chooser) {
    chooser = new LinkChooser({ relayUrl, token });
    choosers.set(key, chooser);
  }
  return chooser;
}
