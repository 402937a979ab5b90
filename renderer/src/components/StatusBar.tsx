/**
 * The status bar: an honest account of where the officer's work is. Not signed in / offline / connecting /
 * up to date / "Unsent: edits in 2 sections" (counted from the relay's acknowledgements, the exact number of
 * changes in a detail), when it last synced (kept across reloads), and plain messages when the token was
 * revoked, a write was refused or the copy on this computer could not be read.
 */
import { useEffect, useState } from 'react';
import { formatUkDate, todayIso } from '../../../shared/text/dates';
import { NARRATIVE_TITLES, parseRoomName, sectionName, type NarrativeKey } from '../../../shared/model';
import { useDocState, usePresence, useSync, useWorkspace } from '../hooks';
import type { DocumentState, RoomProblem, SalvagedRoom, SyncSummary, UnsentRoom } from '../store/workspace';
import { damagedCopyFile, quarantinedRows } from '../store/localRecovery';
import type { SyncProblem } from '../sync/roomConnection';
import { bridge } from '../store/catalogue';
import { tokenStorageFor } from '../store/membership';
import { WaitingEditsNotice } from './WaitingEditsNotice';
import { ChangeFilesButton } from '../bundles/ChangeFilesButton';
import { saveBytes } from '../export/saveBytes';

/**
 * The relay's messages assume someone who edits ("Changes stay on this computer"). A reviewer has no changes:
 * tell them what they can still do instead.
 */
function problemMessage(problem: SyncProblem, readOnlyViewer: boolean): string {
  if (!readOnlyViewer) return problem.message;
  if (problem.kind === 'revoked')
    return 'Your access to this partnership has been revoked. You can still read the copy on this computer, but it will no longer be updated; ask your coordinator for a new invite.';
  if (problem.kind === 'unauthenticated')
    return 'The relay does not recognise your invite token. You can still read the copy on this computer, but it will not be updated until you join again with a valid invite.';
  return problem.message;
}

/** Refusals that stop a section's sync until SOA Studio reloads (after an Undo, for content too large or deep). */
const CURED_BY_RELOAD: ReadonlySet<SyncProblem['kind']> = new Set([
  'too-large',
  'too-deep',
  'too-complex',
  'malformed',
  'client-id-taken',
]);

/** Refusals about one section's content (the others concern the account or the connection). */
const ABOUT_A_SECTION: ReadonlySet<SyncProblem['kind']> = new Set([
  'too-large',
  'too-deep',
  'too-complex',
  'malformed',
  'write-refused',
  'section-full',
  'client-id-taken',
  'storage',
]);

/** "NHS Clyde Valley’s section: " or "The shared sections: " before a problem, so the officer knows where. */
function problemWhere(problem: RoomProblem, state: DocumentState): string {
  if (!ABOUT_A_SECTION.has(problem.kind)) return '';
  const names = problem.rooms.map((room) => {
    const parsed = parseRoomName(room);
    if (parsed?.kind !== 'partner') return 'The shared sections';
    const partner = state.soa.partners.find((candidate) => candidate.id === parsed.partnerId);
    return partner ? `${partner.name}’s section` : 'A partner’s section';
  });
  const unique = [...new Set(names)];
  if (unique.length === 0 || unique.length > 2) return '';
  return `${unique.join(' and ')}: `;
}

/** "edits in 2 sections": what people understand, rather than the number of Yjs updates behind it. */
export function describeUnsent(sections: number): string {
  return `Unsent: edits in ${sections === 1 ? '1 section' : `${Math.max(sections, 1)} sections`}`;
}

export function describeSync(
  sync: SyncSummary,
  sections: number,
): { readonly text: string; readonly tone: 'ok' | 'busy' | 'offline' | 'problem' } {
  if (sync.link === 'local')
    return sync.unsavedLocally
      ? { text: 'Saving on this computer…', tone: 'busy' }
      : { text: 'Saved on this computer', tone: 'ok' };
  const unsent = sync.pending > 0 ? describeUnsent(sections) : null;
  if (sync.link === 'signed-out')
    return {
      text: unsent ? `Not signed in · ${unsent}` : 'Not signed in: your work is saved on this computer only',
      tone: 'problem',
    };
  if (sync.link === 'stopped') return { text: unsent ? `Not syncing · ${unsent}` : 'Not syncing', tone: 'problem' };
  if (sync.link === 'offline')
    return { text: unsent ? `Offline · ${unsent}` : 'Offline: your work is saved on this computer', tone: 'offline' };
  if (sync.link === 'connecting') return { text: unsent ? `Connecting · ${unsent}` : 'Connecting…', tone: 'busy' };
  // Websockets are blocked on this network: syncing over plain HTTPS requests, which is slower.
  const slower = sync.slowerLink ? 'Connected (slower link) · ' : '';
  if (unsent) return { text: `${slower}${unsent}`, tone: 'busy' };
  if (!sync.allSynced) return { text: `${slower}Syncing…`, tone: 'busy' };
  return { text: `${slower}Up to date`, tone: 'ok' };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The sections with unsent edits, named as people know them ("Narrative: Foreword and summary", "NHS
 * Highland: commitments"). A change recorded without its root types counts as its room's whole section.
 */
export function unsentSections(unsent: readonly UnsentRoom[], state: DocumentState): string[] {
  const titles = new Map<string, string>(state.soa.outcomes.map((outcome) => [outcome.id, outcome.title]));
  const sections = new Set<string>();
  for (const room of unsent) {
    const parsed = parseRoomName(room.room);
    if (parsed?.kind === 'comments') {
      sections.add('Your comments');
      continue;
    }
    const partner =
      parsed?.kind === 'partner'
        ? (state.soa.partners.find((candidate) => candidate.id === parsed.partnerId)?.name ?? 'A partner')
        : null;
    const names = room.roots.map((root) => sectionName(root, partner === null, titles));
    if (names.length === 0) names.push(partner === null ? 'the shared sections' : 'its section');
    for (const name of names) sections.add(partner === null ? capitalised(name) : `${partner}: ${name}`);
  }
  return [...sections];
}

function changes(count: number): string {
  return count === 1 ? '1 change' : `${count.toLocaleString('en-GB')} changes`;
}

/** "Outcome 2", "Our place", "NHS Highland's home" for a presence section key. */
export function describeSection(section: string | null, state: DocumentState): string | null {
  if (!section) return null;
  const [kind, id] = section.split(':');
  if (kind === 'dashboard') return 'the progress page';
  if (kind === 'details') return 'the SOA details';
  if (kind === 'narrative' && id && id in NARRATIVE_TITLES) return NARRATIVE_TITLES[id as NarrativeKey];
  if (kind === 'outcome') {
    const outcome = state.soa.outcomes.find((candidate) => candidate.id === id);
    return outcome ? `Outcome ${outcome.number}` : 'a local outcome';
  }
  if (kind === 'partner') {
    const partner = state.soa.partners.find((candidate) => candidate.id === id);
    return partner ? `${partner.name}’s page` : 'a partner’s page';
  }
  return null;
}

/** "today at 14:05", or "31 March 2026 at 14:05". */
export function formatTime(epoch: number): string {
  const date = new Date(epoch);
  const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  const day = todayIso(date);
  return day === todayIso() ? `today at ${time}` : `${formatUkDate(day)} at ${time}`;
}

function countChanges(count: number, what: string): string {
  return count === 1 ? `1 ${what}` : `${count.toLocaleString('en-GB')} ${what}s`;
}

async function saveDamagedCopy(rooms: readonly SalvagedRoom[], title: string): Promise<string> {
  const rows = (await Promise.all(rooms.map((room) => quarantinedRows(room.storeName)))).flat();
  const desktop = bridge();
  const bytes = damagedCopyFile(rows, desktop ? await desktop.appVersion() : 'web');
  const fileName = `${title || 'SOA'} - damaged copy for support ${formatUkDate(todayIso())}.json`.replace(
    /[\\/:*?"<>|]+/g,
    ' ',
  );
  const saved = await saveBytes(
    bytes,
    fileName,
    { name: 'Damaged copy for support', extensions: ['json'] },
    'application/json',
  );
  if (saved.cancelled) return 'Not saved.';
  return saved.savedTo ? `Saved to ${saved.savedTo}.` : `Saved as ${fileName} in your downloads.`;
}

/** After a damaged copy was salvaged: what happened, and the damaged parts as a file for support. */
function DamagedCopyNotice({
  rooms,
  relay,
  title,
}: {
  readonly rooms: readonly SalvagedRoom[];
  readonly relay: boolean;
  readonly title: string;
}) {
  const [saved, setSaved] = useState<string | null>(null);
  const skipped = rooms.reduce((sum, room) => sum + room.skipped, 0);
  return (
    <div className="notice-inline" data-problem="local-store-salvaged">
      <p>
        The copy of this SOA on this computer was damaged. Everything that could be read was recovered
        {skipped > 0
          ? `; ${countChanges(skipped, 'stored change')} could not be read and ${skipped === 1 ? 'was' : 'were'} set aside`
          : ''}
        . {relay ? 'Anything the relay does not have yet is sent as usual.' : ''}
      </p>
      {skipped > 0 && (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            void saveDamagedCopy(rooms, title).then(setSaved, (error: unknown) =>
              setSaved(`Could not save it: ${error instanceof Error ? error.message : String(error)}`),
            );
          }}
        >
          Save the damaged copy to a file
        </button>
      )}
      {saved && <p role="status">{saved} Send it to your support contact if they ask for it.</p>}
    </div>
  );
}

export function StatusBar({ onEnterToken }: { readonly onEnterToken: () => void }) {
  const sync = useSync();
  const workspace = useWorkspace();
  const presence = usePresence();
  const docState = useDocState();
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((value) => value + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  const sections = unsentSections(sync.unsent, docState);
  const status = describeSync(sync, sections.length);
  const needsToken = sync.link === 'signed-out';
  // A shared computer (or a desktop with no OS secret store, or a browser on plain http) keeps the token for
  // this session only: say so, as it will be asked for again.
  const sessionOnly =
    workspace.entry.kind === 'relay' &&
    workspace.hasToken &&
    workspace.entry.relayUrl !== undefined &&
    tokenStorageFor(workspace.entry.relayUrl) === 'session';
  return (
    <footer className="status-bar" aria-label="Sync status">
      <div
        className={`sync sync-${status.tone}`}
        role="status"
        aria-live="polite"
        data-sync-link={sync.link}
        data-pending={sync.pending}
      >
        <span className="sync-dot" aria-hidden="true" />
        <span className="sync-text">{status.text}</span>
        {sync.link !== 'local' && (
          <span className="sync-last">
            {sync.lastSyncedAt ? `Last synced ${formatTime(sync.lastSyncedAt)}` : 'Not yet synced'}
          </span>
        )}
      </div>
      {sync.unsent.length > 0 && (
        <details className="sync-detail">
          <summary>What is unsent</summary>
          <ul>
            {sections.map((section) => (
              <li key={section}>{section}</li>
            ))}
          </ul>
          <p>
            {changes(sync.pending)} in all that the relay has not yet confirmed. They are safe on this computer and are
            sent when {needsToken ? 'you sign in again' : 'the relay can be reached'}.
          </p>
        </details>
      )}
      {/* Beside the unsent count: a change file carries those edits when there is no link. */}
      {workspace.entry.kind === 'relay' && <ChangeFilesButton />}
      {sessionOnly && (
        <span className="sync-last" data-token-storage="session">
          Signed in until {bridge() ? 'SOA Studio' : 'the browser'} closes
        </span>
      )}
      {needsToken && (
        <>
          <span className="sync-last" data-problem="signed-out">
            This computer does not have your invite token, so nothing is shared.
          </span>
          <button type="button" className="button button-quiet" onClick={onEnterToken}>
            Enter your invite token to sync
          </button>
        </>
      )}
      <div className="status-problems" role="alert">
        {sync.problems.map((problem) => (
          <p key={problem.kind} className="problem" data-problem={problem.kind}>
            {problemWhere(problem, docState)}
            {problemMessage(problem, workspace.isReadOnlyViewer)}
            {!problem.retrying && CURED_BY_RELOAD.has(problem.kind) && (
              <>
                {' '}
                <button type="button" className="button button-quiet" onClick={() => location.reload()}>
                  Reload SOA Studio
                </button>
              </>
            )}
          </p>
        ))}
        {sync.repairingRooms.length > 0 && (
          <p className="problem" data-problem="local-store">
            Part of the copy of this SOA on this computer is damaged. Recovering everything that can be read; nothing is
            being deleted.
          </p>
        )}
        {sync.unreadableRooms.length > 0 && (
          <p className="problem" data-problem="local-store">
            {sync.unreadableRooms.length === 1
              ? 'Part of this SOA'
              : `${sync.unreadableRooms.length} parts of this SOA`}{' '}
            could not be read from this computer’s storage. Nothing has been deleted.{' '}
            {workspace.entry.kind === 'relay'
              ? 'What the relay holds is shown as it arrives.'
              : 'Try reloading; if it persists, export what you can see.'}
          </p>
        )}
        {sync.salvagedRooms.length > 0 && sync.repairingRooms.length === 0 && (
          <DamagedCopyNotice
            rooms={sync.salvagedRooms}
            relay={workspace.entry.kind === 'relay'}
            title={docState.soa.meta.title}
          />
        )}
        {sync.waitingRooms.length > 0 && (
          <WaitingEditsNotice rooms={sync.waitingRooms} relayReachable={sync.link === 'connected'} />
        )}
      </div>
      {sync.link !== 'local' && (
        <div className="presence" aria-label="Who is online">
          {presence.length === 0 ? (
            <span>No one else online</span>
          ) : (
            <span>
              Online:{' '}
              {presence
                .map((peer) => {
                  const where = describeSection(peer.section, docState);
                  return `${peer.user.name} (${peer.user.partnerName})${where ? `, in ${where}` : ''}`;
                })
                .join('; ')}
            </span>
          )}
        </div>
      )}
    </footer>
  );
}
