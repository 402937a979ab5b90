// The administrator's interface: every command, its --json output, wrong input (one line, non-zero exit,
// no stack trace), tokens stored only as hashes, and an admin change reaching a running relay's clients.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ID_PATTERN } from '../../shared/model/ids';
import { connectClient } from './harness/clients';
import { waitUntil } from '../support/wait';
import { tempDir } from '../support/tempDirs';
import { runRelayCli } from '../support/relayCli';
import { startRelayProcess } from '../support/relayProcess';

const dir = tempDir('soa-relay-test-');
const db = path.join(dir, 'admin.db');

function json<T>(...args: string[]): T {
  const result = runRelayCli(...args, '--db', db, '--json');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(result.stdout) as T;
}

describe('soa-relay admin commands', () => {
  const ids: {
    partnership?: string;
    council?: string;
    police?: string;
    soa?: string;
    member?: string;
    token?: string;
  } = {};

  it('creates a partnership, partners and an SOA, printing one JSON object each', () => {
    ids.partnership = json<{ partnershipId: string }>(
      'partnership',
      'create',
      '--name',
      'Glenmorven CPP',
    ).partnershipId;
    expect(ids.partnership).toMatch(ID_PATTERN);
    ids.council = json<{ partnerId: string }>(
      'partner',
      'add',
      '--partnership',
      ids.partnership,
      '--name',
      'Glenmorven Council',
      '--kind',
      'council',
    ).partnerId;
    const soa = json<{ soaId: string; rooms: string[] }>(
      'soa',
      'create',
      '--partnership',
      ids.partnership,
      '--title',
      'Glenmorven SOA',
      '--framework',
      'npf-2018',
    );
    ids.soa = soa.soaId;
    expect(soa.rooms).toEqual([`soa/${soa.soaId}/frame`, `soa/${soa.soaId}/partner/${ids.council}`]);
  });

  it('invites, lists and revokes members; the token is shown once and stored only as a hash', () => {
    const invited = json<{ memberId: string; token: string }>(
      'member',
      'invite',
      '--partner',
      ids.council ?? '',
      '--role',
      'coordinator',
      '--name',
      'Morag',
    );
    ids.member = invited.memberId;
    ids.token = invited.token;
    expect(invited.token.length).toBeGreaterThanOrEqual(40);
    const listed = json<{ members: { memberId: string; name: string; role: string; revoked: boolean }[] }>(
      'member',
      'list',
      '--partnership',
      ids.partnership ?? '',
    );
    expect(listed.members).toEqual([
      expect.objectContaining({ memberId: invited.memberId, name: 'Morag', role: 'coordinator', revoked: false }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(invited.token);
    const raw = fs.readFileSync(db);
    expect(raw.includes(Buffer.from(invited.token))).toBe(false);
    const handle = new Database(db, { readonly: true });
    expect(JSON.stringify(handle.prepare('SELECT * FROM members').all())).not.toContain(invited.token);
    handle.close();

    expect(json<{ revoked: boolean }>('member', 'revoke', '--member', invited.memberId).revoked).toBe(true);
    expect(
      json<{ members: { revoked: boolean }[] }>('member', 'list', '--partnership', ids.partnership ?? '').members[0]
        ?.revoked,
    ).toBe(true);
    const human = runRelayCli('member', 'list', '--db', db, '--partnership', ids.partnership ?? '');
    expect(human.stdout).toMatch(/Morag.*\(revoked\)/);
  });

  it('creates the demo partnership with a token per member', () => {
    const demo = json<{ soaId: string; rooms: string[]; members: { role: string; token: string }[] }>('demo');
    expect(demo.rooms[0]).toBe(`soa/${demo.soaId}/frame`);
    expect(demo.members.map((member) => member.role)).toContain('coordinator');
    expect(demo.members.filter((member) => member.role === 'partner')).toHaveLength(demo.rooms.length - 1);
    expect(new Set(demo.members.map((member) => member.token)).size).toBe(demo.members.length);
    // The sample's frame and partner rooms are stored, so the app opens on real content.
    const handle = new Database(db, { readonly: true });
    for (const room of demo.rooms)
      expect(handle.prepare('SELECT COUNT(*) AS n FROM room_updates WHERE room = ?').get(room), room).toEqual({ n: 1 });
    handle.close();
    // A second demo on the same database makes a second, separate partnership.
    expect(json<{ soaId: string }>('demo', '--seed', '2').soaId).not.toBe(demo.soaId);
  });

  it('answers wrong input with one plain line and a non-zero exit', () => {
    const cases: string[][] = [
      [],
      ['frobnicate', '--db', db],
      ['partnership', 'create', '--db', db],
      ['partnership', 'create', '--name', 'No database'],
      ['partnership', 'create', '--db', db, '--name', 'x', '--colour', 'red'],
      ['partner', 'add', '--db', db, '--partnership', ids.partnership ?? '', '--name', 'X', '--kind', 'wizards'],
      ['partner', 'add', '--db', db, '--partnership', 'nosuchpartnership', '--name', 'X', '--kind', 'police'],
      ['partner', 'add', '--db', db, '--partnership', '../etc', '--name', 'X', '--kind', 'police'],
      ['soa', 'create', '--db', db, '--partnership', ids.partnership ?? '', '--title', 'T', '--framework', 'npf-1999'],
      [
        'soa',
        'create',
        '--db',
        db,
        '--partnership',
        ids.partnership ?? '',
        '--title',
        '   ',
        '--framework',
        'npf-2011',
      ],
      ['member', 'invite', '--db', db, '--partner', ids.council ?? '', '--role', 'emperor', '--name', 'X'],
      ['member', 'revoke', '--db', db, '--member', ids.member ?? ''],
      ['member', 'revoke', '--db', db, '--member', 'nosuchmember'],
      ['member', 'list', '--db', path.join(dir, 'missing-folder', 'x.db'), '--partnership', 'abc'],
      ['serve', '--db', db, '--port', 'eighty'],
      ['serve', '--db', db, '--checkpoints', 'sometimes'],
      ['serve', '--db', db, '--wal-sync', 'later'],
      ['serve', '--db', db, '--compression', 'sometimes'],
      ['serve', '--db', db, '--keepalive-ms', '0'],
      ['serve', '--db', db, '--auth-timeout-ms', 'soon'],
      ['serve', '--db', db, '--compare-timeout-ms', '3600001'],
    ];
    for (const args of cases) {
      const result = runRelayCli(...args);
      const label = args.join(' ');
      expect(result.status, label).not.toBe(0);
      expect(result.stderr.trim().split('\n'), label).toHaveLength(1);
      expect(result.stderr, label).toMatch(/^soa-relay: /);
      expect(result.stderr, label).not.toMatch(/\n\s+at |Error:/);
    }
  });

  it('takes times in milliseconds up to an hour, not only up to the largest port number', async () => {
    const relay = await startRelayProcess(db, ['--keepalive-ms', '120000', '--auth-timeout-ms', '90000']);
    expect(await relay.stop()).toBe(0);
  });

  it('refuses a database written by a newer relay, and a file that is not a database', () => {
    const newer = path.join(dir, 'newer.db');
    const handle = new Database(newer);
    handle.pragma('user_version = 99');
    handle.close();
    const refused = runRelayCli('member', 'list', '--db', newer, '--partnership', 'abc');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /^soa-relay: This database was written by a newer relay \(schema 99\); upgrade soa-relay to open it\.\n$/,
    );
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'these are not the tables you are looking for, '.repeat(200));
    const notDb = runRelayCli('member', 'list', '--db', text, '--partnership', 'abc');
    expect(notDb.status).toBe(2);
    expect(notDb.stderr).toMatch(/^soa-relay: .*is not a relay database/);
  });

  it('adds a new partner to the frames of existing SOAs, live on a running relay', async () => {
    const relay = await startRelayProcess(db);
    const coordinator = json<{ token: string }>(
      'member',
      'invite',
      '--partner',
      ids.council ?? '',
      '--role',
      'reviewer',
      '--name',
      'Watcher',
    );
    const frame = connectClient(relay.syncUrl, `soa/${ids.soa}/frame`, coordinator.token);
    await frame.synced();
    expect([...frame.doc.getMap('partners').keys()]).toEqual([ids.council]);
    ids.police = json<{ partnerId: string }>(
      'partner',
      'add',
      '--partnership',
      ids.partnership ?? '',
      '--name',
      'Police Scotland',
      '--kind',
      'police',
    ).partnerId;
    await waitUntil(
      () => frame.doc.getMap('partners').has(ids.police ?? ''),
      'the new partner to reach the open frame',
    );
    frame.destroy();
    expect(await relay.stop()).toBe(0);
  });
});
