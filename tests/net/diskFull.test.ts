/**
 * A disk that fills up under the relay. The relay's database lives on a small tmpfs the test mounts (root
 * only); a filler file leaves a few KB free; a partner keeps pasting text. The relay must refuse or hold the
 * writes (close 4503 or no ACK), never acknowledge what it has not stored, stay up, and recover once the
 * filler is deleted: the partner's edits are then stored, and after a kill -9 and restart a client with no
 * local state holds everything the partner had.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, statfsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import { createWorld, integrityCheck, sleep, type NetWorld } from './fixture';
import { waitUntil } from '../support/wait';
import { removeTempDir, tempDir } from '../support/tempDirs';
import { relayUnavailableReason } from '../support/relayProcess';
import { createRng, seedFromEnv } from '../support/random';
import { Typist } from './typist';

const seed = seedFromEnv();

/** Mounts a tmpfs of `size` at a new temp dir, or says why it cannot. */
function tryMount(size: string): { dir: string } | { reason: string } {
  if (process.getuid?.() !== 0) return { reason: 'mounting a small tmpfs needs root, and this run is not root' };
  const dir = tempDir('soa-full-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (error) {
    removeTempDir(dir);
    return { reason: `mount -t tmpfs failed: ${String(error).slice(0, 200)}` };
  }
}

const mount = relayUnavailableReason() === null ? tryMount('4m') : { reason: relayUnavailableReason() as string };
const unavailable = 'reason' in mount ? mount.reason : null;
if (unavailable) console.log(`[diskFull] not run: ${unavailable}`);

describe('disk full under the relay', () => {
  let world: NetWorld | null = null;
  afterAll(async () => {
    await world?.dispose();
    if ('dir' in mount) {
      execFileSync('umount', [mount.dir]);
      removeTempDir(mount.dir);
    }
  });

  it.runIf(!unavailable)(
    'refuses or holds writes, never acknowledges what it has not stored, recovers when space is freed',
    async () => {
      const dir = (mount as { dir: string }).dir;
      console.log(`[diskFull] seed=${seed} tmpfs=${dir} (4 MiB)`);
      world = await createWorld({ dir });
      const w = world;
      const partner = w.demo.partners[0];
      if (!partner) throw new Error('no partner');
      const writer = w.client({
        serverUrl: w.directUrl,
        room: partner.room,
        token: partner.token,
        maxBackoffTime: 300,
      });
      await writer.waitSynced(10_000);
      const typist = new Typist(writer.doc, writer.doc.getXmlFragment('statement'), createRng(seed));
      for (let i = 0; i < 200; i++) typist.typeChar();
      await writer.waitStored(10_000);

      // Leave ~48 KiB free.
      const stats = statfsSync(dir);
      const free = stats.bavail * stats.bsize;
      const filler = path.join(dir, 'filler');
      writeFileSync(filler, Buffer.alloc(Math.max(0, free - 48 * 1024)));
      console.log(`[diskFull] filled: ${free} B were free, ${statfsSync(dir).bavail * stats.bsize} B left`);

      // Paste paragraphs until the relay stops storing (acks stall for 3 s) or refuses (4503).
      const ackedClock = (): number => writer.ackedStateVector.get(writer.doc.clientID) ?? 0;
      let lastProgress = Date.now();
      let lastAck = ackedClock();
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        writer.doc.transact(() => {
          const p = new Y.XmlElement('paragraph');
          p.insert(0, [
            new Y.XmlText(`${'Pasted report text about island transport and health. '.repeat(40)}${Date.now()}`),
          ]);
          const f = writer.doc.getXmlFragment('statement');
          f.insert(f.length, [p]);
        }, 'local');
        await sleep(20);
        if (ackedClock() > lastAck) {
          lastAck = ackedClock();
          lastProgress = Date.now();
        }
        if (Date.now() - lastProgress > 3_000 && writer.closeCodes.includes(CLOSE_CODES.STORAGE_UNAVAILABLE)) break;
        if (Date.now() - lastProgress > 6_000) break;
      }
      const ownClock = Y.getState(writer.doc.store, writer.doc.clientID);
      console.log(
        `[diskFull] full: acked ${ackedClock()} of ${ownClock} items; close codes seen: ${[...new Set(writer.closeCodes)].join(', ') || 'none'}`,
      );
      expect(ackedClock()).toBeLessThan(ownClock);
      expect(w.relay.running).toBe(true);
      expect((await w.relay.healthz()).status).toBe('ok');

      // Nothing acknowledged that is not stored: kill -9 now, check the file, restart with the disk still full.
      const ackedWhileFull = ackedClock();
      writer.disconnect();
      await w.relay.kill9();
      rmSync(filler);
      expect(integrityCheck(w.dbPath)).toBe('ok');
      writeFileSync(filler, Buffer.alloc(Math.max(0, statfsSync(dir).bavail * stats.bsize - 48 * 1024)));
      await w.relay.start();
      const probe = w.client({ serverUrl: w.directUrl, room: partner.room, token: partner.token });
      await probe.waitSynced(10_000);
      const storedClock = Y.getState(probe.doc.store, writer.doc.clientID);
      console.log(
        `[diskFull] after kill -9 and restart: relay holds ${storedClock} of the writer's items, it had acknowledged ${ackedWhileFull}`,
      );
      expect(storedClock).toBeGreaterThanOrEqual(ackedWhileFull);
      probe.destroy();

      // Recovery: the writer reconnects and keeps trying; space is freed; everything is stored, no restart.
      writer.connect();
      await sleep(1_500);
      expect(writer.everythingOnServer()).toBe(false);
      rmSync(filler);
      const recoveredIn = await waitUntil(
        () => writer.everythingOnServer(),
        'stored after space was freed',
        30_000,
        50,
      );
      console.log(`[diskFull] recovered ${recoveredIn} ms after space was freed`);
      writer.disconnect();
      await w.relay.kill9();
      expect(integrityCheck(w.dbPath)).toBe('ok');
      await w.relay.start();
      const fresh = w.client({ serverUrl: w.directUrl, room: partner.room, token: partner.token });
      await fresh.waitSynced(10_000);
      expect(fresh.doc.getXmlFragment('statement').toString()).toBe(writer.doc.getXmlFragment('statement').toString());
    },
    180_000,
  );
});
