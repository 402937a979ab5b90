/**
 * "Save the latest SOA for someone offline": the relay's signed latest file of this SOA (GET
 * /api/soas/<id>/latest), saved as it came, for an officer with no link to open in SOA Studio.
 */
import { soaLatestPath } from '../../../shared/api/latest';
import { latestFileName } from '../../../shared/bundle/fileName';
import { todayIso } from '../../../shared/text/dates';
import type { Workspace } from '../store/workspace';
import { saveBytes } from '../export/saveBytes';
import { BUNDLE_FILTER, BUNDLE_MIME } from './bundleFileType';

export type SaveLatestOutcome =
  | { readonly kind: 'saved'; readonly fileName: string; readonly savedTo: string | null }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'impossible'; readonly message: string };

export async function saveLatestFile(workspace: Workspace, soaTitle: string): Promise<SaveLatestOutcome> {
  const access = workspace.relayAccess;
  if (!access)
    return {
      kind: 'impossible',
      message:
        'Sign in with your invite token first: the relay gives the latest SOA only to members of the partnership.',
    };
  const noLink = 'Saving the latest SOA needs a link to the relay, which signs it. Try again when you are connected.';
  if (navigator.onLine === false) return { kind: 'impossible', message: noLink };
  let response: Response;
  try {
    response = await fetch(`${access.url}${soaLatestPath(workspace.soaId)}`, {
      headers: { Authorization: `Bearer ${access.token}` },
    });
  } catch {
    return { kind: 'impossible', message: noLink };
  }
  if (!response.ok) {
    let message = `The relay could not give the latest SOA (error ${response.status}).`;
    try {
      const body = (await response.json()) as { error?: unknown };
      if (typeof body.error === 'string') message = body.error;
    } catch {
      // The status says enough.
    }
    return { kind: 'impossible', message };
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const fileName = latestFileName(soaTitle || 'SOA', todayIso());
  const saved = await saveBytes(bytes, fileName, BUNDLE_FILTER, BUNDLE_MIME);
  return saved.cancelled ? { kind: 'cancelled' } : { kind: 'saved', fileName, savedTo: saved.savedTo };
}
