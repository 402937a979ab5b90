// Issue 13, item 6: a write the member may not make costs the relay little. Access is checked before the
// update's content is decoded, and the refusals a member repeats do not fill the log.
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, MESSAGE_TYPES } from '../../shared/protocol/messages';
import { LOG_LINES_PER_MINUTE } from '../../server/log';
import { rawConnection } from './harness/clients';
import { waitUntil } from '../support/wait';
import { relayPerTest } from './harness/relayPerTest';

/** A sync update whose header announces new items from a fresh client, followed by bytes that are no update. */
function newItemsThenNoise(client: number, noiseBytes: number): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1); // one client with items
  encoding.writeVarUint(update, 3); // three items
  encoding.writeVarUint(update, client);
  encoding.writeVarUint(update, 0); // from clock 0: nothing the room has
  encoding.writeUint8(update, 4); // an item holding a string
  for (let i = 0; i < noiseBytes; i++) encoding.writeUint8(update, 0xff);
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MESSAGE_TYPES.SYNC);
  encoding.writeVarUint(message, 2);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

describe('refused writes', () => {
  const ctx = relayPerTest();

  it("refuses a reviewer's write from its header, without decoding the content", async () => {
    const reviewer = rawConnection(ctx.relay.syncUrl, ctx.fixture.frame, ctx.fixture.tokens.reviewer);
    await reviewer.opened;
    // Decoding would fail (the relay would close with MALFORMED); judged from the header it is a refused write.
    reviewer.send(newItemsThenNoise(123456, 200_000));
    await waitUntil(() => reviewer.messages.some((message) => message[0] === MESSAGE_TYPES.AUTH), 'permission denied');
    reviewer.send(Uint8Array.of(MESSAGE_TYPES.QUERY_AWARENESS));
    const count = reviewer.messages.length;
    await waitUntil(() => reviewer.messages.length > count, 'an answer: the connection is still open');
    expect(reviewer.socket.readyState).toBe(reviewer.socket.OPEN);
    reviewer.socket.close();
    // A writer sending the same bytes is decoded, and closed for sending something unreadable.
    const writer = rawConnection(ctx.relay.syncUrl, ctx.fixture.frame, ctx.fixture.tokens.coordinator);
    await writer.opened;
    writer.send(newItemsThenNoise(123456, 2_000));
    expect((await writer.closed).code).toBe(CLOSE_CODES.MALFORMED);
  });

  it('logs a refusal a member keeps repeating at most once a second on average', async () => {
    const reviewer = rawConnection(ctx.relay.syncUrl, ctx.fixture.frame, ctx.fixture.tokens.reviewer);
    await reviewer.opened;
    const attempts = 150;
    for (let i = 0; i < attempts; i++) reviewer.send(newItemsThenNoise(1000 + i, 10));
    await waitUntil(
      () => reviewer.messages.filter((message) => message[0] === MESSAGE_TYPES.AUTH).length === attempts,
      'every refusal to be answered',
    );
    const logged = ctx.relay.lines.filter((line) => line.includes('"write refused"')).length;
    console.log(`${attempts} refused writes made ${logged} log lines`);
    expect(logged).toBeGreaterThan(0);
    expect(logged).toBeLessThanOrEqual(LOG_LINES_PER_MINUTE);
    reviewer.socket.close();
  });
});
