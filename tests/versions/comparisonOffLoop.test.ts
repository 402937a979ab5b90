/**
 * Comparing a version is worked out on a worker thread (server/history/versionComparer.ts), not on the relay's
 * event loop (issue 16): on the 100-page demo with a year of edits since the version, a partner's edits keep
 * being stored and acknowledged while a comparison, the SOA's history, or its latest file is worked out; one that runs past the relay's time
 * limit, or whose input is damaged, fails with a clear error and the next one still works.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Directory } from '../../server/db/directory';
import { openDatabase } from '../../server/db/openDatabase';
import { ComparisonTimeoutError, VersionComparer } from '../../server/history/versionComparer';
import { comparisonResponseSchema } from '../../shared/api/versionContent';
import type { SoaId } from '../../shared/model/ids';
import { partnerRoom } from '../../shared/model/rooms';
import { connectClient } from '../relay/harness/clients';
import { startRelayProcess, type RelayProcess } from '../support/relayProcess';
import { storeSample } from '../support/storedSample';
import { removeTempDir, tempDir } from '../support/tempDirs';
import { storeYearOfEdits } from '../support/yearOfEdits';

describe('comparing versions off the relay’s event loop', () => {
  let dir: string;
  let dbFile: string;
  let soaId: SoaId;
  let versionId: string;
  let room: string;
  let writerToken: string;
  let reviewerToken: string;
  const relays: RelayProcess[] = [];

  beforeAll(() => {
    dir = tempDir('soa-compare-off-loop-');
    dbFile = path.join(dir, 'relay.db');
    const db = openDatabase(dbFile);
    const stored = storeSample(db, 1);
    const { directory, members, frame } = stored;
    soaId = stored.soaId;
    reviewerToken = stored.coordinator.token;
    const [writerPartner, writer] = [...stored.officers][1] ?? [];
    if (!writerPartner || !writer) throw new Error('the sample has fewer than two partners');
    writerToken = writer.token;
    room = partnerRoom(soaId, writerPartner);
    versionId = directory.versions().create(soaId, 'Draft submitted to the Scottish Government', null).versionId;
    storeYearOfEdits(db, {
      seed: 1,
      days: 365,
      start: Date.parse('2013-04-01T09:00:00Z'),
      soaId,
      frame,
      partnerDocs: stored.partnerDocs,
      coordinator: stored.coordinator.memberId,
      members,
    });
    db.close();
  }, 120_000);

  afterAll(async () => {
    for (const relay of relays) await relay.stop();
    removeTempDir(dir);
  });

  const compare = (relay: RelayProcess) =>
    fetch(`${relay.url}/api/soas/${soaId}/versions/${versionId}/compare`, {
      headers: { Authorization: `Bearer ${reviewerToken}` },
    });

  const history = (relay: RelayProcess) =>
    fetch(`${relay.url}/api/soas/${soaId}/history`, { headers: { Authorization: `Bearer ${reviewerToken}` } });

  /**
   * Types into a partner's room, each edit waiting for its ACK before the next, until `request` is answered;
   * counts the edits stored meanwhile. On the event loop, the request's work would hold every ACK back until
   * it had answered: at most one edit could slip in before the request was read.
   */
  async function storedWhile(
    relay: RelayProcess,
    request: () => Promise<Response>,
  ): Promise<{ status: number; body: unknown; ms: number; stored: number }> {
    const writer = connectClient(relay.syncUrl, room, writerToken);
    await writer.synced();
    const statement = writer.doc.getXmlFragment('statement');
    let answered = false;
    const started = Date.now();
    const answer = request().then(async (response) => {
      answered = true;
      return { status: response.status, body: (await response.json()) as unknown, ms: Date.now() - started };
    });
    let stored = 0;
    while (!answered) {
      statement.insert(statement.length, [new Y.XmlText(`word ${stored} `)]);
      await writer.stored(`edit ${stored} to be stored meanwhile`);
      if (!answered) stored++;
    }
    writer.destroy();
    return { ...(await answer), stored };
  }

  it('keeps storing a partner’s edits while it compares a year of changes, and while it reads the history', async () => {
    const relay = await startRelayProcess(dbFile);
    relays.push(relay);
    // A first history read starts the worker; the comparison measured runs on a worker already going, and is
    // its first (a later one with the same version replays only what was stored since, see compare.test.ts).
    const warmUp = await history(relay);
    expect(warmUp.status).toBe(200);
    await warmUp.json();

    const comparing = await storedWhile(relay, () => compare(relay));
    console.log(
      `comparison answered in ${comparing.ms} ms; ${comparing.stored} edits stored and acknowledged meanwhile`,
    );
    expect(comparing.status).toBe(200);
    expect(comparisonResponseSchema.parse(comparing.body).sections.length).toBeGreaterThan(10);
    expect(comparing.stored).toBeGreaterThanOrEqual(5);

    // The history (GET .../history) replays every stored change: on the worker too.
    const reading = await storedWhile(relay, () => history(relay));
    console.log(`history answered in ${reading.ms} ms; ${reading.stored} edits stored and acknowledged meanwhile`);
    expect(reading.status).toBe(200);
    expect((reading.body as { entries: unknown[] }).entries.length).toBeGreaterThan(300);
    expect(reading.stored).toBeGreaterThanOrEqual(5);
  }, 180_000);

  it('keeps storing a partner’s edits while it builds the SOA’s latest file (each room replayed on the worker)', async () => {
    const relay = await startRelayProcess(dbFile);
    relays.push(relay);
    const latest = () =>
      fetch(`${relay.url}/api/soas/${soaId}/latest`, { headers: { Authorization: `Bearer ${reviewerToken}` } });
    const warmUp = await latest();
    expect(warmUp.status).toBe(200);
    await warmUp.json();
    const building = await storedWhile(relay, latest);
    console.log(
      `latest file answered in ${building.ms} ms; ${building.stored} edits stored and acknowledged meanwhile`,
    );
    expect(building.status).toBe(200);
    const file = building.body as { kind: string; rooms: { room: string }[] };
    expect(file.kind).toBe('latest');
    expect(file.rooms.some((entry) => entry.room === room)).toBe(true);
    expect(building.stored).toBeGreaterThanOrEqual(3);
  }, 180_000);

  it('answers 503 with a plain reason when a comparison or the history runs past the relay’s time limit', async () => {
    const relay = await startRelayProcess(dbFile, ['--compare-timeout-ms', '200']);
    relays.push(relay);
    const response = await compare(relay);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /^Comparing took longer than 200 ms, so the relay stopped it\. Compare with a later version/,
    );
    const slowHistory = await history(relay);
    expect(slowHistory.status).toBe(503);
    expect(((await slowHistory.json()) as { error: string }).error).toMatch(
      /^Reading the history took longer than 200 ms, so the relay stopped it\./,
    );
    // The relay still answers other requests after stopping the worker.
    const health = await fetch(`${relay.url}/healthz`);
    expect(health.status).toBe(200);
  }, 120_000);

  it('starts a new worker after a timeout, and refuses damaged input in words without losing the next comparison', async () => {
    const db = openDatabase(dbFile);
    const input = new Directory(db).comparisonInput(soaId, versionId);
    db.close();
    const comparer = new VersionComparer({ timeoutMs: 300 });
    try {
      await expect(comparer.compare(input.state, input.changes)).rejects.toBeInstanceOf(ComparisonTimeoutError);
      // The stopped worker is replaced: a small comparison (one partner's room and its first edits) is answered.
      const small = input.changes.filter((change) => change.room === room).slice(0, 50);
      const oneRoom = new Map([[room, input.state.get(room) ?? new Uint8Array()]]);
      expect(small.length).toBe(50);
      expect((await comparer.compare(oneRoom, small)).sections.length).toBeGreaterThan(0);
      const damaged = new Map([[room, Uint8Array.of(0xff, 0x01, 0x02)]]);
      await expect(comparer.compare(damaged, small)).rejects.toThrow(/^The comparison failed: /);
      expect((await comparer.compare(oneRoom, small)).sections.length).toBeGreaterThan(0);
    } finally {
      await comparer.close();
    }
  }, 120_000);
});
