// Every edit the app makes is sent to the relay exactly once. The app's sync layer (renderer/src/sync/
// roomConnection.ts) replaces y-websocket's own send-every-update handler, which it reaches through a private
// field (`_updateHandler`); y-websocket is pinned to an exact version for that reason, and this test fails if
// the assumption breaks (an upgrade renaming the field would leave both handlers sending: each edit twice).
// Real relay process, the app's connection run in Node, every frame it sends decoded.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { PartnerDocument } from '../../shared/model/partner';
import { MESSAGE_TYPES } from '../../shared/protocol/messages';
import { decodeMuxFrame, MUX_PATH_PREFIX } from '../../shared/protocol/muxFrames';
import { waitUntil } from '../support/wait';
import { relayPerTest } from '../relay/harness/relayPerTest';
import { appConnection } from './appConnection';
import { createRng, seedFromEnv } from '../support/random';

const seed = seedFromEnv();
console.log(`[sentOnce.test] seed=${seed} (set SOA_SEED to repeat)`);

/**
 * Every y-protocols message the app sends, as sent (installed as the WebSocket the app makes). On the
 * multiplexed websocket each message is inside a frame naming its room (shared/protocol/muxFrames.ts).
 */
const sentFrames: Uint8Array[] = [];
class RecordingWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    const multiplexed = new URL(this.url).pathname.startsWith(MUX_PATH_PREFIX);
    const send = this.send.bind(this) as (data: unknown, ...rest: unknown[]) => void;
    this.send = ((data: unknown, ...rest: unknown[]) => {
      const bytes =
        data instanceof Uint8Array ? data.slice() : data instanceof ArrayBuffer ? new Uint8Array(data.slice(0)) : null;
      if (bytes && !multiplexed) sentFrames.push(bytes);
      else if (bytes) {
        const frame = decodeMuxFrame(bytes);
        if (frame.kind === 'message') sentFrames.push(frame.message);
      }
      send(data, ...rest);
    }) as WebSocket['send'];
  }
}
(globalThis as { WebSocket?: unknown }).WebSocket = RecordingWebSocket;

/** The Yjs updates in sync messages (step 2 or update), in the order sent. */
function sentUpdates(frames: readonly Uint8Array[]): Uint8Array[] {
  const updates: Uint8Array[] = [];
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE_TYPES.SYNC) continue;
    const kind = decoding.readVarUint(decoder);
    if (kind === 1 || kind === 2) updates.push(decoding.readVarUint8Array(decoder));
  }
  return updates;
}

/** How many times each clock of `client` from `from` on was sent, for clocks below `to`. */
function timesSent(updates: readonly Uint8Array[], client: number, from: number, to: number): number[] {
  const times = new Array<number>(to - from).fill(0);
  for (const update of updates) {
    for (const struct of Y.decodeUpdate(update).structs) {
      if (struct instanceof Y.Skip || struct.id.client !== client) continue;
      for (let clock = Math.max(from, struct.id.clock); clock < Math.min(to, struct.id.clock + struct.length); clock++)
        times[clock - from]! += 1;
    }
  }
  return times;
}

const clockOf = (doc: Y.Doc): number => Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;

describe('the app’s sync layer', () => {
  const ctx = relayPerTest();

  it('sends every keystroke to the relay exactly once, merged into fewer messages than keystrokes', async () => {
    const doc = new Y.Doc();
    new PartnerDocument(doc).initialise(ctx.fixture.partnerA);
    const app = appConnection({
      relayUrl: ctx.relay.url,
      room: ctx.fixture.roomA,
      token: ctx.fixture.tokens.partnerA,
      doc,
    });
    try {
      await waitUntil(
        () => app.snapshot.synced && app.snapshot.pending === 0,
        'the first content to be stored',
        30_000,
      );
      sentFrames.length = 0;
      const from = clockOf(doc);

      // Two bursts of typing with a pause between, about 40 keystrokes a second, some of them Backspace.
      const rng = createRng(seed);
      const text = doc.getText('sentOnce');
      let keystrokes = 0;
      for (const burst of [60, 40]) {
        for (let key = 0; key < burst; key++) {
          if (text.length > 0 && rng.next() < 0.12) text.delete(text.length - 1, 1);
          else text.insert(text.length, rng.pick(['a', 'e', 'o', ' ', 'n', 's', 't']));
          keystrokes++;
          await new Promise((resolve) => setTimeout(resolve, rng.int(10, 40)));
        }
        await new Promise((resolve) => setTimeout(resolve, 1_200));
      }
      await waitUntil(() => app.snapshot.pending === 0, 'the typing to be stored', 30_000);
      const to = clockOf(doc);
      const updates = sentUpdates(sentFrames);

      const times = timesSent(updates, doc.clientID, from, to);
      const notOnce = times
        .map((count, index) => ({ clock: from + index, count }))
        .filter((entry) => entry.count !== 1);
      expect(notOnce, 'clocks sent other than exactly once').toEqual([]);
      console.log(`sentOnce: ${keystrokes} keystrokes, ${to - from} clocks, sent in ${updates.length} update messages`);
      expect(updates.length).toBeGreaterThan(1);
      expect(updates.length).toBeLessThan(keystrokes / 4);

      // And the relay holds it all: another member's copy converges.
      const reader = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerB);
      await reader.synced();
      await waitUntil(
        () => reader.doc.getText('sentOnce').toString() === text.toString(),
        'the reader to converge',
        30_000,
      );
    } finally {
      app.dispose();
    }
  });
});
