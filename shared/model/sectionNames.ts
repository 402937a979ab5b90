/**
 * What people call each part of an SOA's documents: the root types of a frame (frame.ts) and of a partner
 * document (partner.ts), named for an officer reading the SOA's history. Kept beside the documents'
 * layouts so a new root type is named where it is defined.
 */
import { NARRATIVE_TITLES, type NarrativeKey } from './frame';
import { progressSectionName } from './progressRoom';

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
