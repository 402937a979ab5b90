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

  const enterToken = useCallback(() => {
    if (!workspace?.entry.relayUrl) return;
    const token = window.prompt('Your invite token for this partnership');
    if (!token) return;
    const relayUrl = normaliseRelayUrl(workspace.entry.relayUrl);
    void storeToken(relayUrl, token.trim()).then(() => workspace.connect(token.trim()));
  }, [workspace]);

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
    </WorkspaceContext.Provider>
  );
}
