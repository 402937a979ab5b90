/**
 * The relay's write pipeline refuses a write that nests content deeper than any reader allows (issue 13,
 * item 4), and always accepts deletions, so a room that already holds such nesting can be repaired.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MemberId } from '../../shared/model/ids';
import { silentLogger } from '../../server/log';
import { LoadedRoom } from '../../server/relay/room';
import { WRITE_LIMITS } from '../../server/relay/writeLimits';
import { WriteQuotas } from '../../server/relay/writeQuotas';
import { writeUpdate, type WriteOutcome } from '../../server/relay/writeUpdate';
import { MemoryRoomStore } from '../../server/storage/memoryRoomStore';
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

const ROOM = 'soa/s/partner/p';

/** A room loaded from these stored rows, and its write pipeline as a connection calls it. */
async function roomWith(rows: readonly Uint8Array[]): Promise<{
  readonly room: LoadedRoom;
  readonly store: MemoryRoomStore;
  write(update: Uint8Array): Promise<boolean>;
}> {
  const store = new MemoryRoomStore();
  for (const row of rows) await store.append(ROOM, row, null);
  const room = new LoadedRoom(ROOM, await store.load(ROOM), silentLogger);
  const context = { store, logger: silentLogger, limits: WRITE_LIMITS, quotas: new WriteQuotas(WRITE_LIMITS) };
  return {
    room,
    store,
    write: async (update) => {
      const outcome: WriteOutcome = await room.serialise(() =>
        writeUpdate(context, room, update, 'member-p' as MemberId, null),
      );
      return outcome.kind === 'accepted';
    },
  };
}

describe('the nesting limit in the relay write pipeline', () => {
  it('refuses 6,000 nested quotes, and the room is unchanged', async () => {
    const { doc, initial } = partnerDoc();
    const { room, write } = await roomWith([initial]);
    const attack = nextUpdate(doc, () => writeNestedQuotes(doc.getXmlFragment('statement')));
    expect(attack.byteLength).toBeGreaterThan(100_000);
    expect(await write(attack)).toBe(false);
    expect(room.doc.getXmlFragment('statement').toString()).toBe('<paragraph>We back this agreement.</paragraph>');
    // The room was rebuilt from the store: an ordinary write still goes through (from a client without the attack).
    const honest = new Y.Doc();
    Y.applyUpdate(honest, initial);
    const edit = nextUpdate(honest, () => honest.getXmlFragment('statement').delete(0, 1));
    expect(await write(edit)).toBe(true);
    room.dispose();
  });

  it(`accepts nesting to ${MAX_RICH_TEXT_DEPTH} levels and refuses one more`, async () => {
    for (const [quotes, accepted] of [
      [MAX_RICH_TEXT_DEPTH - 2, true],
      [MAX_RICH_TEXT_DEPTH - 1, false],
    ] as const) {
      const { doc, initial } = partnerDoc();
      const { room, write } = await roomWith([initial]);
      const update = nextUpdate(doc, () => writeNestedQuotes(doc.getXmlFragment('gapNotes'), quotes));
      expect(richTextDepth(doc.getXmlFragment('gapNotes'))).toBe(quotes + 2);
      expect(await write(update)).toBe(accepted);
      room.dispose();
    }
  });

  it('refuses deep nesting built up one level per write', async () => {
    const { doc, initial } = partnerDoc();
    const { room, write } = await roomWith([initial]);
    let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment('gapNotes');
    let refusedAt = 0;
    for (let level = 1; level <= MAX_RICH_TEXT_DEPTH + 5 && refusedAt === 0; level++) {
      const quote = new Y.XmlElement('blockquote');
      const at = parent;
      if (!(await write(nextUpdate(doc, () => at.insert(0, [quote]))))) refusedAt = level;
      parent = quote;
    }
    expect(refusedAt).toBe(MAX_RICH_TEXT_DEPTH + 1);
    room.dispose();
  });

  it('accepts the repair of a room that already holds deep nesting, and shallow edits meanwhile', async () => {
    // Stored before the limit existed: the room loads it as it is.
    const { doc, initial } = partnerDoc();
    const deep = nextUpdate(doc, () => writeNestedQuotes(doc.getXmlFragment('gapNotes')));
    const { room, store, write } = await roomWith([initial, deep]);
    expect(richTextDepth(room.doc.getXmlFragment('gapNotes'))).toBeGreaterThan(MAX_RICH_TEXT_DEPTH);

    const shallow = nextUpdate(doc, () => doc.getXmlFragment('statement').insert(1, [new Y.XmlElement('paragraph')]));
    expect(await write(shallow)).toBe(true);

    // The owner's repair, each step sent as its own update.
    const steps: Uint8Array[] = [];
    const keep = (update: Uint8Array) => steps.push(update);
    doc.on('update', keep);
    repairOverDeepRichText(doc);
    doc.off('update', keep);
    expect(steps.length).toBeGreaterThan(1);
    for (const step of steps) expect(await write(step)).toBe(true);
    expect(richTextDepth(room.doc.getXmlFragment('gapNotes'))).toBeLessThanOrEqual(MAX_RICH_TEXT_DEPTH);
    expect(() => readRichText(room.doc.getXmlFragment('gapNotes'))).not.toThrow();
    // And the room, loaded again from its rows in order, holds the same.
    const reloaded = new LoadedRoom(ROOM, await store.load(ROOM), silentLogger);
    expect(richTextDepth(reloaded.doc.getXmlFragment('gapNotes'))).toBe(
      richTextDepth(room.doc.getXmlFragment('gapNotes')),
    );
    reloaded.dispose();
    room.dispose();
  });
});
