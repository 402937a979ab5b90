// The compaction worker is a second V8 isolate (about 20 MiB of the relay's memory): it is stopped once idle
// for a while and started again on the next compaction.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Compactor } from '../../server/storage/compactor';

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
    const compactor = new Compactor({ idleMs: 100 });
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
    const compactor = new Compactor({ idleMs: 300 });
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
});
