/**
 * One room on a multiplexed websocket (muxWebsocket.ts), as a relay connection sees a socket (peerSocket.ts),
 * so a room opened there is the same RelayConnection as a per-room websocket's: the same write pipeline,
 * limits, presence rules and ACKs.
 *
 * `bufferedAmount` is this room's own bytes that the websocket has not yet written out, so the unsent-bytes
 * caps count each room as they count a per-room websocket, and the member's total adds up the rooms once.
 * A close the relay makes for the link as a whole (a client not reading, a revoked member, a dead link, the
 * relay stopping) ends the websocket and with it every room; any other close ends this room alone. The
 * room has no keep-alive ping of its own: the websocket's answers for all its rooms (muxWebsocket.ts).
 */
import { EventEmitter } from 'node:events';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import type { PeerSocket } from './peerSocket';

const OPEN = 1;
const CLOSED = 3;

/** Close codes about the link rather than the room: the whole websocket closes with them. */
const LINK_WIDE_CODES: ReadonlySet<number> = new Set([
  CLOSE_CODES.NOT_READING,
  CLOSE_CODES.REVOKED,
  CLOSE_CODES.UNAUTHENTICATED,
  CLOSE_CODES.GOING_AWAY,
]);

/** What a room needs of the websocket that carries it. */
export interface MuxCarrier {
  /** Sends a message of this room; `written` runs once the websocket has written it out (or failed). */
  sendMessage(room: string, message: Uint8Array, written: (error?: Error) => void): void;
  /** Tells the client the relay ended this room. */
  sendClose(room: string, code: number, reason: string): void;
  /** Ends the whole websocket (every room on it) with a code. */
  closeAll(code: number, reason: string): void;
  /** Drops the whole websocket at once. */
  terminateAll(): void;
}

export class MuxRoomSocket extends EventEmitter implements PeerSocket {
  binaryType: 'nodebuffer' | 'arraybuffer' | 'fragments' = 'nodebuffer';
  readonly OPEN = OPEN;
  readonly CLOSED = CLOSED;
  private state = OPEN;
  private unwritten = 0;
  private paused = false;

  constructor(
    readonly room: string,
    private readonly carrier: MuxCarrier,
  ) {
    super();
  }

  get readyState(): number {
    return this.state;
  }

  get bufferedAmount(): number {
    return this.unwritten;
  }

  send(data: Uint8Array, callback: (error?: Error) => void): void {
    if (this.state !== OPEN) return callback(new Error('closed'));
    const bytes = data.byteLength;
    this.unwritten += bytes;
    this.carrier.sendMessage(this.room, data, (error) => {
      this.unwritten -= bytes;
      callback(error);
    });
  }

  /** A message the client sent to this room. */
  deliver(message: Buffer): void {
    if (this.state === OPEN && !this.paused) this.emit('message', message, true);
  }

  /** Dropping a room at once drops its link: every room on it goes. */
  terminate(): void {
    if (this.state === CLOSED) return;
    this.carrier.terminateAll();
  }

  close(code: number, reason: string): void {
    if (this.state === CLOSED) return;
    if (LINK_WIDE_CODES.has(code)) {
      this.carrier.closeAll(code, reason);
      return;
    }
    this.carrier.sendClose(this.room, code, reason);
    this.end();
  }

  pause(): void {
    this.paused = true;
  }

  /** The room ended: the client left it, or the websocket closed. */
  end(): void {
    if (this.state === CLOSED) return;
    this.state = CLOSED;
    this.emit('close');
  }
}
