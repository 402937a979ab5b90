/**
 * Each sample partner's total resources deployed in the area (the guidance asks for them beside the SOA's
 * commitments): a plausible revenue budget per head of the area's population for the kind of partner, for the
 * SOA's first year, with the basis a finance officer would give.
 */
import type { TotalResourcesFields } from '../model';
import type { PartnerKind } from '../reference';
import type { SampleRandom } from './random';

/** Pounds per resident a year, [min, max], and the basis of the figure. */
const BY_KIND: Readonly<Record<PartnerKind, { readonly perHead: readonly [number, number]; readonly basis: string }>> =
  {
    council: {
      perHead: [2100, 2500],
      basis: 'Net revenue budget of all council services, excluding capital and housing revenue account.',
    },
    'health-board': {
      perHead: [1600, 2000],
      basis:
        'Share of the health board\u2019s revenue allocation spent on residents of the area, hospital and community services, estimated from activity data.',
    },
    police: {
      perHead: [160, 210],
      basis:
        'Cost of the local policing division\u2019s officers and staff for the area, estimated from its share of the division\u2019s workload.',
    },
    'fire-and-rescue': {
      perHead: [50, 70],
      basis: 'Running costs of the stations serving the area and the local senior officer\u2019s team.',
    },
    'third-sector-interface': {
      perHead: [14, 24],
      basis: 'Income of the third sector interface itself, not of the voluntary organisations it supports.',
    },
    'enterprise-agency': {
      perHead: [40, 70],
      basis: 'Grants, loans and account management spent on businesses in the area, three-year average.',
    },
    'skills-body': {
      perHead: [15, 30],
      basis: 'Modern Apprenticeship contracts and careers service staff serving the area.',
    },
    college: {
      perHead: [220, 320],
      basis: 'College revenue budget for campuses in the area, including Scottish Funding Council grant.',
    },
    'integration-joint-board': {
      perHead: [600, 850],
      basis: 'Combined budget of the adult social care and community health services managed by the partnership.',
    },
    'transport-partnership': {
      perHead: [10, 20],
      basis: 'Revenue and capital spend on transport projects in the area.',
    },
    'community-justice-authority': { perHead: [15, 25], basis: 'Criminal justice social work grant for the area.' },
    other: { perHead: [5, 20], basis: 'Revenue budget for services in the area.' },
  };

/** "£182.4m" for 182,400,000. */
function millions(pounds: number): string {
  return `£${(pounds / 1_000_000).toFixed(1)}m`;
}

export function sampleTotalResources(
  random: SampleRandom,
  kind: PartnerKind,
  population: number,
  firstYear: number,
): TotalResourcesFields {
  const { perHead, basis } = BY_KIND[kind];
  const pounds = Math.round((population * random.int(perHead[0], perHead[1])) / 100_000) * 100_000;
  return { amount: millions(pounds), year: `${firstYear}/${String((firstYear + 1) % 100).padStart(2, '0')}`, basis };
}
