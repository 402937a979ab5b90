/**
 * A websocket client written frame by frame over a plain TCP socket, for the misbehaving clients the relay
 * must survive: one that stops reading (the `ws` client always reads), one that sends half a message, or
 * one that sends pongs nobody asked for. Frames are masked with a zero key, which leaves the payload as is.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';

export interface FrameSocket {
  readonly socket: net.Socket;
  /** The HTTP status line of the upgrade answer. */
  readonly status: string;
  /** Close codes of close frames received so far (only while reading). */
  readonly closeCodes: number[];
  /** Binary messages received so far (only while reading). */
  readonly messages: Uint8Array[];
  /** Resolves when the TCP connection has gone (closed by either side, or failed). */
  readonly gone: Promise<void>;
  readonly isGone: () => boolean;
  /** Writes one whole binary message; false once the socket has gone. */
  sendMessage(payload: Uint8Array): boolean;
  /** Writes the header of a binary frame declaring `length` bytes, and the first part of its payload. */
  sendFrameStart(length: number, firstPart: Uint8Array): void;
  /** Writes more payload of a frame started with sendFrameStart. */
  sendRaw(bytes: Uint8Array): void;
  sendPong(payload: Uint8Array): void;
  /** Stops reading: whatever the relay sends piles up in the kernel's buffers, then in the relay. */
  stopReading(): void;
}

function frameHeader(opcode: number, length: number): Buffer {
  const mask = Buffer.alloc(4); // a zero masking key
  if (length < 126) return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | length]), mask]);
  if (length < 65536) {
    const header = Buffer.from([0x80 | opcode, 0x80 | 126, 0, 0]);
    header.writeUInt16BE(length, 2);
    return Buffer.concat([header, mask]);
  }
  const header = Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  header[1] = 0x80 | 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return Buffer.concat([header, mask]);
}

/** Opens `rawPath` (sent byte for byte) on the relay with a websocket upgrade. */
export function openFrameSocket(relayUrl: string, rawPath: string): Promise<FrameSocket> {
  const { hostname, port } = new URL(relayUrl);
  const socket = net.connect(Number(port), hostname);
  let gone = false;
  const closeCodes: number[] = [];
  const messages: Uint8Array[] = [];
  const goneSignal = new Promise<void>((resolve) =>
    socket.once('close', () => {
      gone = true;
      resolve();
    }),
  );
  socket.on('error', () => socket.destroy());
  let pending = Buffer.alloc(0);
  const readFrames = (): void => {
    while (pending.length >= 2) {
      const opcode = (pending[0] ?? 0) & 0x0f;
      let length = (pending[1] ?? 0) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (pending.length < 4) return;
        length = pending.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (pending.length < 10) return;
        length = Number(pending.readBigUInt64BE(2));
        offset = 10;
      }
      if (pending.length < offset + length) return;
      const payload = pending.subarray(offset, offset + length);
      if (opcode === 0x8 && payload.length >= 2) closeCodes.push(payload.readUInt16BE(0));
      if (opcode === 0x2) messages.push(new Uint8Array(payload));
      pending = pending.subarray(offset + length);
    }
  };
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const onHead = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onHead);
      const status = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      pending = head.subarray(end + 4);
      readFrames();
      socket.on('data', (more: Buffer) => {
        pending = Buffer.concat([pending, more]);
        readFrames();
      });
      const write = (bytes: Uint8Array): boolean => {
        if (gone || socket.destroyed) return false;
        socket.write(bytes);
        return true;
      };
      resolve({
        socket,
        status,
        closeCodes,
        messages,
        gone: goneSignal,
        isGone: () => gone,
        sendMessage: (payload) => write(Buffer.concat([frameHeader(0x2, payload.length), payload])),
        sendFrameStart: (length, firstPart) => void write(Buffer.concat([frameHeader(0x2, length), firstPart])),
        sendRaw: (bytes) => void write(bytes),
        sendPong: (payload) => void write(Buffer.concat([frameHeader(0xa, payload.length), payload])),
        stopReading: () => {
          socket.removeAllListeners('data');
          socket.pause();
        },
      });
    };
    socket.on('data', onHead);
    socket.once('close', () =>
      reject(new Error(`the relay closed ${rawPath.split('?')[0]} before answering the upgrade`)),
    );
    socket.on('connect', () => {
      socket.write(
        [
          `GET ${rawPath} HTTP/1.1`,
          `Host: ${hostname}:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      );
    });
  });
}

/** The resident set size of a process in bytes, from /proc (Linux). */
export function residentBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}
