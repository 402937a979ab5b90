import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AckTracker, mergeRanges } from './ackTracker';

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
    expect(mergeRanges([[10, 5], [0, 3], [3, 2], [14, 10], [30, 1]])).toEqual([[0, 5], [10, 14], [30, 1]]);
  });
});
