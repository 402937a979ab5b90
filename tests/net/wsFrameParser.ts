/**
 * Reads the websocket framing (RFC 6455) out of one direction of a TCP byte stream, without changing it,
 * so the shaping proxy can count messages and cut links in the middle of one.
 *
 * The stream starts with the HTTP upgrade (request or response, up to the blank line); everything after it
 * is frames. Client-to-server frames are masked; the first two payload bytes are unmasked to classify the
 * y-websocket message (sync step 1 / step 2 / update, awareness, auth, query-awareness, the relay's ACK).
 * Compressed frames (RSV1, permessage-deflate) are classified as 'compressed'. On a multiplexed websocket
 * (/mux/<soaId>, shared/protocol/muxFrames.ts) the message inside each room's frame is classified, and a
 * room's open or close frame is 'room-control'.
 */
import { MESSAGE_TYPES } from '../../shared/protocol/messages';
import { V2_MESSAGE_TYPES } from '../../shared/protocol/v2Messages';

export type MessageKind =
  | 'sync-step1'
  | 'sync-step2'
  | 'sync-update'
  | 'awareness'
  | 'auth'
  | 'query-awareness'
  | 'ack'
  | 'other'
  | 'room-control'
  | 'compressed'
  | 'text'
  | 'close'
  | 'ping'
  | 'pong';

/** One frame header as it passes, with its absolute position in this direction's byte stream. */
export interface FrameInfo {
  readonly start: number;
  readonly headerLength: number;
  readonly payloadLength: number;
  readonly opcode: number;
  readonly fin: boolean;
  readonly masked: boolean;
  /** Control frames (close, ping, pong) are not messages. */
  readonly control: boolean;
}

/** A complete websocket message (one or more data frames ending with FIN), or a control frame. */
export interface MessageInfo {
  readonly kind: MessageKind;
  /** Frame bytes on the wire, headers included. */
  readonly wireBytes: number;
  readonly payloadBytes: number;
}

export interface FrameParserEvents {
  /** Called as soon as a frame's header is complete (before its payload has arrived). */
  onFrameHeader?(frame: FrameInfo): void;
  /** Called when the last byte of a message (or control frame) has passed. */
  onMessage?(message: MessageInfo): void;
}

const HEADER_END = Buffer.from('\r\n\r\n');

function classify(opcode: number, rsv1: boolean, prefix: readonly number[]): MessageKind {
  if (opcode === 0x8) return 'close';
  if (opcode === 0x9) return 'ping';
  if (opcode === 0xa) return 'pong';
  if (opcode === 0x1) return 'text';
  if (rsv1) return 'compressed';
  const [type, sub] = prefix;
  switch (type) {
    case MESSAGE_TYPES.SYNC:
      return sub === 0 ? 'sync-step1' : sub === 1 ? 'sync-step2' : sub === 2 ? 'sync-update' : 'other';
    case MESSAGE_TYPES.AWARENESS:
      return 'awareness';
    case MESSAGE_TYPES.AUTH:
      return 'auth';
    case MESSAGE_TYPES.QUERY_AWARENESS:
      return 'query-awareness';
    case MESSAGE_TYPES.ACK:
    case V2_MESSAGE_TYPES.ACK_V2:
      return 'ack';
    case V2_MESSAGE_TYPES.SYNC_STEP2_V2:
      return 'sync-step2';
    default:
      return 'other';
  }
}

/** Enough of a multiplexed frame to reach its message's first two bytes (room names are under 100 bytes). */
const MUX_PREFIX_BYTES = 160;

function readVarUint(bytes: readonly number[], at: { pos: number }): number {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at.pos++];
    if (byte === undefined) return -1;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return value;
    shift += 7;
  }
}

/** The first two bytes of the y-protocols message inside a multiplexed frame, or null for an open or close. */
function unwrapMuxPrefix(prefix: readonly number[]): number[] | null {
  const at = { pos: 0 };
  const kind = readVarUint(prefix, at);
  const roomLength = readVarUint(prefix, at);
  if (kind !== 0 || roomLength < 0) return null;
  at.pos += roomLength;
  if (readVarUint(prefix, at) < 0) return null;
  return prefix.slice(at.pos, at.pos + 2);
}

/** A streaming parser: feed it every chunk of one direction in order. */
export class WsFrameParser {
  /** Bytes fed so far (absolute offset of the next byte). */
  offset = 0;
  private inHttp = true;
  private httpTail: Buffer = Buffer.alloc(0);
  private header: number[] = [];
  private headerNeeded = 2;
  private frame: FrameInfo | null = null;
  private mask: number[] = [];
  private payloadSeen = 0;
  private rsv1 = false;
  /** The message being assembled across continuation frames. */
  private message: { prefix: number[]; rsv1: boolean; opcode: number; wire: number; payload: number } | null = null;

  constructor(
    private readonly events: FrameParserEvents,
    /** True when the stream is a multiplexed websocket (its messages are framed with their room). */
    private readonly multiplexed: () => boolean = () => false,
  ) {}

  feed(chunk: Uint8Array): void {
    let i = 0;
    const base = this.offset;
    if (this.inHttp) {
      const joined = Buffer.concat([this.httpTail, chunk]);
      const end = joined.indexOf(HEADER_END);
      if (end < 0) {
        this.httpTail = joined.subarray(Math.max(0, joined.length - 3));
        this.offset += chunk.length;
        return;
      }
      i = end + HEADER_END.length - this.httpTail.length;
      this.inHttp = false;
      this.httpTail = Buffer.alloc(0);
    }
    while (i < chunk.length) {
      if (this.frame === null) {
        const byte = chunk[i] as number;
        this.header.push(byte);
        i++;
        if (this.header.length === 2) {
          const len7 = (this.header[1] as number) & 0x7f;
          const masked = ((this.header[1] as number) & 0x80) !== 0;
          this.headerNeeded = 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (masked ? 4 : 0);
        }
        if (this.header.length >= 2 && this.header.length === this.headerNeeded)
          this.startFrame(base + i - this.headerNeeded);
        continue;
      }
      const frame = this.frame;
      const take = Math.min(chunk.length - i, frame.payloadLength - this.payloadSeen);
      const message = frame.control ? null : this.message;
      if (message !== null) {
        const wanted = this.multiplexed() ? MUX_PREFIX_BYTES : 2;
        for (let k = 0; k < take && message.prefix.length < wanted; k++) {
          const raw = chunk[i + k] as number;
          message.prefix.push(frame.masked ? raw ^ (this.mask[(this.payloadSeen + k) % 4] as number) : raw);
        }
      }
      this.payloadSeen += take;
      i += take;
      if (this.payloadSeen === frame.payloadLength) this.endFrame();
    }
    this.offset += chunk.length;
  }

  private startFrame(start: number): void {
    const h = this.header;
    const b0 = h[0] as number;
    const b1 = h[1] as number;
    const len7 = b1 & 0x7f;
    let length = len7;
    let p = 2;
    if (len7 === 126) {
      length = ((h[2] as number) << 8) | (h[3] as number);
      p = 4;
    } else if (len7 === 127) {
      length = 0;
      for (let k = 2; k < 10; k++) length = length * 256 + (h[k] as number);
      p = 10;
    }
    const masked = (b1 & 0x80) !== 0;
    this.mask = masked ? h.slice(p, p + 4) : [];
    const opcode = b0 & 0x0f;
    this.rsv1 = (b0 & 0x40) !== 0;
    const frame: FrameInfo = {
      start,
      headerLength: this.headerNeeded,
      payloadLength: length,
      opcode,
      fin: (b0 & 0x80) !== 0,
      masked,
      control: opcode >= 0x8,
    };
    this.frame = frame;
    this.payloadSeen = 0;
    this.header = [];
    this.headerNeeded = 2;
    if (!frame.control && (opcode !== 0 || this.message === null)) {
      this.message = { prefix: [], rsv1: this.rsv1, opcode, wire: 0, payload: 0 };
    }
    if (!frame.control && this.message !== null) {
      this.message.wire += frame.headerLength + frame.payloadLength;
      this.message.payload += frame.payloadLength;
    }
    this.events.onFrameHeader?.(frame);
    if (length === 0) this.endFrame();
  }

  private endFrame(): void {
    const frame = this.frame;
    if (frame === null) return;
    this.frame = null;
    if (frame.control) {
      this.events.onMessage?.({
        kind: classify(frame.opcode, false, []),
        wireBytes: frame.headerLength + frame.payloadLength,
        payloadBytes: frame.payloadLength,
      });
      return;
    }
    const message = this.message;
    if (frame.fin && message !== null) {
      this.message = null;
      const inner =
        this.multiplexed() && message.opcode === 0x2 && !message.rsv1 ? unwrapMuxPrefix(message.prefix) : [];
      this.events.onMessage?.({
        kind:
          inner === null
            ? 'room-control'
            : classify(message.opcode, message.rsv1, inner.length > 0 ? inner : message.prefix),
        wireBytes: message.wire,
        payloadBytes: message.payload,
      });
    }
  }
}
