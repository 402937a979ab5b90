/**
 * The relay's PDF export (shared/api/pdfExport.ts): an SOA as the relay has stored it, exported to Word by the
 * same pipeline as everywhere else and converted by LibreOffice (libreOfficePdf.ts) into a tagged PDF with
 * bookmarks and the contents' page numbers.
 *
 * A conversion takes LibreOffice most of a minute and a good part of a CPU, so the relay makes one PDF at a
 * time and keeps a short queue; beyond it a member is told to try again shortly rather than left waiting.
 * Whether LibreOffice is installed is looked up again after a minute, so installing it needs no restart.
 */
import type { SoaId } from '../../shared/model/ids';
import { assembleFromDocs } from '../../shared/model/assemble';
import { todayIso } from '../../shared/text/dates';
import type { Directory } from '../db/directory';
import { docxToPdf, LibreOfficeMissing, locatePdfTools, type PdfTools } from './libreOfficePdf';

/** PDFs waiting behind the one being made. */
const MAX_WAITING = 3;
const TOOLS_RECHECK_MS = 60_000;

/** The relay cannot make this PDF now (answered 503); `retryAfterSeconds` when trying again later will help. */
export class PdfUnavailable extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export interface MadePdf {
  readonly pdf: Uint8Array;
  /** "Glenmore SOA 2013-2023 (Draft v0.3).pdf" */
  readonly fileName: string;
}

export class PdfExports {
  private tools: { readonly at: number; readonly found: Promise<PdfTools | string> } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(
    private readonly directory: Directory,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** LibreOffice and its bridge, or the plain-English reason there is none. */
  private findTools(): Promise<PdfTools | string> {
    if (!this.tools || Date.now() - this.tools.at > TOOLS_RECHECK_MS) {
      const found = locatePdfTools(this.env).catch((error: unknown) => {
        if (error instanceof LibreOfficeMissing) return 'This relay cannot make PDFs: LibreOffice is not installed on it. Export to Word instead, or ask the relay\u2019s administrator to install LibreOffice.';
        throw error;
      });
      this.tools = { at: Date.now(), found };
    }
    return this.tools.found;
  }

  async capability(): Promise<{ available: boolean; message: string }> {
    const tools = await this.findTools();
    if (typeof tools === 'string') return { available: false, message: tools };
    return {
      available: true,
      message: tools.python
        ? 'The relay makes the PDF with LibreOffice from the SOA as the relay has it. This can take a minute.'
        : 'The relay makes the PDF with LibreOffice from the SOA as the relay has it, without page numbers in the contents (LibreOffice\u2019s Python bridge is not installed). This can take a minute.',
    };
  }

  /** The whole SOA as a PDF. The caller has checked that the member may read it. */
  async make(soaId: SoaId): Promise<MadePdf> {
    const tools = await this.findTools();
    if (typeof tools === 'string') throw new PdfUnavailable(tools);
    if (this.waiting >= MAX_WAITING) throw new PdfUnavailable('The relay is busy making other PDFs. Try again in a few minutes.', 120);
    this.waiting++;
    const turn = this.queue.then(() => this.convert(soaId, tools));
    this.queue = turn.catch(() => undefined);
    try {
      return await turn;
    } finally {
      this.waiting--;
    }
  }

  private async convert(soaId: SoaId, tools: PdfTools): Promise<MadePdf> {
    const rooms = this.directory.readSoaRooms(soaId);
    // Loaded on first use, as soa-relay export does: a relay that never makes a PDF never holds the Word library.
    const { exportSoaDocx, suggestedExportFileName } = await import('../../shared/export');
    const snapshot = assembleFromDocs(rooms.frame, rooms.partnerDocs);
    const options = { scope: { kind: 'whole' as const }, generatedOn: todayIso(), author: snapshot.meta.partnershipName || undefined };
    const docx = await exportSoaDocx(snapshot, options);
    const { pdf } = await docxToPdf(docx, { soffice: tools.soffice, python: tools.python });
    return { pdf, fileName: suggestedExportFileName(snapshot, options).replace(/\.docx$/, '.pdf') };
  }
}
