/**
 * The outline of the SOA, in the order of the document: front matter, our place, vision, each local
 * outcome, prevention, engagement, equalities, governance, partner contributions, sign-off, gaps. Each entry
 * shows its owner and its state, and who is in it now.
 */
import type { ReactNode } from 'react';
import {
  isRichTextEmpty,
  NARRATIVE_TITLES,
  PROGRESS_LABELS,
  SIGN_OFF_LABELS,
  type NarrativeKey,
} from '../../../shared/model';
import { useComments, useDocState, useNavigation, usePresence, useWorkspace } from '../hooks';
import { routeHash, sectionKey, type Route } from '../routes';
import type { DocumentState, PresencePeer } from '../store/workspace';
import { PROGRESS_CLASS, SIGN_OFF_CLASS } from './stateClasses';

/** An entry's state in the app's one vocabulary (shared/model/stateNames), with its pill's colour. */
interface EntryState {
  readonly label: string;
  readonly className: string;
}

interface Entry {
  readonly route: Route;
  readonly label: string;
  readonly owner: string;
  readonly state: EntryState;
}

const progress = (state: keyof typeof PROGRESS_LABELS): EntryState => ({
  label: PROGRESS_LABELS[state],
  className: PROGRESS_CLASS[state],
});

function narrativeEntry(state: DocumentState, key: NarrativeKey, coordinators: string): Entry {
  return {
    route: { kind: 'narrative', key },
    label: NARRATIVE_TITLES[key],
    owner: coordinators,
    state: progress(isRichTextEmpty(state.soa.narrative[key]) ? 'not-started' : 'complete'),
  };
}

export function outlineGroups(
  state: DocumentState,
): Array<{ readonly title: string; readonly entries: readonly Entry[] }> {
  const coordinators = 'Coordinators';
  const general = state.completeness.general.filter(
    (item) => item.fix.kind === 'soa-details' || item.fix.kind === 'partners',
  );
  const detailsState = progress(
    general.length === 0 ? 'complete' : state.soa.meta.title ? 'in-progress' : 'not-started',
  );
  const outcomes: Entry[] = state.soa.outcomes.map((outcome) => {
    const report = state.completeness.outcomes.find((candidate) => candidate.outcomeId === outcome.id);
    return {
      route: { kind: 'outcome', id: outcome.id },
      label: `${outcome.number}. ${outcome.title || 'Untitled outcome'}`,
      owner: coordinators,
      state: progress(report?.progress ?? 'not-started'),
    };
  });
  const partners: Entry[] = state.soa.partners.map((partner) => {
    const report = state.completeness.partners.find((candidate) => candidate.partner.id === partner.id);
    // Once a partner has started its sign-off, that is where it stands; before, how far its writing has come.
    const signOff = partner.signOff.state;
    const entryState = partner.unreadable
      ? { label: 'Could not be read', className: 'state-earlier' }
      : signOff === 'draft'
        ? progress(report?.progress ?? 'not-started')
        : { label: SIGN_OFF_LABELS[signOff], className: SIGN_OFF_CLASS[signOff] };
    return {
      route: { kind: 'partner', id: partner.id },
      label: partner.name,
      owner: 'Its own officers',
      state: entryState,
    };
  });
  return [
    {
      title: 'Front matter',
      entries: [
        { route: { kind: 'details' }, label: 'SOA details and partners', owner: coordinators, state: detailsState },
        narrativeEntry(state, 'foreword', coordinators),
        narrativeEntry(state, 'purpose', coordinators),
      ],
    },
    {
      title: 'Place and vision',
      entries: [
        narrativeEntry(state, 'understandingOfPlace', coordinators),
        narrativeEntry(state, 'vision', coordinators),
      ],
    },
    { title: 'Local outcomes', entries: outcomes },
    {
      title: 'How we work',
      entries: [
        narrativeEntry(state, 'preventionOverview', coordinators),
        narrativeEntry(state, 'communityEngagement', coordinators),
        narrativeEntry(state, 'equalities', coordinators),
        narrativeEntry(state, 'governance', coordinators),
      ],
    },
    { title: 'Partner contributions and sign-off', entries: partners },
    { title: 'Annexes', entries: [narrativeEntry(state, 'gapNotes', coordinators)] },
  ];
}

export function Outline() {
  const state = useDocState();
  const workspace = useWorkspace();
  const navigation = useNavigation();
  const presence = usePresence();
  const current = sectionKey(navigation.location.route);
  const canAddOutcome = workspace.canWrite({ kind: 'frame' });
  // 'remembered': the counts are the ones this computer last read; the comment rooms are read just after.
  // 'counting': this computer has never had every comment room from the relay, so no count is known yet.
  const { loaded, countsKnown } = useComments();
  const comments = !countsKnown ? 'counting' : loaded ? 'read' : 'remembered';
  return (
    <nav className="outline" aria-label="Outline of the SOA" data-comments={comments}>
      <ul className="outline-top">
        <OutlineLink route={{ kind: 'dashboard' }} current={current} presence={presence}>
          <span className="outline-label">Progress and what is missing</span>
        </OutlineLink>
        {workspace.entry.kind === 'relay' && (
          <>
            <OutlineLink route={{ kind: 'versions' }} current={current} presence={presence}>
              <span className="outline-label">Versions</span>
            </OutlineLink>
            <OutlineLink route={{ kind: 'history' }} current={current} presence={presence}>
              <span className="outline-label">Who changed what</span>
            </OutlineLink>
          </>
        )}
      </ul>
      {workspace.hasComments && (
        // Always on the page, so a screen reader hears the words when they appear.
        <p className="outline-comments-status field-hint" role="status">
          {countsKnown ? '' : 'Counting comments…'}
        </p>
      )}
      {outlineGroups(state).map((group) => (
        <div key={group.title} className="outline-group">
          <h2 className="outline-heading">{group.title}</h2>
          {group.entries.length === 0 ? (
            <p className="outline-empty">None yet</p>
          ) : (
            <ul>
              {group.entries.map((entry) => (
                <OutlineLink key={sectionKey(entry.route)} route={entry.route} current={current} presence={presence}>
                  <span className="outline-label">{entry.label}</span>
                  <span className="outline-meta">
                    <span className="outline-owner">{entry.owner}</span>
                    <span className={`state-pill ${entry.state.className}`}>{entry.state.label}</span>
                  </span>
                </OutlineLink>
              ))}
            </ul>
          )}
          {group.title === 'Local outcomes' && canAddOutcome && (
            <button
              type="button"
              className="button button-quiet outline-add"
              onClick={() => {
                const id = workspace.frameCommands.addOutcome({ title: 'New local outcome' });
                navigation.go({ kind: 'outcome', id });
              }}
            >
              + Add a local outcome
            </button>
          )}
        </div>
      ))}
    </nav>
  );
}

function OutlineLink({
  route,
  current,
  presence,
  children,
}: {
  readonly route: Route;
  readonly current: string;
  readonly presence: readonly PresencePeer[];
  readonly children: ReactNode;
}) {
  const key = sectionKey(route);
  const here = presence.filter((peer) => peer.section === key);
  const { counts, countsKnown } = useComments();
  // Not known yet: no count rather than a zero (the outline says it is counting).
  const openComments = countsKnown ? (counts.bySection.get(key) ?? 0) : 0;
  return (
    <li>
      <a href={routeHash(route)} aria-current={key === current ? 'page' : undefined} className="outline-link">
        {children}
        {here.length > 0 && (
          <span className="outline-presence">
            {here.map((peer) => (
              <span
                key={peer.clientId}
                className="avatar"
                title={`${peer.user.name} (${peer.user.partnerName}) is here`}
              >
                {initials(peer.user.name)}
              </span>
            ))}
            <span className="visually-hidden">: {here.map((peer) => peer.user.name).join(', ')} here now</span>
          </span>
        )}
        {openComments > 0 && (
          <span className="outline-comments" data-open-comments={openComments}>
            {openComments}{' '}
            <span className="visually-hidden">{openComments === 1 ? 'open comment' : 'open comments'}</span>
            <span aria-hidden="true">{openComments === 1 ? ' comment' : ' comments'}</span>
          </span>
        )}
      </a>
    </li>
  );
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}
