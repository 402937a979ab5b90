/**
 * "Import a change file": the app sends the file to the relay (POST /api/bundles), which checks it and
 * applies it through its one write pipeline; the changes then reach every open copy, this one included.
 * Importing needs a link: the relay is the one that checks a change file.
 */
import { BUNDLES_PATH, bundleImportResultSchema, type BundleImportResponse } from '../../../shared/api/bundles';

export type ChangeFileImport =
  | { readonly kind: 'imported'; readonly result: BundleImportResponse }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'no-link'; readonly message: string };

export const NEEDS_A_LINK =
  'Importing a change file needs a link to the relay, which checks the file and passes the changes on. Try again when you are connected; the file keeps.';

export async function importChangeFile(
  relay: { readonly url: string; readonly token: string } | null,
  text: string,
): Promise<ChangeFileImport> {
  if (!relay)
    return {
      kind: 'refused',
      message:
        'Sign in with your invite token first: the relay accepts change files only from members of the partnership.',
    };
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return { kind: 'no-link', message: NEEDS_A_LINK };
  let response: Response;
  try {
    response = await fetch(`${relay.url}${BUNDLES_PATH}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${relay.token}`, 'Content-Type': 'application/json' },
      body: text,
    });
  } catch {
    return { kind: 'no-link', message: NEEDS_A_LINK };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error =
      body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
        ? (body as { error: string }).error
        : null;
    return { kind: 'refused', message: error ?? `The relay could not import the file (error ${response.status}).` };
  }
  const parsed = bundleImportResultSchema.safeParse(body);
  if (!parsed.success)
    return { kind: 'refused', message: 'The relay sent an answer this version of SOA Studio does not understand.' };
  return { kind: 'imported', result: parsed.data };
}

/** One room's outcome in plain words. */
export function describeRoomImport(room: BundleImportResponse['rooms'][number], anyChanged: boolean): string {
  if (!room.applied) return `refused: ${room.reason ?? 'the relay did not say why.'}`;
  const changed = room.changed ?? anyChanged;
  return changed ? 'applied' : 'already there (nothing new in the file)';
}
