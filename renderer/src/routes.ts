/**
 * Where the officer is, as a hash route (works when served by the relay and when loaded from a file):
 *   #/dashboard  #/details  #/narrative/<key>  #/outcome/<id>  #/partner/<id>
 *   #/versions  #/version/<id>  #/compare/<fromVersionId>[/<toVersionId>]  #/history
 * with an optional `?focus=<element id>` to land on the exact thing to fix.
 */
import {
  NARRATIVE_KEYS,
  type FixLocation,
  type NarrativeKey,
  type OutcomeId,
  type PartnerId,
} from '../../shared/model';

export type Route =
  | { readonly kind: 'dashboard' }
  | { readonly kind: 'details' }
  | { readonly kind: 'narrative'; readonly key: NarrativeKey }
  | { readonly kind: 'outcome'; readonly id: OutcomeId }
  | { readonly kind: 'partner'; readonly id: PartnerId }
  | { readonly kind: 'versions' }
  | { readonly kind: 'version'; readonly id: string }
  | { readonly kind: 'compare'; readonly from: string; readonly to: string | null }
  | { readonly kind: 'history' };

export interface Location {
  readonly route: Route;
  readonly focus: string | null;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseHash(hash: string): Location | null {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const focus = new URLSearchParams(query).get('focus');
  const parts = path.split('/').filter(Boolean);
  const [kind, arg, second] = parts;
  let route: Route | null = null;
  if (kind === 'dashboard') route = { kind: 'dashboard' };
  else if (kind === 'details') route = { kind: 'details' };
  else if (kind === 'narrative' && (NARRATIVE_KEYS as readonly string[]).includes(arg ?? ''))
    route = { kind: 'narrative', key: arg as NarrativeKey };
  else if (kind === 'outcome' && arg && ID.test(arg)) route = { kind: 'outcome', id: arg as OutcomeId };
  else if (kind === 'partner' && arg && ID.test(arg)) route = { kind: 'partner', id: arg as PartnerId };
  else if (kind === 'versions') route = { kind: 'versions' };
  else if (kind === 'history') route = { kind: 'history' };
  else if (kind === 'version' && arg && ID.test(arg)) route = { kind: 'version', id: arg };
  else if (kind === 'compare' && arg && ID.test(arg) && (!second || ID.test(second)))
    route = { kind: 'compare', from: arg, to: second ?? null };
  return route ? { route, focus } : null;
}

export function routeHash(route: Route, focus?: string | null): string {
  let path: string;
  switch (route.kind) {
    case 'dashboard':
    case 'details':
    case 'versions':
    case 'history':
      path = route.kind;
      break;
    case 'version':
      path = `version/${route.id}`;
      break;
    case 'compare':
      path = `compare/${route.from}${route.to ? `/${route.to}` : ''}`;
      break;
    case 'narrative':
      path = `narrative/${route.key}`;
      break;
    case 'outcome':
    case 'partner':
      path = `${route.kind}/${route.id}`;
      break;
  }
  return `#/${path}${focus ? `?focus=${encodeURIComponent(focus)}` : ''}`;
}

/** A stable key for presence ("which section they are in"). */
export function sectionKey(route: Route): string {
  switch (route.kind) {
    case 'dashboard':
    case 'details':
    case 'versions':
    case 'history':
      return route.kind;
    case 'version':
    case 'compare':
      return 'versions';
    case 'narrative':
      return `narrative:${route.key}`;
    case 'outcome':
    case 'partner':
      return `${route.kind}:${route.id}`;
  }
}

/** Where a completeness item is fixed. */
export function locationOfFix(fix: FixLocation): Location {
  switch (fix.kind) {
    case 'soa-details':
      return { route: { kind: 'details' }, focus: 'soa-title' };
    case 'partners':
      return { route: { kind: 'details' }, focus: 'partners-heading' };
    case 'narrative':
      return { route: { kind: 'narrative', key: fix.key }, focus: null };
    case 'outcome':
      return { route: { kind: 'outcome', id: fix.outcomeId }, focus: null };
    case 'indicator':
      return { route: { kind: 'outcome', id: fix.outcomeId }, focus: `indicator-${fix.indicatorId}` };
    case 'contribution':
      return { route: { kind: 'outcome', id: fix.outcomeId }, focus: `contribution-${fix.partnerId}` };
    case 'sign-off':
      return { route: { kind: 'partner', id: fix.partnerId }, focus: 'sign-off' };
    case 'total-resources':
      return { route: { kind: 'partner', id: fix.partnerId }, focus: 'partner-total-resources' };
  }
}
