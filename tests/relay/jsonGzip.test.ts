// The relay's JSON answers over a real HTTP server: a large one (a version's content is about half a megabyte)
// goes gzipped to a client that accepts gzip, and the same JSON plain to one that does not; a small one always
// goes plain. Browsers and Node's fetch send Accept-Encoding: gzip, so every API test's fetch reads them too.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GZIP_JSON_FROM_BYTES, sendJson } from '../../server/http/json';

const large = {
  rooms: Array.from({ length: 400 }, (_, index) => ({ room: `room-${index}`, state: 'AAEC'.repeat(20) })),
};
const small = { status: 'ok' };

describe('JSON answers', () => {
  let server: http.Server;
  let port = 0;
  beforeAll(async () => {
    server = http.createServer((request, response) =>
      sendJson(response, 200, request.url === '/large' ? large : small),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** The raw answer: its headers and bytes exactly as sent (http.get decompresses nothing). */
  const raw = (path: string, acceptEncoding?: string) =>
    new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(
          { host: '127.0.0.1', port, path, headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
          },
        )
        .on('error', reject);
    });

  it('gzips a large answer for a client that accepts gzip, to the same JSON', async () => {
    expect(JSON.stringify(large).length).toBeGreaterThan(GZIP_JSON_FROM_BYTES);
    const answer = await raw('/large', 'gzip, deflate, br');
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(answer.body.length).toBeLessThan(JSON.stringify(large).length / 4);
    expect(JSON.parse(gunzipSync(answer.body).toString('utf8'))).toEqual(large);
    expect(answer.headers.vary).toBe('Accept-Encoding');
  });

  it('sends the same answer plain to a client that does not accept gzip, or refuses it', async () => {
    for (const accept of [undefined, 'deflate', 'gzip;q=0']) {
      const answer = await raw('/large', accept);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(answer.body.toString('utf8'))).toEqual(large);
    }
  });

  it('sends a small answer plain even to a client that accepts gzip', async () => {
    const answer = await raw('/small', 'gzip');
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(answer.body.toString('utf8'))).toEqual(small);
  });

  it('reads the same through fetch, which asks for gzip itself', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/large`);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    await expect(response.json()).resolves.toEqual(large);
  });
});
