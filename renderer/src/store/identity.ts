/**
 * Who is using the app and what they may write. A local SOA has one author who writes every section; a
 * member of a partnership writes what shared/model/rooms allows, the same rule the relay enforces.
 */
import { mayWrite, type MemberRole, type PartnerId, type SoaId } from '../../../shared/model';
import type { SessionResponse } from '../../../shared/api/session';

export type Identity =
  | { readonly kind: 'local'; readonly name: string }
  | {
      readonly kind: 'member';
      readonly memberId: string;
      readonly name: string;
      readonly role: MemberRole;
      readonly partnerId: PartnerId;
      readonly partnerName: string;
    };

/** What a section is, for write access: the frame (coordinators) or a partner's room. */
export type SectionOwner = { readonly kind: 'frame' } | { readonly kind: 'partner'; readonly partnerId: PartnerId };

export const LOCAL_AUTHOR: Identity = { kind: 'local', name: 'You' };

export function identityFromSession(session: SessionResponse): Identity {
  const partner = session.partnership.partners.find((candidate) => candidate.id === session.member.partnerId);
  return {
    kind: 'member',
    memberId: session.member.id,
    name: session.member.name,
    role: session.member.role,
    partnerId: session.member.partnerId as PartnerId,
    partnerName: partner?.name ?? 'Unknown partner',
  };
}

export function canWrite(identity: Identity, soaId: SoaId, owner: SectionOwner): boolean {
  if (identity.kind === 'local') return true;
  const room =
    owner.kind === 'frame'
      ? { kind: 'frame' as const, soaId }
      : { kind: 'partner' as const, soaId, partnerId: owner.partnerId };
  return mayWrite({ role: identity.role, partnerId: identity.partnerId }, room);
}
