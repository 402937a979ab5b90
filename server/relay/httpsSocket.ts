/**
 * One room of an HTTPS session (httpsSession.ts), as a relay connection sees a socket (peerSocket.ts):
 * what the relay sends waits here until the session's next receive request takes it, and what the client
 * posts arrives as messages. `bufferedAmount` is what waits untaken, so the relay's unsent-bytes caps
 * close a client that stops collecting exactly as they close a websocket client that stops reading.
 */
import { EventEmitter } from 'node:events';
import type { HttpsFrame } from '../../shared/protocol/httpsFrames';
import type { PeerSocket } from './peerSocket';

const OPEN = 1;
const CLOSED = 3;

export class HttpsSocket extends EventEmitter implements PeerSocket {
  binaryType: 'nodebuffer' | 'arraybuffer' | 'fragments' = 'nodebuffer';
  readonly OPEN = OPEN;
  readonly CLOSED = CLOSED;
  private state = OPEN;
  private queue: HttpsFrame[] = [];
  private queuedBytes = 0;
  private paused = false;
  /** The relay's last keep-alive ping, answered when the client is next heard from. */
  private awaitedPing: Buffer | null = null;

  constructor(
    readonly room: string,
    /** Called when something is queued, so a waiting receive request can answer. */
    private readonly onQueued: () => void,
    /** True while the client is waiting on a receive request (it is there, so a ping is answered at once). */
    private readonly clientWaiting: () => boolean,
  ) {
    super();
  }

  get readyState(): number {
    return this.state;
  }

  get bufferedAmount(): number {
    return this.queuedBytes;
  }

  send(data: Uint8Array, callback: (error?: Error) => void): void {
    if (this.state !== OPEN) return callback(new Error('closed'));
    this.queue.push({ kind: 'message', room: this.room, message: data });
    this.queuedBytes += data.byteLength;
    this.onQueued();
    callback();
  }

  /** A message the client posted. */
  deliver(message: Buffer): void {
    if (this.state === OPEN && !this.paused) this.emit('message', message, true);
  }

  /** Everything waiting for the client, taken by a receive request. */
  take(): HttpsFrame[] {
    const frames = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    return frames;
  }

  get hasQueued(): boolean {
    return this.queue.length > 0;
  }

  /** The client was heard from (any request of its session): a pending keep-alive is answered. */
  heardFrom(): void {
    const ping = this.awaitedPing;
    this.awaitedPing = null;
    if (ping && this.state === OPEN) this.emit('pong', ping);
  }

  ping(data: Buffer): void {
    if (this.clientWaiting()) this.emit('pong', data);
    else this.awaitedPing = data;
  }

  /** The relay ends the room's connection: the client is told the code and reason in its next receive. */
  close(code: number, reason: string): void {
    if (this.state === CLOSED) return;
    this.queue.push({ kind: 'close', room: this.room, code, reason });
    this.end();
    this.onQueued();
  }

  /** The client went quiet (no answer to a keep-alive): ended; what waited for it is dropped. */
  terminate(): void {
    if (this.state === CLOSED) return;
    this.queue = [];
    this.queuedBytes = 0;
    this.close(1006, 'The link went quiet; reconnect.');
  }

  /** The client left the room. */
  closedByClient(): void {
    this.end();
  }

  pause(): void {
    this.paused = true;
  }

  private end(): void {
    if (this.state === CLOSED) return;
    this.state = CLOSED;
    this.emit('close');
  }
}
