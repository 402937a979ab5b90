// What one writer can make the relay do and store is bounded: structs per update, bytes stored per hour
// (per member and per room), and a room's size. Each refusal closes only the writer's connection with its
// own documented code, stores nothing, and leaves every other room working.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MemberId } from '../../shared/model/ids';
import { CLOSE_CODES, encodeSyncUpdate } from '../../shared/protocol/messages';
import { silentLogger } from '../../server/log';
import { LoadedRoom } from '../../server/relay/room';
import {
  MAX_STRUCTS_PER_UPDATE,
  MEMBER_BYTES_PER_HOUR,
  WRITE_LIMITS,
  type WriteLimits,
} from '../../server/relay/writeLimits';
import { WriteQuotas } from '../../server/relay/writeQuotas';
import { writeUpdate, type WriteContext, type WriteOutcome } from '../../server/relay/writeUpdate';
import { MemoryRoomStore } from '../../server/storage/memoryRoomStore';
import { rawConnection } from './harness/clients';
import { relayPerTest } from './harness/relayPerTest';
import { readRoom } from './harness/roomSnapshot';
import { startRelayProcess } from '../support/relayProcess';

function tinyMapEntries(count: number): Uint8Array {
  const doc = new Y.Doc();
  const map = doc.getMap('meta');
  doc.transact(() => {
    for (let i = 0; i < count; i++) map.set(`k${i}`, i);
  });
  return Y.encodeStateAsUpdate(doc);
}

function textOf(update: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('body').toString();
}

describe('write quotas on a real relay', () => {
  const ctx = relayPerTest();

  it('refuses an update of 380,000 tiny map entries with TOO_COMPLEX; the room is unchanged and another room keeps working', async () => {
    const update = tinyMapEntries(380_000);
    expect(update.byteLength).toBeGreaterThan(6_000_000);
    const other = ctx.client(ctx.fixture.roomB, ctx.fixture.tokens.partnerB);
    await other.synced();
    const before = await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    const writer = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await writer.opened;
    writer.send(encodeSyncUpdate(update));
    other.doc.getText('body').insert(0, 'written meanwhile');
    const closed = await writer.closed;
    expect(closed.code).toBe(CLOSE_CODES.TOO_COMPLEX);
    expect(closed.reason).toMatch(/too many for the relay/);
    await other.stored();
    const after = await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    expect(Buffer.from(after.update).equals(Buffer.from(before.update))).toBe(true);
    expect(ctx.relay.lines.some((line) => line.includes('update refused: too many structs'))).toBe(true);
  });

  it(`accepts an update of ${MAX_STRUCTS_PER_UPDATE.toLocaleString('en-GB')} structs, the most the limit allows`, async () => {
    const writer = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await writer.synced();
    Y.applyUpdate(writer.doc, tinyMapEntries(MAX_STRUCTS_PER_UPDATE));
    const reader = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    await reader.synced();
    const deadline = Date.now() + 30_000;
    while (reader.doc.getMap('meta').size < MAX_STRUCTS_PER_UPDATE && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reader.doc.getMap('meta').size).toBe(MAX_STRUCTS_PER_UPDATE);
    expect(writer.closes).toEqual([]);
  });

  it("refuses a member's writes beyond the hourly quota with WRITE_QUOTA, keeping what came before", async () => {
    const paste = 7 * 1024 * 1024;
    const fit = Math.floor(MEMBER_BYTES_PER_HOUR / paste);
    const writer = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await writer.opened;
    const author = new Y.Doc();
    author.on('update', (update: Uint8Array) => writer.send(encodeSyncUpdate(update)));
    for (let i = 0; i <= fit; i++) author.getText('body').insert(0, String.fromCharCode(97 + i).repeat(paste));
    const closed = await writer.closed;
    expect(closed.code).toBe(CLOSE_CODES.WRITE_QUOTA);
    expect(closed.reason).toMatch(/You have sent over 32 MiB of changes this hour/);
    expect(
      textOf((await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer)).update).length,
    ).toBe(fit * paste);
  });

  it('keeps counting the hour across a restart of the relay', async () => {
    const paste = 7 * 1024 * 1024;
    const fit = Math.floor(MEMBER_BYTES_PER_HOUR / paste);
    const author = new Y.Doc();
    const writer = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA, author);
    await writer.synced();
    // Every paste is sent at once and the relay stores them in turn: waiting for each in turn added a round
    // trip per paste, and 28 MiB of durable writes on two loaded cores took longer than the 10 s a small edit
    // is given, so the wait is for all of them together, sized for that.
    for (let i = 0; i < fit; i++) author.getText('body').insert(0, String.fromCharCode(97 + i).repeat(paste));
    await writer.stored(`${fit} pastes of 7 MiB`, 100_000);
    writer.destroy();
    await ctx.relay.stop();
    ctx.relay = await startRelayProcess(ctx.fixture.dbFile);

    const again = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await again.opened;
    const more = new Y.Doc();
    more.getText('body').insert(0, 'z'.repeat(paste));
    again.send(encodeSyncUpdate(Y.encodeStateAsUpdate(more)));
    const closed = await again.closed;
    expect(closed.code).toBe(CLOSE_CODES.WRITE_QUOTA);
    // Another member of the partnership still writes (the room's own hour has room left).
    const colleague = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA2);
    await colleague.synced();
    colleague.doc.getText('note').insert(0, 'Still accepted.');
    await colleague.stored();
  }, 180_000);
});

describe('write quotas in the write pipeline', () => {
  const alex = 'alex' as MemberId;
  const bea = 'bea' as MemberId;

  async function setUp(
    limits: Partial<WriteLimits>,
    now: () => number = Date.now,
  ): Promise<{
    room: LoadedRoom;
    write: (update: Uint8Array, author?: MemberId) => Promise<WriteOutcome>;
    store: MemoryRoomStore;
  }> {
    const store = new MemoryRoomStore();
    const all = { ...WRITE_LIMITS, ...limits };
    const context: WriteContext = { store, logger: silentLogger, limits: all, quotas: new WriteQuotas(all, now) };
    const room = new LoadedRoom('soa/s/partner/p', await store.load('soa/s/partner/p'), silentLogger);
    return {
      room,
      store,
      write: (update, author = alex) => room.serialise(() => writeUpdate(context, room, update, author, null)),
    };
  }

  it('refuses content once a room holds its maximum, but always accepts deletions', async () => {
    const { room, write, store } = await setUp({ maxRoomBytes: 10_000 });
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.getText('body').insert(0, 'x'.repeat(9_000));
    doc.getText('body').insert(0, 'y'.repeat(2_000));
    doc.getText('body').delete(0, 11_000);
    expect((await write(updates[0] as Uint8Array)).kind).toBe('accepted');
    const full = await write(updates[1] as Uint8Array);
    expect(full.kind === 'refused' && full.code).toBe(CLOSE_CODES.ROOM_FULL);
    // The deletion of the first paste (its delete set only: the refused text never reached the room).
    const deletion = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
    expect((await write(deletion)).kind).toBe('accepted');
    expect(room.doc.getText('body').toString()).toBe('');
    expect((await store.load(room.name)).updates).toHaveLength(2);
  });

  it('counts an hour per room across its writers, and forgets what is older than an hour', async () => {
    let now = Date.UTC(2026, 2, 31, 9);
    const { write } = await setUp({ roomBytesPerHour: 5_000, memberBytesPerHour: 4_000 }, () => now);
    const paste = (text: string): Uint8Array => {
      const doc = new Y.Doc();
      doc.getText('body').insert(0, text);
      return Y.encodeStateAsUpdate(doc);
    };
    expect((await write(paste('a'.repeat(3_000)), alex)).kind).toBe('accepted');
    const byMember = await write(paste('b'.repeat(1_500)), alex);
    expect(byMember.kind === 'refused' && byMember.reason).toMatch(/^You have sent over/);
    expect((await write(paste('c'.repeat(1_500)), bea)).kind).toBe('accepted');
    const byRoom = await write(paste('d'.repeat(1_000)), bea);
    expect(byRoom.kind === 'refused' && byRoom.code).toBe(CLOSE_CODES.WRITE_QUOTA);
    expect(byRoom.kind === 'refused' && byRoom.reason).toMatch(/^This section has had over/);
    now += 61 * 60_000;
    expect((await write(paste('e'.repeat(3_000)), alex)).kind).toBe('accepted');
  });
});
