/**
 * "Save my unsent changes to a file": the member's changes the relay has not acknowledged, as a change file
 * (shared/bundle/FORMAT.md) sealed with their token, saved through the desktop dialog or downloaded.
 */
import { toBase64 } from 'lib0/buffer';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../../../shared/bundle/changeFile';
import { changeFileName } from '../../../shared/bundle/fileName';
import type { MemberId } from '../../../shared/model';
import { todayIso } from '../../../shared/text/dates';
import type { Workspace } from '../store/workspace';
import { signChangeBundle } from './bundleCrypto';
import { saveBytes } from '../export/saveBytes';
import { BUNDLE_FILTER, BUNDLE_MIME } from './bundleFileType';

export type SaveChangeFileOutcome =
  | { readonly kind: 'saved'; readonly fileName: string; readonly savedTo: string | null; readonly rooms: number }
  | { readonly kind: 'nothing' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'impossible'; readonly message: string };

export async function saveChangeFile(
  workspace: Workspace,
  soaTitle: string,
  now: Date = new Date(),
): Promise<SaveChangeFileOutcome> {
  const identity = workspace.identity;
  const access = workspace.relayAccess;
  if (identity.kind !== 'member')
    return { kind: 'impossible', message: 'This SOA is on this computer only: there is no relay to send changes to.' };
  if (!access)
    return {
      kind: 'impossible',
      message: 'Sign in with your invite token first: a change file is sealed with it so the relay knows it is yours.',
    };
  // Comments written earlier and not yet sent are in the comment rooms, read after the first screen.
  await workspace.startComments();
  workspace.flushNow();
  const unsent = workspace.unsentUpdates();
  if (unsent.length === 0) return { kind: 'nothing' };
  const bundle = await signChangeBundle(
    {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      kind: 'changes',
      soaId: workspace.soaId,
      memberId: identity.memberId as MemberId,
      createdAt: now.toISOString(),
      rooms: unsent.map((entry) => ({ room: entry.room, update: toBase64(entry.update) })),
    },
    access.token,
  );
  const fileName = changeFileName(soaTitle || 'SOA', identity.partnerName, todayIso(now));
  const saved = await saveBytes(
    new TextEncoder().encode(`${JSON.stringify(bundle)}\n`),
    fileName,
    BUNDLE_FILTER,
    BUNDLE_MIME,
  );
  if (saved.cancelled) return { kind: 'cancelled' };
  return { kind: 'saved', fileName, savedTo: saved.savedTo, rooms: unsent.length };
}
