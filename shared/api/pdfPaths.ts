/**
 * The paths of the relay's PDF export (pdfExport.ts). Apart from the answers' schemas, so the relay can route
 * requests without loading zod at start: a relay serving only websockets never needs it.
 */
export const CAPABILITIES_PATH = '/api/capabilities';

/** The path of an SOA's PDF. */
export function soaPdfPath(soaId: string): string {
  return `/api/soas/${encodeURIComponent(soaId)}/pdf`;
}

/** The SOA id of a PDF path, or null for any other path. */
export function soaIdOfPdfPath(rawPath: string): string | null {
  return /^\/api\/soas\/([A-Za-z0-9_-]{1,64})\/pdf$/.exec(rawPath)?.[1] ?? null;
}
