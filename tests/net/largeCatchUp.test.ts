// An honest member is never refused for the size of legitimate work (issue 13's gap): the relay applies at
// most 20,000 Yjs structs (and reads at most 8 MiB) per message, and refuses more for good. A week of
// revising a statement offline, or one very large paste, holds more. The app's own sync layer
// (renderer/src/sync/roomConnection.ts, run in Node) sends such work in pieces the relay accepts, against a
// real relay process, and another member's client converges on all of it.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PartnerDocument } from '../../shared/model/partner';
import { PIECE_LIMITS } from '../../shared/protocol/updatePieces';
import { MAX_MESSAGE_BYTES } from '../../server/relay/limits';
import { MAX_STRUCTS_PER_UPDATE } from '../../server/relay/writeLimits';
import type { RoomConnection } from '../../renderer/src/sync/roomConnection';
import { waitUntil } from '../support/wait';
import { relayPerTest } from '../relay/harness/relayPerTest';
import { appConnection } from './appConnection';
import { createRng } from '../support/random';
import { PLAN_WORDS } from '../support/planWords';

/** An officer revising a statement: words typed at places throughout it, some deleted, some made bold. */
function reviseOffline(doc: Y.Doc, edits: number, seed: number): void {
  const rng = createRng(seed);
  const fragment = doc.getXmlFragment('statement');
  for (let i = 0; i < edits; i++) {
    doc.transact(() => {
      const roll = rng.next();
      if (roll < 0.03 || fragment.length === 0) {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(`${rng.pick(PLAN_WORDS)} `)]);
        fragment.insert(rng.int(0, fragment.length), [paragraph]);
        return;
      }
      const paragraph = fragment.get(rng.int(0, fragment.length - 1));
      const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
      if (!(text instanceof Y.XmlText)) return;
      if (roll < 0.12 && text.length > 4) text.delete(rng.int(0, text.length - 3), 2);
      else if (roll < 0.15 && text.length > 6) text.format(rng.int(0, text.length - 5), 4, { bold: true });
      else text.insert(rng.int(0, text.length), `${rng.pick(PLAN_WORDS)} `);
    });
  }
}

function structsSince(doc: Y.Doc, stateVector: Uint8Array): number {
  return Y.decodeUpdate(Y.encodeStateAsUpdate(doc, stateVector)).structs.length;
}

/** Resolves once the app's connection has everything stored, or fails as soon as the relay refuses it. */
async function allStored(connection: RoomConnection, what: string): Promise<void> {
  await waitUntil(
    () => connection.snapshot.problem !== null || (connection.snapshot.synced && connection.snapshot.pending === 0),
    what,
    60_000,
  );
  expect(connection.snapshot.problem).toBeNull();
}

describe('an honest member’s large work reaches the relay', () => {
  const ctx = relayPerTest();

  it('keeps the app’s pieces within what the relay accepts', () => {
    expect(PIECE_LIMITS.structs).toBeLessThanOrEqual(MAX_STRUCTS_PER_UPDATE / 2);
    expect(PIECE_LIMITS.bytes).toBeLessThanOrEqual(MAX_MESSAGE_BYTES / 4);
  });

  it('sends a week of offline revising (over twice the relay’s struct limit) in pieces, and another member converges', async () => {
    const doc = new Y.Doc();
    new PartnerDocument(doc).initialise(ctx.fixture.partnerA);
    const app = appConnection({
      relayUrl: ctx.relay.url,
      room: ctx.fixture.roomA,
      token: ctx.fixture.tokens.partnerA,
      doc,
    });
    try {
      await allStored(app, 'the first content to be stored');
      app.provider.disconnect();
      const relayHad = Y.encodeStateVector(doc);
      reviseOffline(doc, 40_000, 2026);
      const structs = structsSince(doc, relayHad);
      console.log(
        `largeCatchUp.test.ts: offline catch-up of ${structs} structs, ${Y.encodeStateAsUpdate(doc, relayHad).byteLength} bytes`,
      );
      expect(structs).toBeGreaterThan(2 * MAX_STRUCTS_PER_UPDATE);

      app.connect();
      await allStored(app, 'the offline work to be stored');
      expect(ctx.relay.lines.filter((line) => line.includes('update refused'))).toEqual([]);

      const reader = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerB);
      await reader.synced();
      expect(reader.doc.getXmlFragment('statement').toString()).toBe(doc.getXmlFragment('statement').toString());
      expect(Y.equalSnapshots(Y.snapshot(reader.doc), Y.snapshot(doc))).toBe(true);
    } finally {
      app.dispose();
    }
  });

  it('sends one paste of 36,000 structs made while connected in pieces, and another member converges', async () => {
    const doc = new Y.Doc();
    new PartnerDocument(doc).initialise(ctx.fixture.partnerA);
    const app = appConnection({
      relayUrl: ctx.relay.url,
      room: ctx.fixture.roomA,
      token: ctx.fixture.tokens.partnerA,
      doc,
    });
    const reader = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerB);
    try {
      await allStored(app, 'the first content to be stored');
      const before = Y.encodeStateVector(doc);
      // A long report pasted in: each paragraph is three structs (element, text, its characters).
      doc.transact(() => {
        const fragment = doc.getXmlFragment('gapNotes');
        fragment.insert(
          0,
          Array.from({ length: 12_000 }, (_, index) => {
            const paragraph = new Y.XmlElement('paragraph');
            paragraph.insert(0, [new Y.XmlText(`Paragraph ${index + 1} of the pasted report.`)]);
            return paragraph;
          }),
        );
      });
      expect(structsSince(doc, before)).toBeGreaterThan(MAX_STRUCTS_PER_UPDATE);
      await allStored(app, 'the paste to be stored');
      await waitUntil(
        () => reader.doc.getXmlFragment('gapNotes').length === 12_000,
        'the other member to receive the paste',
        30_000,
      );
      expect(reader.doc.getXmlFragment('gapNotes').toString()).toBe(doc.getXmlFragment('gapNotes').toString());
    } finally {
      app.dispose();
    }
  });
});
