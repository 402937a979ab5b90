// GET/POST /api/soas/<soaId>/versions and GET /api/soas/<soaId>/history over a real relay: members of the
// SOA's partnership only, coordinators alone record a version, and refusals as /api/session refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { apiErrorSchema } from '../../shared/api/session';
import { historyResponseSchema, versionListSchema, versionRecordSchema } from '../../shared/api/versions';
import { connectClient } from '../relay/harness/clients';
import { makeFixture, type Fixture } from '../relay/harness/fixture';
import { startRelayProcess, type RelayProcess } from '../support/relayProcess';

describe('versions and history over HTTP', () => {
  let fixture: Fixture;
  let relay: RelayProcess;
  beforeAll(async () => {
    fixture = makeFixture();
    relay = await startRelayProcess(fixture.dbFile);
  });
  afterAll(async () => {
    await relay.stop();
    fixture.cleanup();
  });

  const call = (path: string, token: string | null, init: RequestInit = {}) =>
    fetch(`${relay.url}/api/soas/${fixture.soaId}/${path}`, {
      ...init,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' },
    });
  const post = (token: string | null, body: unknown) =>
    call('versions', token, { method: 'POST', body: JSON.stringify(body) });

  it('lets a coordinator record a version and every member of the partnership list it', async () => {
    const alex = connectClient(relay.syncUrl, fixture.roomA, fixture.tokens.partnerA);
    await alex.synced();
    alex.doc.getXmlFragment('statement').insert(0, [new Y.XmlText('Before the draft.')]);
    await alex.stored();
    alex.destroy();

    const created = await post(fixture.tokens.coordinator, { name: '  Draft submitted to the Scottish Government ' });
    expect(created.status).toBe(201);
    const record = versionRecordSchema.parse(await created.json());
    expect(record).toEqual(
      expect.objectContaining({ name: 'Draft submitted to the Scottish Government', createdByName: 'Cora Ordinator' }),
    );
    expect(record.rooms).toEqual([fixture.frame, fixture.roomA, fixture.roomB]);

    for (const token of [fixture.tokens.coordinator, fixture.tokens.partnerB, fixture.tokens.reviewer]) {
      const listed = await call('versions', token);
      expect(listed.status).toBe(200);
      expect(versionListSchema.parse(await listed.json()).versions).toEqual([record]);
    }
  });

  it('refuses partners and reviewers (403), bad bodies (400), and other partnerships, unknown and revoked tokens', async () => {
    for (const token of [fixture.tokens.partnerA, fixture.tokens.reviewer]) {
      const refused = await post(token, { name: 'Not mine to record' });
      expect(refused.status).toBe(403);
      expect(apiErrorSchema.parse(await refused.json()).error).toMatch(/coordinators/);
    }
    for (const body of [{ name: '' }, { title: 'x' }, 'just text'])
      expect((await post(fixture.tokens.coordinator, body)).status).toBe(400);
    for (const path of ['versions', 'history']) {
      expect((await call(path, null)).status).toBe(401);
      expect((await call(path, 'not-a-known-token')).status).toBe(401);
      expect((await call(path, fixture.tokens.revoked)).status).toBe(403);
      // Another partnership's coordinator is not told the SOA exists.
      expect((await call(path, fixture.tokens.outsider)).status).toBe(404);
    }
    expect((await post(fixture.tokens.outsider, { name: 'x' })).status).toBe(404);
    expect((await post(fixture.tokens.revoked, { name: 'x' })).status).toBe(403);
    const listed = versionListSchema.parse(await (await call('versions', fixture.tokens.coordinator)).json());
    expect(listed.versions.map((version) => version.name)).not.toContain('Not mine to record');
  });

  it('answers the history grouped as soa-relay history groups it', async () => {
    const response = await call('history', fixture.tokens.reviewer);
    expect(response.status).toBe(200);
    const history = historyResponseSchema.parse(await response.json());
    expect(history.soaId).toBe(fixture.soaId);
    expect(history.entries[0]).toEqual(
      expect.objectContaining({ memberName: 'The relay administrator', room: fixture.frame }),
    );
    expect(history.entries).toContainEqual(
      expect.objectContaining({
        memberName: 'Alex Council',
        partnerName: 'Test Council',
        role: 'partner',
        room: fixture.roomA,
        sections: ['partner statement'],
        // The section itself, as the app matches it (renderer/src/versions/lastChange.ts).
        sectionKeys: [`partner.${fixture.partnerA}.statement`],
      }),
    );
  });
});
