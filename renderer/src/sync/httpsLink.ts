/**
 * The HTTPS link to the relay, for a network that refuses websocket upgrades: one session for every room
 * the app opens with one invite token, carrying the same y-protocols messages as the websocket
 * (shared/protocol/httpsFrames.ts, server/http/syncRoutes.ts). One long-poll brings what the relay sends
 * for every room; what the rooms send goes out in one request at a time, batched while the previous one is
 * on its way. The token goes in the Authorization header of every request, never in a URL.
 *
 * When the session ends (the relay restarted, the network failed) every room's socket closes as a dropped
 * websocket would (1006), and the providers reconnect with their usual backoff.
 */
import {
  decodeHttpsFrames,
  encodeHttpsFrames,
  frameOverhead,
  HTTPS_SYNC_PATHS,
  type HttpsFrame,
} from '../../../shared/protocol/httpsFrames';
import type { CarriedRoomSocket, RoomCarrier } from './carriedRoomSocket';

/** How long one receive request waits on the relay for something to deliver. */
const RECEIVE_WAIT_SECONDS = 20;
/** A batch of messages is cut at about this size (a single larger message goes alone). */
const BATCH_BYTES = 256 * 1024;
/** How long a request may take before the link counts it as lost (a long-poll gets its wait on top). */
const REQUEST_TIMEOUT_MS = 30_000;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

async function errorOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // Not the relay's JSON (a proxy's page): say what the status was.
  }
  return `The relay answered ${response.status}.`;
}

/** A websocket close code for an HTTP refusal of a room, so the app shows the same problem either way. */
function closeCodeFor(status: number): number {
  if (status === 401) return 4401;
  if (status === 403) return 4404;
  if (status === 429) return 4529;
  if (status === 413) return 4413;
  return 1006;
}

export class HttpsLink implements RoomCarrier {
  private session: string | null = null;
  /** The first open of a session, which the others wait for so they join the same session. */
  private starting: Promise<void> | null = null;
  private readonly sockets = new Map<string, CarriedRoomSocket>();
  private outbox: HttpsFrame[] = [];
  private sending = false;
  private polling = false;
  private generation = 0;

  constructor(
    /** The relay's address, http(s)://host[/base]. */
    private readonly relayUrl: string,
    private readonly token: string,
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
  ) {}

  /** Rooms open on this link now. */
  get roomCount(): number {
    return this.sockets.size;
  }

  open(socket: CarriedRoomSocket): void {
    this.sockets.get(socket.room)?.ended(1000, 'Opened again.');
    this.sockets.set(socket.room, socket);
    void this.openRoom(socket);
  }

  send(room: string, message: Uint8Array): void {
    this.outbox.push({ kind: 'message', room, message });
    void this.flush();
  }

  leave(socket: CarriedRoomSocket): void {
    if (this.sockets.get(socket.room) !== socket) return;
    this.sockets.delete(socket.room);
    this.outbox.push({ kind: 'close', room: socket.room, code: 1000, reason: '' });
    void this.flush();
  }

  /** Closes every room with `code` (the app is going back to websockets, or the link failed). */
  endAll(code: number, reason: string): void {
    this.generation++;
    this.session = null;
    this.starting = null;
    this.outbox = [];
    const sockets = [...this.sockets.values()];
    this.sockets.clear();
    for (const socket of sockets) socket.ended(code, reason);
  }

  private url(path: string): string {
    return `${this.relayUrl.replace(/\/+$/, '')}${path}`;
  }

  private async request(path: string, init: RequestInit, extraMs = 0): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS + extraMs);
    try {
      return await this.fetchImpl(this.url(path), {
        ...init,
        cache: 'no-store',
        signal: controller.signal,
        headers: { ...(init.headers as Record<string, string> | undefined), Authorization: `Bearer ${this.token}` },
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private async openRoom(socket: CarriedRoomSocket): Promise<void> {
    // The first room opens the session; the others wait for it, so they all join the one session.
    while (this.session === null && this.starting) await this.starting;
    const generation = this.generation;
    const first = this.session === null;
    let done: () => void = () => undefined;
    if (first) this.starting = new Promise<void>((resolve) => (done = resolve));
    try {
      const response = await this.request(HTTPS_SYNC_PATHS.open, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ room: socket.room, ack: socket.wantsAcks, session: this.session }),
      });
      if (generation !== this.generation || this.sockets.get(socket.room) !== socket) return;
      if (response.status === 404) {
        // The session ended on the relay: every room starts again in a new one.
        this.endAll(1006, 'The relay ended the session; reconnecting.');
        return;
      }
      if (!response.ok) {
        this.sockets.delete(socket.room);
        socket.ended(closeCodeFor(response.status), await errorOf(response));
        return;
      }
      const { session } = (await response.json()) as { session: string };
      this.session = session;
      if (socket.readyState !== socket.CONNECTING) {
        // The app closed the room while it was opening: leave it on the relay too.
        this.sockets.delete(socket.room);
        this.outbox.push({ kind: 'close', room: socket.room, code: 1000, reason: '' });
        void this.flush();
        return;
      }
      socket.opened();
      void this.poll();
      void this.flush();
    } catch {
      if (generation === this.generation) this.endAll(1006, 'The relay could not be reached.');
    } finally {
      if (first) {
        if (generation === this.generation) this.starting = null;
        done();
      }
    }
  }

  /** Sends what is waiting, one request at a time, while the session lasts. */
  private async flush(): Promise<void> {
    if (this.sending || this.session === null || this.outbox.length === 0) return;
    this.sending = true;
    const generation = this.generation;
    try {
      while (this.session !== null && generation === this.generation && this.outbox.length > 0) {
        let bytes = 0;
        let count = 0;
        for (const frame of this.outbox) {
          const size = (frame.kind === 'message' ? frame.message.byteLength : 0) + frameOverhead(frame.room);
          if (count > 0 && bytes + size > BATCH_BYTES) break;
          bytes += size;
          count++;
        }
        const batch = this.outbox.slice(0, count);
        const response = await this.request(`${HTTPS_SYNC_PATHS.sessions}${this.session}/send`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/octet-stream' },
          body: encodeHttpsFrames(batch) as Uint8Array<ArrayBuffer>,
        });
        if (generation !== this.generation) return;
        if (!response.ok) {
          // The messages were not taken: the rooms reconnect, and their sync exchange carries every change.
          this.endAll(response.status === 413 ? 4413 : 1006, await errorOf(response));
          return;
        }
        this.outbox.splice(0, count);
        // The last room has left: the relay has forgotten the session, so the next room starts a new one.
        if (this.sockets.size === 0 && this.outbox.length === 0) this.session = null;
      }
    } catch {
      if (generation === this.generation) this.endAll(1006, 'The relay could not be reached.');
    } finally {
      this.sending = false;
    }
  }

  /** One long-poll at a time, for as long as any room is open. */
  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    const generation = this.generation;
    try {
      while (this.session !== null && generation === this.generation && this.sockets.size > 0) {
        const response = await this.request(
          `${HTTPS_SYNC_PATHS.sessions}${this.session}/receive?wait=${RECEIVE_WAIT_SECONDS}`,
          { method: 'GET' },
          RECEIVE_WAIT_SECONDS * 1000,
        );
        if (generation !== this.generation) return;
        if (!response.ok) {
          this.endAll(response.status === 404 ? 1006 : closeCodeFor(response.status), await errorOf(response));
          return;
        }
        for (const frame of decodeHttpsFrames(new Uint8Array(await response.arrayBuffer()))) {
          const socket = this.sockets.get(frame.room);
          if (!socket) continue;
          if (frame.kind === 'message') socket.received(frame.message);
          else {
            this.sockets.delete(frame.room);
            socket.ended(frame.code, frame.reason);
          }
        }
      }
    } catch {
      if (generation === this.generation) this.endAll(1006, 'The relay could not be reached.');
    } finally {
      this.polling = false;
    }
  }
}
