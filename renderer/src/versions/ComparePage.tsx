/**
 * Compare a version with now, or two versions (the relay compares, shared/compare): the sections that
 * changed, who changed each, and the words inserted and deleted in their author's partner colour, with a key
 * naming each author. From a comparison with now, the changes can be exported as Word tracked changes.
 * When the relay cannot be asked, the comparison is made on this computer from the kept versions and this
 * computer's copy (localComparison.ts): the same sections and words, without who changed them, and said so.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ComparisonResponse } from '../../../shared/api/versionContent';
import { useDocState, useWorkspace } from '../hooks';
import { routeHash } from '../routes';
import { initials } from '../components/Outline';
import { ComparedSection, type Author } from './ComparedSection';
import { partnerColour } from './partnerColours';
import { useChangesSinceExport } from './useChangesSinceExport';
import { compareOnThisComputer } from './localComparison';
import type { RelayAnswer } from './useRelayAnswer';
import { fetchComparison, RelayUnreachable } from './versionsApi';
import { formatWhen } from './when';
import '../styles/versions.css';

interface Compared {
  readonly compared: ComparisonResponse;
  /** Why the relay was not asked (the comparison was made on this computer), or null when the relay compared. */
  readonly onThisComputer: string | null;
}

const NO_ACCESS = 'This computer is not signed in to the partnership’s relay.';

/** The relay's comparison; when the relay cannot be asked, this computer's. */
function useComparison(from: string, to: string | null): RelayAnswer<Compared> {
  const workspace = useWorkspace();
  const access = workspace.relayAccess;
  const [answer, setAnswer] = useState<RelayAnswer<Compared>>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    const settle = (next: RelayAnswer<Compared>) => !cancelled && setAnswer(next);
    const failed = (error: unknown, before = '') =>
      settle({ kind: 'failed', message: `${before}${error instanceof Error ? error.message : String(error)}` });
    const onThisComputer = (why: string) =>
      compareOnThisComputer(workspace, from, to).then(
        (compared) => settle({ kind: 'ready', value: { compared, onThisComputer: why } }),
        (error: unknown) => failed(error, `${why} `),
      );
    setAnswer({ kind: 'loading' });
    if (!access) void onThisComputer(NO_ACCESS);
    else
      fetchComparison(access, workspace.soaId, from, to).then(
        (compared) => settle({ kind: 'ready', value: { compared, onThisComputer: null } }),
        (error: unknown) => (error instanceof RelayUnreachable ? void onThisComputer(error.message) : failed(error)),
      );
    return () => {
      cancelled = true;
    };
  }, [workspace, from, to, access?.url, access?.token]);
  return answer;
}

export function ComparePage({ from, to }: { readonly from: string; readonly to: string | null }) {
  const answer = useComparison(from, to);
  if (answer.kind === 'loading') return <p role="status">Comparing…</p>;
  if (answer.kind === 'failed') {
    return (
      <p className="problem" role="alert">
        The comparison could not be made: {answer.message}
      </p>
    );
  }
  return <Comparison compared={answer.value.compared} onThisComputer={answer.value.onThisComputer} />;
}

function Comparison({
  compared,
  onThisComputer,
}: {
  readonly compared: ComparisonResponse;
  readonly onThisComputer: string | null;
}) {
  const { soa } = useDocState();
  const { runChangesExport, exportMessage, exportBusy } = useChangesSinceExport();
  const authors = useMemo(() => {
    const byId = new Map<string | null, Author>();
    for (const section of compared.sections) {
      for (const person of section.changedBy) {
        if (byId.has(person.memberId)) continue;
        const index = person.partnerId ? soa.partners.findIndex((partner) => partner.id === person.partnerId) : -1;
        // Two authors with the same initials are told apart by a number (the label is what a colour-blind reader uses).
        const base = initials(person.name) || '?';
        const taken = [...byId.values()].filter(
          (author) =>
            author.initials === base ||
            (author.initials.startsWith(base) && /^\d+$/.test(author.initials.slice(base.length))),
        ).length;
        byId.set(person.memberId, {
          name: person.name,
          partnerName: person.partnerName,
          initials: taken === 0 ? base : `${base}${taken + 1}`,
          colour: partnerColour(index),
        });
      }
    }
    return byId;
  }, [compared, soa.partners]);
  const unknown: Author = { name: 'Someone not listed', partnerName: null, initials: '?', colour: partnerColour(-1) };
  const authorOf = (memberId: string | null | undefined) => authors.get(memberId ?? null) ?? unknown;
  const { from, to } = compared;
  return (
    <>
      <section className="card" aria-labelledby="compare-heading">
        <h2 id="compare-heading">
          Changes since "{from.name}" ({formatWhen(from.createdAt)}){' '}
          {to ? `to "${to.name}" (${formatWhen(to.createdAt)})` : 'to now'}
        </h2>
        <p>
          {compared.sections.length === 0
            ? 'Nothing has changed.'
            : compared.sections.length === 1
              ? '1 section has changed.'
              : `${compared.sections.length} sections have changed.`}{' '}
          {onThisComputer
            ? ''
            : to
              ? ''
              : 'Now means the SOA as the relay has stored it; edits still on their way to the relay are not included.'}
        </p>
        {onThisComputer && (
          <p className="notice" role="note">
            {onThisComputer} This comparison was made on this computer, from the version kept here
            {to
              ? ' and the later version kept here'
              : ' and this computer’s copy of the SOA, including edits not yet sent'}
            . It shows what changed, not who changed it: that is shown when the relay can be asked again.
          </p>
        )}
        {authors.size > 0 && (
          <>
            <h3>Who made the changes</h3>
            <p className="quiet">
              Inserted words are underlined and marked +, deleted words are struck through and marked −, each with the
              author's initials and in their partner's colour.
            </p>
            <ul className="compare-legend">
              {[...authors.values()].map((author) => (
                <li key={`${author.name}-${author.initials}`}>
                  <span className={`legend-swatch ${author.colour}`} aria-hidden="true">
                    {author.initials}
                  </span>
                  {author.partnerName ? `${author.name} (${author.partnerName})` : author.name}
                </li>
              ))}
            </ul>
          </>
        )}
        <p className="version-banner-actions">
          <a href={routeHash({ kind: 'version', id: from.versionId })}>View "{from.name}"</a>
          {!to && !onThisComputer && (
            <button
              type="button"
              className="button button-secondary"
              disabled={exportBusy}
              onClick={() => void runChangesExport(from)}
            >
              Export changes since "{from.name}" to Word
            </button>
          )}
        </p>
        <p role="status" aria-live="polite">
          {exportMessage}
        </p>
      </section>
      {compared.sections.map((section, index) => (
        <ComparedSection
          key={section.key}
          section={section}
          authorOf={onThisComputer ? () => null : authorOf}
          headingId={`compared-section-${index}`}
        />
      ))}
    </>
  );
}
