/**
 * The app: the welcome screen, or an open SOA. Reopens the last SOA on start (so a reload or restart lands
 * where the officer was, with no network), warns before closing while changes are not yet safe on this
 * computer, asks for the invite token when a partnership SOA was reopened without one, and signs out.
 */
import { useCallback, useEffect, useState } from 'react';
import { forgetLastWorkspace, lastWorkspace, normaliseRelayUrl } from './store/catalogue';
import { signOut, storeToken } from './store/membership';
import { openWorkspace } from './store/open';
import type { Workspace } from './store/workspace';
import { WorkspaceContext } from './hooks';
import { Shell } from './components/Shell';
import { Welcome } from './components/Welcome';
import { PromptDialog } from './components/Dialog';
import { SharedComputerChoice } from './components/SharedComputerChoice';

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

  // Sign out: the token leaves this computer; the SOA's copy stays, and what is unsent is sent after signing in again.
  const signOutHere = useCallback(async () => {
    const relayUrl = workspace?.entry.relayUrl;
    if (relayUrl) await signOut(normaliseRelayUrl(relayUrl));
    leave();
  }, [workspace, leave]);

  // A partnership SOA reopened without its token (signed out, or a shared computer): ask in a form.
  const [askingToken, setAskingToken] = useState(false);
  const [sharedComputer, setSharedComputer] = useState(false);
  const enterToken = useCallback(() => {
    if (workspace?.entry.relayUrl) setAskingToken(true);
  }, [workspace]);
  const submitToken = (token: string) => {
    setAskingToken(false);
    if (!workspace?.entry.relayUrl) return;
    const relayUrl = normaliseRelayUrl(workspace.entry.relayUrl);
    void storeToken(relayUrl, token, { sharedComputer }).then(
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
      <Shell key={workspace.soaId} onLeave={leave} onSignOut={signOutHere} onEnterToken={enterToken} />
      {askingToken && workspace.entry.relayUrl && (
        <PromptDialog
          title="Enter your invite token"
          intro={
            <>
              <p>
                To sync {workspace.entry.title} with {new URL(workspace.entry.relayUrl).host}, enter the invite token
                your coordinator sent you.
              </p>
              <SharedComputerChoice checked={sharedComputer} onChange={setSharedComputer} />
            </>
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
