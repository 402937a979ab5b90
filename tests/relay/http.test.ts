// HTTP: /healthz, /api/session (shape, 401, 403), and the web app (content types, index.html fallback,
// Content-Security-Policy, nothing outside the web folder).
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionResponseSchema, apiErrorSchema } from '../../shared/api/session';
import { makeFixture, type Fixture } from './harness/fixture';
import { startRelayProcess, type RelayProcess } from '../support/relayProcess';

/** GET with the path sent exactly as written (fetch would normalise "..", "%2e%2e" and the like). */
function rawGet(relay: RelayProcess, rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(relay.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () =>
      socket.write(`GET ${rawPath} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
    );
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('end', () =>
      resolve({ status: Number(data.split(' ')[1]), body: data.slice(data.indexOf('\r\n\r\n') + 4) }),
    );
  });
}

const STATUS_TOKEN = 'operator-status-token-for-this-test';
const BIG_SCRIPT = `export const outcomes = ${JSON.stringify(Array.from({ length: 400 }, (_, index) => `Outcome ${index}`))};`;

/** GET with exactly the headers given (fetch would add its own Accept-Encoding and decompress). */
function getWithHeaders(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

describe('HTTP', () => {
  let fixture: Fixture;
  let relay: RelayProcess;
  let web: string;

  beforeAll(async () => {
    fixture = makeFixture();
    web = path.join(fixture.dir, 'web');
    fs.mkdirSync(path.join(web, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>SOA Studio</title>');
    fs.writeFileSync(path.join(web, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(web, 'assets', 'app.css'), 'body{}');
    fs.writeFileSync(path.join(web, 'assets', 'big.js'), BIG_SCRIPT);
    fs.writeFileSync(path.join(web, 'sw.js'), 'self.addEventListener("fetch", () => undefined);');
    fs.writeFileSync(path.join(fixture.dir, 'secret.txt'), 'outside the web folder');
    fs.symlinkSync(path.join(fixture.dir, 'secret.txt'), path.join(web, 'link.txt'));
    relay = await startRelayProcess(fixture.dbFile, ['--web', web], { SOA_RELAY_STATUS_TOKEN: STATUS_TOKEN });
  });
  afterAll(async () => {
    expect(await relay.stop()).toBe(0);
    fixture.cleanup();
  });

  it('answers /healthz with a bare "ok", and the relay\'s figures only to the operator\'s status token', async () => {
    for (const headers of [
      {},
      { Authorization: `Bearer ${fixture.tokens.coordinator}` },
      { Authorization: 'Bearer wrong-status-token' },
    ] as Record<string, string>[]) {
      const anonymous = await fetch(`${relay.url}/healthz`, { headers });
      expect(anonymous.status).toBe(200);
      expect(await anonymous.text()).toBe('ok');
    }
    const operator = await fetch(`${relay.url}/healthz`, { headers: { Authorization: `Bearer ${STATUS_TOKEN}` } });
    expect(operator.status).toBe(200);
    expect(await operator.json()).toEqual({
      status: 'ok',
      uptimeSeconds: expect.any(Number),
      roomsLoaded: 0,
      connections: 0,
      websockets: 0,
    });
  });

  it('answers /api/session in the shared shape, and refuses missing, unknown and revoked tokens', async () => {
    const ok = await fetch(`${relay.url}/api/session`, {
      headers: { Authorization: `Bearer ${fixture.tokens.partnerA}` },
    });
    expect(ok.status).toBe(200);
    const session = sessionResponseSchema.parse(await ok.json());
    expect(session.member).toEqual({
      id: expect.any(String),
      name: 'Alex Council',
      role: 'partner',
      partnerId: fixture.partnerA,
    });
    expect(session.partnership.partners.map((partner) => partner.id)).toEqual([fixture.partnerA, fixture.partnerB]);
    const ids = fixture.memberIds;
    const everyone = [ids.coordinator, ids.partnerA, ids.partnerA2, ids.partnerB, ids.reviewer, ids.revoked];
    expect(session.soas).toEqual([
      {
        id: fixture.soaId,
        title: 'Test SOA',
        framework: 'npf-2018',
        rooms: [fixture.frame, fixture.roomA, fixture.roomB],
        commentRooms: everyone.map((id) => `soa/${fixture.soaId}/comments/${id}`),
      },
    ]);
    // Members of the other partnership are neither listed nor given comment rooms here.
    expect(session.partnership.members.map((member) => member.id)).toEqual(everyone);
    expect(session.partnership.members.find((member) => member.id === ids.reviewer)).toEqual({
      id: ids.reviewer,
      name: 'Rev Iewer',
      partnerId: fixture.partnerA,
      role: 'reviewer',
    });

    for (const [headers, status] of [
      [{}, 401],
      [{ Authorization: 'Bearer nope' }, 401],
      [{ Authorization: `Basic ${fixture.tokens.partnerA}` }, 401],
      [{ Authorization: `Bearer ${fixture.tokens.revoked}` }, 403],
    ] as const) {
      const refused = await fetch(`${relay.url}/api/session`, { headers });
      expect(refused.status).toBe(status);
      expect(apiErrorSchema.parse(await refused.json()).error.length).toBeGreaterThan(10);
    }
    expect((await fetch(`${relay.url}/api/other`)).status).toBe(404);
  });

  it('serves the web app with content types, a strict CSP, and index.html for app routes', async () => {
    const index = await fetch(`${relay.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toMatch(
      /default-src 'self'.*script-src 'self'.*object-src 'none'.*frame-ancestors 'none'/,
    );
    expect(await index.text()).toContain('SOA Studio');
    const script = await fetch(`${relay.url}/assets/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${relay.url}/assets/app.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    const route = await fetch(`${relay.url}/soa/123/outcomes`);
    expect(await route.text()).toContain('SOA Studio');
  });

  it('sends text gzipped to a browser that accepts it, and as it is to one that does not', async () => {
    const zipped = await getWithHeaders(`${relay.url}/assets/big.js`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(zipped.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(zipped.body.length).toBeLessThan(BIG_SCRIPT.length / 2);
    expect(gunzipSync(zipped.body).toString('utf8')).toBe(BIG_SCRIPT);
    for (const encoding of ['identity', 'gzip;q=0', 'br']) {
      const plain = await getWithHeaders(`${relay.url}/assets/big.js`, { 'Accept-Encoding': encoding });
      expect(plain.headers['content-encoding'], encoding).toBeUndefined();
      expect(plain.body.toString('utf8'), encoding).toBe(BIG_SCRIPT);
    }
  });

  it('has the page and the service worker fetched afresh, and answers a missing asset with 404, not the page', async () => {
    for (const file of ['/', '/sw.js'])
      expect((await fetch(`${relay.url}${file}`)).headers.get('cache-control'), file).toBe('no-cache');
    expect((await fetch(`${relay.url}/assets/app.js`)).headers.get('cache-control')).toMatch(/max-age/);
    const missing = await fetch(`${relay.url}/assets/export-OLDBUILD.js`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('SOA Studio');
  });

  it('never serves a file outside the web folder', async () => {
    for (const rawPath of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/link.txt',
      '/%00',
      '/assets/%2e%2e/%2e%2e/secret.txt',
    ]) {
      const answer = await rawGet(relay, rawPath);
      expect(answer.body, rawPath).not.toContain('outside the web folder');
    }
  });
});
