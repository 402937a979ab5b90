/**
 * Reconnect storm: 100 clients in the demo SOA's partner rooms drop together (TCP reset) and reconnect,
 * many times, each having made an edit while disconnected. The relay stays up, its open connections return
 * to the client count after every storm and to zero at the end, its memory returns near its warmed-up
 * baseline, every room converges, and no edit is duplicated or lost.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createWorld, openHandles, scale, sleep, type NetWorld } from './fixture';
import { waitUntil } from '../support/wait';
import { NetClient } from './netClient';
import { PROFILES } from './profiles';
import { relayUnavailableReason } from '../support/relayProcess';
import { seedFromEnv } from '../support/random';

const unavailable = relayUnavailableReason();
if (unavailable) console.log(`[reconnectStorm] not run: ${unavailable}`);

const CLIENTS = Number(process.env.SOA_STORM_CLIENTS ?? 100);
const CYCLES = scale(4, 25);
const seed = seedFromEnv();
// Each y-websocket provider in Node adds a process exit listener.
process.setMaxListeners(CLIENTS + 50);

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

function markers(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment('gapNotes')
    .toArray()
    .map((p) =>
      p instanceof Y.XmlElement
        ? p
            .toArray()
            .map((t) => t.toString())
            .join('')
        : '',
    )
    .filter((text) => /^\[c\d+:\d+\]$/.test(text)); // the demo's own notes are not markers
}

describe('reconnect storm', () => {
  let world: NetWorld | null = null;
  afterAll(async () => {
    await world?.dispose();
  });

  it.runIf(!unavailable)(
    `${CLIENTS} clients drop and reconnect together ${CYCLES} times`,
    async () => {
      console.log(
        `[reconnectStorm] seed=${seed} clients=${CLIENTS} cycles=${CYCLES} soak=${process.env.SOA_SOAK === '1'}`,
      );
      const handlesBefore = openHandles();
      world = await createWorld();
      const w = world;
      const proxy = await w.proxy(PROFILES.office, seed);
      const partners = w.demo.partners;
      const clients: NetClient[] = [];
      for (let i = 0; i < CLIENTS; i++) {
        const partner = partners[i % partners.length];
        if (!partner) throw new Error('demo has no partners');
        clients.push(
          w.client({ serverUrl: proxy.wsUrl('/sync'), room: partner.room, token: partner.token, maxBackoffTime: 1000 }),
        );
      }
      const allSynced = async (what: string): Promise<number> => {
        try {
          return await waitUntil(() => clients.every((c) => c.synced && c.everythingOnServer()), what, 60_000, 50);
        } catch (error) {
          const lagging = clients.filter((c) => !(c.synced && c.everythingOnServer()));
          const sample = lagging
            .slice(0, 3)
            .map(
              (c) =>
                `connected=${c.connected} synced=${c.synced} acks=${c.acks} closes=${c.closeCodes.join(',')} denied=${c.permissionDenied.length}`,
            );
          throw new Error(
            `${String(error)}: ${lagging.length} lagging, e.g. ${sample.join(' | ')}; relay ${JSON.stringify(await w.relay.healthz())}; log ${w.relay.logTail.slice(-500)}`,
          );
        }
      };
      await allSynced('all synced at start');
      await w.relay.waitForConnections(CLIENTS, 10_000);
      const pid = w.relay.pid as number;
      let baselineRss = 0;
      const storms: string[] = [];
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        proxy.reset();
        // Each client edits while it is disconnected: one marked paragraph.
        clients.forEach((client, i) => {
          const paragraph = new Y.XmlElement('paragraph');
          paragraph.insert(0, [new Y.XmlText(`[c${i}:${cycle}]`)]);
          const fragment = client.doc.getXmlFragment('gapNotes');
          client.doc.transact(() => fragment.insert(fragment.length, [paragraph]), 'local');
        });
        const ms = await allSynced(`all back and stored after storm ${cycle}`);
        const health = await w.relay.waitForConnections(CLIENTS, 15_000);
        if (cycle === 0) baselineRss = rssKb(pid);
        storms.push(`${ms}ms/${health.connections}conn/${Math.round(rssKb(pid) / 1024)}MB`);
        await sleep(100);
      }
      console.log(`[reconnectStorm] storms: ${storms.join(' ')}; proxy resets=${proxy.stats().resets}`);
      expect(w.relay.running).toBe(true);

      // Convergence: every client of a room holds the same content, with each marker exactly once.
      await waitUntil(
        () => {
          for (const partner of partners) {
            const docs = clients
              .filter((c) => c.options.room === partner.room)
              .map((c) => JSON.stringify(markers(c.doc)));
            if (new Set(docs).size !== 1) return false;
          }
          return true;
        },
        'converged',
        20_000,
        50,
      );
      const fresh = partners.map((partner) =>
        w.client({ serverUrl: w.directUrl, room: partner.room, token: partner.token }),
      );
      await waitUntil(() => fresh.every((c) => c.synced), 'fresh clients synced', 10_000, 50);
      for (const [p, partner] of partners.entries()) {
        const found = markers((fresh[p] as NetClient).doc);
        const expected: string[] = [];
        clients.forEach((_, i) => {
          if (partners[i % partners.length] === partner)
            for (let cycle = 0; cycle < CYCLES; cycle++) expected.push(`[c${i}:${cycle}]`);
        });
        const counts = new Map<string, number>();
        for (const m of found) counts.set(m, (counts.get(m) ?? 0) + 1);
        const duplicated = [...counts].filter(([, n]) => n > 1).map(([m, n]) => `${m} x${n}`);
        const unexpected = found.filter((m) => !expected.includes(m));
        const missing = expected.filter((m) => !counts.has(m));
        expect({ room: p, duplicated, unexpected, missing }).toEqual({
          room: p,
          duplicated: [],
          unexpected: [],
          missing: [],
        });
        expect(found.length).toBe(expected.length);
        expect([...found].sort()).toEqual([...expected].sort());
        expect(JSON.stringify(markers(clients[p]?.doc as Y.Doc))).toBe(JSON.stringify(found));
      }

      // Back to baseline: no connections once every client is gone, memory near the warmed-up figure.
      for (const client of [...clients, ...fresh]) client.destroy();
      w.clients.splice(0);
      await w.relay.waitForConnections(0, 15_000);
      const finalRss = rssKb(pid);
      console.log(
        `[reconnectStorm] relay RSS after first storm ${Math.round(baselineRss / 1024)} MB, at the end ${Math.round(finalRss / 1024)} MB`,
      );
      expect(finalRss).toBeLessThan(baselineRss * 1.5 + 30 * 1024);
      await proxy.close();
      await waitUntil(() => openHandles().tcp <= handlesBefore.tcp, 'client sockets closed', 5_000, 50);
    },
    240_000,
  );
});
