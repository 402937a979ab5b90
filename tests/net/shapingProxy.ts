/**
 * A TCP proxy on 127.0.0.1 between websocket clients and the relay that makes the link behave like a poor
 * one, repeatably from a seed:
 * - bandwidth per direction (a token bucket: `burstBytes` may pass at once, then the rate holds; per link, or
 *   with `sharedLine` one bucket for all links, as a browser's parallel connections share one ADSL line), latency and
 *   jitter (order is kept, as TCP keeps it), one extra round trip before the first byte (the TCP handshake);
 * - faults at run time: goOffline()/goOnline() (open links reset or stall, new ones are refused), halfOpen()
 *   (open links silently stop forwarding and are never closed by the proxy), reset() (TCP RST both ways),
 *   cutMidMessage() (the next websocket message is cut in the middle, then the link is reset), flapping and
 *   random cuts from the profile;
 * - a proxy that refuses websocket upgrades (`refuseUpgrades`, as NHS and council web proxies do): the upgrade
 *   request is answered 403 and the link closed, while plain HTTP(S) requests pass (shaped as ever);
 * - counts per direction: bytes in and delivered, websocket frames and messages by y-websocket kind (it parses
 *   the frame headers and unmasks the first payload bytes of client frames).
 *
 * Every timer and socket it makes is released by close().
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { createRng, type Rng } from '../support/random';
import { MUX_PATH_PREFIX } from '../../shared/protocol/muxFrames';
import { PROFILES, type DirectionShape, type LinkProfile } from './profiles';
import { WsFrameParser, type MessageKind } from './wsFrameParser';

export type Direction = 'up' | 'down';

export interface DirectionStats {
  /** Bytes the sending side wrote into the proxy. */
  bytesIn: number;
  /** Bytes the proxy delivered to the receiving side. */
  bytesDelivered: number;
  /** Bytes discarded (half-open links, cut links, blackholes). */
  bytesDropped: number;
  /** Bytes of the HTTP upgrade request or response. */
  handshakeBytes: number;
  frames: number;
  /** Complete websocket data messages. */
  messages: number;
  controlFrames: number;
  byKind: Partial<Record<MessageKind, { messages: number; wireBytes: number }>>;
  /**
   * The jitter drawn for each piece, by the piece's position in the stream (the first JITTER_LOG_LIMIT):
   * what makes a run repeatable can be checked exactly, whatever the CPU did to the measured times.
   */
  jitter: { readonly streamOffset: number; readonly jitterMs: number }[];
}

/** How many jitter draws each direction's stats keep. */
export const JITTER_LOG_LIMIT = 1_000;

export interface ProxyStats {
  up: DirectionStats;
  down: DirectionStats;
  /** Websocket upgrade requests refused (refuseUpgrades). */
  upgradesRefused: number;
  linksAccepted: number;
  linksRefused: number;
  linksOpen: number;
  cuts: number;
  resets: number;
}

export interface ShapingProxyOptions {
  readonly targetPort: number;
  readonly targetHost?: string;
  readonly profile?: LinkProfile;
  readonly seed: number;
  /** Bytes that may pass at full speed after a quiet spell (token bucket size). Default 16 KiB. */
  readonly burstBytes?: number;
  /** All links share one bandwidth per direction (one line), rather than each link having its own. */
  readonly sharedLine?: boolean;
  /** Websocket upgrade requests are refused with 403 (a corporate proxy); plain requests pass. */
  readonly refuseUpgrades?: boolean;
  /** Called for notable events (link opened, cut, reset, flap), for test logs. */
  readonly log?: (line: string) => void;
}

export type OfflineMode = 'reset' | 'stall';

function emptyDirectionStats(): DirectionStats {
  return {
    bytesIn: 0,
    bytesDelivered: 0,
    bytesDropped: 0,
    handshakeBytes: 0,
    frames: 0,
    messages: 0,
    controlFrames: 0,
    byKind: {},
    jitter: [],
  };
}

const PIECE_BYTES = 16 * 1024;
const HIGH_WATER = 256 * 1024;
const LOW_WATER = 64 * 1024;

type Queued = { at: number; data: Buffer } | { at: number; end: true } | { at: number; kill: true };

/** Virtual time at which a token bucket has sent everything accepted so far. */
interface LineBucket {
  txClock: number;
}

/** One direction of one link: src -> shaping queue -> dst. */
class ShapedPipe {
  private queue: Queued[] = [];
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Virtual time at which the token bucket has sent everything accepted so far. */
  /** The token bucket's clock: this pipe's own, or the one line's when links share it. */
  private readonly bucket: LineBucket;
  private lastDeliverAt: number;
  private readonly parser: WsFrameParser;
  private cutArmed = false;
  private cutAt: number | null = null;
  private blocked = false;
  /** Half-open: drop everything from now on. */
  dropping = false;
  /** Offline stall: hold everything until released. */
  stalled = false;
  private stallStartedAt = 0;
  private finished = false;

  constructor(
    private readonly link: Link,
    readonly direction: Direction,
    private readonly src: net.Socket,
    private readonly dst: net.Socket,
    private shape: DirectionShape,
    private readonly rng: Rng,
    private readonly statsOf: () => DirectionStats,
    startAt: number,
    private readonly burstBytes: number,
    private readonly cutProbability: number,
    bucket: LineBucket | null,
    /** Looks at each chunk before it is shaped; false: the link has been dealt with, forward nothing. */
    private readonly admits: (chunk: Buffer) => boolean = () => true,
  ) {
    this.bucket = bucket ?? { txClock: 0 };
    // The bucket starts full; the first byte waits for the TCP handshake.
    this.lastDeliverAt = startAt;
    let inHandshake = true;
    this.parser = new WsFrameParser(
      {
        onFrameHeader: (frame) => {
          if (inHandshake) {
            inHandshake = false;
            this.statsOf().handshakeBytes += frame.start;
          }
          this.statsOf().frames++;
          if (frame.control) return;
          if (
            this.cutAt === null &&
            (this.cutArmed || (this.cutProbability > 0 && frame.opcode !== 0 && this.rng.next() < this.cutProbability))
          ) {
            this.cutArmed = false;
            this.cutAt = frame.start + frame.headerLength + Math.floor(frame.payloadLength / 2);
          }
        },
        onMessage: (message) => {
          if (message.kind === 'close' || message.kind === 'ping' || message.kind === 'pong')
            this.statsOf().controlFrames++;
          else this.statsOf().messages++;
          const entry = (this.statsOf().byKind[message.kind] ??= { messages: 0, wireBytes: 0 });
          entry.messages++;
          entry.wireBytes += message.wireBytes;
        },
      },
      () => this.link.multiplexed,
    );
    src.on('data', (chunk: Buffer) => this.onData(chunk));
    src.on('end', () => {
      if (!this.dropping) this.push({ at: this.nextDeliveryTime(0, this.parser.offset), end: true });
    });
    dst.on('drain', () => {
      this.blocked = false;
      this.pump();
    });
  }

  setShape(shape: DirectionShape): void {
    this.shape = shape;
  }

  armCut(): void {
    this.cutArmed = true;
  }

  stall(): void {
    if (this.stalled) return;
    this.stalled = true;
    this.stallStartedAt = performance.now();
    this.clearTimer();
  }

  /** Ends a stall: everything held is shifted by the time the link was down, as a retransmit would be. */
  release(): void {
    if (!this.stalled) return;
    this.stalled = false;
    const downFor = performance.now() - this.stallStartedAt;
    for (const item of this.queue) item.at += downFor;
    this.lastDeliverAt += downFor;
    this.bucket.txClock += downFor;
    this.pump();
  }

  dispose(): void {
    this.finished = true;
    this.clearTimer();
    this.queue = [];
  }

  private onData(chunk: Buffer): void {
    if (this.finished) return;
    if (!this.admits(chunk)) return;
    const chunkStart = this.parser.offset;
    this.statsOf().bytesIn += chunk.length;
    this.parser.feed(chunk);
    if (this.dropping) {
      this.statsOf().bytesDropped += chunk.length;
      return;
    }
    let data = chunk;
    let cut = false;
    if (this.cutAt !== null && this.cutAt < chunkStart + chunk.length) {
      const keep = Math.max(0, this.cutAt - chunkStart);
      this.statsOf().bytesDropped += chunk.length - keep;
      data = chunk.subarray(0, keep);
      cut = true;
    }
    for (let i = 0; i < data.length; i += PIECE_BYTES) {
      const piece = data.subarray(i, Math.min(data.length, i + PIECE_BYTES));
      this.push({ at: this.nextDeliveryTime(piece.length, chunkStart + i), data: piece });
    }
    if (cut) {
      this.dropping = true;
      this.push({ at: this.nextDeliveryTime(0, this.parser.offset), kill: true });
    }
  }

  /** Token bucket, then latency with jitter, never before an earlier piece (TCP keeps order). */
  private nextDeliveryTime(bytes: number, streamOffset: number): number {
    const now = performance.now();
    const rate = this.shape.bitsPerSecond / 8 / 1000; // bytes per ms
    if (Number.isFinite(rate)) {
      const bucketFullSince = now - this.burstBytes / rate;
      this.bucket.txClock = Math.max(this.bucket.txClock, bucketFullSince) + bytes / rate;
    } else {
      this.bucket.txClock = Math.max(this.bucket.txClock, now);
    }
    // Jitter is drawn from the seed and the byte's position in the stream, not from how TCP happened to
    // split the bytes into chunks, so the same seed and the same traffic give the same delays.
    const jitter = this.shape.jitterMs > 0 ? (this.rng.fork(streamOffset).next() * 2 - 1) * this.shape.jitterMs : 0;
    const log = this.statsOf().jitter;
    if (this.shape.jitterMs > 0 && log.length < JITTER_LOG_LIMIT) log.push({ streamOffset, jitterMs: jitter });
    const at = Math.max(
      this.lastDeliverAt,
      Math.max(this.bucket.txClock, now) + Math.max(0, this.shape.latencyMs + jitter),
    );
    this.lastDeliverAt = at;
    return at;
  }

  private push(item: Queued): void {
    if (this.finished) return;
    this.queue.push(item);
    if ('data' in item) {
      this.queuedBytes += item.data.length;
      if (this.queuedBytes > HIGH_WATER) this.src.pause();
    }
    this.pump();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private pump(): void {
    if (this.finished || this.stalled || this.blocked) return;
    this.clearTimer();
    const now = performance.now();
    while (this.queue.length > 0) {
      const head = this.queue[0] as Queued;
      if (head.at > now + 0.5) {
        this.timer = setTimeout(
          () => {
            this.timer = null;
            this.pump();
          },
          Math.max(1, head.at - now),
        );
        return;
      }
      this.queue.shift();
      if ('kill' in head) {
        this.link.kill('cut');
        return;
      }
      if ('end' in head) {
        if (!this.dst.destroyed) this.dst.end();
        continue;
      }
      this.queuedBytes -= head.data.length;
      if (this.queuedBytes < LOW_WATER && this.src.isPaused() && !this.src.destroyed) this.src.resume();
      if (this.dst.destroyed || this.dst.writableEnded) {
        this.statsOf().bytesDropped += head.data.length;
        continue;
      }
      this.statsOf().bytesDelivered += head.data.length;
      if (!this.dst.write(head.data)) {
        this.blocked = true;
        return;
      }
    }
  }
}

/** One client connection and its upstream connection to the relay. */
class Link {
  readonly up: ShapedPipe;
  readonly down: ShapedPipe;
  /** The link carries the relay's multiplexed websocket (its upgrade asked for /mux/...). */
  multiplexed = false;
  private closed = false;

  constructor(
    readonly id: number,
    private readonly proxy: ShapingProxy,
    readonly client: net.Socket,
    readonly server: net.Socket,
    profile: LinkProfile,
    rng: Rng,
    stats: () => ProxyStats,
    burstBytes: number,
    line: { readonly up: LineBucket; readonly down: LineBucket } | null,
  ) {
    const now = performance.now();
    // The TCP handshake costs a round trip before the client's first byte can arrive.
    const handshakeRtt = profile.up.latencyMs + profile.down.latencyMs;
    const cut = profile.cutProbability ?? 0;
    this.up = new ShapedPipe(
      this,
      'up',
      client,
      server,
      profile.up,
      rng.fork('up'),
      () => stats().up,
      now + handshakeRtt,
      burstBytes,
      cut,
      line?.up ?? null,
      (chunk) => proxy.admitsUp(this, chunk),
    );
    this.down = new ShapedPipe(
      this,
      'down',
      server,
      client,
      profile.down,
      rng.fork('down'),
      () => stats().down,
      now,
      burstBytes,
      cut,
      line?.down ?? null,
    );
    // A side that errors (RST, refused) takes the other down at once, as a reset would; a clean close travels
    // through the pipe as an end marker, after the data queued before it.
    const onClose = (hadError: boolean): void => {
      if (hadError) this.kill('closed');
      else if (client.destroyed && server.destroyed) this.kill('closed');
    };
    client.on('close', onClose);
    server.on('close', onClose);
    client.on('error', () => undefined);
    server.on('error', () => undefined);
  }

  /** Ends both sides with a TCP RST ('closed': one side already went, the other follows). */
  kill(why: 'cut' | 'reset' | 'closed'): void {
    if (this.closed) return;
    this.closed = true;
    this.up.dispose();
    this.down.dispose();
    for (const socket of [this.client, this.server]) if (!socket.destroyed) socket.resetAndDestroy();
    this.proxy.onLinkGone(this, why);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Answers the client with an HTTP refusal and ends the link, without reaching the relay. */
  refuse(answer: string): void {
    if (this.closed) return;
    this.closed = true;
    this.up.dispose();
    this.down.dispose();
    this.server.resetAndDestroy();
    this.client.end(answer);
    this.proxy.onLinkGone(this, 'closed');
  }
}

const UPGRADE_HEADER = /\r\nupgrade:[ \t]*websocket/i;
const UPGRADE_REFUSAL =
  'HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 44\r\nConnection: close\r\n\r\nWebsocket upgrades are blocked by this proxy';

export class ShapingProxy {
  private readonly server: net.Server;
  private readonly links = new Set<Link>();
  private readonly rng: Rng;
  private profile: LinkProfile;
  private offline: OfflineMode | null = null;
  private flapTimer: NodeJS.Timeout | null = null;
  private nextLinkId = 0;
  private statsValue: ProxyStats = ShapingProxy.emptyStats();
  private readonly burstBytes: number;
  private readonly line: { readonly up: LineBucket; readonly down: LineBucket } | null;
  private readonly log: (line: string) => void;
  private closing = false;
  private refusingUpgrades: boolean;
  /** Refuse only upgrades to paths starting with this (a proxy or an older relay without that endpoint). */
  private refusedUpgradePath: string | null = null;
  /** Links that have been made half-open (still open, forwarding nothing). */
  private readonly halfOpenLinks = new Set<Link>();

  private constructor(
    private readonly options: ShapingProxyOptions,
    readonly port: number,
    server: net.Server,
  ) {
    this.server = server;
    this.rng = createRng(options.seed);
    this.profile = options.profile ?? PROFILES.loopback;
    this.burstBytes = options.burstBytes ?? 16 * 1024;
    this.line = options.sharedLine ? { up: { txClock: 0 }, down: { txClock: 0 } } : null;
    this.log = options.log ?? (() => undefined);
    this.refusingUpgrades = options.refuseUpgrades ?? false;
    if (this.profile.startsOffline) this.offline = 'reset';
    if (this.profile.flap) this.startFlapping();
  }

  static async start(options: ShapingProxyOptions): Promise<ShapingProxy> {
    const server = net.createServer({ noDelay: true, allowHalfOpen: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no TCP address');
    const proxy = new ShapingProxy(options, address.port, server);
    server.on('connection', (socket) => proxy.accept(socket));
    return proxy;
  }

  private static emptyStats(): ProxyStats {
    return {
      up: emptyDirectionStats(),
      down: emptyDirectionStats(),
      upgradesRefused: 0,
      linksAccepted: 0,
      linksRefused: 0,
      linksOpen: 0,
      cuts: 0,
      resets: 0,
    };
  }

  /** ws://127.0.0.1:<proxy port><path>. */
  wsUrl(path = '/sync'): string {
    return `ws://127.0.0.1:${this.port}${path}`;
  }

  get linksOpen(): number {
    return this.links.size;
  }

  get isOffline(): boolean {
    return this.offline !== null;
  }

  get currentProfile(): LinkProfile {
    return this.profile;
  }

  /** Applies a profile to open links (rates and latency) and to new ones; starts or stops its flapping. */
  setProfile(profile: LinkProfile): void {
    this.profile = profile;
    for (const link of this.links) {
      link.up.setShape(profile.up);
      link.down.setShape(profile.down);
    }
    this.stopFlapping();
    if (profile.flap) this.startFlapping();
  }

  /** Starts or stops refusing websocket upgrades (new upgrade requests; open websockets stay open). */
  refuseUpgrades(refuse: boolean): void {
    this.refusingUpgrades = refuse;
    this.log(refuse ? 'refusing websocket upgrades' : 'allowing websocket upgrades');
  }

  /** Refuses websocket upgrades to paths that start with `prefix` only (null: stop). */
  refuseUpgradesTo(prefix: string | null): void {
    this.refusedUpgradePath = prefix;
  }

  /** Called by a link for each chunk from its client: a websocket upgrade is refused when the proxy says so. */
  admitsUp(link: Link, chunk: Buffer): boolean {
    const head = chunk.toString('latin1');
    const refusedPath = this.refusedUpgradePath !== null && head.startsWith(`GET ${this.refusedUpgradePath}`);
    // The relay's multiplexed websocket: the parsers read each room's frame (wsFrameParser.ts).
    if (head.startsWith(`GET ${MUX_PATH_PREFIX}`)) link.multiplexed = true;
    if ((!this.refusingUpgrades && !refusedPath) || !UPGRADE_HEADER.test(head)) return true;
    this.statsValue.upgradesRefused++;
    this.log(`link ${link.id}: websocket upgrade refused`);
    link.refuse(UPGRADE_REFUSAL);
    return false;
  }

  /** A copy of the counters since start or the last resetStats(). */
  stats(): ProxyStats {
    return structuredClone({ ...this.statsValue, linksOpen: this.links.size });
  }

  resetStats(): void {
    this.statsValue = ShapingProxy.emptyStats();
  }

  /**
   * The link goes down. 'reset': open connections get a TCP RST (the operating system noticed the network
   * went away). 'stall': open connections stay open and their data waits until goOnline() (a short outage TCP
   * rides out). New connections are refused either way.
   */
  goOffline(mode: OfflineMode = 'reset'): void {
    this.offline = mode;
    this.log(`offline (${mode})`);
    if (mode === 'reset') this.reset();
    else
      for (const link of this.links) {
        link.up.stall();
        link.down.stall();
      }
  }

  goOnline(): void {
    if (this.offline === null) return;
    this.offline = null;
    this.log('online');
    for (const link of this.links) {
      link.up.release();
      link.down.release();
    }
  }

  /**
   * Every open connection silently stops forwarding in both directions and is never closed by the proxy:
   * neither side hears anything more, as behind a NAT that forgot the flow. New connections work.
   */
  halfOpen(): void {
    for (const link of this.links) {
      link.up.dropping = true;
      link.down.dropping = true;
      this.halfOpenLinks.add(link);
    }
    this.log(`half-open: ${this.halfOpenLinks.size} link(s)`);
  }

  /** Every open connection gets a TCP RST on both sides. */
  reset(): void {
    for (const link of [...this.links]) link.kill('reset');
  }

  /** The next websocket data message in `direction` on every open link is cut in its middle, then the link is reset. */
  cutMidMessage(direction: Direction): void {
    for (const link of this.links) (direction === 'up' ? link.up : link.down).armCut();
  }

  startFlapping(): void {
    const flap = this.profile.flap;
    if (!flap || this.flapTimer !== null) return;
    const flapRng = this.rng.fork('flap');
    const phase = (up: boolean): void => {
      if (this.closing) return;
      if (up) this.goOnline();
      else this.goOffline(flapRng.next() < flap.resetProbability ? 'reset' : 'stall');
      const [min, max] = up ? flap.upMs : flap.downMs;
      this.flapTimer = setTimeout(() => phase(!up), flapRng.int(min, max));
    };
    const [min, max] = flap.upMs;
    this.flapTimer = setTimeout(() => phase(false), flapRng.int(min, max));
  }

  /** Stops flapping and leaves the link up. */
  stopFlapping(): void {
    if (this.flapTimer !== null) clearTimeout(this.flapTimer);
    this.flapTimer = null;
    this.goOnline();
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.flapTimer !== null) clearTimeout(this.flapTimer);
    this.flapTimer = null;
    for (const link of [...this.links]) link.kill('reset');
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Called by a Link when it has ended. */
  onLinkGone(link: Link, why: 'cut' | 'reset' | 'closed'): void {
    this.links.delete(link);
    this.halfOpenLinks.delete(link);
    if (why === 'cut') this.statsValue.cuts++;
    if (why === 'reset') this.statsValue.resets++;
    if (why !== 'closed') this.log(`link ${link.id} ${why}`);
  }

  private accept(client: net.Socket): void {
    client.setNoDelay(true);
    if (this.closing || this.offline !== null) {
      this.statsValue.linksRefused++;
      client.on('error', () => undefined);
      client.resetAndDestroy();
      return;
    }
    const id = this.nextLinkId++;
    const server = net.connect({
      port: this.options.targetPort,
      host: this.options.targetHost ?? '127.0.0.1',
      noDelay: true,
      allowHalfOpen: true,
    });
    this.statsValue.linksAccepted++;
    const link = new Link(
      id,
      this,
      client,
      server,
      this.profile,
      this.rng.fork(`link-${id}`),
      () => this.statsValue,
      this.burstBytes,
      this.line,
    );
    this.links.add(link);
  }
}
