/**
 * What the comments add to each page: the dashboard's counts, a partner's own open comments at the top of its
 * home page, and the section's discussions below the page. Nothing for a local SOA, which has no members to comment.
 */
import { useWorkspace } from '../hooks';
import type { Route } from '../routes';
import { sectionOfRoute } from './commentText';
import { CommentsPanel } from './CommentsPanel';
import { OpenCommentCounts, OpenCommentsForPartner } from './CommentsOverview';

/** `top`: above the page (a partner's open comments on its home); `bottom`: below it (the rest). */
export function CommentsArea({ route, place }: { readonly route: Route; readonly place: 'top' | 'bottom' }) {
  const workspace = useWorkspace();
  if (!workspace.hasComments) return null;
  const identity = workspace.identity;
  const section = sectionOfRoute(route);
  const home =
    route.kind === 'partner' &&
    identity.kind === 'member' &&
    identity.role === 'partner' &&
    identity.partnerId === route.id;
  if (place === 'top') return home ? <OpenCommentsForPartner partnerId={route.id} /> : null;
  return (
    <>
      {route.kind === 'dashboard' && <OpenCommentCounts />}
      {section && <CommentsPanel key={JSON.stringify(section)} section={section} />}
    </>
  );
}
