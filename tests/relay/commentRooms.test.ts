// Comment rooms (issue 15): soa/<soaId>/comments/<memberId> is written by that member alone, reviewers
// included, and read by everyone in the partnership. A forged write to another member's comment room is
// refused as an update and as sync step 2, and never reaches anyone.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import { commentsRoom } from '../../shared/model/rooms';
import { rawConnection } from './harness/clients';
import { waitUntil } from '../support/wait';
import { relayPerTest } from './harness/relayPerTest';
import { startRelayProcess } from '../support/relayProcess';

describe('comment rooms', () => {
  const ctx = relayPerTest();
  const client = ctx.client;

  it("accepts a reviewer's comment in the reviewer's own room, which every member then sees", async () => {
    const room = commentsRoom(ctx.fixture.soaId, ctx.fixture.memberIds.reviewer);
    const partner = client(room, ctx.fixture.tokens.partnerB);
    await partner.synced();
    const reviewer = client(room, ctx.fixture.tokens.reviewer);
    await reviewer.synced();
    reviewer.doc.getMap('threads').set('t1', 'Is this target realistic?');
    await reviewer.stored('the reviewer comment to be stored');
    expect(reviewer.denied).toEqual([]);
    await waitUntil(
      () => partner.doc.getMap('threads').get('t1') === 'Is this target realistic?',
      'the partner to see the comment live',
    );

    // After a restart, the coordinator reads it from the relay's database.
    for (const made of ctx.clients.splice(0)) made.destroy();
    await ctx.relay.stop();
    ctx.relay = await startRelayProcess(ctx.fixture.dbFile);
    const coordinator = client(room, ctx.fixture.tokens.coordinator);
    await coordinator.synced();
    expect(coordinator.doc.getMap('threads').get('t1')).toBe('Is this target realistic?');
  });

  const intruders = [
    { who: 'another partner', token: 'partnerB', owner: 'partnerA' },
    { who: 'a colleague of the same partner', token: 'partnerA2', owner: 'partnerA' },
    { who: 'a coordinator', token: 'coordinator', owner: 'reviewer' },
    { who: 'a reviewer', token: 'reviewer', owner: 'coordinator' },
  ] as const;

  for (const { who, token, owner } of intruders) {
    it(`refuses ${who}'s writes to someone else's comment room, as sync step 2 and as an update`, async () => {
      const room = commentsRoom(ctx.fixture.soaId, ctx.fixture.memberIds[owner]);
      const ownerClient = client(room, ctx.fixture.tokens[owner]);
      await ownerClient.synced();
      ownerClient.doc.getMap('threads').set('mine', 'by the owner');
      await ownerClient.stored('the owner comment to be stored');

      // Sync step 2: a forged resolution carried in the document the intruder connects with.
      const forged = new Y.Doc();
      forged.getMap('threads').set('mine', 'resolved by someone else');
      const intruder = client(room, ctx.fixture.tokens[token], forged);
      await intruder.synced();
      await waitUntil(() => intruder.denied.length === 1, 'permission denied for sync step 2');
      // Reading stays allowed.
      expect(intruder.provider.wsconnected).toBe(true);

      // Update: a live forged edit.
      intruder.doc.getMap('threads').set('forged', 'a comment in another name');
      await waitUntil(() => intruder.denied.length === 2, 'permission denied for an update');
      expect(intruder.denied[1]).toMatch(/not change it/);

      // Neither reached the owner or a fresh reader, nor the database.
      ownerClient.doc.getMap('threads').set('later', 'a later owner comment');
      await ownerClient.stored('a later owner comment to be stored');
      expect(ownerClient.doc.getMap('threads').get('mine')).toBe('by the owner');
      expect(ownerClient.doc.getMap('threads').has('forged')).toBe(false);
      for (const made of ctx.clients.splice(0)) made.destroy();
      await ctx.relay.stop();
      ctx.relay = await startRelayProcess(ctx.fixture.dbFile);
      const reader = client(room, ctx.fixture.tokens.partnerB);
      await reader.synced();
      expect(reader.doc.getMap('threads').toJSON()).toEqual({ mine: 'by the owner', later: 'a later owner comment' });
    });
  }

  it("refuses another partnership's comment rooms, and comment rooms of members from elsewhere", async () => {
    const otherPartnershipReader = rawConnection(
      ctx.relay.syncUrl,
      commentsRoom(ctx.fixture.soaId, ctx.fixture.memberIds.partnerA),
      ctx.fixture.tokens.outsider,
    );
    expect((await otherPartnershipReader.closed).code).toBe(CLOSE_CODES.ROOM_NOT_FOUND);
    const unknownMember = rawConnection(
      ctx.relay.syncUrl,
      `soa/${ctx.fixture.soaId}/comments/nobody`,
      ctx.fixture.tokens.partnerA,
    );
    expect((await unknownMember.closed).code).toBe(CLOSE_CODES.ROOM_NOT_FOUND);
  });
});
