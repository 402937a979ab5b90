/**
 * The app's own sync layer (renderer/src/sync/roomConnection.ts: keystroke coalescing, ACK tracking, dead-link
 * pings) run in Node for benchmarks. It expects a browser: a global WebSocket and `window` online/offline
 * events. Node 20 has neither, so this module provides `ws` and a bare EventTarget before constructing one.
 */
import type * as Y from 'yjs';
import { WebSocket } from 'ws';
import { RoomConnection } from '../../../renderer/src/sync/roomConnection';

function installBrowserGlobals(): void {
  const g = globalThis as unknown as { WebSocket?: unknown; window?: unknown };
  g.WebSocket ??= WebSocket;
  g.window ??= new EventTarget();
}

/** A RoomConnection to `relayUrl` (http://host:port of the relay or a proxy in front of it). */
export function appConnection(options: { relayUrl: string; room: string; token: string; doc: Y.Doc }): RoomConnection {
  installBrowserGlobals();
  return new RoomConnection({ ...options, nonLocalOrigins: [], trackerKey: null });
}
