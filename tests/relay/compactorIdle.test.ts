// The compaction worker is a second V8 isolate (about 17 MiB of the relay's memory): it is stopped once idle
// for a while and started again on the next compaction, and a small room is compacted without it.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Compactor, IN_PROCESS_COMPACTION } from '../../server/storage/compactor';

/** Every room on the worker, however small (these tests' rooms are two updates). */
const ALWAYS_ON_THE_WORKER = { rows: 0, bytes: 0 };

function twoUpdates(): { updates: Uint8Array[]; live: Uint8Array; text: string } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  doc.getText('t').insert(0, 'hello ');
  doc.getText('t').insert(6, 'world');
  return { updates, live: Y.encodeSnapshot(Y.snapshot(doc)), text: doc.getText('t').toString() };
}

function textOf(update: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

describe('the compaction worker', () => {
  it('stops once idle and starts again for the next compaction', async () => {
    const compactor = new Compactor({ idleMs: 100, inProcess: ALWAYS_ON_THE_WORKER });
    try {
      const first = twoUpdates();
      expect(textOf(await compactor.merge(first.updates, first.live))).toBe(first.text);
      expect(compactor.workerRunning).toBe(true);
      await vi.waitFor(() => expect(compactor.workerRunning).toBe(false), { timeout: 30_000 });
      const second = twoUpdates();
      expect(textOf(await compactor.merge(second.updates, second.live))).toBe(second.text);
      expect(compactor.workerRunning).toBe(true);
    } finally {
      await compactor.close();
    }
  });

  it('is kept while compactions keep coming, and never stopped with one in progress', async () => {
    const compactor = new Compactor({ idleMs: 300, inProcess: ALWAYS_ON_THE_WORKER });
    try {
      const merges: Promise<Uint8Array>[] = [];
      for (let i = 0; i < 5; i++) {
        const { updates, live } = twoUpdates();
        merges.push(compactor.merge(updates, live));
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(compactor.workerRunning).toBe(true);
      }
      for (const merged of await Promise.all(merges)) expect(textOf(merged)).toBe('hello world');
    } finally {
      await compactor.close();
    }
  });

  it("compacts a small room on the relay's own thread, as the worker would, and never starts it", async () => {
    const small = new Compactor();
    const onWorker = new Compactor({ inProcess: ALWAYS_ON_THE_WORKER });
    try {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (update: Uint8Array) => updates.push(update));
      for (let i = 0; i < IN_PROCESS_COMPACTION.rows; i++) doc.getText('t').insert(i, 'k');
      const live = Y.encodeSnapshot(Y.snapshot(doc));
      const merged = await small.merge(updates, live);
      expect(small.workerRunning).toBe(false);
      expect(textOf(merged)).toBe('k'.repeat(IN_PROCESS_COMPACTION.rows));
      expect(merged).toEqual(await onWorker.merge(updates, live));

      // Rows that do not give the live room are refused on this thread as on the worker.
      const other = twoUpdates();
      await expect(small.merge(updates, other.live)).rejects.toThrow(/compaction refused: the stored rows do not give/);
      expect(small.workerRunning).toBe(false);

      // One row more, and it goes to the worker.
      doc.getText('t').insert(0, 'k');
      expect(textOf(await small.merge(updates, Y.encodeSnapshot(Y.snapshot(doc))))).toBe(
        'k'.repeat(IN_PROCESS_COMPACTION.rows + 1),
      );
      expect(small.workerRunning).toBe(true);
    } finally {
      await small.close();
      await onWorker.close();
    }
  });
});
