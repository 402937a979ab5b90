/**
 * The statement of support's opening words, which must say what the sign-off table beneath it shows: that
 * every partner supports the agreement, that some do while others have still to agree, or that none has
 * agreed yet. Only a current agreement counts: a sign-off that lapsed, or one given to an earlier version of
 * what the partner now delivers, is not yet an agreement to this document.
 */
import type { PartnerView } from '../model/assemble';
import type { EffectiveSignOff } from '../model/partner';

/** Whether the partner's agreement covers the document as it now stands. */
export function agreesNow(signOff: EffectiveSignOff): boolean {
  // 'agreed-earlier-version' (what the agreement covers has changed since) counts as not yet agreed.
  return signOff.state === 'agreed' && !signOff.lapsed;
}

/** "A, B and C". */
function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The paragraph above the sign-off table. `partners` are the partners the document speaks for (one in a
 * partner's extract); `partnership` and `area` name the partnership and its area.
 */
export function supportStatement(partners: readonly PartnerView[], partnership: string, area: string): string {
  const agreement = `this Single Outcome Agreement between ${area} Community Planning Partnership and the Scottish Government`;
  const agreed = partners.filter((partner) => agreesNow(partner.signOff));
  const pending = partners.filter((partner) => !agreesNow(partner.signOff));
  if (partners.length === 0) return `No partners of ${partnership} have been added to ${agreement} yet.`;
  if (pending.length === 0) {
    const who = partners.length === 1 ? partners[0]!.name : `The partners of ${partnership}`;
    const verb = partners.length === 1 ? 'supports' : 'support';
    const commit =
      partners.length === 1
        ? 'commits to delivering its local outcomes with the other partners, through the contribution set out here'
        : 'commit to delivering its local outcomes together, each through the contribution set out here';
    return `${who} ${verb} ${agreement}, and ${commit}.`;
  }
  if (agreed.length === 0) {
    const who =
      partners.length === 1 ? `${partners[0]!.name} has not yet agreed` : `No partner of ${partnership} has yet agreed`;
    return (
      `This is a draft. ${who} ${agreement}. ` +
      'The table shows where each sign-off stands; this statement of support will be complete when every partner has agreed.'
    );
  }
  return (
    `${listNames(agreed.map((partner) => partner.name))} ${agreed.length === 1 ? 'has' : 'have'} agreed ${agreement}. ` +
    `${listNames(pending.map((partner) => partner.name))} ${pending.length === 1 ? 'has' : 'have'} not yet agreed it. ` +
    'The table shows where each sign-off stands; this statement of support will be complete when every partner has agreed.'
  );
}
