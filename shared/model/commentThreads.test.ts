import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MemberId, OutcomeId, PartnerId } from './ids';
import { COMMENT_RECORDS_ROOT, CommentsDocument, EmptyCommentError, threadKey } from './commentRecords';
import { readCommentThreads, type CommentMember } from './commentThreads';
import { openCommentCounts, openThreadsForPartner } from './commentSummary';
import { TextTooLongError } from './limits';

const nhs = 'nhs' as PartnerId;
const police = 'police' as PartnerId;
const council = 'council' as PartnerId;
const outcome = 'o1' as OutcomeId;
const members: CommentMember[] = [
  { id: 'cora' as MemberId, name: 'Cora Ordinator', partnerId: council, role: 'coordinator' },
  { id: 'nina' as MemberId, name: 'Nina Health', partnerId: nhs, role: 'partner' },
  { id: 'nick' as MemberId, name: 'Nick Health', partnerId: nhs, role: 'partner' },
  { id: 'pete' as MemberId, name: 'Pete Police', partnerId: police, role: 'partner' },
  { id: 'rita' as MemberId, name: 'Rita Reviewer', partnerId: council, role: 'reviewer' },
];

/** One comment room per member, each with a clock that moves on by a second per record. */
function rooms() {
  let clock = Date.UTC(2026, 4, 1);
  const docs = new Map(members.map((member) => [member.id, new Y.Doc()]));
  const as = (id: string) => new CommentsDocument(docs.get(id as MemberId)!, () => (clock += 1000));
  const read = () => readCommentThreads({ rooms: docs, members });
  return { docs, as, read };
}

describe('comment threads', () => {
  it('gathers threads and replies from every member room, with authors named by the relay, oldest first', () => {
    const { as, read } = rooms();
    const id = as('rita').startThread({
      section: { kind: 'partner', partnerId: nhs },
      body: 'How will you measure this?',
      mentions: [police],
    });
    const key = threadKey('rita' as MemberId, id);
    as('nina').reply(key, 'Through the HEAT targets.');
    as('pete').reply(key, 'We share the data.', { mentions: [nhs] });
    as('cora').startThread({ section: { kind: 'outcome', outcomeId: outcome }, body: 'Add a baseline.' });
    const [first, second] = read();
    expect(first).toMatchObject({
      key,
      body: 'How will you measure this?',
      author: { name: 'Rita Reviewer', role: 'reviewer' },
      owner: { kind: 'partner', partnerId: nhs },
      state: 'open',
      mentions: [police, nhs],
    });
    expect(first!.replies.map((reply) => [reply.author.name, reply.body])).toEqual([
      ['Nina Health', 'Through the HEAT targets.'],
      ['Pete Police', 'We share the data.'],
    ]);
    expect(second).toMatchObject({ owner: { kind: 'coordinators' }, outcomeId: outcome });
  });

  it("counts a resolution by the section's owner or the thread's author, and ignores anyone else's", () => {
    const { as, read } = rooms();
    const key = threadKey(
      'rita' as MemberId,
      as('rita').startThread({ section: { kind: 'partner', partnerId: nhs }, body: 'Unclear.' }),
    );
    // Another partner, a coordinator (not the owner of a partner section) and another reviewer may not.
    as('pete').resolve(key);
    as('cora').resolve(key);
    expect(read()[0]!.state).toBe('open');
    // Any officer of the owning partner may.
    as('nick').resolve(key);
    expect(read()[0]).toMatchObject({ state: 'resolved', stateBy: { name: 'Nick Health' } });
    // Anyone may reopen with a reply; the author may resolve again.
    as('pete').reply(key, 'Still unclear to us.', { reopens: true });
    expect(read()[0]).toMatchObject({ state: 'open', stateBy: { name: 'Pete Police' } });
    as('rita').resolve(key);
    expect(read()[0]).toMatchObject({ state: 'resolved', stateBy: { name: 'Rita Reviewer' } });

    // A frame section: the coordinators own it, partners do not.
    const frameKey = threadKey(
      'nina' as MemberId,
      as('nina').startThread({ section: { kind: 'narrative', key: 'vision' }, body: 'Mention health?' }),
    );
    as('nick').resolve(frameKey);
    expect(read().find((thread) => thread.key === frameKey)!.state).toBe('open');
    as('cora').resolve(frameKey);
    expect(read().find((thread) => thread.key === frameKey)!.state).toBe('resolved');

    // A passage in a partner's text on an outcome page belongs to that partner.
    const anchor = {
      field: { partnerId: police, path: `contribution.${outcome}` },
      start: 'AAAA',
      end: 'AAAA',
      quote: 'fewer fires',
    };
    const passageKey = threadKey(
      'cora' as MemberId,
      as('cora').startThread({ section: { kind: 'outcome', outcomeId: outcome }, anchor, body: 'Which fires?' }),
    );
    as('nina').resolve(passageKey);
    as('rita').resolve(passageKey);
    expect(read().find((thread) => thread.key === passageKey)).toMatchObject({
      state: 'open',
      owner: { kind: 'partner', partnerId: police },
      outcomeId: outcome,
    });
    as('pete').resolve(passageKey);
    expect(read().find((thread) => thread.key === passageKey)!.state).toBe('resolved');
  });

  it('lets members edit and delete only their own words; a deleted thread goes with its replies', () => {
    const { as, read, docs } = rooms();
    const id = as('rita').startThread({ section: { kind: 'details' }, body: 'Typo in the title.' });
    const key = threadKey('rita' as MemberId, id);
    const replyId = as('nina').reply(key, 'Fixed.');
    as('rita').edit(id, 'Typo in the title: "Straegic".');
    as('nina').delete(replyId);
    const [thread] = read();
    expect(thread).toMatchObject({ body: 'Typo in the title: "Straegic".', editedAt: expect.any(Number) });
    expect(thread!.replies[0]).toMatchObject({ deleted: true, body: '' });
    // Someone else's record is not in one's own room, so it cannot be edited from there.
    expect(() => as('nina').edit(id, 'Changed by Nina')).toThrow(/not yours/);
    expect(() => as('rita').reply(key, '   ')).toThrow(EmptyCommentError);
    expect(() => as('rita').reply(key, 'x'.repeat(10_001))).toThrow(TextTooLongError);
    as('rita').delete(id);
    expect(read()).toEqual([]);
    expect(docs.get('nina' as MemberId)!.getMap(COMMENT_RECORDS_ROOT).size).toBe(1);
  });

  it('ignores malformed records, orphans and unreadable rooms without crashing', () => {
    const { as, read, docs } = rooms();
    const key = threadKey(
      'rita' as MemberId,
      as('rita').startThread({ section: { kind: 'partner', partnerId: nhs }, body: 'Fine.' }),
    );
    const pete = docs.get('pete' as MemberId)!.getMap<unknown>(COMMENT_RECORDS_ROOT);
    pete.set('a1', { kind: 'resolution' });
    pete.set('a2', { kind: 'reply', at: 5, thread: 'not a key', body: 'x' });
    pete.set('a3', { kind: 'thread', at: 5, section: { kind: 'planet' }, body: 'x' });
    pete.set('a4', 'just a string');
    pete.set('a5', { kind: 'reply', at: 5, thread: 'rita/deleted-thread', body: 'to nothing' });
    pete.set('a6', {
      kind: 'thread',
      at: 5,
      section: { kind: 'details' },
      anchor: { field: { partnerId: null, path: '../../etc' } },
      body: 'x',
    });
    pete.set('bad id!', { kind: 'resolution', at: 5, thread: key });
    const unreadable = new Y.Doc();
    unreadable.getText(COMMENT_RECORDS_ROOT).insert(0, 'a text where a map belongs');
    const threads = readCommentThreads({ rooms: [...docs, ['ghost' as MemberId, unreadable]], members });
    expect(threads.map((thread) => thread.key)).toEqual([key]);
    expect(read()[0]).toMatchObject({ state: 'open', replies: [] });
  });

  it('names a member the relay no longer lists, who can still resolve their own thread', () => {
    const { docs } = rooms();
    const gone = new CommentsDocument(new Y.Doc());
    const key = threadKey('gone' as MemberId, gone.startThread({ section: { kind: 'details' }, body: 'Old point.' }));
    gone.resolve(key);
    const [thread] = readCommentThreads({ rooms: [...docs, ['gone' as MemberId, gone.doc]], members });
    expect(thread).toMatchObject({ author: { name: 'A former member', partnerId: null }, state: 'resolved' });
  });

  it('counts open threads per section, owner and outcome, and lists what a partner should answer', () => {
    const { as, read } = rooms();
    as('rita').startThread({ section: { kind: 'partner', partnerId: nhs }, body: 'One.' });
    as('rita').startThread({
      section: { kind: 'outcome', outcomeId: outcome },
      anchor: { field: { partnerId: nhs, path: `contribution.${outcome}` }, start: 'AAAA', end: 'AAAA', quote: 'q' },
      body: 'Two.',
    });
    as('cora').startThread({ section: { kind: 'narrative', key: 'vision' }, body: 'Three.', mentions: [nhs] });
    const done = as('cora').startThread({ section: { kind: 'outcome', outcomeId: outcome }, body: 'Four.' });
    as('cora').resolve(threadKey('cora' as MemberId, done));
    const counts = openCommentCounts(read());
    expect(counts.total).toBe(3);
    expect([...counts.byPartner]).toEqual([[nhs, 2]]);
    expect(counts.coordinators).toBe(1);
    expect([...counts.byOutcome]).toEqual([[outcome, 1]]);
    expect(Object.fromEntries(counts.bySection)).toEqual({
      [`partner:${nhs}`]: 1,
      [`outcome:${outcome}`]: 1,
      'narrative:vision': 1,
    });
    expect(openThreadsForPartner(read(), nhs).map((thread) => thread.body)).toEqual(['One.', 'Two.', 'Three.']);
    expect(openThreadsForPartner(read(), police)).toEqual([]);
  });
});
