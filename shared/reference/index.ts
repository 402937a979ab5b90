/**
 * Reference data every SOA refers to: the National Outcomes of each National Performance Framework,
 * the six policy priorities of the 2012 guidance, the Community Planning Outcomes Profile catalogue of
 * indicators, and the kinds of partner. Kept as data files beside this module; this module only types them.
 * The text of a National Outcome is canonical: authors pick outcomes by id and never edit the wording.
 */
import nationalOutcomesData from './national-outcomes.json';
import policyPrioritiesData from './policy-priorities.json';
import cpopIndicatorsData from './cpop-indicators.json';

/** The National Performance Framework an SOA is written against; outcome numbers differ between them. */
export const FRAMEWORK_IDS = ['npf-2007', 'npf-2011', 'npf-2018'] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

/** One National Outcome, referred to by id (never by number, which changes meaning between frameworks). */
export interface NationalOutcome {
  readonly id: string;
  /** Position in its framework, 1-based (the official number in the 2007 and 2011 frameworks). */
  readonly number: number;
  /** The 2018 framework names its outcomes ("Children") instead of numbering them. */
  readonly shortName: string | null;
  readonly text: string;
}

/** How an outcome is referred to in a table heading: "National Outcome 5" (2007, 2011) or "Children" (2018). */
export function nationalOutcomeLabel(outcome: NationalOutcome): string {
  return outcome.shortName ?? `National Outcome ${outcome.number}`;
}

export interface Framework {
  readonly id: FrameworkId;
  readonly name: string;
  readonly usedBy: string;
  readonly outcomes: readonly NationalOutcome[];
}

/** One of the six policy priorities every 2013 SOA must address. */
export interface PolicyPriority {
  readonly id: PolicyPriorityId;
  readonly text: string;
}

export const POLICY_PRIORITY_IDS = [
  'economic-recovery-growth',
  'employment',
  'early-years',
  'safer-stronger-communities',
  'health-inequalities',
  'older-people',
] as const;
export type PolicyPriorityId = (typeof POLICY_PRIORITY_IDS)[number];

/** A catalogue indicator from the Community Planning Outcomes Profile. */
export interface CatalogueIndicator {
  readonly id: string;
  readonly name: string;
  readonly definition: string;
  readonly unit: string;
  /** Whether a rising value is an improvement. */
  readonly highIsPositive: boolean;
  readonly source: string;
  readonly priority: PolicyPriorityId | null;
}

/** The kinds of organisation that sit in a Community Planning Partnership. */
export const PARTNER_KINDS = [
  'council',
  'health-board',
  'police',
  'fire-and-rescue',
  'third-sector-interface',
  'enterprise-agency',
  'skills-body',
  'transport-partnership',
  'college',
  'integration-joint-board',
  'community-justice-authority',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const PARTNER_KIND_LABELS: Readonly<Record<PartnerKind, string>> = {
  council: 'Council',
  'health-board': 'NHS health board',
  police: 'Police Scotland',
  'fire-and-rescue': 'Scottish Fire and Rescue Service',
  'third-sector-interface': 'Third sector interface',
  'enterprise-agency': 'Enterprise agency',
  'skills-body': 'Skills Development Scotland',
  'transport-partnership': 'Regional transport partnership',
  college: 'College',
  'integration-joint-board': 'Integration joint board',
  'community-justice-authority': 'Community Justice Authority',
  other: 'Other partner',
};

export function isFrameworkId(value: unknown): value is FrameworkId {
  return typeof value === 'string' && (FRAMEWORK_IDS as readonly string[]).includes(value);
}

export function isPolicyPriorityId(value: unknown): value is PolicyPriorityId {
  return typeof value === 'string' && (POLICY_PRIORITY_IDS as readonly string[]).includes(value);
}

export function isPartnerKind(value: unknown): value is PartnerKind {
  return typeof value === 'string' && (PARTNER_KINDS as readonly string[]).includes(value);
}

const frameworks: readonly Framework[] = nationalOutcomesData.frameworks.map((framework) => {
  if (!isFrameworkId(framework.id)) throw new Error(`Unknown framework in reference data: ${framework.id}`);
  const outcomes: NationalOutcome[] = framework.outcomes.map(
    (outcome: { id: string; text: string; number?: number; shortName?: string }, index) => ({
      id: outcome.id,
      number: outcome.number ?? index + 1,
      shortName: outcome.shortName ?? null,
      text: outcome.text,
    }),
  );
  return { id: framework.id, name: framework.name, usedBy: framework.usedBy, outcomes };
});

export const POLICY_PRIORITIES: readonly PolicyPriority[] = policyPrioritiesData.priorities.map((priority) => {
  if (!isPolicyPriorityId(priority.id)) throw new Error(`Unknown policy priority in reference data: ${priority.id}`);
  return { id: priority.id, text: priority.text };
});

export const CPOP_INDICATORS: readonly CatalogueIndicator[] = cpopIndicatorsData.indicators.map((indicator) => ({
  ...indicator,
  priority: isPolicyPriorityId(indicator.priority) ? indicator.priority : null,
}));

export function getFramework(id: FrameworkId): Framework {
  const framework = frameworks.find((candidate) => candidate.id === id);
  if (!framework) throw new Error(`No reference data for framework ${id}`);
  return framework;
}

export function allFrameworks(): readonly Framework[] {
  return frameworks;
}

/** The National Outcome with this id in this framework, or undefined when it belongs to another framework. */
export function findNationalOutcome(framework: FrameworkId, outcomeId: string): NationalOutcome | undefined {
  return getFramework(framework).outcomes.find((outcome) => outcome.id === outcomeId);
}

export function findPolicyPriority(id: string): PolicyPriority | undefined {
  return POLICY_PRIORITIES.find((priority) => priority.id === id);
}

export function findCatalogueIndicator(id: string): CatalogueIndicator | undefined {
  return CPOP_INDICATORS.find((indicator) => indicator.id === id);
}
