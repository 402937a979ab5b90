/**
 * The file name the export suggests: "Glenmore SOA 2013-2023 (Draft v0.3).docx". It must be valid on Windows,
 * macOS and Linux whatever the partnership typed, so characters those systems reserve are replaced, control
 * characters dropped, the length capped and Windows' reserved device names avoided.
 */
import type { SoaSnapshot } from '../model/assemble';
import type { ExportOptions } from './context';
import { areaName, documentStatus, periodLabel } from './labels';
import { cleanLine } from './sanitize';

const MAX_NAME = 120;

/** Makes one piece of a file name safe: no reserved or control characters, no leading or trailing dots and spaces. */
export function safeFileNamePart(text: string): string {
  return cleanLine(text)
    .replace(/[<>:"/\\|?*\u0000-\u001F\u007F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
}

export function suggestedFileName(snapshot: SoaSnapshot, options: ExportOptions): string {
  const scope = options.scope;
  const partner =
    scope.kind === 'partner' ? snapshot.partners.find((candidate) => candidate.id === scope.partnerId) : undefined;
  let base = safeFileNamePart(`${areaName(snapshot)} SOA ${periodLabel(snapshot)}`) || 'SOA';
  if (partner) base += ` - ${safeFileNamePart(partner.name) || 'partner'}`;
  const status = safeFileNamePart(documentStatus(snapshot));
  const suffix = ` (${status}).docx`;
  // Cap by code points so an emoji is never cut in half.
  const chars = [...base];
  if (chars.length + suffix.length > MAX_NAME)
    base = chars
      .slice(0, MAX_NAME - suffix.length)
      .join('')
      .trimEnd();
  // CON, PRN, AUX, NUL, COM1-9 and LPT1-9 are device names on Windows, with any extension.
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base)) base = `${base} SOA`;
  return `${base}${suffix}`;
}
