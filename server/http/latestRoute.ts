/**
 * GET /api/soas/<soaId>/latest (Authorization: Bearer <token>): the SOA's latest file (kind "latest",
 * signed with the relay's key) for a member to save for an officer with no link. Refused as the other SOA
 * endpoints refuse: 401 without a known token, 403 for a revoked one, 404 for an SOA that is not one of the
 * member's partnership.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { soaIdOfLatestPath } from '../../shared/api/latest';
import type { SoaId } from '../../shared/model/ids';
import { latestBundle } from '../bundle/exportLatest';
import type { Directory } from '../db/directory';
import { sendError } from './json';
import { authenticate } from './soaRoutes';

export function isLatestPath(rawPath: string): boolean {
  return soaIdOfLatestPath(rawPath) !== null;
}

export function handleLatestRequest(
  request: IncomingMessage,
  response: ServerResponse,
  directory: Directory,
  rawPath: string,
): void {
  const soaId = soaIdOfLatestPath(rawPath);
  if (soaId === null) return sendError(response, 404, 'No such API endpoint.');
  if (request.method !== 'GET') return sendError(response, 405, 'Use GET for the latest file.');
  const member = authenticate(request, response, directory);
  if (!member) return;
  if (!directory.mayOpen(member, { kind: 'frame', soaId: soaId as SoaId }))
    return sendError(response, 404, 'No SOA with this id in your partnership.');
  const body = `${JSON.stringify(latestBundle(directory, soaId))}\n`;
  response.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}
