/**
 * POST /api/bundles: import a change file (.soabundle) on a running relay, for any member of the file's
 * partnership (Bearer token), through the same import as `soa-relay bundle import`
 * (server/bundle/importChangeBundle.ts); open clients get the changes as from a live write.
 *
 * 200 with the import's result (`rooms` says which rooms were refused, as exit code 3 does for the CLI);
 * 400 when the file is refused as a whole (nothing applied); 401 or 403 for the token; 413 for a body over
 * the limit.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Directory } from '../db/directory';
import { importChangeBundle } from '../bundle/importChangeBundle';
import { MAX_MESSAGE_BYTES } from '../relay/limits';
import type { RoomRegistry } from '../relay/roomRegistry';
import { bearerToken } from './bearerToken';
import { sendError, sendJson } from './json';

export const BUNDLES_PATH = '/api/bundles';

/** Four messages' worth of updates, base64 (4/3 larger), and the file's own fields. */
const MAX_BUNDLE_BYTES = 4 * Math.ceil((MAX_MESSAGE_BYTES * 4) / 3) + 64 * 1024;

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_BUNDLE_BYTES) {
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

export async function handleBundleImport(
  request: IncomingMessage,
  response: ServerResponse,
  directory: Directory,
  registry: RoomRegistry,
): Promise<void> {
  if (request.method !== 'POST') return sendError(response, 405, 'Use POST to import a change file.');
  const token = bearerToken(request.headers.authorization);
  if (!token)
    return sendError(
      response,
      401,
      'No invite token was sent. Sign in with the token your partnership administrator gave you.',
    );
  const check = directory.checkToken(token);
  if (check.kind === 'unknown')
    return sendError(
      response,
      401,
      'This invite token is not known to the relay. Check it, or ask your partnership administrator for a new one.',
    );
  if (check.kind === 'revoked')
    return sendError(
      response,
      403,
      'Your access has been revoked. Ask your partnership administrator if you need it back.',
    );
  const body = await readBody(request);
  if (body === null) return sendError(response, 413, 'This change file is larger than the relay accepts.');
  const imported = await importChangeBundle(body, directory, registry, check.member);
  if (imported.kind === 'refused') return sendError(response, imported.forbidden ? 403 : 400, imported.reason);
  sendJson(response, 200, imported.result);
}
