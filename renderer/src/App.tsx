/**
 * The app: the welcome screen, or an open SOA. Reopens the last SOA on start (so a reload or restart lands
 * where the officer was, with no network), warns before closing while changes are not yet safe on this
 * computer, and asks for the invite token when a partnership SOA was reopened without one.
 */
import { useCallback, useEffect, useState } from 'react';
import { forgetLastWorkspace, lastWorkspace, normaliseRelayUrl, storeToken } from './store/catalogue';
import { openWorkspace } from './store/open';
import type { Workspace } from './store/workspace';
import { WorkspaceContext } from './hooks';
import { Shell } from './components/Shell';
import { Welcome } from './components/Welcome';
import { PromptDialog } from './components/Dialog';
import { bridge } from './store/catalogue';

export function App() {
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [starting, setStarting] = useState(() => lastWorkspace() !== null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const entry = lastWorkspace();
    if (!entry) return;
    let cancelled = false;
    openWorkspace(entry).then(
      (opened) => {
        if (cancelled) opened.dispose();
        else setWorkspace(opened);
        setStarting(false);
      },
      (caught: unknown) => {
        setError(`The SOA could not be opened: ${caught instanceof Error ? caught.message : String(caught)}`);
        setStarting(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!workspace) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      workspace.flushNow();
      if (workspace.hasUnsavedLocalChanges) {
        event.preventDefault();
        event.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [workspace]);

  const leave = useCallback(() => {
    workspace?.dispose();
    forgetLastWorkspace();
    window.location.hash = '';
    setWorkspace(null);
  }, [workspace]);

  // A partnership SOA reopened without its token (the browser keeps it only for the session): ask in a form.
  const [askingToken, setAskingToken] = useState(false);
  const enterToken = useCallback(() => {
    if (workspace?.entry.relayUrl) setAskingToken(true);
  }, [workspace]);
  const submitToken = (token: string) => {
    setAskingToken(false);
    if (!workspace?.entry.relayUrl) return;
    const relayUrl = normaliseRelayUrl(workspace.entry.relayUrl);
    void storeToken(relayUrl, token).then(
      () => workspace.connect(token),
      () => workspace.connect(token),
    );
  };

  if (starting) {
    return (
      <main className="welcome" aria-labelledby="starting-heading">
        <h1 id="starting-heading" role="status">
          Opening your SOA…
        </h1>
      </main>
    );
  }
  if (!workspace) {
    return (
      <Welcome
        initialError={error}
        onOpen={(opened) => {
          window.location.hash = '';
          setWorkspace(opened);
        }}
      />
    );
  }
  return (
    <WorkspaceContext.Provider value={workspace}>
      <Shell key={workspace.soaId} onLeave={leave} onEnterToken={enterToken} />
      {askingToken && workspace.entry.relayUrl && (
        <PromptDialog
          title="Enter your invite token"
          intro={
            <p>
              To sync {workspace.entry.title} with {new URL(workspace.entry.relayUrl).host}, enter the invite token your coordinator sent you.{' '}
              {bridge()
                ? 'SOA Studio keeps it in this computer’s secure store where there is one; otherwise only until you close the app.'
                : 'This browser keeps it only until the browser is closed, so you will be asked again next time.'}
            </p>
          }
          field={{ label: 'Invite token', type: 'password', autoComplete: 'off' }}
          submitLabel="Sync with the partnership"
          validate={(value) => (value ? null : 'Enter your invite token.')}
          onSubmit={submitToken}
          onCancel={() => setAskingToken(false)}
        />
      )}
    </WorkspaceContext.Provider>
  );
}
