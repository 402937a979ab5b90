/**
 * The HTTPS link's sessions: one per app (member and browser tab), holding a relay connection for each room
 * it has opened, each over an HttpsSocket. A session is only a way to carry bytes: whatever its rooms send
 * goes through RelayConnection exactly as a websocket's messages do (the write pipeline, ACKs, limits,
 * presence). A session id is random and secret, and every request must also carry its member's token.
 *
 * A receive request waits (long-polls) until something is queued for any of the session's rooms, or until
 * its wait is over. A newer receive request answers the older one at once (empty), so a client never holds
 * more than one. A session whose rooms have all closed is forgotten.
 */
import { randomBytes } from 'node:crypto';
import type { HttpsFrame } from '../../shared/protocol/httpsFrames';
import type { MemberId } from '../../shared/model/ids';
import { HttpsSocket } from './httpsSocket';

/** How long a closed room's last frames wait for a client that has stopped asking. */
const CLOSED_ROOM_KEPT_MS = 60_000;

interface Waiter {
  readonly answer: (frames: HttpsFrame[]) => void;
  readonly timer: NodeJS.Timeout;
}

export class HttpsSession {
  readonly id = randomBytes(18).toString('base64url');
  private readonly sockets = new Map<string, HttpsSocket>();
  private waiter: Waiter | null = null;

  constructor(
    readonly memberId: MemberId,
    private readonly onEmpty: (session: HttpsSession) => void,
  ) {}

  /** A new room's socket (the caller makes its relay connection); an open one of the same room is closed first. */
  openRoom(room: string): HttpsSocket {
    this.sockets.get(room)?.close(1000, 'The room was opened again in this session.');
    const socket = new HttpsSocket(
      room,
      () => this.wake(),
      () => this.waiter !== null,
    );
    this.sockets.set(room, socket);
    // A room the relay closed keeps its close (and what was queued before it) for the client's next
    // receive; a client that never comes back for it is forgotten after a while.
    socket.on('close', () => {
      const timer = setTimeout(() => {
        if (this.sockets.get(room) === socket) this.sockets.delete(room);
        this.forgetIfEmpty();
      }, CLOSED_ROOM_KEPT_MS);
      timer.unref();
    });
    return socket;
  }

  get roomCount(): number {
    return this.sockets.size;
  }

  /** Any request from the client answers its rooms' keep-alives. */
  heardFrom(): void {
    for (const socket of this.sockets.values()) socket.heardFrom();
  }

  /** A message the client sent to one of its rooms; false when the room is not open in this session. */
  deliver(frame: HttpsFrame): boolean {
    const socket = this.sockets.get(frame.room);
    if (!socket || socket.readyState !== socket.OPEN) return false;
    if (frame.kind === 'message') socket.deliver(Buffer.from(frame.message));
    else {
      socket.closedByClient();
      this.sockets.delete(frame.room);
      this.forgetIfEmpty();
    }
    return true;
  }

  /** Waits up to waitMs for frames, and answers with everything queued. */
  receive(waitMs: number, answer: (frames: HttpsFrame[]) => void): void {
    this.answerWaiter();
    const queued = this.take();
    if (queued.length > 0 || waitMs <= 0) {
      answer(queued);
      this.forgetIfEmpty();
      return;
    }
    const timer = setTimeout(() => this.answerWaiter(), waitMs);
    this.waiter = { answer, timer };
  }

  /** Ends a waiting receive (the client went away, or the relay is stopping). */
  cancelReceive(answer: (frames: HttpsFrame[]) => void): void {
    if (this.waiter?.answer !== answer) return;
    clearTimeout(this.waiter.timer);
    this.waiter = null;
  }

  /** Closes every room (the relay is stopping) and answers a waiting receive with the closes. */
  closeAll(code: number, reason: string): void {
    for (const socket of this.sockets.values()) socket.close(code, reason);
    this.answerWaiter();
  }

  private wake(): void {
    // Answered on the next turn, so what a burst of work queues goes in one answer.
    if (this.waiter) setImmediate(() => this.answerWaiter());
  }

  private answerWaiter(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = null;
    clearTimeout(waiter.timer);
    waiter.answer(this.take());
    this.forgetIfEmpty();
  }

  private take(): HttpsFrame[] {
    const frames: HttpsFrame[] = [];
    for (const [room, socket] of this.sockets) {
      if (socket.hasQueued) frames.push(...socket.take());
      if (socket.readyState !== socket.OPEN) this.sockets.delete(room);
    }
    return frames;
  }

  private forgetIfEmpty(): void {
    if (this.sockets.size === 0 && !this.waiter) this.onEmpty(this);
  }
}

/** Every open session, by id. */
export class HttpsSessions {
  private readonly sessions = new Map<string, HttpsSession>();

  create(memberId: MemberId): HttpsSession {
    const session = new HttpsSession(memberId, (empty) => {
      if (this.sessions.get(empty.id) === empty) this.sessions.delete(empty.id);
    });
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string): HttpsSession | null {
    return this.sessions.get(id) ?? null;
  }

  get size(): number {
    return this.sessions.size;
  }

  closeAll(code: number, reason: string): void {
    for (const session of [...this.sessions.values()]) session.closeAll(code, reason);
    this.sessions.clear();
  }
}
