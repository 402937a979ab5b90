/**
 * GET /api/capabilities and GET /api/soas/<soaId>/pdf (shared/api/pdfExport.ts): the app's "Export PDF". The
 * member is checked as /api/session checks them (401 without a known token, 403 when revoked); an SOA that is
 * not their partnership's is 404, the same answer as an SOA that does not exist, so nothing is given away.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CAPABILITIES_PATH, soaIdOfPdfPath } from '../../shared/api/pdfPaths';
import type { SoaId } from '../../shared/model/ids';
import type { AuthenticatedMember, Directory } from '../db/directory';
import { PdfUnavailable, type PdfExports } from '../export/pdfExports';
import { errorMessage, type Logger } from '../log';
import { bearerToken } from './bearerToken';
import { sendError, sendJson } from './json';

/** Whether the path is one of these routes. */
export function isPdfRoute(rawPath: string): boolean {
  return rawPath === CAPABILITIES_PATH || soaIdOfPdfPath(rawPath) !== null;
}

/** The member presenting the request's token, or null once a refusal has been sent. */
function memberOf(
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
  if (check.kind === 'unknown')
    sendError(
      response,
      401,
      'This invite token is not known to the relay. Check it, or ask your partnership administrator for a new one.',
    );
  else if (check.kind === 'revoked')
    sendError(response, 403, 'Your access has been revoked. Ask your partnership administrator if you need it back.');
  return check.kind === 'member' ? check.member : null;
}

/** "attachment" with the name in ASCII for old clients and in full (RFC 5987) for the rest. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function handlePdfRoute(
  request: IncomingMessage,
  response: ServerResponse,
  directory: Directory,
  pdfExports: PdfExports,
  logger: Logger,
): Promise<void> {
  const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
  if (request.method !== 'GET')
    return sendError(response, 405, `Use GET for ${rawPath === CAPABILITIES_PATH ? rawPath : 'a PDF'}.`);
  const member = memberOf(request, response, directory);
  if (!member) return;
  try {
    if (rawPath === CAPABILITIES_PATH) return sendJson(response, 200, { pdf: await pdfExports.capability() });
    const soaId = soaIdOfPdfPath(rawPath) as SoaId;
    if (!directory.mayOpen(member, { kind: 'frame', soaId }))
      return sendError(response, 404, 'There is no such SOA in your partnership on this relay.');
    const started = Date.now();
    const made = await pdfExports.make(soaId);
    logger.info('pdf exported', {
      soaId,
      member: member.id,
      bytes: made.pdf.byteLength,
      ms: Date.now() - started,
      builtIn: made.builtIn,
    });
    if (response.destroyed) return;
    response.writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Length': made.pdf.byteLength,
      'Content-Disposition': attachment(made.fileName),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    response.end(made.pdf);
  } catch (error) {
    if (error instanceof PdfUnavailable) {
      if (error.retryAfterSeconds) response.setHeader('Retry-After', String(error.retryAfterSeconds));
      return sendError(response, 503, error.message);
    }
    logger.error('pdf export failed', { error: errorMessage(error) });
    if (!response.headersSent)
      sendError(
        response,
        500,
        `The relay could not make the PDF: ${errorMessage(error)}. Export to Word instead, and tell the relay\u2019s administrator.`,
      );
    else response.end();
  }
}
