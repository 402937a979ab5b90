/**
 * The relay key this computer trusts for latest files: learnt from /api/session when the member joins and
 * kept with the membership (the workspace entry's session). A membership made before relays had a key
 * learns it the next time the SOA is open with a link, over the same authenticated request as joining.
 * A remembered key is never replaced: a file signed by any other key is refused.
 */
import { fetchSession, listWorkspaces, saveWorkspace, type WorkspaceEntry } from '../store/catalogue';

function storedEntry(entry: WorkspaceEntry): WorkspaceEntry | undefined {
  return listWorkspaces().find((candidate) => candidate.soaId === entry.soaId && candidate.relayUrl === entry.relayUrl);
}

export function rememberedRelayKey(entry: WorkspaceEntry): string | null {
  return entry.session?.relayKey ?? storedEntry(entry)?.session?.relayKey ?? null;
}

export async function learnRelayKeyIfMissing(
  entry: WorkspaceEntry,
  relay: { readonly url: string; readonly token: string },
): Promise<void> {
  if (rememberedRelayKey(entry)) return;
  const session = await fetchSession(relay.url, relay.token);
  const stored = storedEntry(entry);
  if (!session.relayKey || !stored?.session || stored.session.relayKey) return;
  saveWorkspace({ ...stored, session: { ...stored.session, relayKey: session.relayKey } });
}
