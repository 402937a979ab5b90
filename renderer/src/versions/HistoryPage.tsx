/**
 * The SOA's timeline: the relay's audit entries (grouped as `soa-relay history` groups them), newest first,
 * filterable by partner (whose member made the change) and by section. Offline it shows the history last
 * fetched, says when, and lists this computer's edits not yet sent (which are in no history yet).
 */
import { useId, useMemo, useState } from 'react';
import { SECTION_GROUPS, sectionGroup, sectionName } from '../../../shared/model';
import { useDocState, useSync, useWorkspace } from '../hooks';
import { useHistory } from './useHistory';
import { countOf } from '../../../shared/text/plural';
import { formatWhen } from './when';
import '../styles/versions.css';

const ALL = '';

/** An entry names this many sections in its sentence; the rest are a click away. */
const SECTIONS_NAMED = 5;

export function HistoryPage() {
  const workspace = useWorkspace();
  if (workspace.entry.kind !== 'relay') {
    return (
      <section className="card">
        <p>The history of who changed what is kept by the partnership's relay. This SOA is on this computer only.</p>
      </section>
    );
  }
  return <Timeline />;
}

function Timeline() {
  const state = useHistory(true);
  const sync = useSync();
  const { soa } = useDocState();
  const partnerId = useId();
  const sectionId = useId();
  const [partner, setPartner] = useState(ALL);
  const [section, setSection] = useState(ALL);
  const entries = useMemo(() => [...(state.history?.value.entries ?? [])].reverse(), [state.history]);
  const partners = useMemo(
    () => [...new Set(entries.map((entry) => entry.partnerName ?? 'The relay administrator'))].sort(),
    [entries],
  );
  const sectionGroups = useMemo(() => groupedSections(entries), [entries]);
  const shown = entries.filter(
    (entry) =>
      (partner === ALL || (entry.partnerName ?? 'The relay administrator') === partner) &&
      (section === ALL || entry.sections.includes(section)),
  );
  const titles = useMemo(
    () => new Map(soa.outcomes.map((outcome) => [outcome.id as string, outcome.title])),
    [soa.outcomes],
  );
  const partnerName = (room: string) => {
    const id = /\/partner\/([^/]+)$/.exec(room)?.[1];
    return id
      ? (soa.partners.find((candidate) => candidate.id === id)?.name ?? 'a partner')
      : 'the coordinators’ sections';
  };
  return (
    <>
      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Filter the history</h2>
        <p role="status" aria-live="polite" className="quiet">
          {state.loading
            ? 'Fetching the history from the relay…'
            : state.history
              ? state.offline || state.problem
                ? `The relay cannot be reached now: this is the history fetched ${formatWhen(state.history.fetchedAt)}.`
                : `Fetched from the relay ${formatWhen(state.history.fetchedAt)}.`
              : state.problem
                ? `The history could not be fetched: ${state.problem}`
                : ''}
        </p>
        <form className="timeline-filters" onSubmit={(event) => event.preventDefault()}>
          <div className="field">
            <label htmlFor={partnerId}>Partner</label>
            <select id={partnerId} value={partner} onChange={(event) => setPartner(event.target.value)}>
              <option value={ALL}>Every partner</option>
              {partners.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={sectionId}>Section</label>
            <select id={sectionId} value={section} onChange={(event) => setSection(event.target.value)}>
              <option value={ALL}>Every section</option>
              {sectionGroups.map(({ group, sections }) => (
                <optgroup key={group} label={group}>
                  {sections.map(({ name, entries: count }) => (
                    <option key={name} value={name}>
                      {name} ({countOf(count, 'entry', 'entries')})
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        </form>
        <button type="button" className="button button-secondary" onClick={state.fetchAgain} disabled={state.loading}>
          Fetch the latest history
        </button>
        <p className="quiet">
          {shown.length === entries.length
            ? `${entries.length} entries, newest first.`
            : `${shown.length} of ${entries.length} entries, newest first.`}
        </p>
      </section>
      {sync.unsent.length > 0 && (
        <section className="card" aria-labelledby="unsent-heading">
          <h2 id="unsent-heading">Not yet sent from this computer</h2>
          <ul className="timeline">
            {sync.unsent.map((room) => (
              <li key={room.room} className="timeline-unsent">
                {countOf(room.changes, 'edit')} to {partnerName(room.room)}
                {room.roots.length > 0
                  ? `: ${[...new Set(room.roots.map((root) => sectionName(root, !room.room.includes('/partner/'), titles)))].join(', ')}`
                  : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-label="Timeline">
        <ul className="timeline">
          {shown.map((entry, index) => (
            <li key={`${entry.room}-${entry.from}-${index}`}>
              <strong>
                {entry.memberName}
                {entry.partnerName ? ` (${entry.partnerName})` : ''}
              </strong>{' '}
              changed <ChangedSections sections={entry.sections} first={section === ALL ? null : section} />
              <span className="quiet timeline-when">
                {formatWhen(entry.from)}
                {formatWhen(entry.to) !== formatWhen(entry.from) ? ` to ${formatWhen(entry.to)}` : ''} ·{' '}
                {countOf(entry.changes, 'change')}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/**
 * What an entry changed. The relay administrator's first entry changes every section of an SOA (forty or more
 * names), which as one sentence buried the timeline: past SECTIONS_NAMED, the rest are counted and listed
 * under a disclosure. The section the history is filtered by comes first, so it is always in view.
 */
function ChangedSections({ sections, first }: { readonly sections: readonly string[]; readonly first: string | null }) {
  if (sections.length === 0) return <>the SOA</>;
  const ordered =
    first !== null && sections.includes(first) ? [first, ...sections.filter((name) => name !== first)] : sections;
  if (ordered.length <= SECTIONS_NAMED) return <>{ordered.join(', ')}</>;
  const rest = ordered.length - SECTIONS_NAMED;
  return (
    <>
      {ordered.slice(0, SECTIONS_NAMED).join(', ')} and {countOf(rest, 'more section', 'more sections')}
      <details className="timeline-sections">
        <summary>Every section this entry changed ({ordered.length})</summary>
        <ul>
          {ordered.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      </details>
    </>
  );
}

/**
 * The sections the entries name, under the part of the SOA each belongs to (a whole SOA's history names 70 or
 * more), each with how many entries name it, so the filter reads as the SOA does and says what it will show.
 */
function groupedSections(
  entries: readonly { readonly sections: readonly string[] }[],
): { group: string; sections: { name: string; entries: number }[] }[] {
  const counts = new Map<string, number>();
  for (const entry of entries)
    for (const name of new Set(entry.sections)) counts.set(name, (counts.get(name) ?? 0) + 1);
  return SECTION_GROUPS.map((group) => ({
    group,
    sections: [...counts]
      .filter(([name]) => sectionGroup(name) === group)
      .sort(([a], [b]) => a.localeCompare(b, 'en-GB'))
      .map(([name, count]) => ({ name, entries: count })),
  })).filter(({ sections }) => sections.length > 0);
}
