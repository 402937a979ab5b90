/**
 * First run: three ways in. Join a partnership (invite token, and the relay address in the desktop app; the
 * relay says who I am and which SOAs I can see), try the sample SOA on this computer, or start a new SOA on
 * this computer. SOAs already on this computer are listed to reopen.
 *
 * The web build is served by a relay and its CSP lets it connect only there, so in a browser the relay is
 * the page's own origin: no address is asked for, and one typed anyway is refused with the reason.
 */
import { useState, type FormEvent } from 'react';
import { allFrameworks, isFrameworkId, type FrameworkId } from '../../../shared/reference';
import type { SessionResponse } from '../../../shared/api/session';
import { listWorkspaces, normaliseRelayUrl, type WorkspaceEntry } from '../store/catalogue';
import { createLocalSoa, joinPartnership, openWorkspace } from '../store/open';
import { openSampleSoa } from '../store/sample';
import type { Workspace } from '../store/workspace';
import { Select } from './fields';
import { SharedComputerChoice } from './SharedComputerChoice';
import { WaitingBundlesNotice } from '../bundles/WaitingBundlesNotice';

export function Welcome({
  onOpen,
  initialError,
}: {
  readonly onOpen: (workspace: Workspace) => void;
  readonly initialError?: string | null;
}) {
  const [error, setError] = useState<string | null>(initialError ?? null);
  const [busy, setBusy] = useState<string | null>(null);
  const known = listWorkspaces();
  const run = async (label: string, action: () => Promise<Workspace>) => {
    setBusy(label);
    setError(null);
    try {
      onOpen(await action());
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setBusy(null);
    }
  };
  return (
    <main className="welcome" aria-labelledby="welcome-heading">
      <h1 id="welcome-heading" tabIndex={-1}>
        SOA Studio
      </h1>
      <p className="lede">
        Write your partnership’s Single Outcome Agreement together. Everything is kept on this computer and works
        without a connection.
      </p>
      {error && (
        <p className="problem" role="alert">
          {error}
        </p>
      )}
      {busy && (
        <p role="status" className="busy">
          {busy}…
        </p>
      )}
      <WaitingBundlesNotice />
      <div className="welcome-grid">
        <JoinCard disabled={busy !== null} onJoin={(label, action) => void run(label, action)} onError={setError} />
        <section className="card" aria-labelledby="sample-heading">
          <h2 id="sample-heading">Try the sample SOA</h2>
          <p>A complete example SOA for a fictional partnership, on this computer only. Nothing is sent anywhere.</p>
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => void run('Preparing the sample SOA', () => openSampleSoa())}
          >
            Open the sample SOA
          </button>
        </section>
        <NewSoaCard disabled={busy !== null} onCreate={(action) => void run('Creating the SOA', action)} />
      </div>
      {known.length > 0 && (
        <section className="card" aria-labelledby="known-heading">
          <h2 id="known-heading">On this computer</h2>
          <ul className="link-list">
            {known.map((entry: WorkspaceEntry) => (
              <li key={entry.soaId}>
                <button
                  type="button"
                  className="link-button"
                  disabled={busy !== null}
                  onClick={() => void run(`Opening ${entry.title}`, () => openWorkspace(entry))}
                >
                  {entry.title || 'Untitled SOA'}
                </button>
                <span className="muted">
                  {' '}
                  {entry.kind === 'relay'
                    ? `with ${entry.relayUrl ?? 'a relay'}`
                    : entry.kind === 'sample'
                      ? 'sample'
                      : 'this computer only'}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

/** Why a browser page cannot use another relay, or null when it can use this one. */
export function relayRefusal(relayUrl: string, pageOrigin: string): string | null {
  const wanted = new URL(relayUrl);
  if (wanted.origin === pageOrigin) return null;
  const here = new URL(pageOrigin).host;
  return `This page came from the relay at ${here}, and the browser lets it connect only to that relay, for your security. To join through ${wanted.host}, open ${wanted.origin} in your browser, or use the SOA Studio desktop app.`;
}

function JoinCard({
  disabled,
  onJoin,
  onError,
}: {
  readonly disabled: boolean;
  readonly onJoin: (label: string, action: () => Promise<Workspace>) => void;
  readonly onError: (message: string) => void;
}) {
  const servedByRelay = window.location.protocol === 'http:' || window.location.protocol === 'https:';
  const [relay, setRelay] = useState(servedByRelay ? window.location.origin : '');
  const [otherRelay, setOtherRelay] = useState(false);
  const [token, setToken] = useState('');
  const [sharedComputer, setSharedComputer] = useState(false);
  const [choice, setChoice] = useState<{
    session: SessionResponse;
    open: (soaId: string) => Promise<Workspace>;
  } | null>(null);
  const [soaId, setSoaId] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let relayUrl: string;
    try {
      relayUrl = normaliseRelayUrl(relay);
    } catch (error) {
      onError(error instanceof Error ? error.message : 'That relay address is not valid.');
      return;
    }
    const refusal = servedByRelay ? relayRefusal(relayUrl, window.location.origin) : null;
    if (refusal) {
      onError(refusal);
      return;
    }
    onJoin('Asking the relay who you are', async () => {
      const joined = await joinPartnership(relayUrl, token.trim(), { sharedComputer });
      if (joined.session.soas.length === 0)
        throw new Error('Your partnership has no SOAs yet. Ask your coordinator to create one.');
      const only = joined.session.soas.length === 1 ? joined.session.soas[0] : undefined;
      if (only) return joined.open(only.id);
      setChoice(joined);
      setSoaId(joined.session.soas[0]?.id ?? '');
      throw new Error('Choose which SOA to open.');
    });
  };
  return (
    <section className="card" aria-labelledby="join-heading">
      <h2 id="join-heading">Join your partnership</h2>
      <p>
        {servedByRelay
          ? `Use the invite token your coordinator sent you. This page syncs with the relay it came from, ${window.location.host}.`
          : 'Use the relay address and invite token your coordinator sent you.'}
      </p>
      {choice ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onJoin('Opening the SOA', () => choice.open(soaId));
          }}
        >
          <Select
            label="SOA"
            value={soaId}
            options={choice.session.soas.map((soa) => ({ value: soa.id, label: soa.title }))}
            onChange={setSoaId}
          />
          <button type="submit" className="button" disabled={disabled}>
            Open
          </button>
        </form>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          {(!servedByRelay || otherRelay) && (
            <div className="field">
              <label htmlFor="join-relay">Relay address</label>
              <input
                id="join-relay"
                value={relay}
                required
                autoComplete="url"
                onChange={(event) => setRelay(event.target.value)}
                placeholder="https://relay.example.org"
              />
            </div>
          )}
          <div className="field">
            <label htmlFor="join-token">Invite token</label>
            <input
              id="join-token"
              value={token}
              required
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setToken(event.target.value)}
            />
          </div>
          <SharedComputerChoice checked={sharedComputer} onChange={setSharedComputer} />
          <button type="submit" className="button" disabled={disabled}>
            Join
          </button>
          {servedByRelay && !otherRelay && (
            <button type="button" className="button button-quiet" onClick={() => setOtherRelay(true)}>
              My invite is for a different relay
            </button>
          )}
        </form>
      )}
    </section>
  );
}

function NewSoaCard({
  disabled,
  onCreate,
}: {
  readonly disabled: boolean;
  readonly onCreate: (action: () => Promise<Workspace>) => void;
}) {
  const [title, setTitle] = useState('');
  const [area, setArea] = useState('');
  const [framework, setFramework] = useState<FrameworkId>('npf-2011');
  return (
    <section className="card" aria-labelledby="new-heading">
      <h2 id="new-heading">Start a new SOA</h2>
      <p>On this computer only. You write every section.</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const name = area.trim();
          onCreate(() =>
            createLocalSoa({
              title: title.trim() || `${name || 'Our'} Single Outcome Agreement 2013-2023`,
              area: name,
              partnershipName: name ? `${name} Community Planning Partnership` : '',
              framework,
            }),
          );
        }}
      >
        <div className="field">
          <label htmlFor="new-area">Council area</label>
          <input id="new-area" value={area} onChange={(event) => setArea(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="new-title">Title</label>
          <input
            id="new-title"
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            placeholder="Single Outcome Agreement 2013-2023"
          />
        </div>
        <Select
          label="National Performance Framework"
          value={framework}
          options={allFrameworks().map((candidate) => ({ value: candidate.id, label: candidate.name }))}
          onChange={(value) => {
            if (isFrameworkId(value)) setFramework(value);
          }}
        />
        <button type="submit" className="button" disabled={disabled}>
          Create SOA
        </button>
      </form>
    </section>
  );
}
