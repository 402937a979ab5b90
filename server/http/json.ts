/** JSON answers of the relay's HTTP API. Errors are `{ error }` with a plain-English message (shared/api). */
import type { ServerResponse } from 'node:http';

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}

export function sendError(response: ServerResponse, status: number, error: string): void {
  sendJson(response, status, { error });
}
