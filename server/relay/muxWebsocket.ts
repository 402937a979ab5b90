/**
 * One multiplexed websocket (`/mux/<soaId>`, frames in shared/protocol/muxFrames.ts): every room of one SOA
 * that a member's app has open, over one connection. Each room is opened through the relay's one admission
 * (relay.ts `admitToRoom`: the room exists and is the member's partnership's, the member's connection
 * limits) and then runs as its own RelayConnection over a MuxRoomSocket, exactly as over a per-room
 * websocket: the write rule, the write pipeline, ACKs, presence rules, rate limits and unsent-bytes caps.
 *
 * A room the relay refuses or closes gets a close frame with the per-room websocket's code; the other rooms
 * carry on. Only what concerns the link closes the websocket: a frame the relay cannot read (4400), too many
 * frames (4528), and the link-wide codes in muxRoomSocket.ts. Closing the websocket ends all its rooms.
 */
import type { WebSocket } from 'ws';
import { parseRoomName } from '../../shared/model/rooms';
import type { SoaId } from '../../shared/model/ids';
import { decodeMuxFrame, encodeMuxFrame, MuxFrameError, type MuxFrame } from '../../shared/protocol/muxFrames';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import { toV2Message } from '../../shared/protocol/v2Messages';
import type { AuthenticatedMember } from '../db/directory';
import type { Logger } from '../log';
import { closeAndDrop } from './closeSocket';
import { MESSAGES_PER_CONNECTION } from './limits';
import { MuxRoomSocket, type MuxCarrier } from './muxRoomSocket';
import { TokenBucket } from './tokenBucket';

/** The relay's admission of a member to a room (relay.ts), as the websocket uses it. */
export type MuxAdmit = (
  member: AuthenticatedMember,
  room: string,
) =>
  | { readonly code: number; readonly reason: string }
  | { readonly start: (socket: MuxRoomSocket, wantsAcks: boolean) => void };

export interface MuxContext {
  readonly admit: MuxAdmit;
  readonly logger: Logger;
  /** Counts one frame against the member's message rate (across all their connections); false past it. */
  readonly withinMemberRate: () => boolean;
}

const NOT_OPEN_REASON = 'This room is not open on this connection; open it first.';

export class MuxWebsocket implements MuxCarrier {
  private readonly rooms = new Map<string, MuxRoomSocket>();
  /** Rooms admitted on this websocket at some time: a message to one that has closed since is dropped unread. */
  private readonly admitted = new Set<string>();
  /** Frames that reach no room's connection (opens, leaves, strays) count against their own bucket. */
  private readonly frames = new TokenBucket(MESSAGES_PER_CONNECTION);
  /** The payload of the keep-alive ping awaiting its answer; null once answered. */
  private pingPayload: Buffer | null = null;
  private ended = false;
  /** Whether the last keep-alive round found no room open. */
  private idleLastRound = false;

  constructor(
    private readonly ws: WebSocket,
    readonly member: AuthenticatedMember,
    readonly soaId: SoaId,
    private readonly context: MuxContext,
    private readonly onClosed: () => void,
    /** The app asked for catch-ups and ACKs in Yjs's V2 encoding (shared/protocol/v2Messages.ts). */
    private readonly v2Messages = false,
  ) {
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('pong', (data: Buffer) => this.pong(data));
    ws.on('error', (error) => {
      context.logger.warn('socket error', { member: member.id, soa: soaId, error: error.message });
      this.closeAll(CLOSE_CODES.MALFORMED, 'The connection failed; reconnect.');
    });
    ws.on('close', () => this.endRooms());
  }

  get roomCount(): number {
    return this.rooms.size;
  }

  /**
   * The relay's keep-alive round (`payload`: the round's random ping data). A websocket that did not answer
   * the last round's ping is dropped with all its rooms, as a per-room websocket is; one with no room open
   * through two rounds is closed (rooms keep a live one busy; the app closes its websocket when its last room
   * leaves). One ping per websocket, not per room: a round over a relay holding tens of thousands of rooms
   * on a few hundred websockets stays short.
   */
  keepAlive(payload: Buffer): void {
    if (this.ended) return;
    if (this.pingPayload) {
      this.context.logger.info('connection lost: no answer to the keep-alive', {
        member: this.member.id,
        soa: this.soaId,
        rooms: this.rooms.size,
      });
      this.terminateAll();
      return;
    }
    const idle = this.rooms.size === 0;
    if (idle && this.idleLastRound) {
      this.closeAll(1000, 'No room is open on this connection.');
      return;
    }
    this.idleLastRound = idle;
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.pingPayload = payload;
    this.ws.ping(payload);
  }

  // The carrier, for its rooms (muxRoomSocket.ts):

  sendMessage(room: string, message: Uint8Array, written: (error?: Error) => void): void {
    if (this.ws.readyState !== this.ws.OPEN) return written(new Error('closed'));
    this.ws.send(
      encodeMuxFrame({ kind: 'message', room, message: this.v2Messages ? this.inV2(message) : message }),
      written,
    );
  }

  /** A message in its V2 form; as it is if that fails (the app reads both forms). */
  private inV2(message: Uint8Array): Uint8Array {
    try {
      return toV2Message(message);
    } catch (error) {
      this.context.logger.warn('message not converted to V2', { member: this.member.id, error: String(error) });
      return message;
    }
  }

  sendClose(room: string, code: number, reason: string): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(encodeMuxFrame({ kind: 'close', room, code, reason }));
  }

  closeAll(code: number, reason: string): void {
    if (this.ended) return;
    closeAndDrop(this.ws, code, reason);
    this.endRooms();
  }

  terminateAll(): void {
    this.ws.terminate();
    this.endRooms();
  }

  private pong(data: Buffer): void {
    // Only the answer to the relay's own ping counts, as for a per-room websocket.
    if (this.pingPayload?.equals(data)) this.pingPayload = null;
  }

  private receive(data: unknown, isBinary: boolean): void {
    if (this.ended) return;
    if (!isBinary || !(data instanceof Buffer)) {
      this.refuseLink(CLOSE_CODES.MALFORMED, 'The relay only accepts binary frames on this connection.', 'not binary');
      return;
    }
    let frame: MuxFrame;
    try {
      frame = decodeMuxFrame(data);
    } catch (error) {
      const problem = error instanceof MuxFrameError ? error : new MuxFrameError(String(error), null);
      if (problem.room !== null && this.frames.take(1) && this.context.withinMemberRate()) {
        // Its room is known: only that room is refused.
        this.refuseRoom(problem.room, CLOSE_CODES.MALFORMED, `The relay could not read a frame: ${problem.message}.`);
        return;
      }
      this.refuseLink(
        CLOSE_CODES.MALFORMED,
        `The relay could not read a frame (${problem.message}); reload the app and reconnect.`,
        problem.message,
      );
      return;
    }
    const socket = this.rooms.get(frame.room);
    if (frame.kind === 'message' && socket) {
      // The room's connection counts it against its own and its member's limits, as a websocket's message.
      socket.deliver(data.subarray(data.byteLength - frame.message.byteLength));
      return;
    }
    if (!this.frames.take(1) || !this.context.withinMemberRate()) {
      this.refuseLink(
        CLOSE_CODES.RATE_LIMITED,
        'Too many requests in a short time; the app reconnects by itself shortly.',
        'too many frames',
      );
      return;
    }
    switch (frame.kind) {
      case 'open':
        this.open(frame.room, frame.wantsAcks);
        return;
      case 'close':
        if (socket) {
          this.rooms.delete(frame.room);
          socket.end();
        }
        return;
      case 'message':
        // A message for a room that closed while it was on its way is dropped, as a websocket drops what
        // arrives after its close; one for a room never opened here is a client's mistake, and says so.
        if (!this.admitted.has(frame.room)) this.refuseRoom(frame.room, CLOSE_CODES.MALFORMED, NOT_OPEN_REASON);
        return;
    }
  }

  /** Opens the rooms the upgrade URL named (muxFrames.ts MUX_ROOMS_PARAM), as open frames would. */
  openListed(rooms: readonly string[], wantsAcks: boolean): void {
    for (const room of rooms) {
      if (this.ended) return;
      if (!this.frames.take(1) || !this.context.withinMemberRate()) {
        this.refuseLink(
          CLOSE_CODES.RATE_LIMITED,
          'Too many requests in a short time; the app reconnects by itself shortly.',
          'too many rooms',
        );
        return;
      }
      this.open(room, wantsAcks);
    }
  }

  private open(room: string, wantsAcks: boolean): void {
    const parsed = parseRoomName(room);
    if (parsed && parsed.soaId !== this.soaId) {
      this.refuseRoom(room, CLOSE_CODES.ROOM_NOT_FOUND, 'This connection carries the rooms of another SOA.');
      return;
    }
    const admission = this.context.admit(this.member, room);
    if ('code' in admission) {
      this.refuseRoom(room, admission.code, admission.reason);
      return;
    }
    // Opened again (a reconnect racing its own leave): the old connection ends first, as on the HTTPS link.
    const previous = this.rooms.get(room);
    if (previous) {
      this.rooms.delete(room);
      previous.end();
    }
    const socket = new MuxRoomSocket(room, this);
    this.rooms.set(room, socket);
    this.admitted.add(room);
    socket.once('close', () => {
      if (this.rooms.get(room) === socket) this.rooms.delete(room);
    });
    admission.start(socket, wantsAcks);
  }

  /** A room refused without a connection of its own (the connection's refusals come through its socket). */
  private refuseRoom(room: string, code: number, reason: string): void {
    const roomForLog = parseRoomName(room) ? room : `(not a room name, ${room.length} characters)`;
    this.context.logger.warn('room refused', { member: this.member.id, soa: this.soaId, room: roomForLog, code });
    const open = this.rooms.get(room);
    if (open) open.close(code, reason);
    else this.sendClose(room, code, reason);
  }

  private refuseLink(code: number, reason: string, detail: string): void {
    this.context.logger.warn('connection refused', { member: this.member.id, soa: this.soaId, code, detail });
    this.closeAll(code, reason);
  }

  private endRooms(): void {
    if (this.ended) return;
    this.ended = true;
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    for (const socket of rooms) socket.end();
    this.onClosed();
  }
}
