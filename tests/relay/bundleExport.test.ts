// Latest files (issue 17): `soa-relay bundle export` and GET /api/soas/<id>/latest write every room of an
// SOA as the relay stores it, signed with the relay's own Ed25519 key, whose public key /api/session gives
// and which stays the same across restarts. The endpoint answers members of the SOA's partnership only:
// another partnership's member gets 404, a revoked token 403, no token 401.
import { spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseLatestBundle, latestSignedMessage } from '../../shared/bundle/latestFile';
import { waitUntil } from '../support/wait';
import { RELAY_BIN, startRelayProcess } from '../support/relayProcess';
import { relayPerTest } from './harness/relayPerTest';

/** Checks an Ed25519 signature against a raw 32-byte public key given in base64. */
function signedBy(publicKeyBase64: string, message: string, signature: Uint8Array): boolean {
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKeyBase64, 'base64').toString('base64url') },
    format: 'jwk',
  });
  return verify(null, Buffer.from(message, 'utf8'), key, signature);
}

function bodyOf(update: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('body').toString();
}

describe('latest files', () => {
  const ctx = relayPerTest();

  async function session(token: string): Promise<{ relayKey?: string }> {
    const answer = await fetch(`${ctx.relay.url}/api/session`, { headers: { Authorization: `Bearer ${token}` } });
    return (await answer.json()) as { relayKey?: string };
  }

  async function latest(token: string | null, soaId: string): Promise<{ status: number; text: string }> {
    const answer = await fetch(`${ctx.relay.url}/api/soas/${soaId}/latest`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    return { status: answer.status, text: await answer.text() };
  }

  it('bundle export writes every room, signed by the key /api/session gives, which survives a restart', async () => {
    const { fixture } = ctx;
    const writer = ctx.client(fixture.roomA, fixture.tokens.partnerA);
    const reader = ctx.client(fixture.roomA, fixture.tokens.reviewer);
    await Promise.all([writer.synced(), reader.synced()]);
    writer.doc.getText('body').insert(0, 'Stored before the export. ');
    // The relay stores before it broadcasts: once the reader has it, it is in the database.
    await waitUntil(
      () => reader.doc.getText('body').toString() === 'Stored before the export. ',
      'the write to be stored',
    );

    const key = (await session(fixture.tokens.partnerB)).relayKey;
    expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const out = path.join(fixture.dir, 'latest.soabundle');
    const run = spawnSync(
      process.execPath,
      [RELAY_BIN, 'bundle', 'export', '--db', fixture.dbFile, '--soa', fixture.soaId, '--out', out, '--json'],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ soaId: fixture.soaId, relayKey: key, out });

    const parsed = parseLatestBundle(fs.readFileSync(out, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.bundle.relayKey).toBe(key);
    expect(signedBy(key ?? '', latestSignedMessage(parsed.bundle), parsed.signature)).toBe(true);
    const rooms = parsed.bundle.rooms.map((entry) => entry.room);
    expect(rooms).toEqual(
      expect.arrayContaining([
        fixture.frame,
        fixture.roomA,
        fixture.roomB,
        `soa/${fixture.soaId}/comments/${fixture.memberIds.partnerA}`,
      ]),
    );
    expect(bodyOf(parsed.updates[rooms.indexOf(fixture.roomA)] ?? new Uint8Array())).toBe('Stored before the export. ');

    // The same key after a restart: apps that joined before keep trusting what the relay signs.
    await ctx.relay.stop();
    ctx.relay = await startRelayProcess(fixture.dbFile);
    expect((await session(fixture.tokens.coordinator)).relayKey).toBe(key);

    // A changed byte no longer verifies.
    const altered = { ...parsed.bundle, createdAt: parsed.bundle.createdAt.replace(/^2/, '3') };
    expect(signedBy(key ?? '', latestSignedMessage(altered), parsed.signature)).toBe(false);

    const missing = spawnSync(
      process.execPath,
      [RELAY_BIN, 'bundle', 'export', '--db', fixture.dbFile, '--soa', 'no-such-soa', '--out', out],
      { encoding: 'utf8' },
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('No SOA with id no-such-soa');
  });

  it('GET /api/soas/<id>/latest answers members of the partnership only', async () => {
    const { fixture } = ctx;
    const key = (await session(fixture.tokens.reviewer)).relayKey ?? '';
    const answer = await latest(fixture.tokens.reviewer, fixture.soaId);
    expect(answer.status).toBe(200);
    const parsed = parseLatestBundle(answer.text);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.bundle.soaId).toBe(fixture.soaId);
    expect(signedBy(key, latestSignedMessage(parsed.bundle), parsed.signature)).toBe(true);

    expect((await latest(null, fixture.soaId)).status).toBe(401);
    expect((await latest(fixture.tokens.revoked, fixture.soaId)).status).toBe(403);
    const outsider = await latest(fixture.tokens.outsider, fixture.soaId);
    expect(outsider.status).toBe(404);
    expect(outsider.text).not.toContain(fixture.roomA);
  });
});
