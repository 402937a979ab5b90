/**
 * JSON answers of the relay's HTTP API. Errors are `{ error }` with a plain-English message (shared/api).
 *
 * A large answer goes gzipped to a client that accepts it: a version of the 100-page SOA is about 560 KiB of
 * JSON (base64 Yjs states) and about 170 KiB gzipped, 2.3 s against 0.7 s on a rural 2 Mbit/s line. It is
 * compressed on libuv's thread pool, so the event loop goes on serving members' changes meanwhile.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzip } from 'node:zlib';
import { acceptsGzip } from './acceptsGzip';

/** Below this, an answer is sent as it is: compressing it saves less than it costs. */
export const GZIP_JSON_FROM_BYTES = 8 * 1024;

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Vary: 'Accept-Encoding',
  };
  const request = response.req as IncomingMessage | undefined;
  const plain = (): void => {
    response.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(text) });
    response.end(text);
  };
  if (text.length < GZIP_JSON_FROM_BYTES || !request || !acceptsGzip(request)) return plain();
  gzip(text, (error, bytes) => {
    if (response.destroyed || response.headersSent) return;
    // Compression cannot fail on a string in practice; if it does, the answer still goes, uncompressed.
    if (error) return plain();
    response.writeHead(status, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': bytes.length });
    response.end(bytes);
  });
}

export function sendError(response: ServerResponse, status: number, error: string): void {
  sendJson(response, status, { error });
}
