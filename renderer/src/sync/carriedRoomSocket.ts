/**
 * One room carried by a link that names the room in each message: the multiplexed websocket (muxLink.ts,
 * MuxSocket) or the HTTPS link (httpsLink.ts, HttpsSocket). Shaped as the browser's WebSocket so the stock
 * y-websocket provider uses it unchanged: it opens, carries the same messages, and closes with the relay's
 * close codes and reasons.
 */

/** The part of the browser's CloseEvent the provider and the app read. */
export interface LinkCloseEvent {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
}

/** What the socket needs of its link. */
export interface RoomCarrier {
  open(socket: CarriedRoomSocket): void;
  send(room: string, message: Uint8Array): void;
  leave(socket: CarriedRoomSocket): void;
}

export class CarriedRoomSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  binaryType = 'arraybuffer';
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: LinkCloseEvent) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  /** The room, from the provider's URL (…/sync/<room>?token=…). */
  readonly room: string;
  /** Whether the app asked for the relay's ACKs (the ack=1 parameter). */
  readonly wantsAcks: boolean;

  constructor(
    readonly url: string,
    private readonly carrier: RoomCarrier,
  ) {
    const parsed = new URL(url);
    const marker = '/sync/';
    this.room = parsed.pathname.slice(parsed.pathname.lastIndexOf(marker) + marker.length);
    this.wantsAcks = parsed.searchParams.get('ack') === '1';
    // Opened on the next turn, once the provider has set its handlers.
    setTimeout(() => {
      if (this.readyState === CarriedRoomSocket.CONNECTING) carrier.open(this);
    }, 0);
  }

  send(data: ArrayBuffer | Uint8Array): void {
    if (this.readyState !== CarriedRoomSocket.OPEN) return;
    this.carrier.send(this.room, data instanceof Uint8Array ? data : new Uint8Array(data));
  }

  /** The app closes the room (the provider disconnecting). */
  close(): void {
    if (this.readyState === CarriedRoomSocket.CLOSED) return;
    const wasOpen = this.readyState === CarriedRoomSocket.OPEN;
    this.readyState = CarriedRoomSocket.CLOSED;
    if (wasOpen) this.carrier.leave(this);
    this.fireClose(1000, '', true);
  }

  // From the link:

  opened(): void {
    if (this.readyState !== CarriedRoomSocket.CONNECTING) return;
    this.readyState = CarriedRoomSocket.OPEN;
    this.onopen?.({});
  }

  received(message: Uint8Array): void {
    if (this.readyState !== CarriedRoomSocket.OPEN) return;
    const copy = new Uint8Array(message.byteLength);
    copy.set(message);
    this.onmessage?.({ data: copy.buffer });
  }

  /** The relay ended the room (its close code), or the link failed (1006). */
  ended(code: number, reason: string): void {
    if (this.readyState === CarriedRoomSocket.CLOSED) return;
    this.readyState = CarriedRoomSocket.CLOSED;
    if (code === 1006) this.onerror?.({});
    this.fireClose(code, reason, code !== 1006);
  }

  private fireClose(code: number, reason: string, wasClean: boolean): void {
    const handler = this.onclose;
    setTimeout(() => handler?.({ code, reason, wasClean }), 0);
  }
}
