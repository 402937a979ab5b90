/**
 * One websocket for every room of one SOA (the relay's /mux/<soaId>, frames in shared/protocol/muxFrames.ts),
 * instead of one per room: after a day offline on a thin link the app pays one handshake, not one per room.
 * Each room is a MuxSocket the provider uses as its WebSocket; the link opens the websocket when the first
 * room needs it, carries every room's messages framed with the room's name, and closes it a moment after
 * the last room has left.
 *
 * When the websocket closes (the network, the relay restarting, a close for the whole link such as 4508)
 * every room on it closes with the same code, and the providers reconnect with their usual backoff; the
 * first to come back opens a new websocket and the others join it. A room the relay refuses or closes
 * (4404, 4400, ...) closes alone. A websocket on which nothing at all has been heard for DEAD_AFTER_MS,
 * while rooms are open and each pings the relay when quiet, is dead: it is dropped so the rooms reconnect.
 */
import {
  decodeMuxFrame,
  encodeMuxFrame,
  MUX_MAX_MESSAGE_BYTES,
  MUX_MAX_ROOMS_PARAM_CHARS,
  MUX_ROOMS_PARAM,
  muxRoomEntry,
  type MuxFrame,
} from '../../../shared/protocol/muxFrames';
import { ACK_REQUEST_PARAM, CLOSE_CODES } from '../../../shared/protocol/messages';
import { fromV2Message, MUX_V2_PARAM } from '../../../shared/protocol/v2Messages';
import type { CarriedRoomSocket, RoomCarrier } from './carriedRoomSocket';

/** Nothing heard for this long, with rooms open, means the link is dead (each room pings after 8 s quiet). */
const DEAD_AFTER_MS = 16_000;
const WATCHDOG_MS = 2_000;
/** How long the websocket stays open after the last room leaves, for a room that leaves and comes back. */
const IDLE_CLOSE_MS = 1_000;

/** The browser's WebSocket as the link uses it. */
export interface MuxWebSocket {
  binaryType: string;
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code?: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export class MuxLink implements RoomCarrier {
  private ws: MuxWebSocket | null = null;
  private wsOpen = false;
  private readonly sockets = new Map<string, CarriedRoomSocket>();
  private lastHeardAt = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private connectPending = false;
  /** Websockets this link has opened (for the benchmarks' and tests' connection counts). */
  opened = 0;

  constructor(
    /** ws(s)://host/mux/<soaId>?token=... */
    private readonly url: string,
    private readonly soaId: string,
    /** Makes the websocket (the link chooser's, which watches whether it opens). */
    private readonly makeWebSocket: (url: string) => MuxWebSocket,
  ) {}

  /** Rooms open on this link now. */
  get roomCount(): number {
    return this.sockets.size;
  }

  open(socket: CarriedRoomSocket): void {
    this.sockets.get(socket.room)?.ended(1000, 'Opened again.');
    this.sockets.set(socket.room, socket);
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.wsOpen) this.start(socket);
    else if (!this.ws && !this.connectPending) {
      // On the next turn, so every room the app opens at once is named in the URL.
      this.connectPending = true;
      setTimeout(() => {
        this.connectPending = false;
        if (this.sockets.size > 0) this.connect();
      }, 0);
    }
  }

  send(room: string, message: Uint8Array): void {
    const socket = this.sockets.get(room);
    if (!this.wsOpen || !socket) return;
    if (message.byteLength > MUX_MAX_MESSAGE_BYTES) {
      // Refused here, for this room alone, exactly as the relay would refuse it (see MUX_MAX_MESSAGE_BYTES).
      this.sockets.delete(room);
      this.write({ kind: 'close', room, code: 1000, reason: '' });
      socket.ended(CLOSE_CODES.TOO_LARGE, 'A change was too large for the relay; split it into smaller changes.');
      this.closeWhenIdle();
      return;
    }
    this.write({ kind: 'message', room, message });
  }

  leave(socket: CarriedRoomSocket): void {
    if (this.sockets.get(socket.room) !== socket) return;
    this.sockets.delete(socket.room);
    if (this.wsOpen) this.write({ kind: 'close', room: socket.room, code: 1000, reason: '' });
    this.closeWhenIdle();
  }

  private closeWhenIdle(): void {
    if (this.sockets.size > 0 || this.idleTimer !== null || !this.ws) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.sockets.size === 0) this.drop(1000, 'No room is open.', false);
    }, IDLE_CLOSE_MS);
  }

  /** Closes the websocket and every room on it (the app is moving to another link, or closing). */
  endAll(code: number, reason: string): void {
    this.drop(code, reason, true);
  }

  private connect(): void {
    if (this.ws) return;
    // The rooms waiting now are named in the URL, so the relay opens them in the handshake's round trip, as
    // it opens a per-room websocket's room; an open frame would cost one more round trip on a thin link.
    const listed = this.listable();
    const url = new URL(this.url);
    // Catch-ups and ACKs in Yjs's V2 encoding: about half the bytes after a day offline (v2Messages.ts).
    url.searchParams.set(MUX_V2_PARAM, '1');
    if (listed.length > 0) {
      url.searchParams.set(MUX_ROOMS_PARAM, listed.map((socket) => muxRoomEntry(this.soaId, socket.room)).join(','));
      url.searchParams.set(ACK_REQUEST_PARAM, '1');
    }
    const ws = this.makeWebSocket(url.toString());
    this.opened++;
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.wsOpen = true;
      this.lastHeardAt = Date.now();
      this.watchdog ??= setInterval(() => this.checkAlive(), WATCHDOG_MS);
      const openedByUrl = new Set(listed.map((socket) => socket.room));
      for (const socket of [...this.sockets.values()]) {
        if (!openedByUrl.delete(socket.room)) this.start(socket);
        else if (socket.readyState === socket.CONNECTING) socket.opened();
        else this.leave(socket);
      }
      // Rooms the URL named that the app has closed since: the relay opened them, so leave them.
      for (const room of openedByUrl) this.write({ kind: 'close', room, code: 1000, reason: '' });
      this.closeWhenIdle();
    };
    ws.onmessage = (event) => {
      if (this.ws !== ws) return;
      this.lastHeardAt = Date.now();
      this.receive(event.data);
    };
    ws.onerror = () => undefined;
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.detach();
      this.endRooms(event.code ?? 1006, event.reason ?? '');
    };
  }

  /** The waiting rooms the URL can name: rooms of this SOA that want ACKs, up to the URL's share. */
  private listable(): CarriedRoomSocket[] {
    const listed: CarriedRoomSocket[] = [];
    let chars = 0;
    for (const socket of this.sockets.values()) {
      const entry = muxRoomEntry(this.soaId, socket.room);
      if (entry === null || entry.includes(',') || !socket.wantsAcks || socket.readyState !== socket.CONNECTING)
        continue;
      chars += entry.length + 1;
      if (chars > MUX_MAX_ROOMS_PARAM_CHARS) break;
      listed.push(socket);
    }
    return listed;
  }

  private start(socket: CarriedRoomSocket): void {
    if (socket.readyState !== socket.CONNECTING) {
      // Closed by the app while the websocket was opening: it never reached the relay.
      if (this.sockets.get(socket.room) === socket) this.sockets.delete(socket.room);
      return;
    }
    this.write({ kind: 'open', room: socket.room, wantsAcks: socket.wantsAcks });
    socket.opened();
  }

  private write(frame: MuxFrame): void {
    try {
      this.ws?.send(encodeMuxFrame(frame));
    } catch {
      // A websocket closing under us: its close event ends the rooms.
    }
  }

  private receive(data: unknown): void {
    if (!(data instanceof ArrayBuffer)) return;
    let frame: MuxFrame;
    try {
      frame = decodeMuxFrame(new Uint8Array(data));
      if (frame.kind === 'message') frame = { ...frame, message: fromV2Message(frame.message) };
    } catch {
      // The relay sends nothing else; a damaged frame means a damaged link: start again.
      this.drop(1006, 'The relay sent a frame the app could not read; reconnecting.', true);
      return;
    }
    const socket = this.sockets.get(frame.room);
    if (!socket) return;
    if (frame.kind === 'message') socket.received(frame.message);
    else if (frame.kind === 'close') {
      this.sockets.delete(frame.room);
      socket.ended(frame.code, frame.reason);
    }
  }

  private checkAlive(): void {
    if (!this.wsOpen || this.sockets.size === 0) return;
    if (Date.now() - this.lastHeardAt > DEAD_AFTER_MS) this.drop(1006, 'The link went quiet; reconnecting.', true);
  }

  /** Lets go of the websocket at once (a dead one may take long to close) and, if asked, ends its rooms. */
  private drop(code: number, reason: string, endRooms: boolean): void {
    const ws = this.ws;
    this.detach();
    if (ws) {
      ws.onclose = null;
      ws.onmessage = null;
      try {
        ws.close(1000);
      } catch {
        // Already closing.
      }
    }
    if (endRooms) this.endRooms(code, reason);
  }

  private detach(): void {
    this.ws = null;
    this.wsOpen = false;
    if (this.watchdog !== null) clearInterval(this.watchdog);
    this.watchdog = null;
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private endRooms(code: number, reason: string): void {
    const sockets = [...this.sockets.values()];
    this.sockets.clear();
    for (const socket of sockets) socket.ended(code, reason);
  }
}
