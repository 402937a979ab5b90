import { describe, expect, it } from 'vitest';
import { asId, type MemberId, type PartnerId, type SoaId } from './ids';
import {
  commentRoomsOfSoa,
  commentsRoom,
  frameRoom,
  mayWrite,
  parseRoomName,
  partnerRoom,
  roomOwner,
  roomsOfSoa,
} from './rooms';

const soa = asId<SoaId>('soa1');
const nhs = asId<PartnerId>('nhs');
const police = asId<PartnerId>('police');
const ann = asId<MemberId>('ann');
const bob = asId<MemberId>('bob');

describe('room names', () => {
  it('round-trips the two kinds of room', () => {
    expect(parseRoomName(frameRoom(soa))).toEqual({ kind: 'frame', soaId: soa });
    expect(parseRoomName(partnerRoom(soa, nhs))).toEqual({ kind: 'partner', soaId: soa, partnerId: nhs });
    expect(roomsOfSoa(soa, [nhs, police])).toEqual([
      'soa/soa1/frame',
      'soa/soa1/partner/nhs',
      'soa/soa1/partner/police',
    ]);
  });

  it('round-trips comment rooms, one per member', () => {
    expect(parseRoomName(commentsRoom(soa, ann))).toEqual({ kind: 'comments', soaId: soa, memberId: ann });
    expect(commentRoomsOfSoa(soa, [ann, bob])).toEqual(['soa/soa1/comments/ann', 'soa/soa1/comments/bob']);
  });

  it.each([
    'SOA/soa1/frame',
    'soa/soa1/Frame',
    'soa/soa1/frame/',
    '/soa/soa1/frame',
    'soa//frame',
    'soa/soa1/../soa2/frame',
    'soa/../frame',
    'soa/soa1%2Fframe',
    'soa/soa1/partner/',
    'soa/soa1/partner/nhs/',
    'soa/soa1/partner/nhs/extra',
    'soa/soa1/partner/nh%73',
    'soa/soa1/partner/nhs ',
    'soa/soa1/partner/.',
    'soa/soa1/partners/nhs',
    'soa/soa1/comments/',
    'soa/soa1/comments/ann/',
    'soa/soa1/comments/ann/extra',
    'soa/soa1/comment/ann',
    'soa/soa1/Comments/ann',
    'soa/soa1/comments/a%6En',
    'soa/s\u00f6a/frame',
    `soa/${'x'.repeat(65)}/frame`,
    '',
  ])('refuses the variant %j rather than normalising it', (name) => {
    expect(parseRoomName(name)).toBeNull();
  });
});

describe('the ownership rule', () => {
  const frame = parseRoomName(frameRoom(soa))!;
  const nhsRoom = parseRoomName(partnerRoom(soa, nhs))!;

  it('lets coordinators write the frame and nobody else', () => {
    expect(mayWrite({ role: 'coordinator', partnerId: nhs }, frame)).toBe(true);
    expect(mayWrite({ role: 'partner', partnerId: nhs }, frame)).toBe(false);
    expect(mayWrite({ role: 'reviewer', partnerId: nhs }, frame)).toBe(false);
    expect(roomOwner(frame)).toEqual({ kind: 'coordinators' });
  });

  it("lets only a partner's own members write its room", () => {
    expect(mayWrite({ role: 'partner', partnerId: nhs }, nhsRoom)).toBe(true);
    expect(mayWrite({ role: 'partner', partnerId: police }, nhsRoom)).toBe(false);
    expect(mayWrite({ role: 'coordinator', partnerId: nhs }, nhsRoom)).toBe(false);
    expect(mayWrite({ role: 'reviewer', partnerId: nhs }, nhsRoom)).toBe(false);
    expect(roomOwner(nhsRoom)).toEqual({ kind: 'partner', partnerId: nhs });
  });

  it('lets a comment room be written by its own member alone, reviewers included', () => {
    const annRoom = parseRoomName(commentsRoom(soa, ann))!;
    for (const role of ['coordinator', 'partner', 'reviewer'] as const) {
      expect(mayWrite({ role, partnerId: nhs, id: ann }, annRoom)).toBe(true);
      expect(mayWrite({ role, partnerId: nhs, id: bob }, annRoom)).toBe(false);
      // Without a member id (a caller that does not know who it is) no comment room is writable.
      expect(mayWrite({ role, partnerId: nhs }, annRoom)).toBe(false);
    }
    expect(roomOwner(annRoom)).toEqual({ kind: 'member', memberId: ann });
    // Writing one's comment room gives nothing else: a reviewer still writes no section.
    expect(mayWrite({ role: 'reviewer', partnerId: nhs, id: ann }, nhsRoom)).toBe(false);
  });
});
