/**
 * Relay crash loop: three partners type into their rooms and an observer per room watches; the relay is
 * killed with SIGKILL in the middle of the burst, many times. After each kill: SQLite's integrity check
 * passes; on restart, the relay holds everything any observer had received (no edit a peer saw is lost);
 * and once clients reconnect every room converges within seconds.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createWorld, integrityCheck, scale, sleep, type NetWorld } from './fixture';
import { waitUntil } from '../support/wait';
import type { NetClient } from './netClient';
import { relayUnavailableReason } from '../support/relayProcess';
import { createRng, seedFromEnv } from '../support/random';
import { Typist } from './typist';

const unavailable = relayUnavailableReason();
if (unavailable) console.log(`[crashLoop] not run: ${unavailable}`);

const CYCLES = scale(6, 40);
const seed = seedFromEnv();

/** True when applying `observed`'s full state to a copy of `stored` adds nothing (items or deletions). */
function holdsEverything(stored: Y.Doc, observed: Y.Doc): boolean {
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(stored));
  let changed = false;
  copy.on('update', () => {
    changed = true;
  });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(observed));
  copy.destroy();
  return !changed;
}

describe('relay crash loop', () => {
  let world: NetWorld | null = null;
  afterAll(async () => {
    await world?.dispose();
  });

  it.runIf(!unavailable)(
    `kill -9 mid-burst ${CYCLES} times loses nothing a peer received`,
    async () => {
      console.log(`[crashLoop] seed=${seed} cycles=${CYCLES}`);
      world = await createWorld();
      const w = world;
      const rng = createRng(seed);
      const partners = w.demo.partners.slice(0, 3);
      const writers = partners.map((p) =>
        w.client({ serverUrl: w.directUrl, room: p.room, token: p.token, maxBackoffTime: 500 }),
      );
      const observers = partners.map((p) =>
        w.client({ serverUrl: w.directUrl, room: p.room, token: p.token, maxBackoffTime: 500 }),
      );
      const typists = writers.map(
        (c, i) => new Typist(c.doc, c.doc.getXmlFragment('statement'), rng.fork(`typist-${i}`)),
      );
      const all: NetClient[] = [...writers, ...observers];
      await waitUntil(() => all.every((c) => c.synced), 'synced', 20_000, 50);
      const convergeTimes: number[] = [];
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        // A burst: every writer types a keystroke every few ms; the kill lands at a random moment inside it.
        let typing = true;
        const burst = (async () => {
          while (typing) {
            for (const t of typists) t.keystroke(0.15);
            await sleep(rng.int(1, 8));
          }
        })();
        await sleep(rng.int(150, 700));
        await w.relay.kill9();
        typing = false;
        await burst;
        for (const c of all) c.disconnect();
        // What each peer had received when the relay died.
        const observed = observers.map((o) => {
          const copy = new Y.Doc({ gc: false });
          Y.applyUpdate(copy, Y.encodeStateAsUpdate(o.doc));
          return copy;
        });
        expect(integrityCheck(w.dbPath)).toBe('ok');
        await w.relay.start();
        // A client with no local state sees exactly what the relay stored.
        const fresh = partners.map((p) => w.client({ serverUrl: w.directUrl, room: p.room, token: p.token }));
        await waitUntil(() => fresh.every((c) => c.synced), `fresh clients synced after restart ${cycle}`, 15_000, 50);
        for (const [i, f] of fresh.entries()) {
          const seen = observed[i] as Y.Doc;
          expect(
            holdsEverything(f.doc, seen),
            `cycle ${cycle}: room ${i} lost something an observer had received`,
          ).toBe(true);
          seen.destroy();
          f.destroy();
        }
        w.clients.splice(w.clients.length - fresh.length);
        for (const c of all) c.connect();
        const t0 = Date.now();
        await waitUntil(
          () =>
            writers.every((wr, i) => {
              const ob = observers[i] as NetClient;
              return (
                wr.synced &&
                ob.synced &&
                wr.everythingOnServer() &&
                ob.doc.getXmlFragment('statement').toString() === wr.doc.getXmlFragment('statement').toString()
              );
            }),
          `converged after restart ${cycle}`,
          10_000,
          50,
        );
        convergeTimes.push(Date.now() - t0);
      }
      console.log(
        `[crashLoop] converge after restart (ms): ${convergeTimes.join(' ')}; typed ${typists.map((t) => t.counts.typed).join('/')} chars`,
      );
      expect(integrityCheck(w.dbPath)).toBe('ok');
    },
    240_000,
  );
});
