/**
 * What people call each part of an SOA's documents: the root types of a frame (frame.ts) and of a partner
 * document (partner.ts), named for an officer reading the SOA's history. Kept beside the documents'
 * layouts so a new root type is named where it is defined.
 */
import { NARRATIVE_TITLES, type NarrativeKey } from './frame';
import { isProgressSectionName, progressSectionName } from './progressRoom';

const FRAME_SECTIONS: Readonly<Record<string, string>> = {
  meta: 'SOA details',
  partners: 'partners',
  outcomes: 'local outcomes',
  indicators: 'indicators',
};

const PARTNER_SECTIONS: Readonly<Record<string, string>> = {
  meta: 'partner details',
  contributions: 'contributions',
  contributionNotes: 'contribution notes',
  commitments: 'commitments',
  indicatorLinks: 'indicator targets',
  signOff: 'sign-off',
  statement: 'partner statement',
  gapNotes: 'gap notes',
  totalResources: 'total resources',
};

/**
 * The name of the root type `rootName` of a frame (`inFrame`) or partner document. A contribution is named
 * by its outcome's title (from `outcomeTitles`, outcome id -> title); an unknown root by its own name.
 */
export function sectionName(rootName: string, inFrame: boolean, outcomeTitles: ReadonlyMap<string, string>): string {
  // What happened year by year, in whichever room its owner writes (progressRoom.ts).
  const progress = progressSectionName(rootName, outcomeTitles);
  if (progress !== null) return progress;
  // Plain-text fields: "text.outcome.<id>.title" is part of the local outcomes, and so on.
  if (rootName.startsWith('text.')) {
    const [, kind = '', id = ''] = rootName.split('.');
    if (inFrame)
      return kind === 'meta'
        ? (FRAME_SECTIONS.meta ?? rootName)
        : kind === 'outcome'
          ? 'local outcomes'
          : kind === 'indicator'
            ? 'indicators'
            : rootName;
    if (kind === 'contributionNote') {
      const title = outcomeTitles.get(id);
      return title ? `notes on gaps for "${title}"` : 'contribution notes';
    }
    if (kind === 'totalResources') return 'total resources';
    return kind === 'commitment' ? 'commitments' : kind === 'indicatorLink' ? 'indicator targets' : rootName;
  }
  if (inFrame) {
    const narrativeKey = rootName.startsWith('narrative.') ? rootName.slice('narrative.'.length) : null;
    if (narrativeKey !== null && Object.hasOwn(NARRATIVE_TITLES, narrativeKey))
      return `narrative: ${NARRATIVE_TITLES[narrativeKey as NarrativeKey]}`;
    return FRAME_SECTIONS[rootName] ?? rootName;
  }
  if (rootName.startsWith('contribution.')) {
    const title = outcomeTitles.get(rootName.slice('contribution.'.length));
    return title ? `contribution to "${title}"` : 'contribution to a deleted outcome';
  }
  return PARTNER_SECTIONS[rootName] ?? rootName;
}

/** The parts of an SOA a long list of section names is grouped under (the history's filter), in this order. */
export const SECTION_GROUPS = [
  'The SOA, its outcomes and indicators',
  'Narrative',
  'Partners’ contributions',
  'Progress and annual reports',
  'Other',
] as const;

export type SectionGroup = (typeof SECTION_GROUPS)[number];

const FRAME_NAMES: ReadonlySet<string> = new Set(Object.values(FRAME_SECTIONS));
const PARTNER_NAMES: ReadonlySet<string> = new Set(Object.values(PARTNER_SECTIONS));

/** Which part of the SOA a name sectionName gave belongs to ('Other' for a root it does not know). */
export function sectionGroup(name: string): SectionGroup {
  if (FRAME_NAMES.has(name)) return 'The SOA, its outcomes and indicators';
  if (name.startsWith('narrative: ')) return 'Narrative';
  if (PARTNER_NAMES.has(name) || name.startsWith('contribution to ') || name.startsWith('notes on gaps for '))
    return 'Partners’ contributions';
  if (isProgressSectionName(name)) return 'Progress and annual reports';
  return 'Other';
}
