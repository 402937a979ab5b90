// Crash: kill -9 during a burst of writes from several clients, then restart. Every update any peer had
// received, and everything the relay had acknowledged, is still there, and SQLite's integrity check passes.
// Many cycles on one database (RELAY_CRASH_CYCLES, default 12); the kill moment is seeded (RELAY_SEED).
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, type TestClient } from './harness/clients';
import { makeFixture } from './harness/fixture';
import { readRoom } from './harness/roomSnapshot';
import { startRelayProcess, type RelayProcess } from '../support/relayProcess';
import { createRng, seedFromEnv } from '../support/random';

/** The clocks of `needed` that `held` lacks (an empty list when held covers needed). */
function missing(held: Map<number, number>, needed: Map<number, number>): string[] {
  const gaps: string[] = [];
  for (const [client, clock] of needed)
    if ((held.get(client) ?? 0) < clock) gaps.push(`client ${client}: has ${held.get(client) ?? 0}, peer saw ${clock}`);
  return gaps;
}

for (const { durability, defaultCycles } of [
  { durability: 'full', defaultCycles: 12 },
  { durability: 'normal', defaultCycles: 4 },
] as const) {
  describe(`kill -9 during a burst of writes (--durability ${durability})`, () => {
    const fixture = makeFixture();
    const seed = seedFromEnv('RELAY_SEED');
    const cycles = Number(process.env.RELAY_CRASH_CYCLES ?? defaultCycles);
    const start = (): Promise<RelayProcess> => startRelayProcess(fixture.dbFile, ['--durability', durability]);
    let relay: RelayProcess | null = null;
    afterAll(async () => {
      await relay?.stop();
      fixture.cleanup();
    });

    it(`loses nothing any peer received, over ${cycles} cycles`, async () => {
      console.log(`crash.test.ts seed: ${seed} (replay with RELAY_SEED=${seed})`);
      const random = createRng(seed);
      // Writers keep their documents across crashes, as the app does in IndexedDB.
      const writers = [
        { room: fixture.roomA, token: fixture.tokens.partnerA, doc: new Y.Doc() },
        { room: fixture.roomA, token: fixture.tokens.partnerA2, doc: new Y.Doc() },
        { room: fixture.roomB, token: fixture.tokens.partnerB, doc: new Y.Doc() },
        { room: fixture.frame, token: fixture.tokens.coordinator, doc: new Y.Doc() },
      ];
      const rooms = [fixture.roomA, fixture.roomB, fixture.frame];
      let totalEdits = 0;
      for (let cycle = 0; cycle < cycles; cycle++) {
        relay = await start();
        const running = relay;
        // Right after the restart, before any writer reconnects: the relay alone must hold what peers saw.
        const clients: TestClient[] = writers.map((writer) =>
          connectClient(running.syncUrl, writer.room, writer.token, writer.doc),
        );
        const observers = rooms.map((room) => connectClient(running.syncUrl, room, fixture.tokens.reviewer));
        await Promise.all([...clients, ...observers].map((made) => made.synced()));

        let writing = true;
        const bursts = clients.map(async (made, index) => {
          const text = made.doc.getText('burst');
          while (writing) {
            text.insert(text.length, `c${cycle}w${index}#${totalEdits++};`);
            if (random.next() < 0.2) text.delete(0, 1);
            await new Promise((resolve) => setTimeout(resolve, random.int(0, 3)));
          }
        });
        await new Promise((resolve) => setTimeout(resolve, random.int(150, 700)));
        await running.kill9();
        writing = false;
        await Promise.all(bursts);

        // What peers had received, and what the relay had acknowledged to writers, at the moment of the kill.
        const seen = new Map(
          rooms.map((room, index) => [
            room,
            Y.decodeStateVector(Y.encodeStateVector(observers[index]?.doc ?? new Y.Doc())),
          ]),
        );
        const acked = clients.map((made) => {
          const last = made.acks?.[made.acks.length - 1];
          return last ? Y.decodeStateVector(last.stateVector) : new Map<number, number>();
        });
        for (const made of [...clients, ...observers]) made.provider.destroy();
        for (const observer of observers) observer.doc.destroy();

        const db = new Database(fixture.dbFile);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        db.close();

        relay = await start();
        for (const room of rooms) {
          const stored = Y.decodeStateVector(
            (await readRoom(relay.syncUrl, room, fixture.tokens.reviewer)).stateVector,
          );
          expect(missing(stored, seen.get(room) ?? new Map()), `cycle ${cycle}, ${room}, seed ${seed}`).toEqual([]);
        }
        for (const [index, writer] of writers.entries()) {
          const stored = Y.decodeStateVector(
            (await readRoom(relay.syncUrl, writer.room, fixture.tokens.reviewer)).stateVector,
          );
          expect(
            missing(stored, acked[index] ?? new Map()),
            `cycle ${cycle}, writer ${index} acknowledged, seed ${seed}`,
          ).toEqual([]);
        }
        await relay.stop();
        relay = null;
      }
      // Finally every writer reconnects and the relay converges with all of them (healed by the clients).
      relay = await start();
      const running = relay;
      const last = writers.map((writer) => connectClient(running.syncUrl, writer.room, writer.token, writer.doc));
      await Promise.all(last.map((made) => made.synced()));
      for (const [index, writer] of writers.entries()) {
        await last[index]?.stored('the writer to be acknowledged after healing');
        const stored = await readRoom(running.syncUrl, writer.room, fixture.tokens.reviewer);
        expect(
          missing(Y.decodeStateVector(stored.stateVector), Y.decodeStateVector(Y.encodeStateVector(writer.doc))),
        ).toEqual([]);
      }
      for (const made of last) made.destroy();
      console.log(`crash.test.ts: ${cycles} kill -9 cycles, ${totalEdits} edits written`);
    }, 240_000);
  });
}
