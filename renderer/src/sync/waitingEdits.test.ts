import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fillMissingPieces, waitingEdits } from './waitingEdits';

/** One session typing into a text, one update per keystroke, as y-indexeddb stores them. */
function typedSession(words: readonly string[]): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const text = doc.getText('foreword');
  for (const word of words) for (const char of word) text.insert(text.length, char);
  return { doc, updates };
}

describe('edits held back by a missing piece of the same session', () => {
  it('are read out, and take their place after the last readable edit once the piece is known to be lost', () => {
    const { updates } = typedSession(['Edit A.', ' Edit B.']);
    const salvaged = new Y.Doc();
    // The row holding A's full stop is damaged: B's keystrokes come after it in the session.
    for (const [index, update] of updates.entries()) if (index !== 6) Y.applyUpdate(salvaged, update);
    expect(salvaged.getText('foreword').toString()).toBe('Edit A');
    const waiting = waitingEdits(salvaged);
    expect(waiting?.texts).toEqual([' Edit B.']);
    expect(waiting?.gaps).toEqual([{ client: expect.any(Number) as number, from: 6, to: 7 }]);
    expect(fillMissingPieces(salvaged, () => 0)).toBe(1);
    expect(salvaged.getText('foreword').toString()).toBe('Edit A Edit B.');
    expect(waitingEdits(salvaged)).toBeNull();
  });

  it('leaves deleted characters out, and waits while the relay has acknowledged the piece', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const text = doc.getText('t');
    text.insert(0, 'ab');
    text.insert(2, 'cdx');
    text.delete(4, 1);
    const salvaged = new Y.Doc();
    Y.applyUpdate(salvaged, updates[1] as Uint8Array);
    Y.applyUpdate(salvaged, updates[2] as Uint8Array);
    expect(waitingEdits(salvaged)?.texts).toEqual(['cd']);
    expect(fillMissingPieces(salvaged, () => 2)).toBe(0);
    expect(salvaged.getText('t').toString()).toBe('');
    // The piece arrives (from the relay): everything is in place, nothing waits.
    Y.applyUpdate(salvaged, updates[0] as Uint8Array);
    expect(salvaged.getText('t').toString()).toBe('abcd');
    expect(waitingEdits(salvaged)).toBeNull();
  });

  it('a filled gap reaches another copy that never had the piece, and the two converge', () => {
    const { updates } = typedSession(['Hello', ' there']);
    const salvaged = new Y.Doc();
    for (const [index, update] of updates.entries()) if (index !== 4) Y.applyUpdate(salvaged, update);
    fillMissingPieces(salvaged, () => 0);
    const relay = new Y.Doc();
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(salvaged));
    expect(relay.getText('foreword').toString()).toBe('Hell there');
    expect(relay.store.pendingStructs).toBeNull();
  });
});
