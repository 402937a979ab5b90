// Change files (issue 17): a partner edits offline and saves a change file; the coordinator imports it with
// `soa-relay bundle import` while the relay runs, and every open client converges; importing it again
// changes nothing. A file with a changed byte, a revoked member's, one for another partnership: refused
// with exit 2 and nothing stored. A file with a room its member may not write: that room refused (exit 3),
// the others applied. POST /api/bundles does the same on a running relay.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { toBase64 } from 'lib0/buffer';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type ChangeBundle } from '../../shared/bundle/changeFile';
import type { MemberId, SoaId } from '../../shared/model/ids';
import { CLOSE_CODES, encodeSyncUpdate } from '../../shared/protocol/messages';
import { bundleKey, bundleMac } from '../../server/bundle/bundleMac';
import { hashToken } from '../../server/tokens';
import { rawConnection } from './harness/clients';
import { waitUntil } from '../support/wait';
import { relayPerTest } from './harness/relayPerTest';
import { readRoom } from './harness/roomSnapshot';
import { RELAY_BIN } from '../support/relayProcess';

function changeFile(
  soaId: string,
  memberId: string,
  token: string,
  rooms: readonly { room: string; update: Uint8Array }[],
): string {
  const fields: Omit<ChangeBundle, 'mac'> = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    kind: 'changes',
    soaId: soaId as SoaId,
    memberId: memberId as MemberId,
    createdAt: '2026-03-31T09:15:00.000Z',
    rooms: rooms.map((entry) => ({ room: entry.room, update: toBase64(entry.update) })),
  };
  return JSON.stringify({ ...fields, mac: bundleMac(fields, bundleKey(hashToken(token))).toString('base64') });
}

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

function bodyOf(update: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('body').toString();
}

describe('soa-relay bundle import', () => {
  const ctx = relayPerTest();

  function importFile(contents: string): { status: number | null; stdout: string; stderr: string } {
    const file = path.join(ctx.fixture.dir, `changes-${Math.random().toString(36).slice(2)}.soabundle`);
    fs.writeFileSync(file, contents);
    const result = spawnSync(
      process.execPath,
      [RELAY_BIN, 'bundle', 'import', '--db', ctx.fixture.dbFile, '--file', file, '--json'],
      { encoding: 'utf8' },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('applies a partner’s offline changes while the relay runs, every open client converges, and a second import changes nothing', async () => {
    const { fixture } = ctx;
    // The partner's copy: synced once, then a day of work offline.
    const partner = ctx.client(fixture.roomA, fixture.tokens.partnerA);
    await partner.synced();
    partner.doc.getText('body').insert(0, 'Agreed before. ');
    await partner.stored();
    partner.provider.disconnect();
    // Offline, after a reload: the app's copy has a client id the relay has never seen.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(partner.doc));
    const relayHad = Y.encodeStateVector(offline);
    offline.getText('body').insert(offline.getText('body').length, 'Written offline on Tuesday. ');
    offline.getText('body').delete(0, 7);
    const unsent = Y.encodeStateAsUpdate(offline, relayHad);
    Y.applyUpdate(partner.doc, unsent);

    const colleague = ctx.client(fixture.roomA, fixture.tokens.partnerB);
    await colleague.synced();
    const file = changeFile(fixture.soaId, fixture.memberIds.partnerA, fixture.tokens.partnerA, [
      { room: fixture.roomA, update: unsent },
    ]);
    const first = importFile(file);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      soaId: fixture.soaId,
      memberId: fixture.memberIds.partnerA,
      rooms: [{ room: fixture.roomA, applied: true, reason: null, changed: true }],
      changed: 1,
    });
    const started = Date.now();
    await waitUntil(
      () => colleague.doc.getText('body').toString() === 'before. Written offline on Tuesday. ',
      'the open client to receive the import',
      5_000,
    );
    console.log(
      `bundleImport.test.ts: open client had the imported change ${Date.now() - started} ms after the import exited`,
    );

    // The running relay learnt who holds the imported client id: a colleague cannot write under it.
    const forger = rawConnection(ctx.relay.syncUrl, fixture.roomA, fixture.tokens.partnerA2);
    await forger.opened;
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(colleague.doc));
    forged.clientID = offline.clientID;
    const forgedBefore = Y.encodeStateVector(forged);
    forged.getText('body').insert(0, 'FORGED ');
    forger.send(encodeSyncUpdate(Y.encodeStateAsUpdate(forged, forgedBefore)));
    expect((await forger.closed).code).toBe(CLOSE_CODES.CLIENT_ID_TAKEN);

    const again = importFile(file);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).changed).toBe(0);
    expect(JSON.parse(again.stdout).rooms).toEqual([
      { room: fixture.roomA, applied: true, reason: null, changed: false },
    ]);
    const text = spawnSync(
      process.execPath,
      [RELAY_BIN, 'bundle', 'import', '--db', fixture.dbFile, '--file', path.join(fixture.dir, 'again.soabundle')],
      { encoding: 'utf8' },
    );
    expect(text.status).toBe(2); // no such file
    fs.writeFileSync(path.join(fixture.dir, 'again.soabundle'), file);
    const human = spawnSync(
      process.execPath,
      [RELAY_BIN, 'bundle', 'import', '--db', fixture.dbFile, '--file', path.join(fixture.dir, 'again.soabundle')],
      { encoding: 'utf8' },
    );
    expect(human.stdout).toContain('Nothing new: every change in this file was already stored.');

    // Stored as the partner's own (the audit names them), and the partner's copy, back online, is up to date.
    partner.provider.connect();
    await partner.stored('the partner to see its offline work stored');
    expect(bodyOf((await readRoom(ctx.relay.syncUrl, fixture.roomA, fixture.tokens.reviewer)).update)).toBe(
      'before. Written offline on Tuesday. ',
    );
    const history = spawnSync(
      process.execPath,
      [RELAY_BIN, 'history', '--db', fixture.dbFile, '--soa', fixture.soaId, '--json'],
      { encoding: 'utf8' },
    );
    const entries = (
      JSON.parse(history.stdout) as { entries: { memberId: string | null; room: string }[] }
    ).entries.filter((entry) => entry.room === fixture.roomA);
    expect(new Set(entries.map((entry) => entry.memberId))).toEqual(new Set([fixture.memberIds.partnerA]));
  });

  it('refuses a file with a changed byte, a revoked member’s file and one for another partnership, storing nothing', async () => {
    const { fixture } = ctx;
    const before = await readRoom(ctx.relay.syncUrl, fixture.roomA, fixture.tokens.reviewer);
    const good = changeFile(fixture.soaId, fixture.memberIds.partnerA, fixture.tokens.partnerA, [
      { room: fixture.roomA, update: textUpdate('Forged? ') },
    ]);
    const altered = good.replace('"createdAt":"2026-03-31T09:15:00.000Z"', '"createdAt":"2026-03-31T09:16:00.000Z"');
    expect(altered).not.toBe(good);
    const otherSoa = fixture.otherSoaFrame.split('/')[1]!;
    const cases: [string, string, RegExp][] = [
      ['a changed byte', altered, /MAC does not match/],
      [
        'a revoked member',
        changeFile(fixture.soaId, fixture.memberIds.revoked, fixture.tokens.revoked, [
          { room: fixture.roomB, update: textUpdate('Late. ') },
        ]),
        /access has been revoked/,
      ],
      [
        'another partnership',
        changeFile(otherSoa, fixture.memberIds.partnerA, fixture.tokens.partnerA, [
          { room: `soa/${otherSoa}/frame`, update: textUpdate('Elsewhere. ') },
        ]),
        /not one of Alex Council's partnership's/,
      ],
      ['not a change file', '{"format":"soabundle"}', /version/],
    ];
    for (const [what, contents, reason] of cases) {
      const result = importFile(contents);
      expect(result.status, what).toBe(2);
      expect(result.stdout, what).toBe('');
      expect(result.stderr.trim().split('\n'), what).toHaveLength(1);
      expect(result.stderr, what).toMatch(reason);
      expect(result.stderr, what).toMatch(/Nothing was imported\.$/m);
    }
    const after = await readRoom(ctx.relay.syncUrl, fixture.roomA, fixture.tokens.reviewer);
    expect(Buffer.from(after.update).equals(Buffer.from(before.update))).toBe(true);
    expect(bodyOf((await readRoom(ctx.relay.syncUrl, fixture.roomB, fixture.tokens.reviewer)).update)).toBe('');
  });

  it('refuses a room its member may not write (exit 3) and applies the others', async () => {
    const { fixture } = ctx;
    const file = changeFile(fixture.soaId, fixture.memberIds.partnerA, fixture.tokens.partnerA, [
      { room: fixture.roomB, update: textUpdate('Not my section. ') },
      { room: fixture.roomA, update: textUpdate('My section. ') },
    ]);
    const result = importFile(file);
    expect(result.status).toBe(3);
    const body = JSON.parse(result.stdout) as {
      rooms: { room: string; applied: boolean; reason: string | null }[];
      changed: number;
    };
    expect(body.rooms).toEqual([
      {
        room: fixture.roomB,
        applied: false,
        reason: 'Alex Council may not change this room: it belongs to another partner or role.',
        changed: false,
      },
      { room: fixture.roomA, applied: true, reason: null, changed: true },
    ]);
    expect(body.changed).toBe(1);
    expect(bodyOf((await readRoom(ctx.relay.syncUrl, fixture.roomA, fixture.tokens.reviewer)).update)).toBe(
      'My section. ',
    );
    expect(bodyOf((await readRoom(ctx.relay.syncUrl, fixture.roomB, fixture.tokens.reviewer)).update)).toBe('');
  });
});

describe('POST /api/bundles', () => {
  const ctx = relayPerTest();

  async function post(token: string | null, body: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const answer = await fetch(`${ctx.relay.url}/api/bundles`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body,
    });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  }

  it('imports a member’s file for any member of the partnership, sends it to open clients, and refuses others', async () => {
    const { fixture } = ctx;
    const reader = ctx.client(fixture.roomA, fixture.tokens.reviewer);
    await reader.synced();
    const file = changeFile(fixture.soaId, fixture.memberIds.partnerA, fixture.tokens.partnerA, [
      { room: fixture.roomA, update: textUpdate('Carried by a colleague. ') },
    ]);
    expect((await post(null, file)).status).toBe(401);
    expect((await post(fixture.tokens.outsider, file)).status).toBe(403);
    expect((await post(fixture.tokens.partnerB, file.replace('09:15:00', '09:15:01'))).status).toBe(400);
    const imported = await post(fixture.tokens.partnerB, file);
    expect(imported).toEqual({
      status: 200,
      body: {
        soaId: fixture.soaId,
        memberId: fixture.memberIds.partnerA,
        rooms: [{ room: fixture.roomA, applied: true, reason: null, changed: true }],
        changed: 1,
      },
    });
    await waitUntil(
      () => reader.doc.getText('body').toString() === 'Carried by a colleague. ',
      'the open client to receive the import',
      1_000,
    );
    expect((await post(fixture.tokens.partnerB, file)).body.changed).toBe(0);
  });
});
