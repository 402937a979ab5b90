/**
 * What a relay connection needs of its socket: the part of `ws`'s WebSocket it uses. A member's websocket
 * is one; an HTTPS session's room (httpsSocket.ts) is another, so both are the same RelayConnection, with
 * the same write pipeline, limits, presence rules and ACKs.
 */
export interface PeerSocket {
  binaryType: 'nodebuffer' | 'arraybuffer' | 'fragments';
  readonly readyState: number;
  readonly OPEN: number;
  readonly CLOSED: number;
  /** Bytes queued for the client and not yet taken by it. */
  readonly bufferedAmount: number;
  send(data: Uint8Array, callback: (error?: Error) => void): void;
  /**
   * The relay's keep-alive ping, answered by a 'pong' with the same data. Absent when what carries the
   * socket checks the link itself (a room on a multiplexed websocket: muxWebsocket.ts pings once per round
   * for all its rooms and drops them all if unanswered), so the connection neither pings nor waits.
   */
  ping?(data: Buffer): void;
  terminate(): void;
  close(code: number, reason: string): void;
  /** Stop reading the client. */
  pause(): void;
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'close', listener: () => void): this;
  on(event: 'pong', listener: (data: Buffer) => void): this;
  once(event: 'close', listener: () => void): this;
}
