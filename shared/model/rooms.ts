/**
 * Rooms and who may write them. An SOA is a set of Yjs documents ("rooms"), one per owner, because a CRDT
 * update cannot cheaply be checked for which part of a document it touches. The relay enforces this rule
 * (it is the authority); the editor uses the same function to show a section as read-only with its owner.
 *
 *   soa/<soaId>/frame                 written by the partnership's coordinators
 *   soa/<soaId>/partner/<partnerId>   written only by that partner's members (role "partner")
 *   soa/<soaId>/comments/<memberId>   written only by that member, whatever the role (reviewers included)
 *
 * Every member of the partnership may read every room of its SOAs; reviewers write only their comments.
 */
import { isWellFormedId, type MemberId, type PartnerId, type SoaId } from './ids';

export const MEMBER_ROLES = ['coordinator', 'partner', 'reviewer'] as const;
/** coordinator: the council's community planning team; partner: a partner's officer; reviewer: reads only. */
export type MemberRole = (typeof MEMBER_ROLES)[number];

export function isMemberRole(value: unknown): value is MemberRole {
  return typeof value === 'string' && (MEMBER_ROLES as readonly string[]).includes(value);
}

export type RoomName = string & { readonly __room: true };

/** A room name taken apart. */
export type ParsedRoom =
  | { readonly kind: 'frame'; readonly soaId: SoaId }
  | { readonly kind: 'partner'; readonly soaId: SoaId; readonly partnerId: PartnerId }
  | { readonly kind: 'comments'; readonly soaId: SoaId; readonly memberId: MemberId };

/** Who owns a room of the SOA's content: the coordinators (frame) or one partner. */
export type RoomOwner = { readonly kind: 'coordinators' } | { readonly kind: 'partner'; readonly partnerId: PartnerId };

/** Who owns a comment room: one member. */
export interface CommentsOwner {
  readonly kind: 'member';
  readonly memberId: MemberId;
}

/** The member as far as write access is concerned. */
export interface WriterIdentity {
  readonly role: MemberRole;
  readonly partnerId: PartnerId;
  /** Needed to write one's own comment room; without it no comment room is writable. */
  readonly id?: MemberId;
}

export function frameRoom(soaId: SoaId): RoomName {
  return `soa/${soaId}/frame` as RoomName;
}

export function partnerRoom(soaId: SoaId, partnerId: PartnerId): RoomName {
  return `soa/${soaId}/partner/${partnerId}` as RoomName;
}

export function commentsRoom(soaId: SoaId, memberId: MemberId): RoomName {
  return `soa/${soaId}/comments/${memberId}` as RoomName;
}

/**
 * Parses a room name exactly: no case folding, no percent-decoding, no extra or empty segments, ids of the
 * documented shape only. Anything else is not a room (returns null), so "SOA/x/frame", "soa/x/frame/",
 * "soa/x/../y/frame" and "soa/x%2Fframe" are all refused rather than normalised.
 */
export function parseRoomName(name: string): ParsedRoom | null {
  const parts = name.split('/');
  if (parts[0] !== 'soa') return null;
  const soaId = parts[1];
  if (!isWellFormedId(soaId)) return null;
  if (parts.length === 3 && parts[2] === 'frame') return { kind: 'frame', soaId: soaId as SoaId };
  const partnerId = parts[3];
  if (parts.length === 4 && parts[2] === 'partner' && isWellFormedId(partnerId)) {
    return { kind: 'partner', soaId: soaId as SoaId, partnerId: partnerId as PartnerId };
  }
  const memberId = parts[3];
  if (parts.length === 4 && parts[2] === 'comments' && isWellFormedId(memberId)) {
    return { kind: 'comments', soaId: soaId as SoaId, memberId: memberId as MemberId };
  }
  return null;
}

export function roomOwner(room: ParsedRoom): RoomOwner | CommentsOwner {
  if (room.kind === 'frame') return { kind: 'coordinators' };
  if (room.kind === 'partner') return { kind: 'partner', partnerId: room.partnerId };
  return { kind: 'member', memberId: room.memberId };
}

/**
 * May this member write this room? Coordinators write the frame; a partner's members write that partner's
 * room; reviewers write nothing. A coordinator does not write partner rooms (not even the council's own
 * room: the council's officers join as members of the council partner for that). A comment room is written
 * by its member alone, whatever the role, so nobody can change or resolve another's comments by forging
 * them: a reply or resolution is a record in the writer's own room.
 */
export function mayWrite(member: WriterIdentity, room: ParsedRoom): boolean {
  if (room.kind === 'comments') return member.id !== undefined && member.id === room.memberId;
  if (member.role === 'reviewer') return false;
  if (room.kind === 'frame') return member.role === 'coordinator';
  return member.role === 'partner' && member.partnerId === room.partnerId;
}

/** The rooms of one SOA, frame first, then each partner's. */
export function roomsOfSoa(soaId: SoaId, partnerIds: readonly PartnerId[]): RoomName[] {
  return [frameRoom(soaId), ...partnerIds.map((partnerId) => partnerRoom(soaId, partnerId))];
}

/** The comment rooms of one SOA, one per member of its partnership (revoked members' comments stay readable). */
export function commentRoomsOfSoa(soaId: SoaId, memberIds: readonly MemberId[]): RoomName[] {
  return memberIds.map((memberId) => commentsRoom(soaId, memberId));
}
