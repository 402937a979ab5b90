/**
 * The relay's HTTP answers: GET /healthz, GET /api/session, the HTTPS link (syncRoutes.ts), the PDF export (pdfRoutes.ts), the SOA's versions and
 * history (soaRoutes.ts), and the web app. Websocket upgrades on /sync/
 * are handled by the relay itself, not here.
 *
 * /healthz answers a bare "ok" to anyone; the relay's figures (rooms loaded, connections) only to a caller
 * presenting the operator's status token, since they tell an outsider how busy the relay is.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Directory } from '../db/directory';
import type { PdfExports } from '../export/pdfExports';
import type { Logger } from '../log';
import type { StaticFiles } from './staticFiles';
import { bearerToken } from './bearerToken';
import { BUNDLES_PATH } from './bundleRoute';
import { handleLatestRequest, isLatestPath } from './latestRoute';
import { handlePdfRoute, isPdfRoute } from './pdfRoutes';
import { sendError, sendJson } from './json';
import { handleSoaRequest, isSoaApiPath } from './soaRoutes';
import { isHttpsSyncPath } from './syncRoutes';
import { handleVersionRequest, isVersionApiPath } from './versionRoutes';
import type { VersionComparer } from '../history/versionComparer';

export interface RelayStatus {
  readonly uptimeSeconds: number;
  readonly roomsLoaded: number;
  /** Room connections (a multiplexed websocket or an HTTPS session holds several). */
  readonly connections: number;
  /** Websockets open: per-room and multiplexed. */
  readonly websockets: number;
}

export interface RouteContext {
  readonly directory: Directory;
  /** Works out version comparisons and the history on a worker thread (versionComparer.ts). */
  readonly comparer: VersionComparer;
  readonly staticFiles: StaticFiles | null;
  readonly status: () => RelayStatus;
  /** The operator's status token (SOA_RELAY_STATUS_TOKEN), or null: nobody gets the figures. */
  readonly statusToken: string | null;
  /** Change-file imports (bundleRoute.ts), answered asynchronously; absent, POST /api/bundles is 404. */
  readonly bundles?: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  /** The HTTPS link (syncRoutes.ts), for apps whose network refuses websockets; absent, its routes are 404. */
  readonly httpsSync?: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  /** The PDF export (pdfRoutes.ts), answered asynchronously; absent, its routes are 404. */
  readonly pdf?: { readonly exports: PdfExports; readonly logger: Logger };
}

/** Compares hashes, so the time taken says nothing about the token. */
function isStatusToken(presented: string | null, expected: string | null): boolean {
  if (!presented || !expected) return false;
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

export function handleRequest(request: IncomingMessage, response: ServerResponse, context: RouteContext): void {
  const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
  const method = request.method ?? 'GET';
  if (rawPath === '/healthz') {
    if (method !== 'GET' && method !== 'HEAD') return sendError(response, 405, 'Use GET for /healthz.');
    if (isStatusToken(bearerToken(request.headers.authorization), context.statusToken))
      return sendJson(response, 200, { status: 'ok', ...context.status() });
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(method === 'HEAD' ? undefined : 'ok');
    return;
  }
  if (isSoaApiPath(rawPath)) {
    answerOrFail(response, handleSoaRequest(request, response, context.directory, rawPath, context.comparer));
    return;
  }
  if (isLatestPath(rawPath)) {
    answerOrFail(response, handleLatestRequest(request, response, context.directory, context.comparer, rawPath));
    return;
  }
  if (isVersionApiPath(rawPath)) {
    answerOrFail(response, handleVersionRequest(request, response, context.directory, context.comparer, rawPath));
    return;
  }
  if (rawPath === '/api' || rawPath.startsWith('/api/')) {
    if (context.pdf && isPdfRoute(rawPath))
      return void handlePdfRoute(request, response, context.directory, context.pdf.exports, context.pdf.logger);
    if (context.bundles && rawPath === BUNDLES_PATH) {
      answerOrFail(
        response,
        context.bundles(request, response),
        'The relay failed to import the change file; try again, and tell the administrator if it keeps happening.',
      );
      return;
    }
    if (context.httpsSync && isHttpsSyncPath(rawPath)) {
      answerOrFail(
        response,
        context.httpsSync(request, response),
        'The relay failed to answer; the app tries again by itself shortly.',
      );
      return;
    }
    if (rawPath !== '/api/session') return sendError(response, 404, 'No such API endpoint.');
    if (method !== 'GET') return sendError(response, 405, 'Use GET for /api/session.');
    const token = bearerToken(request.headers.authorization);
    if (!token)
      return sendError(
        response,
        401,
        'No invite token was sent. Sign in with the token your partnership administrator gave you.',
      );
    const check = context.directory.checkToken(token);
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
    return sendJson(response, 200, context.directory.session(check.member));
  }
  if (rawPath === '/sync' || rawPath.startsWith('/sync/'))
    return sendError(response, 426, 'Connect to /sync/<room> with a websocket.');
  if (!context.staticFiles)
    return sendError(response, 404, 'This relay does not serve the web app (renderer/dist was not built).');
  if (method !== 'GET' && method !== 'HEAD') return sendError(response, 405, 'Only GET is supported here.');
  context.staticFiles.serve(request, response, rawPath);
}

const ANSWER_FAILED = 'The relay failed to answer; try again, and tell the administrator if it keeps happening.';

/** An answer that threw: a plain 500 if nothing was sent yet, otherwise the response is ended as it stands. */
function failAnswer(response: ServerResponse, words = ANSWER_FAILED): void {
  if (!response.headersSent) sendError(response, 500, words);
  else response.end();
}

function answerOrFail(response: ServerResponse, answering: Promise<unknown>, words = ANSWER_FAILED): void {
  answering.catch(() => failAnswer(response, words));
}
