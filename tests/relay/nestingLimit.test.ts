/**
 * The relay's rehearsal refuses a write that nests content deeper than any reader allows (issue 13, item 4),
 * and always accepts deletions, so a room that already holds such nesting can be repaired.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../../server/log';
import { LoadedRoom } from '../../server/relay/room';
import { MAX_RICH_TEXT_DEPTH, readRichText, repairOverDeepRichText, richTextDepth } from '../../shared/model';
import { writeNestedQuotes } from '../richtext/deepNesting';

/** A partner's document with one ordinary paragraph, and the update that created it. */
function partnerDoc(): { readonly doc: Y.Doc; readonly initial: Uint8Array } {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('We back this agreement.')]);
  doc.getXmlFragment('statement').insert(0, [paragraph]);
  return { doc, initial: Y.encodeStateAsUpdate(doc) };
}

/** What the doc's next transaction sends, as a client would send it. */
function nextUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  let sent: Uint8Array | null = null;
  const keep = (update: Uint8Array) => {
    sent = update;
  };
  doc.on('update', keep);
  doc.transact(change);
  doc.off('update', keep);
  if (!sent) throw new Error('the change sent nothing');
  return sent;
}

describe('the nesting limit in the relay rehearsal', () => {
  it('refuses 6,000 nested quotes, and the room is unchanged', () => {
    const { doc, initial } = partnerDoc();
    const room = new LoadedRoom('soa/s/partner/p', { updates: [initial] }, silentLogger);
    const attack = nextUpdate(doc, () => writeNestedQuotes(doc.getXmlFragment('statement')));
    expect(attack.byteLength).toBeGreaterThan(100_000);
    expect(room.rehearse(attack)).toBeNull();
    expect(room.doc.getXmlFragment('statement').toString()).toBe('<paragraph>We back this agreement.</paragraph>');
    // The rehearsal copy was put back: an ordinary write still goes through (from a client without the attack).
    const honest = new Y.Doc();
    Y.applyUpdate(honest, initial);
    const edit = nextUpdate(honest, () => honest.getXmlFragment('statement').delete(0, 1));
    expect(room.rehearse(edit)).not.toBeNull();
    room.dispose();
  });

  it(`accepts nesting to ${MAX_RICH_TEXT_DEPTH} levels and refuses one more`, () => {
    for (const [quotes, accepted] of [
      [MAX_RICH_TEXT_DEPTH - 2, true],
      [MAX_RICH_TEXT_DEPTH - 1, false],
    ] as const) {
      const { doc, initial } = partnerDoc();
      const room = new LoadedRoom('soa/s/partner/p', { updates: [initial] }, silentLogger);
      const update = nextUpdate(doc, () => writeNestedQuotes(doc.getXmlFragment('gapNotes'), quotes));
      expect(richTextDepth(doc.getXmlFragment('gapNotes'))).toBe(quotes + 2);
      expect(room.rehearse(update) !== null).toBe(accepted);
      room.dispose();
    }
  });

  it('refuses deep nesting built up one level per write', () => {
    const { doc, initial } = partnerDoc();
    const room = new LoadedRoom('soa/s/partner/p', { updates: [initial] }, silentLogger);
    let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment('gapNotes');
    let refusedAt = 0;
    for (let level = 1; level <= MAX_RICH_TEXT_DEPTH + 5 && refusedAt === 0; level++) {
      const quote = new Y.XmlElement('blockquote');
      const at = parent;
      const write = room.rehearse(nextUpdate(doc, () => at.insert(0, [quote])));
      if (write) room.applyStored(write, null);
      else refusedAt = level;
      parent = quote;
    }
    expect(refusedAt).toBe(MAX_RICH_TEXT_DEPTH + 1);
    room.dispose();
  });

  it('accepts the repair of a room that already holds deep nesting, and shallow edits meanwhile', () => {
    // Stored before the limit existed: the room loads it as it is.
    const { doc, initial } = partnerDoc();
    const deep = nextUpdate(doc, () => writeNestedQuotes(doc.getXmlFragment('gapNotes')));
    const room = new LoadedRoom('soa/s/partner/p', { updates: [initial, deep] }, silentLogger);
    expect(richTextDepth(room.doc.getXmlFragment('gapNotes'))).toBeGreaterThan(MAX_RICH_TEXT_DEPTH);

    const shallow = nextUpdate(doc, () => doc.getXmlFragment('statement').insert(1, [new Y.XmlElement('paragraph')]));
    const shallowWrite = room.rehearse(shallow);
    expect(shallowWrite).not.toBeNull();
    room.applyStored(shallowWrite!, null);

    // The owner's repair, each step sent as its own update.
    const steps: Uint8Array[] = [];
    const keep = (update: Uint8Array) => steps.push(update);
    doc.on('update', keep);
    repairOverDeepRichText(doc);
    doc.off('update', keep);
    expect(steps.length).toBeGreaterThan(1);
    for (const step of steps) {
      const write = room.rehearse(step);
      expect(write).not.toBeNull();
      room.applyStored(write!, null);
    }
    expect(richTextDepth(room.doc.getXmlFragment('gapNotes'))).toBeLessThanOrEqual(MAX_RICH_TEXT_DEPTH);
    expect(() => readRichText(room.doc.getXmlFragment('gapNotes'))).not.toThrow();
    // And the room, loaded again from its rows in order, holds the same.
    const reloaded = new LoadedRoom('soa/s/partner/p', { updates: [initial, deep, shallow, ...steps] }, silentLogger);
    expect(richTextDepth(reloaded.doc.getXmlFragment('gapNotes'))).toBe(richTextDepth(room.doc.getXmlFragment('gapNotes')));
    reloaded.dispose();
    room.dispose();
  });
});
