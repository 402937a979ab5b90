/**
 * An SOA's rooms cut into the sections people compare: the SOA's details, each narrative chapter, each
 * local outcome, each indicator (its figures included), and in each partner's room its statement, its notes
 * on gaps, its contribution to each outcome (with its commitments), its links to its own plans, its total
 * resources and its sign-off. Each section is its text as paragraphs, labelled lines for facts ("Target
 * (3 years): 45%"), so a comparison says which words of which section changed.
 *
 * Sections are read per room: a change to one room changes only that room's sections (the history replays
 * room by room). Titles name outcomes and partners from the frame given, normally the latest.
 */
import type * as Y from 'yjs';
import {
  findCatalogueIndicator,
  findNationalOutcome,
  findPolicyPriority,
  PARTNER_KIND_LABELS,
  type FrameworkId,
} from '../reference';
import { FrameDocument, NARRATIVE_KEYS, NARRATIVE_TITLES, type FrameContent } from '../model/frame';
import type { OutcomeId, PartnerId } from '../model/ids';
import { PartnerDocument, type Commitment, type PartnerContent } from '../model/partner';
import type { RichBlock, RichText } from '../model/richText';
import { inlinesToPlain, readRichText } from '../model/richText';
import { parseRoomName } from '../model/rooms';

export interface SoaSection {
  /** Stable across versions: "meta", "narrative.vision", "outcome.<id>", "partner.<id>.statement", ... */
  readonly key: string;
  /** The room the section lives in (its owner writes it). */
  readonly room: string;
  readonly paragraphs: readonly string[];
}

/** Names for section titles: outcome titles, indicator names and partner names, from one frame. */
export interface SectionNames {
  readonly outcomes: ReadonlyMap<string, string>;
  readonly indicators: ReadonlyMap<string, string>;
  readonly partners: ReadonlyMap<string, string>;
}

function blockLines(block: RichBlock, prefix = ''): string[] {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return [prefix + inlinesToPlain(block.content)];
    case 'bulletList':
      return block.items.flatMap((item) => richLines(item.content, `${prefix}• `));
    case 'orderedList':
      return block.items.flatMap((item, index) => richLines(item.content, `${prefix}${block.start + index}. `));
    case 'blockquote':
      return richLines(block.content, prefix);
    case 'table':
      return block.rows.map((row) => prefix + row.cells.map((cell) => richLines(cell.content).join(' ')).join(' | '));
  }
}

/** Rich text as lines: one per paragraph, list item or table row. */
export function richLines(text: RichText, prefix = ''): string[] {
  return text.flatMap((block) => blockLines(block, prefix));
}

const labelled = (label: string, value: string | null | undefined): string[] =>
  value && value.trim() ? [`${label}: ${value}`] : [];

function frameSections(room: string, frame: FrameContent): SoaSection[] {
  const { meta } = frame;
  const framework: FrameworkId = meta.framework;
  const partnerName = (id: string | null): string =>
    id ? (frame.partners.find((partner) => partner.id === id)?.name ?? 'a removed partner') : '';
  const sections: SoaSection[] = [
    {
      key: 'meta',
      room,
      paragraphs: [
        ...labelled('Title', meta.title),
        ...labelled('Area', meta.area),
        ...labelled('Partnership', meta.partnershipName),
        ...labelled('Period', [meta.periodStartText, meta.periodEndText].filter(Boolean).join(' to ')),
        ...labelled('Status', meta.status),
        ...labelled('Version', meta.version),
        ...labelled('Draft due', meta.draftDue),
        ...labelled('Agreement due', meta.agreementDue),
        ...labelled('Contact for other formats', meta.alternativeFormatsContact),
      ],
    },
    {
      key: 'partners',
      room,
      paragraphs: frame.partners.map((partner) => `${partner.name} (${PARTNER_KIND_LABELS[partner.kind]})`),
    },
  ];
  for (const key of NARRATIVE_KEYS)
    sections.push({ key: `narrative.${key}`, room, paragraphs: richLines(frame.narrative[key]) });
  for (const outcome of frame.outcomes) {
    sections.push({
      key: `outcome.${outcome.id}`,
      room,
      paragraphs: [
        ...labelled('Title', outcome.title),
        ...richLines(outcome.tenYearStatement),
        ...richLines(outcome.evidence, 'Evidence: '),
        ...outcome.nationalOutcomeIds.map(
          (id) => `National Outcome: ${findNationalOutcome(framework, id)?.text ?? id}`,
        ),
        ...outcome.priorityIds.map((id) => `Policy priority: ${findPolicyPriority(id)?.text ?? id}`),
        ...labelled('Tags', outcome.tags.join(', ')),
        ...labelled('Lead partner', partnerName(outcome.leadPartnerId)),
        ...labelled('Delivering partners', outcome.deliveringPartnerIds.map(partnerName).join(', ')),
        ...labelled('Equality', outcome.equalityNote),
        ...labelled('Gaps', outcome.gapNote),
      ],
    });
  }
  for (const indicator of frame.indicators) {
    sections.push({
      key: `indicator.${indicator.id}`,
      room,
      paragraphs: [
        ...labelled('Indicator', indicator.name),
        ...labelled('Definition', indicator.definition),
        ...labelled('Source', indicator.source),
        ...labelled('Unit', indicator.unit),
        ...labelled(
          'Baseline',
          [indicator.baselineValueText, indicator.baselineYearText ? `(${indicator.baselineYearText})` : '']
            .filter(Boolean)
            .join(' '),
        ),
        ...labelled('Target (1 year)', indicator.target1Text),
        ...labelled('Target (3 years)', indicator.target3Text),
        ...labelled('Target (10 years)', indicator.target10Text),
        ...labelled('Lead partner', partnerName(indicator.leadPartnerId)),
      ],
    });
  }
  return sections;
}

function commitmentLines(commitments: readonly Commitment[]): string[] {
  return commitments.map((commitment) =>
    [
      `Commitment: ${commitment.action}`,
      commitment.timescale ? `by ${commitment.timescale}` : '',
      commitment.resourcePoundsText ? `money ${commitment.resourcePoundsText}` : '',
      commitment.resourceFteText ? `staff ${commitment.resourceFteText} FTE` : '',
      commitment.preventative ? 'preventative' : '',
    ]
      .filter(Boolean)
      .join('; '),
  );
}

function partnerSections(room: string, partnerId: PartnerId, content: PartnerContent): SoaSection[] {
  const prefix = `partner.${partnerId}`;
  const { signOff, totalResources } = content;
  return [
    { key: `${prefix}.statement`, room, paragraphs: richLines(content.statement) },
    ...content.contributions.map((contribution) => ({
      key: `${prefix}.contribution.${contribution.outcomeId}`,
      room,
      paragraphs: [
        ...richLines(contribution.statement),
        ...labelled('Gaps', contribution.gapNote),
        ...commitmentLines(contribution.commitments),
      ],
    })),
    { key: `${prefix}.looseCommitments`, room, paragraphs: commitmentLines(content.looseCommitments) },
    {
      key: `${prefix}.indicatorLinks`,
      room,
      paragraphs: content.indicatorLinks.map((link) => [link.reference, link.description].filter(Boolean).join(': ')),
    },
    {
      key: `${prefix}.totalResources`,
      room,
      paragraphs: [
        ...labelled('Amount', totalResources.amountText),
        ...labelled('Year', totalResources.year),
        ...labelled('Basis', totalResources.basis),
      ],
    },
    { key: `${prefix}.gapNotes`, room, paragraphs: richLines(content.gapNotes) },
    {
      key: `${prefix}.signOff`,
      room,
      paragraphs: [
        ...labelled('Sign-off', signOff.state),
        ...labelled('Officer', signOff.officerName),
        ...labelled('Position', signOff.officerPosition),
        ...labelled('Date', signOff.date),
      ],
    },
  ];
}

/** The sections one room holds; none for a room that is not an SOA's frame or partner room (comments included). */
export function roomSections(room: string, doc: Y.Doc): SoaSection[] {
  const parsed = parseRoomName(room);
  if (!parsed) return [];
  if (parsed.kind === 'frame') return frameSections(room, new FrameDocument(doc).read());
  if (parsed.kind === 'partner') return partnerSections(room, parsed.partnerId, new PartnerDocument(doc).read());
  // Comment rooms hold discussion about the SOA, not its text.
  return [];
}

/**
 * Only the sections of the given root types (the ones a change touched), read without reading the whole
 * room: a narrative chapter of the frame; a partner's statement, notes on gaps or the text of one
 * contribution (with its notes and commitments, as roomSections reads it). Null when a root is of another
 * kind: the caller then reads the whole room. A year of typing is mostly in these, and reading the whole
 * 100-page frame after every session is what made a comparison slow.
 */
export function sectionsForRoots(room: string, doc: Y.Doc, roots: ReadonlySet<string>): SoaSection[] | null {
  const parsed = parseRoomName(room);
  if (!parsed || roots.size === 0) return null;
  const names = [...roots];
  if (parsed.kind === 'frame') {
    const keys = names.map((name) => (name.startsWith('narrative.') ? name.slice('narrative.'.length) : null));
    if (keys.some((key) => key === null || !(NARRATIVE_KEYS as readonly string[]).includes(key))) return null;
    const frame = new FrameDocument(doc);
    return (keys as (typeof NARRATIVE_KEYS)[number][]).map((key) => ({
      key: `narrative.${key}`,
      room,
      paragraphs: richLines(frame.readNarrative(key)),
    }));
  }
  if (parsed.kind !== 'partner') return null;
  if (!names.every((name) => name === 'statement' || name === 'gapNotes' || name.startsWith('contribution.')))
    return null;
  const partner = new PartnerDocument(doc);
  const prefix = `partner.${parsed.partnerId}`;
  const contributing = new Set<string>(partner.contributingOutcomeIds());
  const sections: SoaSection[] = [];
  let commitments: readonly Commitment[] | null = null;
  for (const name of names) {
    if (name === 'statement')
      sections.push({
        key: `${prefix}.statement`,
        room,
        paragraphs: richLines(readRichText(partner.statementFragment())),
      });
    else if (name === 'gapNotes')
      sections.push({
        key: `${prefix}.gapNotes`,
        room,
        paragraphs: richLines(readRichText(partner.gapNotesFragment())),
      });
    else {
      const outcomeId = name.slice('contribution.'.length) as OutcomeId;
      // A contribution no longer listed is not a section (its fragment's text is not shown).
      if (!contributing.has(outcomeId)) continue;
      commitments ??= partner.readCommitments();
      sections.push({
        key: `${prefix}.contribution.${outcomeId}`,
        room,
        paragraphs: [
          ...richLines(readRichText(partner.contributionFragment(outcomeId))),
          ...labelled('Gaps', partner.readText({ kind: 'contributionNote', outcomeId })),
          ...commitmentLines(commitments.filter((commitment) => commitment.outcomeId === outcomeId)),
        ],
      });
    }
  }
  return sections;
}

/** Outcome titles, indicator names and partner names of a frame, for section titles. */
export function sectionNames(frameDoc: Y.Doc | null): SectionNames {
  const frame = frameDoc ? new FrameDocument(frameDoc) : null;
  return {
    outcomes: new Map((frame?.readOutcomes() ?? []).map((outcome) => [outcome.id as string, outcome.title])),
    // A catalogue indicator keeps its name in the catalogue; only a local one (or a local name) is in the frame.
    indicators: new Map(
      (frame?.readIndicators() ?? []).map((indicator) => [
        indicator.id as string,
        indicator.name ||
          (indicator.catalogueId ? findCatalogueIndicator(indicator.catalogueId)?.name : undefined) ||
          '',
      ]),
    ),
    partners: new Map((frame?.readPartners() ?? []).map((partner) => [partner.id as string, partner.name])),
  };
}

/** A section's title as people read it: "Our vision", "Outcome: Safer communities", "NHS Highland: contribution to "Safer communities"". */
export function sectionTitle(key: string, names: SectionNames): string {
  const parts = key.split('.');
  const [kind = '', id = '', part = '', outcomeId = ''] = parts;
  if (kind === 'meta') return 'SOA details';
  if (kind === 'partners') return 'Partners';
  if (kind === 'narrative') return NARRATIVE_TITLES[id as keyof typeof NARRATIVE_TITLES] ?? id;
  if (kind === 'outcome') return `Local outcome: ${names.outcomes.get(id) || 'a deleted outcome'}`;
  if (kind === 'indicator')
    return `Indicator: ${names.indicators.has(id) ? names.indicators.get(id) || 'an unnamed indicator' : 'a deleted indicator'}`;
  const partner = names.partners.get(id) ?? 'A removed partner';
  switch (part) {
    case 'statement':
      return `${partner}: statement`;
    case 'contribution':
      return `${partner}: contribution to "${names.outcomes.get(outcomeId) || 'a deleted outcome'}"`;
    case 'looseCommitments':
      return `${partner}: commitments to deleted outcomes`;
    case 'indicatorLinks':
      return `${partner}: links to its own plans`;
    case 'totalResources':
      return `${partner}: total resources`;
    case 'gapNotes':
      return `${partner}: notes on gaps`;
    case 'signOff':
      return `${partner}: sign-off`;
    default:
      return `${partner}: ${part}`;
  }
}
