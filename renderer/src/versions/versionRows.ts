/**
 * A version's facts and tables as a reader reads them (VersionDocument.tsx): each figure as the SOA shows it
 * (a plain number formatted, anything else as typed) and a blank one named in words, so the read-only view
 * says what the SOA said then, in the export's words (shared/export/indicatorEra), and never relies on a
 * colour or an empty cell to say "not set".
 */
import {
  directionFromHigherIsBetter,
  INDICATOR_LINK_SCHEME_LABELS,
  SIGN_OFF_LABELS,
  type Commitment,
  type IndicatorView,
  type OutcomeView,
  type PartnerView,
  type ResourceSummary,
  type SoaSnapshot,
  type SoaStatus,
} from '../../../shared/model';
import { formatUkDate } from '../../../shared/text/dates';
import { displayFigure, formatNumber, formatPounds } from '../../../shared/text/figures';
import { indicatorCatalogueTag, indicatorSource } from '../../../shared/export/indicatorEra';

export interface DetailRow {
  readonly term: string;
  readonly value: string;
}

const STATUS_LABELS: Readonly<Record<SoaStatus, string>> = {
  drafting: 'Drafting',
  'draft-submitted': 'Draft sent to the Scottish Government',
  agreed: 'Agreed',
};

const NOT_GIVEN = 'Not given';

/** The SOA's own facts (the cover and document control), in the order the export's cover gives them. */
export function partnershipDetails(snapshot: SoaSnapshot): readonly DetailRow[] {
  const { meta } = snapshot;
  const period =
    meta.periodStartText || meta.periodEndText
      ? `${meta.periodStartText || NOT_GIVEN} to ${meta.periodEndText || NOT_GIVEN}`
      : NOT_GIVEN;
  return [
    { term: 'Title', value: meta.title || NOT_GIVEN },
    { term: 'Partnership', value: meta.partnershipName || NOT_GIVEN },
    { term: 'Area', value: meta.area || NOT_GIVEN },
    { term: 'Period', value: period },
    { term: 'Framework', value: snapshot.framework.name },
    { term: 'Status', value: STATUS_LABELS[meta.status] },
    { term: 'Document version', value: meta.version || NOT_GIVEN },
    { term: 'Draft due', value: meta.draftDue ? formatUkDate(meta.draftDue) : NOT_GIVEN },
    { term: 'Agreement due', value: meta.agreementDue ? formatUkDate(meta.agreementDue) : NOT_GIVEN },
    { term: 'Contact for other formats', value: meta.alternativeFormatsContact || NOT_GIVEN },
  ];
}

export interface IndicatorRow {
  readonly name: string;
  /** "CPOP", the Menu of Local Outcome Indicators, or "Local indicator". */
  readonly origin: string;
  readonly definition: string;
  readonly unit: string;
  readonly source: string;
  readonly baseline: string;
  readonly baselineYear: string;
  readonly target1: string;
  readonly target3: string;
  readonly target10: string;
  readonly betterWhen: string;
  readonly leadPartner: string;
}

const TO_BE_SET = 'To be set';

/** One indicator's row of the outcome's indicator table. */
export function indicatorRow(indicator: IndicatorView, snapshot: SoaSnapshot): IndicatorRow {
  const unit = indicator.displayUnit;
  const figure = (value: number | null, text: string) => displayFigure(value, text, unit) || TO_BE_SET;
  const direction = directionFromHigherIsBetter(indicator.higherIsBetter);
  return {
    name: indicator.displayName,
    origin: indicator.catalogue ? indicatorCatalogueTag(snapshot) : 'Local indicator',
    definition: indicator.displayDefinition,
    unit,
    source: indicatorSource(indicator, snapshot) || NOT_GIVEN,
    baseline: figure(indicator.baselineValue, indicator.baselineValueText),
    baselineYear: indicator.baselineYearText,
    target1: figure(indicator.target1, indicator.target1Text),
    target3: figure(indicator.target3, indicator.target3Text),
    target10: figure(indicator.target10, indicator.target10Text),
    betterWhen: direction === 'higher' ? 'Higher' : direction === 'lower' ? 'Lower' : 'Not chosen',
    leadPartner: indicator.leadPartner?.name ?? 'None',
  };
}

export interface CommitmentRow {
  readonly action: string;
  readonly timescale: string;
  readonly pounds: string;
  readonly fte: string;
  /** "Yes" or "No", in words. */
  readonly preventative: string;
}

/** One commitment of a partner's contribution, as its table shows it. */
export function commitmentRow(commitment: Commitment): CommitmentRow {
  return {
    action: commitment.action || 'No action written',
    timescale: commitment.timescale || 'Not stated',
    pounds:
      commitment.resourcePounds !== null && commitment.resourcePoundsText.trim() === String(commitment.resourcePounds)
        ? formatPounds(commitment.resourcePounds)
        : commitment.resourcePoundsText || 'Not stated',
    fte:
      commitment.resourceFte !== null && commitment.resourceFteText.trim() === String(commitment.resourceFte)
        ? `${formatNumber(commitment.resourceFte)} FTE`
        : commitment.resourceFteText || 'Not stated',
    preventative: commitment.preventative ? 'Yes' : 'No',
  };
}

export interface ResourceRow {
  readonly partner: string;
  readonly pounds: string;
  readonly fte: string;
  readonly preventativePounds: string;
  readonly preventativeFte: string;
}

/** The resources table of the prevention plan: each partner's committed resources, then the total. */
export function resourceRows(resources: ResourceSummary): { rows: readonly ResourceRow[]; total: ResourceRow } {
  const row = (partner: string, sums: ResourceSummary['total']): ResourceRow => ({
    partner,
    pounds: formatPounds(sums.pounds),
    fte: formatNumber(sums.fte),
    preventativePounds: formatPounds(sums.preventativePounds),
    preventativeFte: formatNumber(sums.preventativeFte),
  });
  return {
    rows: resources.byPartner.map((entry) => row(entry.partner.name, entry)),
    total: row('All partners', resources.total),
  };
}

/** A partner's facts beside its statement: its kind, its sign-off then, and its total resources. */
export function partnerDetails(partner: PartnerView): readonly DetailRow[] {
  const { signOff, totalResources } = partner;
  const agreedBy = [signOff.officerName, signOff.officerPosition].filter(Boolean).join(', ');
  const sign =
    SIGN_OFF_LABELS[signOff.state] +
    (signOff.state === 'agreed' || signOff.state === 'agreed-earlier-version'
      ? [agreedBy && ` by ${agreedBy}`, signOff.date && ` on ${formatUkDate(signOff.date)}`].join('')
      : '');
  const amount =
    totalResources.amount !== null && totalResources.amountText.trim() === String(totalResources.amount)
      ? formatPounds(totalResources.amount)
      : totalResources.amountText;
  return [
    { term: 'Kind of partner', value: partner.kindLabel },
    { term: 'Sign-off', value: sign },
    {
      term: 'Total resources',
      value: amount ? [amount, totalResources.year && `(${totalResources.year})`].filter(Boolean).join(' ') : NOT_GIVEN,
    },
    ...(totalResources.basis ? [{ term: 'Basis of the total', value: totalResources.basis }] : []),
  ];
}

export interface LinkedTargetRow {
  readonly partner: string;
  readonly plan: string;
  readonly reference: string;
  readonly description: string;
}

/**
 * Partners' own targets (HEAT, LDP, police and fire plans) linked to the outcome or to one of its indicators,
 * in partner order, as the export lists them under the indicator table.
 */
export function linkedTargetRows(snapshot: SoaSnapshot, outcome: OutcomeView): readonly LinkedTargetRow[] {
  const indicatorIds = new Set<string>(outcome.indicators.map((indicator) => indicator.id));
  return snapshot.partners.flatMap((partner) =>
    partner.indicatorLinks
      .filter((link) => link.outcomeId === outcome.id || (link.indicatorId && indicatorIds.has(link.indicatorId)))
      .map((link) => ({
        partner: partner.name,
        plan: INDICATOR_LINK_SCHEME_LABELS[link.scheme],
        reference: link.reference || NOT_GIVEN,
        description: link.description || NOT_GIVEN,
      })),
  );
}
