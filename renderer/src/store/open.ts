/** The three ways in: a new local SOA, the sample SOA, or joining a partnership through a relay. */
import { newId, type SoaId } from '../../../shared/model';
import type { FrameworkId } from '../../../shared/reference';
import type { SessionResponse } from '../../../shared/api/session';
import { fetchSession, saveWorkspace, type WorkspaceEntry } from './catalogue';
import { loadToken, storeToken, type KeepChoice } from './membership';
import { Workspace, type Identity } from './workspace';

const LOCAL_AUTHOR: Identity = { kind: 'local', name: 'You' };

export async function openWorkspace(entry: WorkspaceEntry): Promise<Workspace> {
  const identity =
    entry.kind === 'relay' && entry.session ? Workspace.identityFromSession(entry.session) : LOCAL_AUTHOR;
  const workspace = new Workspace(entry, identity);
  if (entry.kind === 'relay' && entry.relayUrl) {
    const token = await loadToken(entry.relayUrl);
    if (token) workspace.connect(token);
  }
  await workspace.whenLoaded();
  saveWorkspace({ ...entry, openedAt: new Date().toISOString() });
  return workspace;
}

export interface NewSoaForm {
  readonly title: string;
  readonly area: string;
  readonly partnershipName: string;
  readonly framework: FrameworkId;
}

export async function createLocalSoa(form: NewSoaForm): Promise<Workspace> {
  const soaId = newId<SoaId>();
  const entry: WorkspaceEntry = { soaId, kind: 'local', title: form.title, openedAt: new Date().toISOString() };
  const workspace = new Workspace(entry, LOCAL_AUTHOR);
  await workspace.whenLoaded();
  const frame = workspace.frame;
  frame.initialise({
    soaId,
    title: form.title,
    area: form.area,
    partnershipName: form.partnershipName,
    framework: form.framework,
    periodStart: 2013,
    periodEnd: 2023,
  });
  if (form.area.trim()) frame.addPartner({ name: `${form.area.trim()} Council`, kind: 'council' });
  await workspace.whenLoaded();
  saveWorkspace(entry);
  return workspace;
}

/** Joins with an invite: asks the relay who I am, keeps the token as chosen, and opens the chosen SOA. */
export async function joinPartnership(
  relayUrl: string,
  token: string,
  choice: KeepChoice,
): Promise<{ session: SessionResponse; open: (soaId: string) => Promise<Workspace> }> {
  const session = await fetchSession(relayUrl, token);
  await storeToken(relayUrl, token, choice);
  return {
    session,
    open: async (soaId: string) => {
      const soa = session.soas.find((candidate) => candidate.id === soaId);
      if (!soa) throw new Error('That SOA is not available to you.');
      const entry: WorkspaceEntry = {
        soaId,
        kind: 'relay',
        title: soa.title,
        relayUrl,
        session,
        openedAt: new Date().toISOString(),
      };
      return openWorkspace(entry);
    },
  };
}
