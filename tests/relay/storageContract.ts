/**
 * The room-store contract (server/storage/roomStore.ts), one suite run against every implementation:
 * load, append, compact, client-id owners, durability of order, and nothing stored when a write fails.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MemberId } from '../../shared/model/ids';
import { STORED_WRITE_MINUTE_MS, type RoomStore } from '../../server/storage/roomStore';

export interface StoreUnderTest {
  readonly store: RoomStore;
  /** Makes every following write fail the way a full disk does, or makes writes work again. */
  breakWrites(broken: boolean): void;
  /** A second store over the same storage (a restart). */
  reopen(): RoomStore;
  dispose(): void;
}

function contentOf(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return JSON.stringify(doc.getText('t').toString()) + JSON.stringify(doc.getMap('m').toJSON());
}

/** The same edits on every call (a fixed client id), so edits(45) extends edits(40); two updates per edit. */
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

/** Folds updates as the relay's compaction worker does: applied in order, then encoded. */
async function applyInOrder(updates: readonly Uint8Array[]): Promise<Uint8Array> {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return Y.encodeStateAsUpdate(doc);
}

const member = 'member1' as MemberId;
const other = 'member2' as MemberId;

export function storageContract(name: string, make: () => StoreUnderTest): void {
  describe(`room store contract: ${name}`, () => {
    let subject: StoreUnderTest;
    beforeEach(() => {
      subject = make();
    });
    afterEach(() => subject.dispose());

    it('loads an unknown room as empty', async () => {
      const loaded = await subject.store.load('soa/x/frame');
      expect(loaded.updates).toEqual([]);
      expect(loaded.clientOwners.size).toBe(0);
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
      const compaction = await subject.store.compact('room-a', applyInOrder);
      expect(compaction?.rowsFolded).toBe(updates.length);
      const after = await subject.store.load('room-a');
      expect(after.updates).toHaveLength(1);
      expect(contentOf(after.updates)).toBe(before);
      // Appending after compaction still works and adds to it.
      const more = edits(45).slice(40);
      for (const update of more) await subject.store.append('room-a', update, member);
      expect(contentOf((await subject.store.load('room-a')).updates)).toBe(contentOf(edits(45)));
    });

    it('replaces only the rows it merged: rows appended while the merge runs stay, after it', async () => {
      const updates = edits(15);
      for (const update of updates.slice(0, 20)) await subject.store.append('room-a', update, member);
      const compaction = await subject.store.compact('room-a', async (rows) => {
        expect(rows).toHaveLength(20);
        for (const update of updates.slice(20)) await subject.store.append('room-a', update, member);
        return applyInOrder(rows);
      });
      expect(compaction?.rowsFolded).toBe(20);
      const after = await subject.store.load('room-a');
      expect(after.updates).toHaveLength(11);
      expect(after.updates.slice(1).map((u) => [...u])).toEqual(updates.slice(20).map((u) => [...u]));
      expect(contentOf(after.updates)).toBe(contentOf(updates));
    });

    it('leaves the rows as they were when the merge fails', async () => {
      const updates = edits(10);
      for (const update of updates) await subject.store.append('room-a', update, member);
      await expect(
        subject.store.compact('room-a', async () =>
          Promise.reject(new Error('compaction refused: the stored rows do not give the live room')),
        ),
      ).rejects.toThrow(/live room/);
      expect((await subject.store.load('room-a')).updates.map((u) => [...u])).toEqual(updates.map((u) => [...u]));
    });

    it('stores nothing of a write that fails, and carries on afterwards', async () => {
      const updates = edits(3);
      await subject.store.append('room-a', updates[0] ?? new Uint8Array(), member);
      await subject.store.append('room-a', updates[1] ?? new Uint8Array(), member);
      subject.breakWrites(true);
      await expect(subject.store.append('room-a', updates[2] ?? new Uint8Array(), other, [99])).rejects.toThrow(
        /could not store/,
      );
      await expect(subject.store.compact('room-a', applyInOrder)).rejects.toThrow(/could not store/);
      subject.breakWrites(false);
      const loaded = await subject.store.load('room-a');
      expect(loaded.updates).toHaveLength(2);
      expect(loaded.clientOwners.has(99)).toBe(false);
      await subject.store.append('room-a', updates[2] ?? new Uint8Array(), member);
      expect((await subject.store.load('room-a')).updates).toHaveLength(3);
    });

    it('records the first writer of each client id per room, and keeps it through compaction', async () => {
      const updates = edits(4);
      await subject.store.append('room-a', updates[0] ?? new Uint8Array(), member, [7, 8]);
      await subject.store.append('room-a', updates[1] ?? new Uint8Array(), other, [8, 9]);
      await subject.store.append('room-b', updates[2] ?? new Uint8Array(), other, [7]);
      await subject.store.append('room-a', updates[3] ?? new Uint8Array(), null, [10]);
      await subject.store.compact('room-a', applyInOrder);
      expect(new Map((await subject.store.load('room-a')).clientOwners)).toEqual(
        new Map<number, MemberId | null>([
          [7, member],
          [8, member],
          [9, other],
          [10, null],
        ]),
      );
      expect(new Map((await subject.store.load('room-b')).clientOwners)).toEqual(new Map([[7, other]]));
    });

    it('keeps what was appended, compacted and who wrote under which client id across a reopen', async () => {
      const updates = edits(11);
      for (const update of updates.slice(0, 20)) await subject.store.append('room-a', update, member, [7]);
      await subject.store.compact('room-a', applyInOrder);
      for (const update of updates.slice(20)) await subject.store.append('room-a', update, other, [12]);
      const again = subject.reopen();
      const loaded = await again.load('room-a');
      expect(loaded.updates).toHaveLength(3);
      expect(contentOf(loaded.updates)).toBe(contentOf(updates));
      expect(new Map(loaded.clientOwners)).toEqual(
        new Map([
          [7, member],
          [12, other],
        ]),
      );
    });

    it('lists what was stored since a time, by room and author, compacted or not, across a reopen', async () => {
      const updates = edits(6);
      const start = Date.now();
      for (const update of updates.slice(0, 8)) await subject.store.append('room-a', update, member);
      await subject.store.compact('room-a', applyInOrder);
      for (const update of updates.slice(8)) await subject.store.append('room-b', update, other);
      subject.store.appendNow('room-b', updates[0]!, null);
      const listed = await subject.reopen().storedSince(start);
      const summary = (room: string, author: string | null) =>
        listed
          .filter((write) => write.room === room && write.author === author)
          .reduce((sum, write) => sum + write.bytes, 0);
      expect(summary('room-a', member)).toBe(updates.slice(0, 8).reduce((sum, update) => sum + update.byteLength, 0));
      expect(summary('room-b', other)).toBe(updates.slice(8).reduce((sum, update) => sum + update.byteLength, 0));
      expect(summary('room-b', null)).toBe(updates[0]!.byteLength);
      // Nothing twice: the merged row of a compaction is not a write of its own (the sums above are exact).
      for (const write of listed) expect(write.storedAt).toBeGreaterThanOrEqual(start);
      expect(await subject.store.storedSince(Date.now() + 60_000)).toEqual([]);
    });

    it('totals what was stored since a time per room, author and minute, not row by row', async () => {
      // A relay restarted after a busy hour read every row of it into memory (25,000 rows: 13 MiB more RSS).
      const updates = edits(100);
      const start = Date.now();
      for (const update of updates) await subject.store.append('room-a', update, member);
      const listed = await subject.store.storedSince(start);
      // One entry per minute the appends spanned (two if they straddled a minute's turn).
      expect(listed.length).toBeLessThanOrEqual(2);
      expect(listed.reduce((sum, write) => sum + write.bytes, 0)).toBe(
        updates.reduce((sum, update) => sum + update.byteLength, 0),
      );
      for (const write of listed) {
        expect(write).toMatchObject({ room: 'room-a', author: member });
        expect(Math.floor(write.storedAt / STORED_WRITE_MINUTE_MS)).toBeGreaterThanOrEqual(
          Math.floor(start / STORED_WRITE_MINUTE_MS),
        );
      }
    });

    it('reads and writes at once for the directory (loadNow, appendNow), in order with append', async () => {
      const updates = edits(10);
      await subject.store.append('soa/x/frame', updates[0]!, member);
      subject.store.appendNow('soa/x/frame', updates[1]!, null);
      await subject.store.append('soa/x/frame', updates[2]!, member);
      expect(subject.store.loadNow('soa/x/frame').updates.map((u) => [...u])).toEqual(
        updates.slice(0, 3).map((u) => [...u]),
      );
      expect((await subject.store.load('soa/x/frame')).updates.map((u) => [...u])).toEqual(
        updates.slice(0, 3).map((u) => [...u]),
      );
      expect(subject.store.loadNow('soa/x/none').updates).toEqual([]);
      subject.breakWrites(true);
      expect(() => subject.store.appendNow('soa/x/frame', updates[3]!, null)).toThrow();
      subject.breakWrites(false);
      expect(subject.reopen().loadNow('soa/x/frame').updates).toHaveLength(3);
    });
  });
}
