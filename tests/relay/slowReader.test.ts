// Issue 13, item 1: a member who stops reading and keeps asking for the whole room (sync step 1, query
// awareness) must not exhaust the relay's memory or stall other partnerships, and the keep-alive must drop
// a client that never reads even when it sends pongs nobody asked for.
// The 30-second version with the same assertions is bench/relay-slow-reader.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, type TestClient } from './harness/clients';
import { waitUntil } from '../support/wait';
import { makeFixture, type Fixture } from './harness/fixture';
import { openFrameSocket } from './harness/rawFrames';
import { startRelayProcess, type RelayProcess } from '../support/relayProcess';
import { fillRoom, hammerWithRequests, measureWhile, STEP_1_EMPTY, QUERY_AWARENESS } from './harness/slowReader';

const MiB = 1024 * 1024;

describe('a member who does not read', () => {
  let fixture: Fixture;
  let relay: RelayProcess;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    fixture = makeFixture();
    relay = await startRelayProcess(fixture.dbFile, ['--keepalive-ms', '400']);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await relay.stop();
    fixture.cleanup();
  });

  for (const [what, request] of [
    ['sync step 1', STEP_1_EMPTY],
    ['query-awareness', QUERY_AWARENESS],
  ] as const) {
    it(`sending ${what} as fast as it can neither exhausts memory nor stalls another partnership's writer`, async () => {
      const pid = relay.child.pid ?? 0;
      const filler = connectClient(relay.syncUrl, fixture.frame, fixture.tokens.coordinator);
      clients.push(filler);
      await fillRoom(filler, 140_000);
      const writer = connectClient(relay.syncUrl, fixture.otherSoaFrame, fixture.tokens.outsider);
      clients.push(writer);
      await writer.synced();
      const attackUrl = `/sync/${fixture.frame}?token=${encodeURIComponent(fixture.tokens.reviewer)}`;
      // Presence states in the room make query-awareness answers large too.
      if (what === 'query-awareness') filler.provider.awareness.setLocalStateField('note', 'x'.repeat(2_000));

      // What the writer's changes take on this machine anyway: the same writer on a relay nobody attacks, in
      // the same seconds, so both feel the same load from other test files and processes (a baseline taken
      // before the attack missed a busy spell during it). The 250 ms figure is checked over 30 s by
      // bench/relay-slow-reader.ts; here the test asserts no stall of a second beyond what the control
      // writer waited (without the limits the writer waited several seconds for each change).
      const controlFixture = makeFixture();
      const control = await startRelayProcess(controlFixture.dbFile, ['--keepalive-ms', '400']);
      const controlWriter = connectClient(
        control.syncUrl,
        controlFixture.otherSoaFrame,
        controlFixture.tokens.outsider,
      );
      try {
        await controlWriter.synced();
        const attack = hammerWithRequests(relay.url, attackUrl, request, 6_000);
        const [result, unattacked] = await Promise.all([
          measureWhile(pid, writer, () => attack),
          measureWhile(control.child.pid ?? 0, controlWriter, () => attack),
        ]);
        const report = `RSS +${(result.rssGrowthBytes / MiB).toFixed(1)} MiB, writer p99 ${result.p99Ms.toFixed(0)} ms over ${result.latenciesMs.length} writes (${unattacked.p99Ms.toFixed(0)} ms on the relay nobody attacked), ${result.attack.connections} attacking connections, ${result.attack.cutOff} cut off by the relay`;
        console.log(`${what}: ${report}`);
        expect(result.rssGrowthBytes, report).toBeLessThanOrEqual(100 * MiB);
        expect(result.p99Ms, report).toBeLessThan(1_000 + unattacked.p99Ms);
        expect(result.attack.cutOff, report).toBeGreaterThan(0);
      } finally {
        controlWriter.destroy();
        await control.stop();
        controlFixture.cleanup();
      }
      // The room still works for everyone else.
      filler.doc.getText('body').insert(0, 'after: ');
      await filler.stored('an edit after the attack');
    }, 60_000);
  }

  it('is dropped by the keep-alive even when it sends pongs nobody asked for, while a reading client stays', async () => {
    const reading = connectClient(relay.syncUrl, fixture.roomA, fixture.tokens.partnerA);
    clients.push(reading);
    await reading.synced();
    const silent = await openFrameSocket(
      relay.url,
      `/sync/${fixture.frame}?token=${encodeURIComponent(fixture.tokens.reviewer)}`,
    );
    expect(silent.status).toContain(' 101 ');
    silent.stopReading();
    const pongs = setInterval(() => silent.sendPong(new Uint8Array([1, 2, 3, 4])), 100);
    try {
      await waitUntil(silent.isGone, 'the relay to drop a client that answers no ping', 8_000);
    } finally {
      clearInterval(pongs);
    }
    // Several keep-alive rounds later the reading client (its pongs answer the relay's pings) is still there.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(reading.provider.wsconnected).toBe(true);
    expect(reading.closes).toEqual([]);
    reading.doc.getText('body').insert(0, 'still here');
    await reading.stored();
  });
});
