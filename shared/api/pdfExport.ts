/**
 * The relay's PDF export (issue 14, "A PDF for publication"), for the app's "Export PDF" button.
 *
 * GET /api/capabilities (Authorization: Bearer <token>): what this relay can do beyond sync, so the app can say
 * before anyone waits whether a PDF can be made. GET /api/soas/<soaId>/pdf (same header): the SOA as the relay
 * stores it, as a tagged PDF with bookmarks (application/pdf). Both refuse a missing or unknown token (401) and a
 * revoked one (403) as /api/session does; the PDF of an SOA of another partnership, or of none, is 404; a relay
 * without LibreOffice, or one busy with other PDFs, answers 503 with `{ error }` in plain English.
 */
import { z } from 'zod';

export { CAPABILITIES_PATH, soaIdOfPdfPath, soaPdfPath } from './pdfPaths';

export const capabilitiesResponseSchema = z.object({
  pdf: z.object({
    available: z.boolean(),
    /** What the app tells the member: why not, or what to expect. */
    message: z.string().max(1000),
  }),
});

export type CapabilitiesResponse = z.infer<typeof capabilitiesResponseSchema>;
