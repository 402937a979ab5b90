/**
 * The relay: one HTTP server that answers the API, serves the web app, and upgrades /sync/<room> to a
 * y-websocket connection after checking the member's token and their access to the room.
 *
 * Authentication happens on the upgrade request (the stock client puts the token in the URL); the socket is
 * always upgraded first so that a refusal arrives as a websocket close code and reason the app can show.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseRoomName, mayWrite } from '../../shared/model/rooms';
import { ACK_REQUEST_PARAM, CLOSE_CODES } from '../../shared/protocol/messages';
import type { MemberId } from '../../shared/model/ids';
import type { Directory } from '../db/directory';
import { handleRequest } from '../http/routes';
import type { StaticFiles } from '../http/staticFiles';
import { errorMessage, type Logger } from '../log';
import type { RoomStore } from '../storage/roomStore';
import { RelayConnection } from './connection';
import { AUTH_TIMEOUT_MS, DIRECTORY_POLL_MS, MAX_CONNECTIONS_PER_MEMBER, MAX_FRAME_BYTES, MAX_MESSAGE_BYTES } from './limits';
import { RoomRegistry } from './roomRegistry';

export interface RelayOptions {
  readonly directory: Directory;
  readonly store: RoomStore;
  readonly logger: Logger;
  readonly host: string;
  readonly port: number;
  readonly staticFiles?: StaticFiles | null;
  /** Changes other processes wrote to the store (the admin CLI), if the store can tell. */
  readonly foreignWrites?: () => readonly { readonly room: string; readonly update: Uint8Array }[];
  readonly authTimeoutMs?: number;
  readonly maxConnectionsPerMember?: number;
  readonly pollMs?: number;
}

export interface Relay {
  /** http://host:port */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, closes every connection (going away), waits for pending writes. */
  close(): Promise<void>;
}

const SYNC_PREFIX = '/sync/';
const KEEPALIVE_MS = 30_000;

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const { directory, store, logger } = options;
  const registry = new RoomRegistry(store, logger);
  const connections = new Map<MemberId, Set<RelayConnection>>();
  const started = Date.now();
  let connectionCount = 0;
  let revocationsCheckedAt = Date.now();

  // The time limit before authentication: the upgrade request carrying the token must arrive in time.
  const authTimeout = options.authTimeoutMs ?? AUTH_TIMEOUT_MS;
  const server = http.createServer({ connectionsCheckingInterval: Math.min(1_000, authTimeout) }, (request, response) => {
    try {
      handleRequest(request, response, {
        directory,
        staticFiles: options.staticFiles ?? null,
        status: () => ({ uptimeSeconds: Math.round((Date.now() - started) / 1000), roomsLoaded: registry.loadedCount, connections: connectionCount }),
      });
    } catch (error) {
      logger.error('request failed', { path: (request.url ?? '').split('?')[0], error: errorMessage(error) });
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: 'The relay failed to answer; try again, and tell the administrator if it keeps happening.' }));
    }
  });
  server.headersTimeout = authTimeout;
  server.requestTimeout = authTimeout;
  server.on('clientError', (_error, socket: Duplex) => socket.destroy());

  const sockets = new WebSocketServer({ noServer: true, maxPayload: Math.max(MAX_FRAME_BYTES, MAX_MESSAGE_BYTES) });
  sockets.on('error', (error) => logger.error('websocket server error', { error: error.message }));

  const refuse = (socket: WebSocket, code: number, reason: string, fields: Record<string, string>): void => {
    logger.warn('connection refused', { code, ...fields });
    socket.on('error', () => socket.terminate());
    socket.close(code, reason);
  };

  const admit = (socket: WebSocket, request: http.IncomingMessage): void => {
    const [rawPath = '', rawQuery = ''] = (request.url ?? '').split('?', 2);
    // The room is the raw path after /sync/: never percent-decoded or normalised (parseRoomName is exact).
    const roomName = rawPath.slice(SYNC_PREFIX.length);
    const query = new URLSearchParams(rawQuery);
    const token = query.get('token');
    if (!token) return refuse(socket, CLOSE_CODES.UNAUTHENTICATED, 'No invite token was sent; sign in with your invite token.', { room: roomName.slice(0, 200) });
    const check = directory.checkToken(token);
    if (check.kind === 'unknown') return refuse(socket, CLOSE_CODES.UNAUTHENTICATED, 'This invite token is not known; check it or ask for a new invite.', { room: roomName.slice(0, 200) });
    if (check.kind === 'revoked') return refuse(socket, CLOSE_CODES.REVOKED, 'Your access has been revoked by the partnership administrator.', { room: roomName.slice(0, 200) });
    const member = check.member;
    const parsed = parseRoomName(roomName);
    if (!parsed || !directory.mayOpen(member, parsed)) {
      return refuse(socket, CLOSE_CODES.ROOM_NOT_FOUND, 'This document does not exist or belongs to another partnership.', { member: member.id, room: roomName.slice(0, 200) });
    }
    const open = connections.get(member.id) ?? new Set<RelayConnection>();
    if (open.size >= (options.maxConnectionsPerMember ?? MAX_CONNECTIONS_PER_MEMBER)) {
      return refuse(socket, CLOSE_CODES.TOO_MANY, 'Too many open connections for this member; close other windows and try again.', { member: member.id });
    }
    connections.set(member.id, open);
    connectionCount++;
    const access = { canWrite: mayWrite(member, parsed), wantsAcks: query.get(ACK_REQUEST_PARAM) === '1' };
    const connection = new RelayConnection(socket, member, roomName, access, { registry, store, logger }, (closed) => {
      connectionCount--;
      open.delete(closed);
      if (open.size === 0 && connections.get(member.id) === open) connections.delete(member.id);
      logger.info('connection closed', { member: member.id, room: roomName });
    });
    open.add(connection);
    logger.info('connection opened', { member: member.id, room: roomName, role: member.role });
  };

  server.on('upgrade', (request, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const rawPath = (request.url ?? '').split('?')[0] ?? '';
    if (!rawPath.startsWith(SYNC_PREFIX)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (webSocket) => {
      try {
        admit(webSocket, request);
      } catch (error) {
        logger.error('admission failed', { error: errorMessage(error) });
        webSocket.close(CLOSE_CODES.STORAGE_UNAVAILABLE, 'The relay could not check your access; try again later.');
      }
    });
  });

  const poll = setInterval(() => {
    try {
      // Both are cheap unless another process (the admin CLI) has committed since the last look.
      for (const { room, update } of options.foreignWrites?.() ?? []) registry.applyForeign(room, update);
      if (!directory.changedElsewhere()) return;
      const checkFrom = revocationsCheckedAt - 5_000;
      revocationsCheckedAt = Date.now();
      for (const { memberId } of directory.revokedSince(checkFrom)) {
        for (const connection of connections.get(memberId) ?? []) {
          logger.info('revoked member disconnected', { member: memberId, room: connection.roomName });
          connection.close(CLOSE_CODES.REVOKED, 'Your access has been revoked by the partnership administrator.');
        }
      }
    } catch (error) {
      logger.error('directory poll failed', { error: errorMessage(error) });
    }
  }, options.pollMs ?? DIRECTORY_POLL_MS);

  const keepAlive = setInterval(() => {
    for (const open of connections.values()) for (const connection of open) connection.ping();
  }, KEEPALIVE_MS);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error('server error', { error: error.message }));
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    async close() {
      clearInterval(poll);
      clearInterval(keepAlive);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const open of [...connections.values()]) {
        for (const connection of [...open]) connection.close(CLOSE_CODES.GOING_AWAY, 'The relay is restarting; reconnect shortly.');
      }
      server.closeAllConnections();
      await registry.settle();
      registry.disposeAll();
      await store.close();
      await stopped;
      sockets.close();
    },
  };
}
