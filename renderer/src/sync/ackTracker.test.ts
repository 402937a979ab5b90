import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AckTracker, mergeRanges } from './ackTracker';
import { touchedRoots } from './touchedRoots';

/** A local doc with some text, the tracker watching its local edits, and a "relay" copy. */
function setUp() {
  const local = new Y.Doc();
  const relay = new Y.Doc();
  const tracker = new AckTracker(null);
  local.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'relay') tracker.recordLocal(update);
  });
  local.getText('t').insert(0, 'hello world');
  Y.applyUpdate(relay, Y.encodeStateAsUpdate(local));
  tracker.applyAck(Y.encodeStateVector(relay), new Uint8Array([0, 0]));
  return { local, relay, tracker };
}

describe('counting changes waiting for the relay', () => {
  it('counts a deletion as waiting until the relay says it has it', () => {
    const { local, tracker } = setUp();
    expect(tracker.count).toBe(0);
    local.getText('t').delete(0, 6);
    expect(tracker.count).toBe(1);
    // An ACK whose delete set does not cover the deletion leaves it waiting.
    tracker.applyAck(Y.encodeStateVector(local), new Uint8Array([0, 0]));
    expect(tracker.count).toBe(1);
  });

  it('counts a deletion someone else had already stored as safe once the relay sends it', () => {
    const { local, relay, tracker } = setUp();
    // Another officer deleted the same word first; the relay stored it.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(relay));
    other.getText('t').delete(0, 6);
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(other));
    // Offline, this officer deletes the same word.
    local.getText('t').delete(0, 6);
    expect(tracker.count).toBe(1);
    // The relay acknowledges nothing new (it had the deletion), but its sync step 2 carries its delete set.
    tracker.applyAck(Y.encodeStateVector(relay), new Uint8Array([0, 0]));
    expect(tracker.count).toBe(1);
    tracker.noteFromRelay(Y.encodeStateAsUpdate(relay, Y.encodeStateVector(local)));
    expect(tracker.count).toBe(0);
  });

  it('keeps what it knows of the relay small', () => {
    expect(
      mergeRanges([
        [10, 5],
        [0, 3],
        [3, 2],
        [14, 10],
        [30, 1],
      ]),
    ).toEqual([
      [0, 5],
      [10, 14],
      [30, 1],
    ]);
  });
});

describe('which parts of the document unsent changes touch', () => {
  it('names the root types a change touched, nested or not, until the relay has the change', () => {
    const local = new Y.Doc();
    const tracker = new AckTracker(null);
    local.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) =>
      tracker.recordLocal(update, touchedRoots(transaction)),
    );
    const outcome = new Y.Map<unknown>();
    local.getMap('outcomes').set('o1', outcome);
    local.getXmlFragment('narrative.foreword').insert(0, [new Y.XmlText('Our plan')]);
    outcome.set('title', 'Older people at home');
    expect(tracker.count).toBe(3);
    expect(tracker.pendingRoots().sort()).toEqual(['narrative.foreword', 'outcomes']);
    tracker.applyAck(Y.encodeStateVector(local), new Uint8Array([0, 0]));
    expect(tracker.pendingRoots()).toEqual([]);
  });

  it('keeps the roots across a reload of its record', () => {
    const key = 'test:pending';
    const store = new Map<string, string>();
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    try {
      const doc = new Y.Doc();
      const tracker = new AckTracker(key);
      doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) =>
        tracker.recordLocal(update, touchedRoots(transaction)),
      );
      doc.getText('text.meta.title').insert(0, 'Balmuir SOA');
      tracker.noteSynced(1_700_000_000_000);
      tracker.flush();
      const reloaded = new AckTracker(key);
      expect(reloaded.count).toBe(1);
      expect(reloaded.pendingRoots()).toEqual(['text.meta.title']);
      expect(reloaded.lastSyncedAt).toBe(1_700_000_000_000);
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});
