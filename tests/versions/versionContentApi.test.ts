// GET /api/soas/<soaId>/versions/<versionId> and .../compare over a real relay: the version's rooms exactly
// as recorded (not as they are now), the comparison naming who changed what, and the same refusals as the
// versions list (other partnerships, unknown and revoked tokens, a version of another SOA).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { comparisonResponseSchema, versionContentSchema } from '../../shared/api/versionContent';
import { versionRecordSchema, type VersionRecord } from '../../shared/api/versions';
import { connectClient } from '../relay/harness/clients';
import { makeFixture, type Fixture } from '../relay/harness/fixture';
import { startRelayProcess, type RelayProcess } from '../support/relayProcess';

describe('one version over HTTP', () => {
  let fixture: Fixture;
  let relay: RelayProcess;
  let version: VersionRecord;
  const get = (path: string, token: string | null) =>
    fetch(`${relay.url}/api/soas/${fixture.soaId}/${path}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });

  const writeStatement = async (token: string, room: string, text: string) => {
    const client = connectClient(relay.syncUrl, room, token);
    await client.synced();
    const fragment = client.doc.getXmlFragment('statement');
    if (fragment.length > 0) fragment.delete(0, fragment.length);
    fragment.insert(0, [new Y.XmlText(text)]);
    await client.stored();
    client.destroy();
  };

  beforeAll(async () => {
    fixture = makeFixture();
    relay = await startRelayProcess(fixture.dbFile);
    await writeStatement(fixture.tokens.partnerA, fixture.roomA, 'The council will pool its budget.');
    const created = await fetch(`${relay.url}/api/soas/${fixture.soaId}/versions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${fixture.tokens.coordinator}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Draft submitted to the Scottish Government' }),
    });
    version = versionRecordSchema.parse(await created.json());
    await writeStatement(fixture.tokens.partnerA, fixture.roomA, 'The council will pool half its budget.');
  });
  afterAll(async () => {
    await relay.stop();
    fixture.cleanup();
  });

  it('answers each room as the version holds it, not as it is now', async () => {
    const response = await get(`versions/${version.versionId}`, fixture.tokens.reviewer);
    expect(response.status).toBe(200);
    const content = versionContentSchema.parse(await response.json());
    expect(content.version).toEqual(version);
    expect(content.rooms.map((room) => room.room)).toEqual([fixture.frame, fixture.roomA, fixture.roomB]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(content.rooms[1]?.state ?? '', 'base64'));
    expect(doc.getXmlFragment('statement').toString()).toBe('The council will pool its budget.');
  });

  it('compares the version with now, naming the member and partner who changed the section', async () => {
    const response = await get(`versions/${version.versionId}/compare`, fixture.tokens.partnerB);
    expect(response.status).toBe(200);
    const compared = comparisonResponseSchema.parse(await response.json());
    expect(compared.from.versionId).toBe(version.versionId);
    expect(compared.to).toBeNull();
    expect(compared.sections).toHaveLength(1);
    const [section] = compared.sections;
    expect(section?.changedBy).toEqual([
      expect.objectContaining({
        name: 'Alex Council',
        partnerName: 'Test Council',
        memberId: fixture.memberIds.partnerA,
      }),
    ]);
    expect(section?.pieces).toContainEqual(
      expect.objectContaining({
        kind: 'inserted',
        text: expect.stringContaining('half') as unknown,
        memberId: fixture.memberIds.partnerA,
      }),
    );
  });

  it("refuses missing, unknown and revoked tokens, other partnerships, and versions that are not the SOA's", async () => {
    for (const path of [`versions/${version.versionId}`, `versions/${version.versionId}/compare`]) {
      expect((await get(path, null)).status).toBe(401);
      expect((await get(path, 'not-a-known-token')).status).toBe(401);
      expect((await get(path, fixture.tokens.revoked)).status).toBe(403);
      expect((await get(path, fixture.tokens.outsider)).status).toBe(404);
    }
    expect((await get('versions/NoSuchVersion123', fixture.tokens.coordinator)).status).toBe(404);
    expect((await get('versions/NoSuchVersion123/compare', fixture.tokens.coordinator)).status).toBe(404);
    // The outsider's own SOA cannot reach this partnership's version either.
    const otherSoa = fixture.otherSoaFrame.split('/')[1] ?? '';
    const across = await fetch(`${relay.url}/api/soas/${otherSoa}/versions/${version.versionId}`, {
      headers: { Authorization: `Bearer ${fixture.tokens.outsider}` },
    });
    expect(across.status).toBe(404);
  });
});
