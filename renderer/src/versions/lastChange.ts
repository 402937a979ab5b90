/**
 * Which history entry last changed the section a page shows. History entries name sections as
 * shared/model/sectionNames names a document's root types ("narrative: Vision", "partner statement",
 * "contribution to "<outcome title>""), per room; a page is matched to its room and those names.
 */
import type { HistoryEntryRecord } from '../../../shared/api/versions';
import { NARRATIVE_TITLES, type SoaSnapshot } from '../../../shared/model';
import type { Route } from '../routes';

function matcher(route: Route, soa: SoaSnapshot): ((entry: HistoryEntryRecord) => boolean) | null {
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
    case 'partner':
      return (entry) => entry.roomPartnerId === route.id;
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
