/**
 * Completeness: what is still missing from the SOA, for each local outcome and each partner, with counts
 * and the days left to each deadline. Drafts may go to the Scottish Government incomplete ("as complete as
 * possible, with notes on any gaps"), so this is a to-do list, never a gate. Every item says in plain
 * English what is missing, whose job it is (the room's owner) and where to go to fix it.
 */
import type { OutcomeView, SoaSnapshot, Orphan, PartnerRef } from './assemble';
import { NARRATIVE_KEYS, NARRATIVE_TITLES, type NarrativeKey } from './frame';
import type { IndicatorId, OutcomeId, PartnerId } from './ids';
import { directionFromHigherIsBetter, proposeDirection } from './direction';
import type { EffectiveSignOff } from './partner';
import { isRichTextEmpty } from './richText';
import type { RoomOwner } from './rooms';
import type { ProgressState } from './stateNames';
import type { TotalResources } from './totalResources';
import { daysBetween, describeDaysLeft, formatUkDate } from '../text/dates';

export type MissingCode =
  | 'soa-title'
  | 'soa-deadline'
  | 'narrative-empty'
  | 'no-partners'
  | 'no-outcomes'
  | 'outcome-title'
  | 'outcome-ten-year'
  | 'outcome-national-outcome'
  | 'outcome-priority'
  | 'outcome-lead-partner'
  | 'outcome-indicators'
  | 'indicator-baseline'
  | 'indicator-targets'
  | 'indicator-source'
  | 'indicator-direction'
  | 'indicator-direction-contradicted'
  | 'commitment-resources'
  | 'total-resources'
  | 'contribution-missing'
  | 'contribution-empty'
  | 'room-unreadable'
  | 'sign-off-outstanding';

/** Where in the app the missing thing is fixed. */
export type FixLocation =
  | { readonly kind: 'soa-details' }
  | { readonly kind: 'narrative'; readonly key: NarrativeKey }
  | { readonly kind: 'partners' }
  | { readonly kind: 'outcome'; readonly outcomeId: OutcomeId }
  | { readonly kind: 'indicator'; readonly outcomeId: OutcomeId; readonly indicatorId: IndicatorId }
  | { readonly kind: 'contribution'; readonly outcomeId: OutcomeId; readonly partnerId: PartnerId }
  | { readonly kind: 'total-resources'; readonly partnerId: PartnerId }
  | { readonly kind: 'sign-off'; readonly partnerId: PartnerId };

export interface MissingItem {
  readonly code: MissingCode;
  readonly message: string;
  readonly owner: RoomOwner;
  readonly fix: FixLocation;
}

export interface OutcomeCompleteness {
  readonly outcomeId: OutcomeId;
  readonly title: string;
  readonly missing: readonly MissingItem[];
  readonly progress: ProgressState;
}

export interface PartnerCompleteness {
  readonly partner: PartnerRef;
  /** What this partner still has to write or do, including its sign-off. */
  readonly missing: readonly MissingItem[];
  /** How far the partner's writing has come (its sign-off aside). */
  readonly progress: ProgressState;
  readonly signOff: EffectiveSignOff;
}

export interface DeadlineStatus {
  readonly date: string;
  /** "1 April 2013". */
  readonly label: string;
  /** Negative when overdue. */
  readonly daysLeft: number;
  /** "12 days left", "due today", "3 days overdue". */
  readonly description: string;
}

export interface CompletenessReport {
  /** Missing pieces of the SOA as a whole (details, narrative sections). */
  readonly general: readonly MissingItem[];
  readonly outcomes: readonly OutcomeCompleteness[];
  readonly partners: readonly PartnerCompleteness[];
  readonly signOffsOutstanding: readonly PartnerRef[];
  readonly counts: {
    readonly missing: number;
    readonly outcomesComplete: number;
    readonly outcomes: number;
    readonly signOffsOutstanding: number;
    readonly orphans: number;
  };
  readonly deadlines: {
    readonly draftDue: DeadlineStatus | null;
    readonly agreementDue: DeadlineStatus | null;
  };
  readonly orphans: readonly Orphan[];
}

const COORDINATORS: RoomOwner = { kind: 'coordinators' };

/** Checks the snapshot. `today` is an ISO date, passed in so the check stays pure. */
export function checkCompleteness(snapshot: SoaSnapshot, today: string): CompletenessReport {
  const general: MissingItem[] = [];
  if (!snapshot.meta.title.trim()) {
    general.push({
      code: 'soa-title',
      message: 'The SOA has no title.',
      owner: COORDINATORS,
      fix: { kind: 'soa-details' },
    });
  }
  if (!snapshot.meta.draftDue || !snapshot.meta.agreementDue) {
    general.push({
      code: 'soa-deadline',
      message: 'Set the dates the draft is due and the SOA must be agreed by.',
      owner: COORDINATORS,
      fix: { kind: 'soa-details' },
    });
  }
  if (snapshot.partners.length === 0) {
    general.push({
      code: 'no-partners',
      message: 'No partners have been added.',
      owner: COORDINATORS,
      fix: { kind: 'partners' },
    });
  }
  if (snapshot.outcomes.length === 0) {
    general.push({
      code: 'no-outcomes',
      message: 'No local outcomes have been written.',
      owner: COORDINATORS,
      fix: { kind: 'soa-details' },
    });
  }
  for (const key of NARRATIVE_KEYS) {
    if (key === 'gapNotes') continue;
    if (isRichTextEmpty(snapshot.narrative[key])) {
      general.push({
        code: 'narrative-empty',
        message: `"${NARRATIVE_TITLES[key]}" has not been written.`,
        owner: COORDINATORS,
        fix: { kind: 'narrative', key },
      });
    }
  }

  const outcomes = snapshot.outcomes.map((outcome) => {
    const missing = checkOutcome(outcome);
    const touched =
      !isRichTextEmpty(outcome.tenYearStatement) ||
      outcome.indicators.length > 0 ||
      outcome.nationalOutcomes.length > 0 ||
      outcome.leadPartner !== null;
    const progress: ProgressState = missing.length === 0 ? 'complete' : touched ? 'in-progress' : 'not-started';
    return { outcomeId: outcome.id, title: outcome.title, missing, progress };
  });

  const partners: PartnerCompleteness[] = snapshot.partners.map((partner) => {
    const missing: MissingItem[] = [];
    const owner: RoomOwner = { kind: 'partner', partnerId: partner.id };
    if (partner.unreadable) {
      // Its content is unknown, not missing: one item saying so, instead of "not written" for each outcome.
      missing.push({
        code: 'room-unreadable',
        message: `${partner.name}'s section could not be read. ${partner.unreadable.message}`,
        owner,
        fix: { kind: 'sign-off', partnerId: partner.id },
      });
    }
    for (const outcome of partner.unreadable ? [] : snapshot.outcomes) {
      const listed = outcome.deliveringPartners.some((delivering) => delivering.id === partner.id);
      const contribution = outcome.contributions.find((candidate) => candidate.partner.id === partner.id);
      const fix: FixLocation = { kind: 'contribution', outcomeId: outcome.id, partnerId: partner.id };
      const label = outcomeLabel(outcome);
      if (listed && !contribution) {
        missing.push({
          code: 'contribution-missing',
          message: `${partner.name} is listed as delivering ${label} but has not written its contribution.`,
          owner,
          fix,
        });
      } else if (contribution && isRichTextEmpty(contribution.statement) && contribution.commitments.length === 0) {
        missing.push({
          code: 'contribution-empty',
          message: `${partner.name}'s contribution to ${label} is empty.`,
          owner,
          fix,
        });
      }
      for (const [index, commitment] of (contribution?.commitments ?? []).entries()) {
        if (commitment.resourcePoundsText.trim() || commitment.resourceFteText.trim()) continue;
        const name = commitment.action.trim() ? `“${truncateWords(commitment.action, 60)}”` : String(index + 1);
        missing.push({
          code: 'commitment-resources',
          message: `${partner.name}'s commitment ${name} to ${label} does not state its resources, money or staff ${PRINTS_NOT_STATED}.`,
          owner,
          fix,
        });
      }
    }
    const blankTotals = partner.unreadable ? [] : blankTotalResourceParts(partner.totalResources);
    if (blankTotals.length > 0) {
      missing.push({
        code: 'total-resources',
        message: `${partner.name} does not state the ${joinWords(blankTotals)} of its total resources in ${snapshot.meta.area.trim() || 'the area'} ${PRINTS_NOT_STATED}.`,
        owner,
        fix: { kind: 'total-resources', partnerId: partner.id },
      });
    }
    const writing = missing.length;
    const progress: ProgressState =
      partner.contributesTo.length > 0 && writing === 0
        ? 'complete'
        : partner.contributesTo.length > 0 || !isRichTextEmpty(partner.statement)
          ? 'in-progress'
          : 'not-started';
    if (partner.signOff.state !== 'agreed') {
      missing.push({
        code: 'sign-off-outstanding',
        message: signOffMessage(partner.name, partner.signOff),
        owner,
        fix: { kind: 'sign-off', partnerId: partner.id },
      });
    }
    return { partner: { id: partner.id, name: partner.name }, missing, progress, signOff: partner.signOff };
  });

  const signOffsOutstanding = snapshot.partners
    .filter((partner) => partner.signOff.state !== 'agreed')
    .map((partner) => ({ id: partner.id, name: partner.name }));

  const missingCount =
    general.length +
    outcomes.reduce((sum, outcome) => sum + outcome.missing.length, 0) +
    partners.reduce((sum, partner) => sum + partner.missing.length, 0);

  return {
    general,
    outcomes,
    partners,
    signOffsOutstanding,
    counts: {
      missing: missingCount,
      outcomesComplete: outcomes.filter((outcome) => outcome.missing.length === 0).length,
      outcomes: outcomes.length,
      signOffsOutstanding: signOffsOutstanding.length,
      orphans: snapshot.orphans.length,
    },
    deadlines: {
      draftDue: deadline(snapshot.meta.draftDue, today),
      agreementDue: deadline(snapshot.meta.agreementDue, today),
    },
    orphans: snapshot.orphans,
  };
}

function signOffMessage(name: string, signOff: EffectiveSignOff): string {
  if (signOff.state === 'agreed-earlier-version') {
    const count = signOff.changes.length;
    // What the coordinator can act on first (ask for confirmation); the changes themselves are listed beside it.
    const when = signOff.date ? ` on ${formatUkDate(signOff.date)}` : '';
    return `${name} needs to confirm its agreement: ${count === 1 ? `one thing it agreed to${when} has` : `${count} things it agreed to${when} have`} changed since.`;
  }
  if (signOff.lapsed) return `${name} changed its content after marking it ready for sign-off, so it is back in draft.`;
  return `${name} has not yet agreed the SOA.`;
}

function checkOutcome(outcome: OutcomeView): MissingItem[] {
  const missing: MissingItem[] = [];
  const fix: FixLocation = { kind: 'outcome', outcomeId: outcome.id };
  const label = outcomeLabel(outcome);
  const add = (code: MissingCode, message: string, at: FixLocation = fix) =>
    missing.push({ code, message: sentence(message), owner: COORDINATORS, fix: at });
  if (!outcome.title.trim()) add('outcome-title', `Outcome ${outcome.number} has no title.`);
  if (isRichTextEmpty(outcome.tenYearStatement))
    add('outcome-ten-year', `${label} does not say what will be different in ten years.`);
  if (outcome.nationalOutcomes.length === 0)
    add('outcome-national-outcome', `${label} is not linked to any National Outcome.`);
  if (outcome.priorities.length === 0)
    add('outcome-priority', `${label} is not linked to any of the six policy priorities.`);
  if (!outcome.leadPartner) add('outcome-lead-partner', `${label} has no lead partner.`);
  if (outcome.indicators.length === 0) add('outcome-indicators', `${label} has no indicators.`);
  for (const indicator of outcome.indicators) {
    const at: FixLocation = { kind: 'indicator', outcomeId: outcome.id, indicatorId: indicator.id };
    const name = `"${indicator.displayName}"`;
    // A figure in words ("Maintain") is stated; only a blank one is missing.
    if (!indicator.baselineValueText.trim() || !indicator.baselineYearText.trim()) {
      add('indicator-baseline', `Indicator ${name} (${label}) has no baseline value and year.`, at);
    }
    const targets = [indicator.target1Text, indicator.target3Text, indicator.target10Text];
    const missingTargets = ['year 1', 'year 3', 'year 10'].filter((_, index) => !targets[index]?.trim());
    if (missingTargets.length > 0) {
      add('indicator-targets', `Indicator ${name} (${label}) has no target for ${joinWords(missingTargets)}.`, at);
    }
    if (!indicator.displaySource.trim())
      add('indicator-source', `Indicator ${name} (${label}) does not say where its data comes from.`, at);
    const chosen = directionFromHigherIsBetter(indicator.higherIsBetter);
    const proposed = proposeDirection(indicator);
    if (chosen === null) {
      add(
        'indicator-direction',
        `Indicator ${name} (${label}) does not say whether it is better when higher or lower${proposed ? ` (its targets ${proposed === 'lower' ? 'fall' : 'rise'}, so probably ${proposed})` : ''}.`,
        at,
      );
    } else if (proposed !== null && proposed !== chosen) {
      add(
        'indicator-direction-contradicted',
        `Indicator ${name} (${label}) is marked better when ${chosen}, but its targets ${proposed === 'lower' ? 'fall' : 'rise'}. Check which way it should move.`,
        at,
      );
    }
  }
  return missing;
}

/** A blank resource prints "Not stated" in the export (issue 12): the list says so, so the two are read together. */
const PRINTS_NOT_STATED = '(the document prints "Not stated")';

/** The parts of a partner's total resources left blank, as the export's table prints them. */
function blankTotalResourceParts(total: TotalResources): string[] {
  return [
    ...(total.amountText.trim() ? [] : ['amount']),
    ...(total.year.trim() ? [] : ['year']),
    ...(total.basis.trim() ? [] : ['basis']),
  ];
}

/** Messages may start with a label such as "outcome 3"; a sentence starts with a capital. */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function outcomeLabel(outcome: OutcomeView): string {
  return outcome.title.trim() ? `outcome ${outcome.number} ("${outcome.title}")` : `outcome ${outcome.number}`;
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function deadline(date: string | null, today: string): DeadlineStatus | null {
  if (!date) return null;
  const daysLeft = daysBetween(today, date);
  return { date, label: formatUkDate(date), daysLeft, description: describeDaysLeft(daysLeft) };
}
