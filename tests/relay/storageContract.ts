/**
 * The room-store contract (server/storage/roomStore.ts), one suite run against every implementation:
 * load, append, compact, durability of order, and nothing stored when a write fails.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MemberId } from '../../shared/model/ids';
import type { RoomStore } from '../../server/storage/roomStore';

export interface StoreUnderTest {
  readonly store: RoomStore;
  /** Makes every following write fail the way a full disk does, or makes writes work again. */
  breakWrites(broken: boolean): void;
  /** A second store over the same storage (a restart), when the implementation is persistent. */
  reopen?(): RoomStore;
  dispose(): void;
}

function contentOf(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return JSON.stringify(doc.getText('t').toString()) + JSON.stringify(doc.getMap('m').toJSON());
}

/** The same edits on every call (a fixed client id), so edits(45) extends edits(40). */
function edits(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = 7;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) {
    if (i % 3 === 2) doc.getText('t').delete(0, 1);
    else doc.getText('t').insert(doc.getText('t').length, `edit ${i};`);
    doc.getMap('m').set(`k${i % 5}`, i);
  }
  return updates;
}

const member = 'member1' as MemberId;

export function storageContract(name: string, make: () => StoreUnderTest): void {
  describe(`room store contract: ${name}`, () => {
    let subject: StoreUnderTest;
    beforeEach(() => {
      subject = make();
    });
    afterEach(() => subject.dispose());

    it('loads an unknown room as empty', async () => {
      expect((await subject.store.load('soa/x/frame')).updates).toEqual([]);
    });

    it('loads what was appended, in order, per room', async () => {
      const updates = edits(30);
      for (const update of updates) await subject.store.append('room-a', update, member);
      await subject.store.append('room-b', updates[0] ?? new Uint8Array(), null);
      const loaded = await subject.store.load('room-a');
      expect(loaded.updates.map((u) => [...u])).toEqual(updates.map((u) => [...u]));
      expect((await subject.store.load('room-b')).updates).toHaveLength(1);
    });

    it('keeps concurrent appends (one event-loop turn) all, in call order', async () => {
      const updates = edits(50);
      await Promise.all(updates.map((update) => subject.store.append('room-a', update, member)));
      expect((await subject.store.load('room-a')).updates.map((u) => [...u])).toEqual(updates.map((u) => [...u]));
    });

    it('compacts into one update with the same content', async () => {
      const updates = edits(40);
      for (const update of updates) await subject.store.append('room-a', update, member);
      const before = contentOf((await subject.store.load('room-a')).updates);
      await subject.store.compact('room-a');
      const after = await subject.store.load('room-a');
      expect(after.updates).toHaveLength(1);
      expect(contentOf(after.updates)).toBe(before);
      // Appending after compaction still works and adds to it.
      const more = edits(45).slice(40);
      for (const update of more) await subject.store.append('room-a', update, member);
      expect(contentOf((await subject.store.load('room-a')).updates)).toBe(contentOf(edits(45)));
    });

    it('stores nothing of a write that fails, and carries on afterwards', async () => {
      const updates = edits(3);
      await subject.store.append('room-a', updates[0] ?? new Uint8Array(), member);
      await subject.store.append('room-a', updates[1] ?? new Uint8Array(), member);
      subject.breakWrites(true);
      await expect(subject.store.append('room-a', updates[2] ?? new Uint8Array(), member)).rejects.toThrow(/could not store/);
      await expect(subject.store.compact('room-a')).rejects.toThrow(/could not store/);
      subject.breakWrites(false);
      expect((await subject.store.load('room-a')).updates).toHaveLength(2);
      await subject.store.append('room-a', updates[2] ?? new Uint8Array(), member);
      expect((await subject.store.load('room-a')).updates).toHaveLength(3);
    });

    it('keeps what was appended across a reopen', async () => {
      if (!subject.reopen) return;
      const updates = edits(20);
      for (const update of updates) await subject.store.append('room-a', update, member);
      await subject.store.compact('room-a');
      const again = subject.reopen();
      expect(contentOf((await again.load('room-a')).updates)).toBe(contentOf(updates));
    });
  });
}
