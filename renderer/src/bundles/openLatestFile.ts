/**
 * Opening a latest file (for an officer with no link): applied to this computer's copy only when its
 * signature checks against the relay key remembered at joining and its SOA is this one, of the member's
 * partnership. Anything else is refused with a plain message and nothing in the copy changes.
 */
import { parseLatestBundle } from '../../../shared/bundle/latestFile';
import { formatUkDate } from '../../../shared/text/dates';
import type { Workspace } from '../store/workspace';
import { rememberedRelayKey } from './relayKeyMemory';
import { signedByRelay } from './verifyLatest';

export type LatestFileOutcome =
  | { readonly kind: 'applied'; readonly createdOn: string }
  | { readonly kind: 'refused'; readonly message: string };

const NOTHING = 'Nothing on this computer was changed.';

export async function openLatestFile(workspace: Workspace, text: string): Promise<LatestFileOutcome> {
  const parsed = parseLatestBundle(text);
  if (!parsed.ok) return { kind: 'refused', message: `${parsed.reason} ${NOTHING}` };
  const { bundle, updates, signature } = parsed;
  const session = workspace.entry.session;
  const trusted = rememberedRelayKey(workspace.entry);
  if (!session || !trusted)
    return {
      kind: 'refused',
      message: `SOA Studio does not know your relay’s signature yet, so it cannot check this file. Open this SOA once while connected, then try again. ${NOTHING}`,
    };
  const soa = session.soas.find((candidate) => candidate.id === bundle.soaId);
  if (!soa)
    return { kind: 'refused', message: `This file is for an SOA that is not one of your partnership’s. ${NOTHING}` };
  if (bundle.soaId !== workspace.soaId)
    return {
      kind: 'refused',
      message: `This file is for “${soa.title}”. Open that SOA, then open the file there. ${NOTHING}`,
    };
  if (!(await signedByRelay(bundle, signature, trusted))) {
    return {
      kind: 'refused',
      message: `This file was not signed by your partnership’s relay, or was changed after it was saved, so it cannot be trusted. Ask for a new copy. ${NOTHING}`,
    };
  }
  for (const [index, entry] of bundle.rooms.entries()) {
    const update = updates[index];
    if (update) workspace.applyFromElsewhere(entry.room, update);
  }
  return { kind: 'applied', createdOn: formatUkDate(bundle.createdAt.slice(0, 10)) };
}
