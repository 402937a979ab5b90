/**
 * Which sections (roomSections' keys, soaSections.ts) a change to a room touched, from the fields it changed:
 * each a root type of the room's document, with the entry of a map root it changed ("outcomes" and the
 * outcome's id). The SOA's history lists these with each entry, so the app matches an entry to a section by
 * the section's identity, which a rename does not change, not by the name people read.
 */
import { parseRoomName } from '../model/rooms';

export interface ChangedField {
  /** The root type's name ("narrative.vision", "outcomes", "text.outcome.<id>.title", "contribution.<id>"). */
  readonly root: string;
  /** The entry of a map root the change was in (an outcome's id in "outcomes"); null: the root as a whole. */
  readonly key: string | null;
}

/** "text.<kind>.<id>[.<field>]" -> [kind, id]. */
function textField(root: string): [string, string] | null {
  if (!root.startsWith('text.')) return null;
  const [, kind = '', id = ''] = root.split('.');
  return [kind, id];
}

function frameKey({ root, key }: ChangedField): string | null {
  const text = textField(root);
  if (text) {
    const [kind, id] = text;
    if (kind === 'meta') return 'meta';
    if (kind === 'outcome' && id) return `outcome.${id}`;
    if (kind === 'indicator' && id) return `indicator.${id}`;
    return null;
  }
  if (root === 'meta' || root === 'partners') return root;
  if (root.startsWith('narrative.')) return root;
  if (root === 'outcomes' && key) return `outcome.${key}`;
  if (root === 'indicators' && key) return `indicator.${key}`;
  return null;
}

function partnerKey(
  prefix: string,
  { root, key }: ChangedField,
  commitmentOutcome: (commitmentId: string) => string | null,
): string | null {
  const contribution = (outcomeId: string) => `${prefix}.contribution.${outcomeId}`;
  const commitment = (id: string) => {
    const outcomeId = commitmentOutcome(id);
    return outcomeId ? contribution(outcomeId) : null;
  };
  const text = textField(root);
  if (text) {
    const [kind, id] = text;
    if (!id) return null;
    if (kind === 'contributionNote') return contribution(id);
    if (kind === 'commitment') return commitment(id);
    if (kind === 'indicatorLink') return `${prefix}.indicatorLinks`;
    if (kind === 'totalResources') return `${prefix}.totalResources`;
    return null;
  }
  if (
    root === 'statement' ||
    root === 'gapNotes' ||
    root === 'signOff' ||
    root === 'indicatorLinks' ||
    root === 'totalResources'
  )
    return `${prefix}.${root}`;
  if (root.startsWith('contribution.')) return contribution(root.slice('contribution.'.length));
  if ((root === 'contributions' || root === 'contributionNotes') && key) return contribution(key);
  if (root === 'commitments' && key) return commitment(key);
  return null;
}

/**
 * The section keys the fields of a change to `room` touched, each once, in the order of the fields. Fields
 * that are not of one section (a partner's details) give none. `commitmentOutcome`: the outcome a partner's
 * commitment is for, null when unknown.
 */
export function changedSectionKeys(
  room: string,
  fields: Iterable<ChangedField>,
  commitmentOutcome: (commitmentId: string) => string | null,
): string[] {
  const parsed = parseRoomName(room);
  if (!parsed || (parsed.kind !== 'frame' && parsed.kind !== 'partner')) return [];
  const keys = new Set<string>();
  for (const field of fields) {
    const key =
      parsed.kind === 'frame' ? frameKey(field) : partnerKey(`partner.${parsed.partnerId}`, field, commitmentOutcome);
    if (key !== null) keys.add(key);
  }
  return [...keys];
}
