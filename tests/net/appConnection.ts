/**
 * The app's own sync layer (renderer/src/sync/roomConnection.ts: coalescing, ACK tracking, dead-link pings)
 * in Node, so the network tests exercise what partners run. It expects a browser: a global WebSocket and
 * `window` online/offline events; Node 20 has neither, so `ws` and a bare EventTarget stand in.
 */
import type * as Y from 'yjs';
import { WebSocket } from 'ws';
import { RoomConnection } from '../../renderer/src/sync/roomConnection';

export function appConnection(options: { relayUrl: string; room: string; token: string; doc: Y.Doc }): RoomConnection {
  const g = globalThis as unknown as { WebSocket?: unknown; window?: unknown };
  g.WebSocket ??= WebSocket;
  g.window ??= new EventTarget();
  return new RoomConnection({ ...options, nonLocalOrigins: [], trackerKey: null });
}
