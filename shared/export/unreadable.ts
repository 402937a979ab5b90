/**
 * A partner whose room could not be read (shared/model/readRooms) is marked wherever its content would be,
 * rather than printed as "not yet written": its content is unknown, and the rest of the document is whole.
 */
import type { PartnerView, SoaSnapshot } from '../model/assemble';
import type { PartnerId } from '../model/ids';

export function unreadableNote(partner: PartnerView): string {
  return `${partner.name}'s section could not be read, so it is not in this document. ${partner.unreadable?.message ?? ''} ${partner.name} can repair it in the app; then export again.`
    .replace(/\s+/g, ' ')
    .trim();
}

/** The partner, when its room could not be read. */
export function unreadablePartner(snapshot: SoaSnapshot, partnerId: PartnerId | undefined): PartnerView | undefined {
  const partner = partnerId ? snapshot.partners.find((candidate) => candidate.id === partnerId) : undefined;
  return partner?.unreadable ? partner : undefined;
}
