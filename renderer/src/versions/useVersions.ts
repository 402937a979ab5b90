/** The Versions page's and the dashboard's view of the SOA's named versions (versionStore.ts). */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useWorkspace } from '../hooks';
import { versionStoreFor, type VersionStore, type VersionsState } from './versionStore';

export function useVersionStore(): VersionStore {
  const workspace = useWorkspace();
  return useMemo(() => versionStoreFor(workspace.soaId, () => workspace.relayAccess), [workspace]);
}

/** The versions, fetched again when a page showing them opens. */
export function useVersions(): { readonly state: VersionsState; readonly store: VersionStore } {
  const store = useVersionStore();
  const state = useSyncExternalStore(store.subscribe, store.get);
  useEffect(() => {
    void store.refresh();
    // Back to the app (another window, another tab): a coordinator may have recorded one meanwhile.
    const onFocus = () => void store.refresh();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [store]);
  return { state, store };
}
