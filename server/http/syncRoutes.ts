/**
 * The HTTPS link: sync for an app whose network refuses websocket upgrades (a proxy that strips `Upgrade`).
 * It carries the same y-protocols messages as the websocket, framed with their room
 * (shared/protocol/httpsFrames.ts), into the same relay connections (server/relay/httpsSessions.ts), so
 * every write goes through the one write pipeline, with the same checks, durable commit and ACKs.
 *
 *   POST /api/sync/open                       JSON { room, ack, session? } -> 200 { session }
 *   POST /api/sync/sessions/<id>/send         frames -> 204
 *   GET  /api/sync/sessions/<id>/receive?wait=<s>   -> 200 frames (waits up to wait seconds for some)
 *
 * Every request carries the member's invite token as `Authorization: Bearer`: 401 without a known one,
 * 403 when revoked, when the room is not the member's partnership's, or when the session is another
 * member's; 400 for a body the relay cannot read; 404 for a session that has ended (open the rooms again);
 * 413 for a body over the limit; 429 past the member's limits. A room's own refusals (a write the member
 * may not make, a malformed message) come back in the frames, as the websocket's messages and close codes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  decodeHttpsFrames,
  encodeHttpsFrames,
  HTTPS_SYNC_PATHS,
  MAX_RECEIVE_WAIT_SECONDS,
  type HttpsFrame,
} from '../../shared/protocol/httpsFrames';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import type { AuthenticatedMember, Directory } from '../db/directory';
import type { HttpsSession, HttpsSessions } from '../relay/httpsSessions';
import { MAX_MESSAGE_BYTES } from '../relay/limits';
import type { PeerSocket } from '../relay/peerSocket';
import { sendError, sendJson } from './json';
import { authenticate as authenticateMember } from './soaRoutes';

/** A refusal of a room, as the websocket would close with it. */
export interface RoomRefusal {
  readonly code: number;
  readonly reason: string;
}

export interface HttpsSyncContext {
  readonly directory: Directory;
  readonly sessions: HttpsSessions;
  /**
   * The websocket's admission rules for a member and a room (the room exists and is the member's
   * partnership's; connection limits): a refusal, or a start that makes the relay connection over a socket.
   */
  readonly admit: (
    member: AuthenticatedMember,
    room: string,
  ) => RoomRefusal | { readonly start: (socket: PeerSocket, wantsAcks: boolean) => void };
  /** Counts one request against the member's message rate (the websocket's limit); false past it. */
  readonly withinRate: (member: AuthenticatedMember) => boolean;
  /**
   * A member's request arrived on this TCP connection: it no longer counts against the relay's cap on
   * unauthenticated sockets (an app on the HTTPS link keeps its connections open, as a websocket does).
   */
  readonly authenticated: (socket: IncomingMessage['socket']) => void;
}

/** One message the relay accepts, and the frames' own bytes. */
const MAX_SEND_BYTES = MAX_MESSAGE_BYTES + 64 * 1024;
const MAX_OPEN_BYTES = 4 * 1024;
const DEFAULT_WAIT_SECONDS = 20;

export function isHttpsSyncPath(rawPath: string): boolean {
  return rawPath === HTTPS_SYNC_PATHS.open || rawPath.startsWith(HTTPS_SYNC_PATHS.sessions);
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        resolve(null);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function httpStatusFor(refusal: RoomRefusal): number {
  if (refusal.code === CLOSE_CODES.ROOM_NOT_FOUND || refusal.code === CLOSE_CODES.REVOKED) return 403;
  if (refusal.code === CLOSE_CODES.UNAUTHENTICATED) return 401;
  if (refusal.code === CLOSE_CODES.TOO_MANY || refusal.code === CLOSE_CODES.RATE_LIMITED) return 429;
  return 503;
}

function sendFrames(response: ServerResponse, frames: readonly HttpsFrame[]): void {
  const body = encodeHttpsFrames(frames);
  response.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': body.byteLength,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(body);
}

/** The member a request's token names (401/403 as /api/session), counted against the member's request rate. */
function authenticate(
  request: IncomingMessage,
  response: ServerResponse,
  context: HttpsSyncContext,
): AuthenticatedMember | null {
  const member = authenticateMember(request, response, context.directory);
  if (!member) return null;
  context.authenticated(request.socket);
  if (!context.withinRate(member)) {
    sendError(response, 429, 'Too many requests in a short time; the app tries again by itself shortly.');
    return null;
  }
  return member;
}

function parseOpen(body: Buffer): { room: string; ack: boolean; session: string | null } | string {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return 'The request to open a room was not JSON.';
  }
  if (typeof value !== 'object' || value === null) return 'The request to open a room must be a JSON object.';
  const { room, ack, session } = value as Record<string, unknown>;
  if (typeof room !== 'string' || room.length === 0) return 'The request to open a room must name the room ("room").';
  if (ack !== undefined && typeof ack !== 'boolean') return '"ack" must be true or false.';
  if (session !== undefined && session !== null && typeof session !== 'string')
    return '"session" must be a session id or null.';
  return { room, ack: ack === true, session: typeof session === 'string' ? session : null };
}

async function open(request: IncomingMessage, response: ServerResponse, context: HttpsSyncContext): Promise<void> {
  if (request.method !== 'POST') return sendError(response, 405, 'Use POST to open a room.');
  const member = authenticate(request, response, context);
  if (!member) return;
  const body = await readBody(request, MAX_OPEN_BYTES);
  if (body === null) return sendError(response, 413, 'The request to open a room is larger than the relay accepts.');
  const parsed = parseOpen(body);
  if (typeof parsed === 'string') return sendError(response, 400, parsed);
  let session: HttpsSession | null = null;
  if (parsed.session !== null) {
    session = context.sessions.get(parsed.session);
    if (!session) return sendError(response, 404, 'This sync session has ended; open the rooms again in a new one.');
    if (session.memberId !== member.id) return sendError(response, 403, 'This sync session belongs to another member.');
  }
  const admitted = context.admit(member, parsed.room);
  if (!('start' in admitted)) return sendError(response, httpStatusFor(admitted), admitted.reason);
  session ??= context.sessions.create(member.id);
  admitted.start(session.openRoom(parsed.room), parsed.ack);
  sendJson(response, 200, { session: session.id });
}

/** The session a request names, or null once it has been answered. */
function sessionOf(
  id: string,
  member: AuthenticatedMember,
  response: ServerResponse,
  context: HttpsSyncContext,
): HttpsSession | null {
  const session = context.sessions.get(id);
  if (!session) {
    sendError(response, 404, 'This sync session has ended; open the rooms again in a new one.');
    return null;
  }
  if (session.memberId !== member.id) {
    sendError(response, 403, 'This sync session belongs to another member.');
    return null;
  }
  session.heardFrom();
  return session;
}

async function send(
  request: IncomingMessage,
  response: ServerResponse,
  context: HttpsSyncContext,
  id: string,
): Promise<void> {
  if (request.method !== 'POST') return sendError(response, 405, 'Use POST to send messages.');
  const member = authenticate(request, response, context);
  if (!member) return;
  const body = await readBody(request, MAX_SEND_BYTES);
  if (body === null)
    return sendError(response, 413, 'A change was too large for the relay; split it into smaller changes.');
  const session = sessionOf(id, member, response, context);
  if (!session) return;
  let frames: HttpsFrame[];
  try {
    frames = decodeHttpsFrames(body);
  } catch (error) {
    return sendError(
      response,
      400,
      `The relay could not read the messages sent: ${(error as Error).message}. Nothing in them was applied.`,
    );
  }
  // Each message goes to its room's connection, which reads it as a websocket message (and closes that room,
  // with the websocket's code, for a malformed or refused one). Messages for a room that has just closed
  // are dropped, as a websocket drops what arrives after its close.
  for (const frame of frames) session.deliver(frame);
  response.writeHead(204, { 'Cache-Control': 'no-store' });
  response.end();
}

function receive(
  request: IncomingMessage,
  response: ServerResponse,
  context: HttpsSyncContext,
  id: string,
  query: URLSearchParams,
): void {
  if (request.method !== 'GET') return sendError(response, 405, 'Use GET to receive messages.');
  const member = authenticate(request, response, context);
  if (!member) return;
  const session = sessionOf(id, member, response, context);
  if (!session) return;
  const asked = Number(query.get('wait') ?? DEFAULT_WAIT_SECONDS);
  const waitSeconds = Number.isFinite(asked)
    ? Math.min(MAX_RECEIVE_WAIT_SECONDS, Math.max(0, asked))
    : DEFAULT_WAIT_SECONDS;
  const answer = (frames: HttpsFrame[]): void => {
    if (!response.writableEnded && !response.destroyed) sendFrames(response, frames);
  };
  // The relay's own request timeout must not cut a long-poll short.
  request.socket.setTimeout(0);
  response.once('close', () => session.cancelReceive(answer));
  session.receive(waitSeconds * 1000, answer);
}

export async function handleHttpsSync(
  request: IncomingMessage,
  response: ServerResponse,
  context: HttpsSyncContext,
): Promise<void> {
  const [rawPath = '', rawQuery = ''] = (request.url ?? '').split('?', 2);
  if (rawPath === HTTPS_SYNC_PATHS.open) return open(request, response, context);
  const [id = '', action = '', ...rest] = rawPath.slice(HTTPS_SYNC_PATHS.sessions.length).split('/');
  if (id === '' || rest.length > 0) return sendError(response, 404, 'No such API endpoint.');
  if (action === 'send') return send(request, response, context, id);
  if (action === 'receive') return receive(request, response, context, id, new URLSearchParams(rawQuery));
  return sendError(response, 404, 'No such API endpoint.');
}
