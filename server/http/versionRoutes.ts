/**
 * One named version over HTTP (shared/api/versionContent.ts): GET /api/soas/<soaId>/versions/<versionId>
 * answers each of its frame and partner rooms as the version holds them (base64 Yjs states), for the app to
 * assemble read-only; GET .../compare[?to=<versionId>] answers what changed since it, as `soa-relay version
 * compare --json`. Bearer token and refusals as the versions list: 401, 403 (revoked), 404 for an SOA or a
 * version that is not of the member's partnership.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VersionContentResponse } from '../../shared/api/versionContent';
import { parseRoomName } from '../../shared/model/rooms';
import type { SoaId } from '../../shared/model/ids';
import type { Directory } from '../db/directory';
import { comparisonRecord } from '../history/comparisonRecord';
import { ComparisonBusyError, ComparisonTimeoutError, type VersionComparer } from '../history/versionComparer';
import { InputError } from '../inputError';
import { sendError, sendJson } from './json';
import { authenticate } from './soaRoutes';

const VERSION_PATH = /^\/api\/soas\/([A-Za-z0-9_-]{1,64})\/versions\/([A-Za-z0-9_-]{1,64})(\/compare)?$/;

export function isVersionApiPath(rawPath: string): boolean {
  return VERSION_PATH.test(rawPath);
}

/** Answers a version request; a comparison is worked out on `comparer`'s worker thread, not the event loop. */
export async function handleVersionRequest(
  request: IncomingMessage,
  response: ServerResponse,
  directory: Directory,
  comparer: VersionComparer,
  rawPath: string,
): Promise<void> {
  const match = VERSION_PATH.exec(rawPath);
  if (!match) return sendError(response, 404, 'No such API endpoint.');
  const [, soaId = '', versionId = '', compare] = match;
  if ((request.method ?? 'GET') !== 'GET') return sendError(response, 405, 'Use GET for a version.');
  const member = authenticate(request, response, directory);
  if (!member) return;
  if (!directory.mayOpen(member, { kind: 'frame', soaId: soaId as SoaId }))
    return sendError(response, 404, 'No SOA with this id in your partnership.');
  const to = new URL(request.url ?? '/', 'http://relay').searchParams.get('to') ?? undefined;
  try {
    if (compare) {
      // The worker keeps the comparison replayed: the next one reads and replays only what was stored since.
      const key = `${soaId}/${versionId}/${to ?? 'now'}`;
      const since = comparer.keptThrough(key);
      if (since !== undefined) {
        const input = directory.comparisonInput(soaId, versionId, to, since);
        const comparison = await comparer.compare(input.state, input.changes, {
          key,
          throughSeq: input.throughSeq,
          since,
        });
        if (comparison) return sendJson(response, 200, comparisonRecord({ ...input, comparison }));
      }
      const input = directory.comparisonInput(soaId, versionId, to);
      const comparison = await comparer.compare(input.state, input.changes, { key, throughSeq: input.throughSeq });
      if (!comparison) throw new Error('The comparison worker gave no answer.');
      return sendJson(response, 200, comparisonRecord({ ...input, comparison }));
    }
    const version = directory.versions().header(soaId, versionId);
    const rooms: VersionContentResponse['rooms'] = [];
    const states = directory.versions().roomStates(version.record.versionId);
    // In the record's order: the frame first, then the partners in the partnership's order.
    for (const room of version.record.rooms) {
      const state = states.get(room);
      if (!state) continue;
      // The SOA's content only: a member's comment room is not part of what a version shows.
      const parsed = parseRoomName(room);
      if (parsed && parsed.kind !== 'comments' && directory.mayOpen(member, parsed))
        rooms.push({ room, state: Buffer.from(state).toString('base64') });
    }
    const answer: VersionContentResponse = { version: version.record, rooms };
    return sendJson(response, 200, answer);
  } catch (error) {
    // An unknown version (or a --to older than the version) is the member's mistake, not the relay's.
    if (error instanceof InputError)
      return sendError(
        response,
        /older than/.test(error.message) ? 400 : 404,
        error.message.replace(/--from/, 'the older one first'),
      );
    if (error instanceof ComparisonTimeoutError || error instanceof ComparisonBusyError)
      return sendError(response, 503, error.message);
    throw error;
  }
}
