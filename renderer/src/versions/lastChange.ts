/**
 * Which history entry last changed the section a page shows. An entry lists the sections it touched by
 * identity (sectionKeys: shared/compare's keys, "outcome.<id>", "partner.<id>.contribution.<outcomeId>"),
 * so a renamed outcome, or two with one title, are still told apart. An entry from an older relay has only
 * the names people read (shared/model/sectionNames: "narrative: Vision", "contribution to "<title>""),
 * matched by name as before.
 */
import type { HistoryEntryRecord } from '../../../shared/api/versions';
import { NARRATIVE_TITLES, type SoaSnapshot } from '../../../shared/model';
import type { Route } from '../routes';

/** Whether a section key is one the page shows. */
function keyMatcher(route: Route, soa: SoaSnapshot): ((key: string) => boolean) | null {
  switch (route.kind) {
    case 'narrative':
      return (key) => key === `narrative.${route.key}`;
    case 'details':
      return (key) => key === 'meta' || key === 'partners';
    case 'outcome': {
      const indicators = new Set(
        (soa.outcomes.find((outcome) => outcome.id === route.id)?.indicators ?? []).map(
          (indicator) => `indicator.${indicator.id}`,
        ),
      );
      const contribution = `.contribution.${route.id}`;
      return (key) =>
        key === `outcome.${route.id}` ||
        indicators.has(key) ||
        (key.startsWith('partner.') && key.endsWith(contribution));
    }
    default:
      return null;
  }
}

function matcher(route: Route, soa: SoaSnapshot): ((entry: HistoryEntryRecord) => boolean) | null {
  // A partner's page shows its room, whatever section of it changed.
  if (route.kind === 'partner') return (entry) => entry.roomPartnerId === route.id;
  const byName = nameMatcher(route, soa);
  const byKey = keyMatcher(route, soa);
  if (!byName || !byKey) return null;
  return (entry) => (entry.sectionKeys ? entry.sectionKeys.some(byKey) : byName(entry));
}

/** As entries without section keys (from an older relay) are matched: by the sections' names. */
function nameMatcher(route: Route, soa: SoaSnapshot): ((entry: HistoryEntryRecord) => boolean) | null {
  switch (route.kind) {
    case 'narrative': {
      const name = `narrative: ${NARRATIVE_TITLES[route.key]}`;
      return (entry) => entry.roomPartnerId === null && entry.sections.includes(name);
    }
    case 'details':
      return (entry) =>
        entry.roomPartnerId === null &&
        entry.sections.some((section) => section === 'SOA details' || section === 'partners');
    case 'outcome': {
      const title = soa.outcomes.find((outcome) => outcome.id === route.id)?.title ?? null;
      return (entry) =>
        (entry.roomPartnerId === null &&
          entry.sections.some((section) => section === 'local outcomes' || section === 'indicators')) ||
        (title !== null && entry.sections.some((section) => section.endsWith(`"${title}"`)));
    }
    default:
      return null;
  }
}

/** The latest entry that changed what the page shows, or null (none, or a page that is not a section). */
export function lastChange(
  entries: readonly HistoryEntryRecord[],
  route: Route,
  soa: SoaSnapshot,
): HistoryEntryRecord | null {
  const matches = matcher(route, soa);
  if (!matches) return null;
  let latest: HistoryEntryRecord | null = null;
  for (const entry of entries) if (matches(entry) && (!latest || entry.to > latest.to)) latest = entry;
  return latest;
}
