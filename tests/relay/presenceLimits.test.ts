// Issue 13, item 2: presence is bounded. Ids are counted as a message is read (not against the count
// before it), one state has a size limit, a member's presence bytes are bounded, and an awareness id a
// client let go stays its member's for a while, so nobody can take it with a huge clock.
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_TYPES, type PresenceUser } from '../../shared/protocol/messages';
import {
  MAX_PRESENCE_BYTES_PER_MEMBER,
  MAX_PRESENCE_IDS_PER_CONNECTION,
  MAX_PRESENCE_STATE_BYTES,
} from '../../server/relay/limits';
import { rawConnection, type RawConnection } from './harness/clients';
import { waitUntil } from '../support/wait';
import { relayPerTest } from './harness/relayPerTest';

interface Entry {
  readonly clientId: number;
  readonly clock: number;
  readonly state: unknown;
}

/** An awareness message as the wire carries it. */
function presenceMessage(entries: Iterable<Entry>, count: number): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, count);
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId);
    encoding.writeVarUint(inner, entry.clock);
    encoding.writeVarString(inner, JSON.stringify(entry.state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE_TYPES.AWARENESS);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

function* manyIds(first: number, count: number, state: unknown): Generator<Entry> {
  for (let i = 0; i < count; i++) yield { clientId: first + i, clock: 1, state };
}

/** Sends a marker state for a fresh id on its own connection and waits until the watcher sees it: by then the relay has handled everything sent before on that connection. */
async function settled(
  watcher: ReturnType<ReturnType<typeof relayPerTest>['client']>,
  connection: RawConnection,
  markerId: number,
): Promise<void> {
  connection.send(presenceMessage([{ clientId: markerId, clock: 1, state: { marker: true } }], 1));
  await waitUntil(
    () => watcher.provider.awareness.getStates().has(markerId),
    'the marker state at the watcher',
    20_000,
  );
}

describe('presence limits', () => {
  const ctx = relayPerTest();

  const statesFrom = (watcher: ReturnType<typeof ctx.client>, memberId: string): number =>
    [...watcher.provider.awareness.getStates().values()].filter(
      (state) => (state as { user?: PresenceUser }).user?.memberId === memberId,
    ).length;

  it(`accepts at most ${MAX_PRESENCE_IDS_PER_CONNECTION} ids from one connection, however many one message carries`, async () => {
    const watcher = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await watcher.synced();
    for (const count of [500, 300_000]) {
      const intruder = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerB);
      await intruder.opened;
      intruder.send(presenceMessage(manyIds(1_000_000, count, { cursor: 1 }), count));
      // A second connection's marker shows once the relay has worked through the big message.
      const marker = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA2);
      await marker.opened;
      await settled(watcher, marker, 42 + count);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const accepted = statesFrom(watcher, ctx.fixture.memberIds.partnerB);
      console.log(`${count} ids in one message: ${accepted} accepted`);
      expect(accepted).toBeLessThanOrEqual(MAX_PRESENCE_IDS_PER_CONNECTION);
      intruder.socket.close();
      marker.socket.close();
      await waitUntil(() => statesFrom(watcher, ctx.fixture.memberIds.partnerB) === 0, 'the intruder presence to go');
    }
  }, 60_000);

  it('refuses a 1 MiB presence state, and still accepts a normal one for the same id', async () => {
    const watcher = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await watcher.synced();
    const big = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerB);
    await big.opened;
    big.send(presenceMessage([{ clientId: 777, clock: 1, state: { note: 'x'.repeat(1024 * 1024) } }], 1));
    big.send(presenceMessage([{ clientId: 778, clock: 1, state: { note: 'small' } }], 1));
    await waitUntil(() => watcher.provider.awareness.getStates().has(778), 'the small state');
    expect(watcher.provider.awareness.getStates().has(777)).toBe(false);
    big.send(presenceMessage([{ clientId: 777, clock: 2, state: { note: 'now small' } }], 1));
    await waitUntil(
      () => (watcher.provider.awareness.getStates().get(777) as { note?: string } | undefined)?.note === 'now small',
      'the same id with a normal state',
    );
  });

  it(`holds a member to ${MAX_PRESENCE_BYTES_PER_MEMBER / 1024} KiB of presence across connections`, async () => {
    const watcher = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await watcher.synced();
    const stateOf = (i: number) => ({ note: `${i}`.padEnd(MAX_PRESENCE_STATE_BYTES - 400, '.') });
    const connections: RawConnection[] = [];
    let next = 5_000;
    for (let c = 0; c < 6; c++) {
      const connection = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerB);
      connections.push(connection);
      await connection.opened;
      connection.send(
        presenceMessage(
          Array.from({ length: MAX_PRESENCE_IDS_PER_CONNECTION }, () => ({
            clientId: next,
            clock: 1,
            state: stateOf(next++),
          })),
          MAX_PRESENCE_IDS_PER_CONNECTION,
        ),
      );
    }
    const marker = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA2);
    await marker.opened;
    await settled(watcher, marker, 99);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const bytes = [...watcher.provider.awareness.getStates().values()]
      .filter((state) => (state as { user?: PresenceUser }).user?.memberId === ctx.fixture.memberIds.partnerB)
      .reduce((sum: number, state) => sum + JSON.stringify(state).length, 0);
    console.log(
      `one member's presence: ${bytes} bytes from ${6 * MAX_PRESENCE_IDS_PER_CONNECTION * MAX_PRESENCE_STATE_BYTES} offered`,
    );
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(MAX_PRESENCE_BYTES_PER_MEMBER);
    for (const connection of [...connections, marker]) connection.socket.close();
  });

  it("keeps a departed client's awareness id for its member, so its presence shows when it returns", async () => {
    const watcher = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA2);
    await watcher.synced();
    const doc = new Y.Doc();
    const alex = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA, doc);
    await alex.synced();
    const alexId = doc.clientID;
    alex.provider.awareness.setLocalStateField('cursor', 1);
    await waitUntil(
      () => (watcher.provider.awareness.getStates().get(alexId) as { cursor?: number } | undefined)?.cursor === 1,
      'alex at the watcher',
    );
    alex.provider.disconnect();
    await waitUntil(() => !watcher.provider.awareness.getStates().has(alexId), 'alex to leave');

    // Another member takes Alex's id at once, with a clock Alex will never reach.
    const thief = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerB);
    await thief.opened;
    thief.send(presenceMessage([{ clientId: alexId, clock: 2 ** 40, state: { cursor: 666 } }], 1));
    await settled(watcher, thief, 31337);
    expect(watcher.provider.awareness.getStates().has(alexId)).toBe(false);

    // Alex comes back (the same document, so the same awareness id) and is seen again, as Alex.
    alex.provider.connect();
    alex.provider.awareness.setLocalStateField('cursor', 2);
    await waitUntil(
      () => (watcher.provider.awareness.getStates().get(alexId) as { cursor?: number } | undefined)?.cursor === 2,
      'alex back at the watcher',
    );
    expect((watcher.provider.awareness.getStates().get(alexId) as { user: PresenceUser }).user.memberId).toBe(
      ctx.fixture.memberIds.partnerA,
    );
    thief.socket.close();
  });
});
