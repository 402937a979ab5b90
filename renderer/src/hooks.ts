/** React hooks over the workspace: snapshots to read (subscribe/snapshot API) and commands to write. */
import { createContext, useContext, useMemo, useSyncExternalStore } from 'react';
import type { PartnerId } from '../../shared/model';
import type { FrameCommands, PartnerCommands } from './store/commands';
import type { CommentsState, DocumentState, PresencePeer, SyncSummary, Workspace } from './store/workspace';
import type { Location, Route } from './routes';

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside a workspace');
  return workspace;
}

export function useDocState(): DocumentState {
  const workspace = useWorkspace();
  return useSyncExternalStore(workspace.subscribe, workspace.getDocState);
}

export function useComments(): CommentsState {
  const workspace = useWorkspace();
  return useSyncExternalStore(workspace.subscribeComments, workspace.getComments);
}

export function useSync(): SyncSummary {
  const workspace = useWorkspace();
  return useSyncExternalStore(workspace.subscribeSync, workspace.getSync);
}

export function usePresence(): readonly PresencePeer[] {
  const workspace = useWorkspace();
  return useSyncExternalStore(workspace.subscribePresence, workspace.getPresence);
}

/** The frame's writes (and rich-text fragments). The snapshot follows every write by itself. */
export function useFrameCommands(): FrameCommands {
  const workspace = useWorkspace();
  return useMemo(() => workspace.frameCommands, [workspace]);
}

/** A partner's writes (and rich-text fragments). The snapshot follows every write by itself. */
export function usePartnerCommands(partnerId: PartnerId): PartnerCommands {
  const workspace = useWorkspace();
  return useMemo(() => workspace.partnerCommands(partnerId), [workspace, partnerId]);
}

export interface Navigator {
  readonly location: Location;
  go(route: Route, focus?: string | null): void;
}

export const NavigationContext = createContext<Navigator | null>(null);

export function useNavigation(): Navigator {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside the shell');
  return navigation;
}
