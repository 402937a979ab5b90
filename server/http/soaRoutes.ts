/**
 * /api/soas/<soaId>/versions (GET: the SOA's named versions; POST {"name"}: record one, coordinators only)
 * and /api/soas/<soaId>/history (GET: the audit, grouped as `soa-relay history` groups it). Bearer token as
 * for /api/session: 401 without a known token, 403 for a revoked one; 404 for an SOA that is not one of the
 * member's partnership (another partnership's SOA is not admitted to exist).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SoaId } from '../../shared/model/ids';
import type { AuthenticatedMember, Directory } from '../db/directory';
import { namedRows } from '../history/historyRows';
import { ComparisonBusyError, ComparisonTimeoutError, type VersionComparer } from '../history/versionComparer';
import { InputError } from '../inputError';
import { bearerToken } from './bearerToken';
import { sendError, sendJson } from './json';

const SOA_PATH = /^\/api\/soas\/([A-Za-z0-9_-]{1,64})\/(versions|history)$/;
const MAX_BODY_BYTES = 4096;

/** True when the path is one of these endpoints (the caller then leaves the request to handleSoaRequest). */
export function isSoaApiPath(rawPath: string): boolean {
  return SOA_PATH.test(rawPath);
}

/** The member behind the request's token, or null after answering 401/403 as /api/session does. */
export function authenticate(
  request: IncomingMessage,
  response: ServerResponse,
  directory: Directory,
): AuthenticatedMember | null {
  const token = bearerToken(request.headers.authorization);
  if (!token) {
    sendError(
      response,
      401,
      'No invite token was sent. Sign in with the token your partnership administrator gave you.',
    );
    return null;
  }
  const check = directory.checkToken(token);
  if (check.kind === 'unknown') {
    sendError(
      response,
      401,
      'This invite token is not known to the relay. Check it, or ask your partnership administrator for a new one.',
    );
    return null;
  }
  if (check.kind === 'revoked') {
    sendError(response, 403, 'Your access has been revoked. Ask your partnership administrator if you need it back.');
    return null;
  }
  return check.member;
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function handleSoaRequest(
  request: IncomingMessage,
  response: ServerResponse,
  directory: Directory,
  rawPath: string,
  /** Summarises the history off the event loop (versionComparer.ts). */
  worker: VersionComparer,
): Promise<void> {
  const match = SOA_PATH.exec(rawPath);
  if (!match) return sendError(response, 404, 'No such API endpoint.');
  const [, soaId = '', what] = match;
  const method = request.method ?? 'GET';
  if (what === 'history' && method !== 'GET') return sendError(response, 405, 'Use GET for the history.');
  if (what === 'versions' && method !== 'GET' && method !== 'POST')
    return sendError(response, 405, 'Use GET to list versions, POST to record one.');
  const member = authenticate(request, response, directory);
  if (!member) return;
  if (!directory.mayOpen(member, { kind: 'frame', soaId: soaId as SoaId }))
    return sendError(response, 404, 'No SOA with this id in your partnership.');

  if (what === 'history') {
    const soa = directory.readSoaHistory(soaId);
    let entries;
    try {
      entries = await worker.summariseHistory(soa.changes);
    } catch (error) {
      if (error instanceof ComparisonTimeoutError || error instanceof ComparisonBusyError)
        return sendError(response, 503, error.message);
      throw error;
    }
    return sendJson(response, 200, {
      soaId: soa.soaId,
      title: soa.title,
      entries: namedRows(soa, entries).map(({ row }) => row),
    });
  }
  if (method === 'GET') return sendJson(response, 200, { versions: directory.versions().list(soaId) });
  if (member.role !== 'coordinator')
    return sendError(response, 403, "Only the partnership's coordinators can record a version.");
  const body = await readBody(request);
  if (body === null) return sendError(response, 413, 'The request is too large; send only {"name": "..."}.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return sendError(
      response,
      400,
      'Send the version as JSON: {"name": "Draft submitted to the Scottish Government"}.',
    );
  }
  // Loaded on the first version recorded, not at start: a relay serving only websockets never needs zod.
  const { createVersionRequestSchema } = await import('../../shared/api/versions');
  const request_ = createVersionRequestSchema.safeParse(parsed);
  if (!request_.success)
    return sendError(
      response,
      400,
      'Send the version as JSON: {"name": "Draft submitted to the Scottish Government"}.',
    );
  try {
    return sendJson(response, 201, directory.versions().create(soaId, request_.data.name, member.id));
  } catch (error) {
    if (error instanceof InputError) return sendError(response, 400, error.message);
    throw error;
  }
}
