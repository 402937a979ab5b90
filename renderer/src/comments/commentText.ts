/** Words the comment screens share: when, who, and which section. */
import { commentSectionTitle, type CommentAuthor, type CommentSection, type PartnerId } from '../../../shared/model';
import { formatUkDate, todayIso } from '../../../shared/text/dates';
import type { Route } from '../routes';
import type { DocumentState } from '../store/workspace';

/** "31 March 2026 at 14:05". */
export function commentTime(epoch: number): string {
  const date = new Date(epoch);
  return `${formatUkDate(todayIso(date))} at ${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

export function authorLine(author: CommentAuthor, partnerName: (id: PartnerId) => string): string {
  if (author.partnerId === null) return author.name;
  const role = author.role === 'reviewer' ? ', reviewer' : author.role === 'coordinator' ? ', coordinator' : '';
  return `${author.name} (${partnerName(author.partnerId)}${role})`;
}

export function sectionRoute(section: CommentSection): Route {
  switch (section.kind) {
    case 'details':
      return { kind: 'details' };
    case 'narrative':
      return { kind: 'narrative', key: section.key };
    case 'outcome':
      return { kind: 'outcome', id: section.outcomeId };
    case 'partner':
      return { kind: 'partner', id: section.partnerId };
  }
}

export function sectionOfRoute(route: Route): CommentSection | null {
  switch (route.kind) {
    case 'dashboard':
    case 'versions':
    case 'version':
    case 'compare':
    case 'history':
      return null;
    case 'details':
      return { kind: 'details' };
    case 'narrative':
      return { kind: 'narrative', key: route.key };
    case 'outcome':
      return { kind: 'outcome', outcomeId: route.id };
    case 'partner':
      return { kind: 'partner', partnerId: route.id };
  }
}

export function sectionTitle(section: CommentSection, state: DocumentState): string {
  return commentSectionTitle(section, state.soa);
}

/** The element id of a thread, for links that land on it. */
export function threadElementId(key: string): string {
  return `comment-${key.replace('/', '-')}`;
}
