/**
 * The PDF of a partnership SOA, made by its relay with LibreOffice (shared/api/pdfExport.ts). The app has no
 * LibreOffice of its own, so a PDF needs the relay, and every way that can fail is said in words the officer
 * can act on: offline, the relay unreachable, no LibreOffice on the relay, busy, or refused.
 */
import { CAPABILITIES_PATH, capabilitiesResponseSchema, soaPdfPath } from '../../../shared/api/pdfExport';
import { apiErrorSchema } from '../../../shared/api/session';

export interface RelayAccess {
  readonly url: string;
  readonly token: string;
}

export const OFFLINE_MESSAGE =
  'You are offline, so the relay cannot make the PDF now. Export to Word works offline; try the PDF again when you are connected.';

function unreachable(url: string): string {
  return `Could not reach the relay at ${url}, so it cannot make the PDF now. Check your connection and try again, or export to Word.`;
}

async function errorOf(response: Response): Promise<string> {
  const body = apiErrorSchema.safeParse(await response.json().catch(() => null));
  return body.success
    ? body.data.error
    : `The relay answered with an error (${response.status}) and made no PDF. Export to Word instead.`;
}

async function ask(access: RelayAccess, path: string): Promise<Response> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new Error(OFFLINE_MESSAGE);
  try {
    return await fetch(`${access.url}${path}`, {
      headers: { Authorization: `Bearer ${access.token}` },
      cache: 'no-store',
    });
  } catch {
    throw new Error(
      typeof navigator !== 'undefined' && navigator.onLine === false ? OFFLINE_MESSAGE : unreachable(access.url),
    );
  }
}

/** Whether the relay can make PDFs; throws with the reason when it cannot (or cannot be asked). */
export async function relayCanMakePdf(access: RelayAccess): Promise<string> {
  const response = await ask(access, CAPABILITIES_PATH);
  // A relay from before the PDF export answers 404: it has no LibreOffice route at all.
  if (response.status === 404)
    throw new Error('This relay cannot make PDFs (it is an older version). Export to Word instead.');
  if (!response.ok) throw new Error(await errorOf(response));
  const parsed = capabilitiesResponseSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new Error('The relay sent an answer this version of SOA Studio does not understand.');
  if (!parsed.data.pdf.available) throw new Error(parsed.data.pdf.message);
  return parsed.data.pdf.message;
}

/** The SOA's PDF as the relay stores it, and the file name the relay suggests. */
export async function fetchSoaPdf(
  access: RelayAccess,
  soaId: string,
): Promise<{ readonly bytes: Uint8Array; readonly fileName: string | null }> {
  const response = await ask(access, soaPdfPath(soaId));
  if (!response.ok) throw new Error(await errorOf(response));
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (
    response.headers.get('content-type') !== 'application/pdf' ||
    !new TextDecoder().decode(bytes.subarray(0, 5)).startsWith('%PDF-')
  ) {
    throw new Error('The relay did not send a PDF. Try again, or export to Word.');
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  let fileName: string | null = null;
  try {
    fileName = encoded ? decodeURIComponent(encoded) : null;
  } catch {
    fileName = null;
  }
  return { bytes, fileName };
}
