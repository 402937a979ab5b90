/**
 * Where the review work is: a partner's "Open comments on your sections" (on its home page) and the
 * coordinator's count of open comments per partner and per outcome (on the dashboard).
 */
import { openThreadsForPartner, type PartnerId } from '../../../shared/model';
import { useComments, useDocState } from '../hooks';
import type { CommentsState } from '../store/workspace';
import { useWordExport } from '../export/useWordExport';
import { routeHash } from '../routes';
import { commentTime, sectionRoute, sectionTitle, threadElementId } from './commentText';

export function OpenCommentsForPartner({ partnerId }: { readonly partnerId: PartnerId }) {
  const { threads, loaded, countsKnown } = useComments();
  const state = useDocState();
  const mine = openThreadsForPartner(threads, partnerId);
  const known = loaded && countsKnown;
  return (
    <section className="card comments-overview" aria-labelledby="open-comments-heading">
      <h2 id="open-comments-heading">Open comments on your sections{known ? ` (${mine.length})` : ''}</h2>
      {!known ? (
        <p className="field-hint" role="status">
          {loaded
            ? 'Counting comments: fetching every member’s comments from the relay…'
            : 'Reading the comments on this computer…'}
        </p>
      ) : mine.length === 0 ? (
        <p className="field-hint">Nobody is waiting for an answer from you.</p>
      ) : (
        <ul className="comment-links">
          {mine.map((thread) => (
            <li key={thread.key}>
              <a href={routeHash(sectionRoute(thread.section), threadElementId(thread.key))}>
                {sectionTitle(thread.section, state)}: “
                {thread.body.length > 120 ? `${thread.body.slice(0, 120)}…` : thread.body}”
              </a>{' '}
              <span className="comment-meta">
                {thread.author.name}, {commentTime(thread.at)}
                {thread.replies.length > 0 &&
                  `, ${thread.replies.length === 1 ? '1 reply' : `${thread.replies.length} replies`}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function OpenCommentCounts() {
  const { counts, countsKnown } = useComments();
  const { ready } = useDocState();
  const { runExport, progress, message, busy } = useWordExport();
  return (
    <section className="card comments-overview" aria-labelledby="comment-counts-heading">
      <h2 id="comment-counts-heading">Open comments ({countsKnown ? counts.total : 'counting…'})</h2>
      {/* Always on the page, so a screen reader hears the words when they appear. */}
      <p className="field-hint" role="status">
        {countsKnown
          ? ''
          : 'Counting comments: the counts show once every member’s comments have been fetched from the relay.'}
      </p>
      {countsKnown && <CountTables counts={counts} />}
      <h3>Review copy</h3>
      <p className="field-hint">
        The whole SOA in Word with the open comments in it as Word comments, for a board or the Scottish Government to
        review. The submission copy never has comments.
      </p>
      <button
        type="button"
        className="button"
        onClick={() => void runExport({ kind: 'whole' }, 'review')}
        disabled={busy || !ready}
        aria-describedby="review-copy-status"
      >
        Export a review copy with comments
      </button>
      <p id="review-copy-status" className="field-hint" role="status" aria-live="polite">
        {progress ? `${progress.stage}…` : message}
      </p>
    </section>
  );
}

/** The open comments per section owner and per local outcome. */
function CountTables({ counts }: { readonly counts: CommentsState['counts'] }) {
  const { soa } = useDocState();
  return (
    <>
      <table className="comment-counts">
        <caption>Open comments by whose section they are on</caption>
        <thead>
          <tr>
            <th scope="col">Section owner</th>
            <th scope="col">Open comments</th>
          </tr>
        </thead>
        <tbody>
          <tr data-owner="coordinators">
            <th scope="row">Coordinators (shared sections)</th>
            <td>{counts.coordinators}</td>
          </tr>
          {soa.partners.map((partner) => (
            <tr key={partner.id} data-owner={partner.id}>
              <th scope="row">{partner.name}</th>
              <td>{counts.byPartner.get(partner.id) ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="comment-counts">
        <caption>Open comments by local outcome</caption>
        <thead>
          <tr>
            <th scope="col">Local outcome</th>
            <th scope="col">Open comments</th>
          </tr>
        </thead>
        <tbody>
          {soa.outcomes.map((outcome) => (
            <tr key={outcome.id} data-outcome={outcome.id}>
              <th scope="row">
                {outcome.number}. {outcome.title || 'Untitled outcome'}
              </th>
              <td>{counts.byOutcome.get(outcome.id) ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
