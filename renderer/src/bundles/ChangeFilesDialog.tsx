/**
 * Change files, for an officer with no usable link: save my unsent changes to a file (to email or carry on a
 * USB stick), import a change file someone sent (any member, while connected), save the latest SOA for
 * someone offline, and open such a latest file (checked against the relay's key, no link needed). Either
 * file chooser takes either kind of file. A file opened by the desktop (a double-clicked .soabundle) arrives
 * as `opened` and is handled at once.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useDocState, useSync, useWorkspace } from '../hooks';
import { Dialog } from '../components/Dialog';
import { saveChangeFile } from './saveChangeFile';
import { describeRoomImport, importChangeFile, type ChangeFileImport } from './importChangeFile';
import { roomLabel } from './roomLabel';
import { openLatestFile, type LatestFileOutcome } from './openLatestFile';
import { saveLatestFile } from './saveLatestFile';
import { looksLikeLatest } from '../../../shared/bundle/latestFile';

/** Larger than any change file the relay accepts; a bigger file is not read into memory. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface OpenedBundle {
  readonly name: string;
  readonly text: string;
}

type ImportState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy'; readonly name: string }
  | { readonly kind: 'done'; readonly name: string; readonly outcome: ChangeFileImport }
  | { readonly kind: 'latest'; readonly name: string; readonly outcome: LatestFileOutcome };

function isLatestText(text: string): boolean {
  try {
    return looksLikeLatest(JSON.parse(text));
  } catch {
    return false;
  }
}

export function ChangeFilesDialog({
  onClose,
  opened,
}: {
  readonly onClose: () => void;
  readonly opened?: OpenedBundle | null;
}) {
  const workspace = useWorkspace();
  const { soa } = useDocState();
  const sync = useSync();
  const [saveMessage, setSaveMessage] = useState<{ readonly text: string; readonly next: string | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const [imported, setImported] = useState<ImportState>({ kind: 'idle' });
  const inputId = useId();
  const hintId = useId();
  const handled = useRef<OpenedBundle | null>(null);

  const save = async () => {
    if (saving) return;
    setSaving(true);
    setSaveMessage(null);
    try {
      const outcome = await saveChangeFile(workspace, soa.meta.title);
      if (outcome.kind === 'nothing')
        setSaveMessage({ text: 'The relay already has every change you made: there is nothing to save.', next: null });
      else if (outcome.kind === 'cancelled') setSaveMessage({ text: 'Not saved.', next: null });
      else if (outcome.kind === 'impossible') setSaveMessage({ text: outcome.message, next: null });
      else
        setSaveMessage({
          text: `Saved “${outcome.fileName}”${outcome.savedTo ? ` to ${outcome.savedTo}` : ' to your downloads'}, with your changes to ${outcome.rooms === 1 ? '1 section' : `${outcome.rooms} sections`}.`,
          next: 'Email this file to your coordinator, or import it on a computer with a link (Change files, then Import a change file). Your changes also stay here and are sent as usual when this computer is connected again.',
        });
    } catch (error) {
      setSaveMessage({
        text: `Could not save the file: ${error instanceof Error ? error.message : String(error)}`,
        next: null,
      });
    } finally {
      setSaving(false);
    }
  };

  const [latestSaved, setLatestSaved] = useState<string | null>(null);
  const [latestBusy, setLatestBusy] = useState(false);

  const runImport = async (file: OpenedBundle) => {
    setImported({ kind: 'busy', name: file.name });
    if (isLatestText(file.text)) {
      setImported({ kind: 'latest', name: file.name, outcome: await openLatestFile(workspace, file.text) });
      return;
    }
    const outcome = await importChangeFile(workspace.relayAccess, file.text);
    setImported({ kind: 'done', name: file.name, outcome });
  };

  const saveLatest = async () => {
    if (latestBusy) return;
    setLatestBusy(true);
    setLatestSaved(null);
    try {
      const outcome = await saveLatestFile(workspace, soa.meta.title);
      if (outcome.kind === 'saved')
        setLatestSaved(
          `Saved “${outcome.fileName}”${outcome.savedTo ? ` to ${outcome.savedTo}` : ' to your downloads'}. Give it to the officer with no link (by email or on a USB stick): they open it in SOA Studio with Change files, then Open a latest SOA file.`,
        );
      else setLatestSaved(outcome.kind === 'cancelled' ? 'Not saved.' : outcome.message);
    } catch (error) {
      setLatestSaved(`Could not save the file: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setLatestBusy(false);
    }
  };

  const onChosen = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setImported({
        kind: 'done',
        name: file.name,
        outcome: { kind: 'refused', message: 'This file is larger than any file SOA Studio makes.' },
      });
      return;
    }
    await runImport({ name: file.name, text: await file.text() });
  };
  const latestInputId = `${inputId}-latest`;

  useEffect(() => {
    if (!opened || handled.current === opened) return;
    handled.current = opened;
    void runImport(opened);
  }, [opened]);

  const unsentSections = sync.unsent.length;

  return (
    <Dialog title="Change files" onClose={onClose}>
      <div className="dialog-body change-files">
        <section aria-labelledby={`${inputId}-out`}>
          <h3 id={`${inputId}-out`}>Send your changes without a link</h3>
          <p>
            {unsentSections === 0
              ? 'The relay has every change you made.'
              : `Edits in ${unsentSections === 1 ? '1 section have' : `${unsentSections} sections have`} not reached the relay yet.`}{' '}
            Save them to a file to send by email or carry on a USB stick.
          </p>
          <button type="button" className="button" onClick={() => void save()} aria-disabled={saving} data-autofocus>
            Save my unsent changes to a file
          </button>
          <div role="status" aria-live="polite" className="change-files-status">
            {saveMessage && (
              <>
                <p>{saveMessage.text}</p>
                {saveMessage.next && <p className="change-files-next">{saveMessage.next}</p>}
              </>
            )}
          </div>
        </section>
        <section aria-labelledby={`${inputId}-in`}>
          <h3 id={`${inputId}-in`}>Changes someone sent you</h3>
          <p id={hintId} className="field-hint">
            A file a partner saved (.soabundle). The relay checks it is theirs and applies it to their sections;
            everyone connected then sees the changes. Importing needs a link to the relay.
          </p>
          <label htmlFor={inputId}>Import a change file</label>
          <input
            id={inputId}
            type="file"
            accept=".soabundle,application/json"
            aria-describedby={hintId}
            onChange={(event) => void onChosen(event.currentTarget)}
          />
        </section>
        <section aria-labelledby={`${inputId}-latest-heading`}>
          <h3 id={`${inputId}-latest-heading`}>For someone with no link</h3>
          <p className="field-hint">
            Save everyone’s latest work, signed by the relay, for an officer who cannot connect. They open it in SOA
            Studio with no link; the app checks the relay’s signature first.
          </p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void saveLatest()}
            aria-disabled={latestBusy}
          >
            Save the latest SOA for someone offline
          </button>
          <div role="status" aria-live="polite" className="change-files-status">
            {latestSaved && <p>{latestSaved}</p>}
          </div>
          <label htmlFor={latestInputId}>Open a latest SOA file</label>
          <input
            id={latestInputId}
            type="file"
            accept=".soabundle,application/json"
            onChange={(event) => void onChosen(event.currentTarget)}
          />
        </section>
        {/* One place for what a chosen file did, whichever chooser it came through. */}
        <div role="status" aria-live="polite" className="change-files-status change-files-result">
          {imported.kind === 'busy' && <p>Reading “{imported.name}”…</p>}
          {imported.kind === 'done' && <ImportResult name={imported.name} outcome={imported.outcome} />}
          {imported.kind === 'latest' && <LatestResult name={imported.name} outcome={imported.outcome} />}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function LatestResult({ name, outcome }: { readonly name: string; readonly outcome: LatestFileOutcome }) {
  if (outcome.kind === 'refused') {
    return (
      <p className="problem" data-latest="refused">
        “{name}” was not opened. {outcome.message}
      </p>
    );
  }
  return (
    <p data-latest="applied">
      Opened “{name}”: this computer now has everyone’s work as the relay held it on {outcome.createdOn}. Your own
      unsent changes are kept and are sent when you are connected.
    </p>
  );
}

function ImportResult({ name, outcome }: { readonly name: string; readonly outcome: ChangeFileImport }) {
  const workspace = useWorkspace();
  if (outcome.kind !== 'imported') {
    return (
      <p className="problem">
        “{name}” was not imported. {outcome.message}
      </p>
    );
  }
  const { result } = outcome;
  const session = workspace.entry.session;
  const author = session?.partnership.members.find((member) => member.id === result.memberId)?.name ?? 'a member';
  return (
    <>
      <p>
        Imported “{name}”, changes by {author}:{' '}
        {result.changed === 0
          ? 'nothing new, the relay already had all of it.'
          : `${result.changed === 1 ? '1 section' : `${result.changed} sections`} changed.`}
      </p>
      <ul className="change-files-rooms">
        {result.rooms.map((room, index) => (
          <li key={`${room.room}-${index}`}>
            <strong>{roomLabel(room.room, session)}</strong>: {describeRoomImport(room, result.changed > 0)}
          </li>
        ))}
      </ul>
    </>
  );
}
