/**
 * The relay: one HTTP server that answers the API, serves the web app, and upgrades /sync/<room> to a
 * y-websocket connection after checking the member's token and their access to the room. The multiplexed
 * websocket (/mux/<soaId>, muxWebsocket.ts) and the HTTPS link (http/syncRoutes.ts) open the same
 * connections, by the same rules, several rooms at a time.
 *
 * Authentication happens on the upgrade request (the stock client puts the token in the URL); the socket is
 * always upgraded first so that a refusal arrives as a websocket close code and reason the app can show.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { frameRoom, parseRoomName, mayWrite } from '../../shared/model/rooms';
import { MUX_PATH_PREFIX, MUX_ROOMS_PARAM } from '../../shared/protocol/muxFrames';
import { HTTPS_PROBE_PATH } from '../../shared/protocol/httpsFrames';
import { ACK_REQUEST_PARAM, CLOSE_CODES } from '../../shared/protocol/messages';
import type { MemberId, SoaId } from '../../shared/model/ids';
import type { AuthenticatedMember, Directory } from '../db/directory';
import { PdfExports, type PdfExporter } from '../export/pdfExports';
import { VersionComparer } from '../history/versionComparer';
import { handleBundleImport } from '../http/bundleRoute';
import { handleRequest } from '../http/routes';
import { handleHttpsSync, type HttpsSyncContext } from '../http/syncRoutes';
import type { StaticFiles } from '../http/staticFiles';
import { errorMessage, throttledLogger, type Logger } from '../log';
import type { RoomStore } from '../storage/roomStore';
import { closeAndDrop } from './closeSocket';
import { COMPRESSION, type CompressionMode } from './compression';
import { RelayConnection } from './connection';
import {
  AUTH_TIMEOUT_MS,
  DIRECTORY_POLL_MS,
  MAX_CONNECTIONS_PER_MEMBER,
  MAX_MUX_WEBSOCKETS_PER_MEMBER,
  MUX_FRAME_HEADROOM_BYTES,
  MAX_UNAUTHENTICATED_SOCKETS,
  MAX_WEBSOCKET_PAYLOAD_BYTES,
} from './limits';
import { HttpsSessions } from './httpsSessions';
import { MemberBudget } from './memberBudget';
import { MuxWebsocket } from './muxWebsocket';
import { MUX_V2_PARAM } from '../../shared/protocol/v2Messages';
import type { PeerSocket } from './peerSocket';
import { PresenceLedger } from './presenceLedger';
import { RoomRegistry } from './roomRegistry';
import type { WriteLimits } from './writeLimits';

// ws is CommonJS, so it is required rather than imported: Node reads a CommonJS package imported from an ES
// module through its export-name scanner first, and scanning ws's files runs hot enough for V8 to optimise the
// scanner, whose compile memory (2-5 MiB, measured) then stays with the relay for good.
const { WebSocketServer } = createRequire(import.meta.url)('ws') as typeof import('ws');

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
  /** How often the relay pings each connection; one that has not answered the previous ping is dropped. */
  readonly keepAliveMs?: number;
  readonly maxConnectionsPerMember?: number;
  readonly pollMs?: number;
  /**
   * A secret that lets an operator's monitoring read the relay's figures from /healthz (as a bearer token);
   * everyone else gets a bare "ok". Null or absent: nobody gets the figures.
   */
  readonly statusToken?: string | null;
  readonly maxUnauthenticatedSockets?: number;
  /** Quotas on writes (writeLimits.ts); the defaults unless a benchmark turns them off. */
  readonly writeLimits?: WriteLimits;
  /**
   * Websocket compression (compression.ts): 'off' (the default) nowhere, 'app' on the app's multiplexed
   * websocket only, 'on' on the stock per-room endpoint too (bench/net-reconnect.ts measures them).
   */
  readonly compression?: CompressionMode;
  /** Makes PDFs with `soa-relay export` in a child process (pdfExports.ts); absent, in this process. */
  readonly pdfExporter?: PdfExporter | null;
  /** The longest a version comparison may take on its worker (versionComparer.ts); 60 s unless given. */
  readonly comparisonTimeoutMs?: number;
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

/** A room name for the log: only one the relay recognises, since a malformed URL can put a token there. */
function roomForLog(roomName: string): string {
  return parseRoomName(roomName) ? roomName : `(not a room name, ${roomName.length} characters)`;
}

/** A raw socket's error listener: the socket is dropped. */
function destroySocket(this: Duplex): void {
  this.destroy();
}

/** The kind of path an HTTP request asked for, for the log (never the path itself: see roomForLog). */
function routeForLog(rawPath: string): string {
  const first = rawPath.split('/')[1] ?? '';
  return ['healthz', 'api', 'sync'].includes(first) ? first : 'web';
}

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const { directory, store } = options;
  // Repeated lines (a client repeating a refused write, a reconnect loop) are rate-limited per member.
  const logger = throttledLogger(options.logger);
  const registry = new RoomRegistry(store, logger, options.writeLimits);
  await registry.recallQuotas();
  const budgets = new Map<MemberId, MemberBudget<RelayConnection>>();
  const presence = new PresenceLedger();
  const httpsSessions = new HttpsSessions();
  /** Open multiplexed websockets, by member. */
  const muxes = new Map<MemberId, Set<MuxWebsocket>>();
  const started = Date.now();
  let connectionCount = 0;
  let revocationsCheckedAt = Date.now();

  // The time limit before authentication: the upgrade request carrying the token must arrive in time.
  const authTimeout = options.authTimeoutMs ?? AUTH_TIMEOUT_MS;
  const pdfExports = new PdfExports(directory, options.pdfExporter ?? null);
  const comparer = new VersionComparer({ timeoutMs: options.comparisonTimeoutMs });
  const server = http.createServer(
    { connectionsCheckingInterval: Math.min(1_000, authTimeout) },
    (request, response) => {
      try {
        handleRequest(request, response, {
          directory,
          comparer,
          staticFiles: options.staticFiles ?? null,
          statusToken: options.statusToken ?? null,
          pdf: { exports: pdfExports, logger },
          bundles: (bundleRequest, bundleResponse) =>
            handleBundleImport(bundleRequest, bundleResponse, directory, registry),
          httpsSync: (syncRequest, syncResponse) => handleHttpsSync(syncRequest, syncResponse, httpsSync),
          status: () => ({
            uptimeSeconds: Math.round((Date.now() - started) / 1000),
            roomsLoaded: registry.loadedCount,
            connections: connectionCount,
            websockets: sockets.clients.size + muxSockets.clients.size,
          }),
        });
      } catch (error) {
        logger.error('request failed', {
          route: routeForLog((request.url ?? '').split('?')[0] ?? ''),
          error: errorMessage(error),
        });
        if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end(
          JSON.stringify({
            error: 'The relay failed to answer; try again, and tell the administrator if it keeps happening.',
          }),
        );
      }
    },
  );
  server.headersTimeout = authTimeout;
  server.requestTimeout = authTimeout;
  server.on('clientError', (_error, socket: Duplex) => socket.destroy());

  // Sockets that have not authenticated (see MAX_UNAUTHENTICATED_SOCKETS): counted from the TCP connection
  // until the relay admits its websocket, or until it closes.
  const unauthenticated = new Set<Duplex>();
  const maxUnauthenticated = options.maxUnauthenticatedSockets ?? MAX_UNAUTHENTICATED_SOCKETS;
  server.on('connection', (socket: Duplex) => {
    if (unauthenticated.size >= maxUnauthenticated) {
      logger.warn('too many unauthenticated sockets', { limit: maxUnauthenticated });
      socket.destroy();
      return;
    }
    unauthenticated.add(socket);
    socket.once('close', () => unauthenticated.delete(socket));
  });

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_WEBSOCKET_PAYLOAD_BYTES,
    perMessageDeflate: options.compression === 'on' ? COMPRESSION : false,
  });
  sockets.on('error', (error) => logger.error('websocket server error', { error: error.message }));
  // The multiplexed websockets: the same, with room for a frame's room name on top of the largest message.
  const muxSockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_WEBSOCKET_PAYLOAD_BYTES + MUX_FRAME_HEADROOM_BYTES,
    perMessageDeflate: (options.compression ?? 'off') === 'off' ? false : COMPRESSION,
  });
  muxSockets.on('error', (error) => logger.error('websocket server error', { error: error.message }));

  const refuse = (socket: WebSocket, code: number, reason: string, fields: Record<string, string>): void => {
    logger.warn('connection refused', { code, ...fields });
    socket.on('error', () => socket.terminate());
    closeAndDrop(socket, code, reason);
  };

  type RoomAdmission =
    | {
        readonly kind: 'refused';
        readonly code: number;
        readonly reason: string;
        readonly fields: Record<string, string>;
      }
    | {
        readonly kind: 'admitted';
        readonly start: (socket: PeerSocket, wantsAcks: boolean, via: 'websocket' | 'https' | 'mux') => RelayConnection;
      };

  /** The rules for a member opening a room, whichever way it comes (websocket or HTTPS). */
  const admitToRoom = (member: AuthenticatedMember, roomName: string): RoomAdmission => {
    const parsed = parseRoomName(roomName);
    if (!parsed || !directory.mayOpen(member, parsed)) {
      return {
        kind: 'refused',
        code: CLOSE_CODES.ROOM_NOT_FOUND,
        reason: 'This document does not exist or belongs to another partnership.',
        fields: { member: member.id, room: roomForLog(roomName) },
      };
    }
    const budget = budgets.get(member.id) ?? new MemberBudget<RelayConnection>();
    budgets.set(member.id, budget);
    const open = budget.connections;
    if (open.size >= (options.maxConnectionsPerMember ?? MAX_CONNECTIONS_PER_MEMBER)) {
      return {
        kind: 'refused',
        code: CLOSE_CODES.TOO_MANY,
        reason: 'Too many open connections for this member; close other windows and try again.',
        fields: { member: member.id },
      };
    }
    if (!budget.opened.take(1)) {
      return {
        kind: 'refused',
        code: CLOSE_CODES.RATE_LIMITED,
        reason: 'Too many connections were opened in a short time; the app reconnects by itself shortly.',
        fields: { member: member.id },
      };
    }
    return {
      kind: 'admitted',
      start: (socket, wantsAcks, via) => {
        connectionCount++;
        const access = {
          canWrite: mayWrite(member, parsed),
          wantsAcks,
          via: via === 'https' ? 'https' : 'websocket',
        } as const;
        const connection = new RelayConnection(
          socket,
          member,
          roomName,
          access,
          { registry, store, logger, presence, budget },
          (closed) => {
            connectionCount--;
            open.delete(closed);
            logger.info('connection closed', { member: member.id, room: roomName, via });
          },
        );
        open.add(connection);
        logger.info('connection opened', { member: member.id, room: roomName, role: member.role, via });
        return connection;
      },
    };
  };

  /** The member an upgrade request's token names, or null once the socket has been refused. */
  const authenticateUpgrade = (
    socket: WebSocket,
    query: URLSearchParams,
    fields: Record<string, string>,
  ): AuthenticatedMember | null => {
    const token = query.get('token');
    if (!token) {
      refuse(socket, CLOSE_CODES.UNAUTHENTICATED, 'No invite token was sent; sign in with your invite token.', fields);
      return null;
    }
    const check = directory.checkToken(token);
    if (check.kind === 'unknown') {
      refuse(
        socket,
        CLOSE_CODES.UNAUTHENTICATED,
        'This invite token is not known; check it or ask for a new invite.',
        fields,
      );
      return null;
    }
    if (check.kind === 'revoked') {
      refuse(socket, CLOSE_CODES.REVOKED, 'Your access has been revoked by the partnership administrator.', fields);
      return null;
    }
    return check.member;
  };

  const admit = (socket: WebSocket, request: http.IncomingMessage): void => {
    const [rawPath = '', rawQuery = ''] = (request.url ?? '').split('?', 2);
    // The room is the raw path after /sync/: never percent-decoded or normalised (parseRoomName is exact).
    const roomName = rawPath.slice(SYNC_PREFIX.length);
    const query = new URLSearchParams(rawQuery);
    const member = authenticateUpgrade(socket, query, { room: roomForLog(roomName) });
    if (!member) return;
    const admission = admitToRoom(member, roomName);
    if (admission.kind === 'refused') return refuse(socket, admission.code, admission.reason, admission.fields);
    admission.start(socket, query.get(ACK_REQUEST_PARAM) === '1', 'websocket');
  };

  /** A multiplexed websocket for one SOA's rooms: the member, and that the SOA is their partnership's. */
  const admitMux = (socket: WebSocket, request: http.IncomingMessage): void => {
    const [rawPath = '', rawQuery = ''] = (request.url ?? '').split('?', 2);
    const soaId = rawPath.slice(MUX_PATH_PREFIX.length);
    const frame = parseRoomName(frameRoom(soaId as SoaId));
    const fields = { soa: frame ? soaId : `(not an SOA id, ${soaId.length} characters)` };
    const query = new URLSearchParams(rawQuery);
    const member = authenticateUpgrade(socket, query, fields);
    if (!member) return;
    if (!frame || frame.soaId !== soaId || !directory.mayOpen(member, frame))
      return refuse(socket, CLOSE_CODES.ROOM_NOT_FOUND, 'This SOA does not exist or belongs to another partnership.', {
        member: member.id,
        ...fields,
      });
    const budget = budgets.get(member.id) ?? new MemberBudget<RelayConnection>();
    budgets.set(member.id, budget);
    const open = muxes.get(member.id) ?? new Set<MuxWebsocket>();
    if (open.size >= MAX_MUX_WEBSOCKETS_PER_MEMBER)
      return refuse(
        socket,
        CLOSE_CODES.TOO_MANY,
        'Too many open connections for this member; close other windows and try again.',
        {
          member: member.id,
        },
      );
    if (!budget.opened.take(1))
      return refuse(
        socket,
        CLOSE_CODES.RATE_LIMITED,
        'Too many connections were opened in a short time; the app reconnects by itself shortly.',
        {
          member: member.id,
        },
      );
    muxes.set(member.id, open);
    const mux = new MuxWebsocket(
      socket,
      member,
      frame.soaId,
      {
        logger,
        admit: (roomMember, roomName) => {
          const admission = admitToRoom(roomMember, roomName);
          if (admission.kind === 'refused') {
            logger.warn('connection refused', { code: admission.code, via: 'mux', ...admission.fields });
            return { code: admission.code, reason: admission.reason };
          }
          return { start: (roomSocket, wantsAcks) => void admission.start(roomSocket, wantsAcks, 'mux') };
        },
        withinMemberRate: () => {
          const current = budgets.get(member.id) ?? budget;
          budgets.set(member.id, current);
          return current.messages.take(1);
        },
      },
      () => {
        open.delete(mux);
        if (open.size === 0 && muxes.get(member.id) === open) muxes.delete(member.id);
        logger.info('mux closed', { member: member.id, soa: frame.soaId });
      },
      query.get(MUX_V2_PARAM) === '1',
    );
    open.add(mux);
    logger.info('mux opened', { member: member.id, soa: frame.soaId, role: member.role });
    // Rooms named in the URL open now, in the handshake's round trip (an empty entry is refused as a room).
    const listed = query.get(MUX_ROOMS_PARAM);
    if (listed !== null)
      mux.openListed(
        listed.split(',').map((entry) => `soa/${frame.soaId}/${entry}`),
        query.get(ACK_REQUEST_PARAM) === '1',
      );
  };

  const httpsSync: HttpsSyncContext = {
    directory,
    sessions: httpsSessions,
    admit: (member, roomName) => {
      const admission = admitToRoom(member, roomName);
      if (admission.kind === 'admitted')
        return { start: (socket, wantsAcks) => void admission.start(socket, wantsAcks, 'https') };
      logger.warn('connection refused', { code: admission.code, via: 'https', ...admission.fields });
      return { code: admission.code, reason: admission.reason };
    },
    authenticated: (socket) => unauthenticated.delete(socket),
    withinRate: (member) => {
      const budget = budgets.get(member.id) ?? new MemberBudget<RelayConnection>();
      budgets.set(member.id, budget);
      return budget.messages.take(1);
    },
  };

  server.on('upgrade', (request, socket: Duplex, head: Buffer) => {
    // Not a closure of this handler: one would share its scope with admitOrDrop and keep every websocket's
    // upgrade request (headers, URL with its token) in memory for the socket's life.
    socket.on('error', destroySocket);
    const rawPath = (request.url ?? '').split('?')[0] ?? '';
    if (rawPath === HTTPS_PROBE_PATH) {
      // An app on the HTTPS link checking whether websockets get through again: opened, then closed.
      sockets.handleUpgrade(request, socket, head, (webSocket) => closeAndDrop(webSocket, 1000, 'Websockets work.'));
      return;
    }
    if (rawPath.startsWith(MUX_PATH_PREFIX)) {
      muxSockets.handleUpgrade(request, socket, head, (webSocket) => admitOrDrop(webSocket, socket, admitMux));
      return;
    }
    if (!rawPath.startsWith(SYNC_PREFIX)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (webSocket) => admitOrDrop(webSocket, socket, admit));

    /** Admits an upgraded websocket (per room or multiplexed), closing it with words if admission throws. */
    function admitOrDrop(
      webSocket: WebSocket,
      upgraded: Duplex,
      admitWith: (webSocket: WebSocket, request: http.IncomingMessage) => void,
    ): void {
      try {
        admitWith(webSocket, request);
      } catch (error) {
        logger.error('admission failed', { error: errorMessage(error) });
        closeAndDrop(
          webSocket,
          CLOSE_CODES.STORAGE_UNAVAILABLE,
          'The relay could not check your access; try again later.',
        );
      }
      // Admitted: it counts against its member's limits from now on. Refused: it is being dropped.
      if (webSocket.readyState === webSocket.OPEN) unauthenticated.delete(upgraded);
    }
  });

  const poll = setInterval(() => {
    try {
      // Both are cheap unless another process (the admin CLI) has committed since the last look.
      for (const { room, update } of options.foreignWrites?.() ?? []) registry.applyForeign(room, update);
      if (!directory.changedElsewhere()) return;
      const checkFrom = revocationsCheckedAt - 5_000;
      revocationsCheckedAt = Date.now();
      for (const { memberId } of directory.revokedSince(checkFrom)) {
        for (const connection of budgets.get(memberId)?.connections ?? []) {
          logger.info('revoked member disconnected', { member: memberId, room: connection.roomName });
          connection.close(CLOSE_CODES.REVOKED, 'Your access has been revoked by the partnership administrator.');
        }
        for (const mux of [...(muxes.get(memberId) ?? [])])
          mux.closeAll(CLOSE_CODES.REVOKED, 'Your access has been revoked by the partnership administrator.');
      }
    } catch (error) {
      logger.error('directory poll failed', { error: errorMessage(error) });
    }
  }, options.pollMs ?? DIRECTORY_POLL_MS);

  const keepAlive = setInterval(() => {
    const now = Date.now();
    const payload = randomBytes(8);
    for (const [memberId, budget] of budgets) {
      for (const connection of budget.connections) connection.ping(payload);
      if (budget.isIdle(now)) budgets.delete(memberId);
    }
    for (const open of muxes.values()) for (const mux of [...open]) mux.keepAlive(payload);
    presence.prune(now);
  }, options.keepAliveMs ?? KEEPALIVE_MS);

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
      for (const budget of [...budgets.values()]) {
        for (const connection of [...budget.connections])
          connection.close(CLOSE_CODES.GOING_AWAY, 'The relay is restarting; reconnect shortly.');
      }
      httpsSessions.closeAll(CLOSE_CODES.GOING_AWAY, 'The relay is restarting; reconnect shortly.');
      for (const open of [...muxes.values()])
        for (const mux of [...open])
          mux.closeAll(CLOSE_CODES.GOING_AWAY, 'The relay is restarting; reconnect shortly.');
      server.closeAllConnections();
      await comparer.close();
      await registry.settle();
      registry.disposeAll();
      await store.close();
      await stopped;
      sockets.close();
      muxSockets.close();
    },
  };
}
