// The compaction worker is a second V8 isolate (20-30 MiB of the relay's memory): it is stopped once idle for a
// while and started again on the next compaction, and a small room is compacted without it, in steps.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Compactor, IN_PROCESS_COMPACTION } from '../../server/storage/compactor';

/** Every room on the worker, however small (these tests' rooms are two updates). */
const ALWAYS_ON_THE_WORKER = { rows: 0, bytes: 0 };

/** A document and the update of each change made to it, as a room's rows. */
function keystrokeLog(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates };
}

function twoUpdates(): { updates: Uint8Array[]; live: Uint8Array; text: string } {
  const { doc, updates } = keystrokeLog();
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
      // Keystrokes up to the in-process limits (rows and bytes), and one more, which crosses one of them.
      const { doc, updates } = keystrokeLog();
      const withinLimits = (): boolean =>
        updates.length <= IN_PROCESS_COMPACTION.rows &&
        updates.reduce((sum, update) => sum + update.byteLength, 0) <= IN_PROCESS_COMPACTION.bytes;
      let rows: Uint8Array[] = [];
      let live = Y.encodeSnapshot(Y.snapshot(doc));
      while (withinLimits()) {
        rows = [...updates];
        live = Y.encodeSnapshot(Y.snapshot(doc));
        doc.getText('t').insert(0, 'k');
      }
      expect(rows.length).toBeGreaterThan(500);
      const merged = await small.merge(rows, live);
      expect(small.workerRunning).toBe(false);
      expect(textOf(merged)).toBe('k'.repeat(rows.length));
      expect(merged).toEqual(await onWorker.merge(rows, live));

      // Rows that do not give the live room are refused on this thread as on the worker.
      const other = twoUpdates();
      await expect(small.merge(rows, other.live)).rejects.toThrow(/compaction refused: the stored rows do not give/);
      expect(small.workerRunning).toBe(false);

      // One row more, and it goes to the worker.
      expect(textOf(await small.merge(updates, Y.encodeSnapshot(Y.snapshot(doc))))).toBe('k'.repeat(updates.length));
      expect(small.workerRunning).toBe(true);
    } finally {
      await small.close();
      await onWorker.close();
    }
  });

  it("serves the relay's other work between the steps of a compaction on its own thread", async () => {
    const compactor = new Compactor();
    try {
      const { doc, updates } = keystrokeLog();
      for (let i = 0; i < 700; i++) doc.getText('t').insert(i, 'k');
      // Something else that wants the event loop in every turn, as sockets and disk syncs do on a relay.
      let turnsServed = 0;
      let serving = true;
      const serve = (): void => {
        turnsServed++;
        if (serving) setImmediate(serve);
      };
      setImmediate(serve);
      const merged = await compactor.merge(updates, Y.encodeSnapshot(Y.snapshot(doc)));
      serving = false;
      expect(textOf(merged)).toBe('k'.repeat(700));
      expect(compactor.workerRunning).toBe(false);
      // 700 rows in steps of 100, the checks, and the turn before the store writes: eight turns served meanwhile.
      expect(turnsServed).toBeGreaterThanOrEqual(8);
    } finally {
      await compactor.close();
    }
  });
});
