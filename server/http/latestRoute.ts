/**
 * GET /api/soas/<soaId>/latest (Authorization: Bearer <token>): the SOA's latest file (kind "latest",
 * signed with the relay's key) for a member to save for an officer with no link. Refused as the other SOA
 * endpoints refuse: 401 without a known token, 403 for a revoked one, 404 for an SOA that is not one of the
 * member's partnership, 503 when the comparison worker, which works out each room's state off the event
 * loop, is too busy or too slow.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { soaIdOfLatestPath } from '../../shared/api/latest';
import type { SoaId } from '../../shared/model/ids';
import { latestRoomRows, signedLatest } from '../bundle/exportLatest';
import type { Directory } from '../db/directory';
import { ComparisonBusyError, ComparisonTimeoutError, type VersionComparer } from '../history/versionComparer';
import { sendError } from './json';
import { authenticate } from './soaRoutes';

export function isLatestPath(rawPath: string): boolean {
  return soaIdOfLatestPath(rawPath) !== null;
}

export async function handleLatestRequest(
  request: IncomingMessage,
  response: ServerResponse,
  directory: Directory,
  comparer: VersionComparer,
  rawPath: string,
): Promise<void> {
  const soaId = soaIdOfLatestPath(rawPath);
  if (soaId === null) return sendError(response, 404, 'No such API endpoint.');
  if (request.method !== 'GET') return sendError(response, 405, 'Use GET for the latest file.');
  const member = authenticate(request, response, directory);
  if (!member) return;
  if (!directory.mayOpen(member, { kind: 'frame', soaId: soaId as SoaId }))
    return sendError(response, 404, 'No SOA with this id in your partnership.');
  // Reading the rows is quick; replaying them (0.1-0.4 s for a year of rows of the 100-page sample) is not.
  const rows = latestRoomRows(directory, soaId);
  let states: [string, Uint8Array][];
  try {
    states = await comparer.roomStates(rows.rooms);
  } catch (error) {
    if (error instanceof ComparisonTimeoutError || error instanceof ComparisonBusyError)
      return sendError(response, 503, error.message);
    throw error;
  }
  const body = `${JSON.stringify(signedLatest(directory, rows.soaId, states))}\n`;
  response.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}
