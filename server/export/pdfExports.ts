/**
 * The relay's PDF export (shared/api/pdfExport.ts): an SOA as the relay has stored it, exported to Word by the
 * same pipeline as everywhere else and converted by LibreOffice (libreOfficePdf.ts) into a tagged PDF with
 * bookmarks and the contents' page numbers.
 *
 * A conversion takes LibreOffice most of a minute and a good part of a CPU, so the relay makes one PDF at a
 * time and keeps a short queue; beyond it a member is told to try again shortly rather than left waiting.
 * Building the Word file takes a second or so of CPU, which would hold up every room's sync if done in the
 * relay's own event loop, so where the relay was started by its launcher the work is done by `soa-relay export
 * --pdf` in a child process (the same pipeline, reading the same database); otherwise (a relay started inside
 * a test) it is done here.
 * Whether LibreOffice is installed is looked up again after a minute, so installing it needs no restart.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { SoaId } from '../../shared/model/ids';
import { assembleFromDocs } from '../../shared/model/assemble';
import { suggestedFileName } from '../../shared/export/fileName';
import { todayIso } from '../../shared/text/dates';
import type { Directory } from '../db/directory';
import { docxToPdf, LibreOfficeMissing, locatePdfTools, type PdfTools } from './libreOfficePdf';

/** PDFs waiting behind the one being made. */
const MAX_WAITING = 3;
const CHILD_TIMEOUT_MS = 600_000;
const run = promisify(execFile);

/** How to run `soa-relay export` as a child: the launcher script and the relay's database file. */
export interface PdfExporter {
  readonly launcher: string;
  readonly dbFile: string;
}
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
  /** Where the Word file was built: a child `soa-relay export`, or the relay's own process. */
  readonly builtIn: 'child' | 'relay';
}

export class PdfExports {
  private tools: { readonly at: number; readonly found: Promise<PdfTools | string> } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(
    private readonly directory: Directory,
    private readonly exporter: PdfExporter | null = null,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** LibreOffice and its bridge, or the plain-English reason there is none. */
  private findTools(): Promise<PdfTools | string> {
    if (!this.tools || Date.now() - this.tools.at > TOOLS_RECHECK_MS) {
      const found = locatePdfTools(this.env).catch((error: unknown) => {
        if (error instanceof LibreOfficeMissing)
          return 'This relay cannot make PDFs: LibreOffice is not installed on it. Export to Word instead, or ask the relay\u2019s administrator to install LibreOffice.';
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
    if (this.waiting >= MAX_WAITING)
      throw new PdfUnavailable('The relay is busy making other PDFs. Try again in a few minutes.', 120);
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
    const snapshot = assembleFromDocs(rooms.frame, rooms.partnerDocs);
    // The options soa-relay export uses, so both ways give the same document.
    const options = {
      scope: { kind: 'whole' as const },
      generatedOn: todayIso(),
      author: snapshot.meta.partnershipName || undefined,
    };
    const fileName = suggestedFileName(snapshot, options).replace(/\.docx$/, '.pdf');
    if (this.exporter)
      return { pdf: await this.convertInChild(this.exporter, soaId, tools), fileName, builtIn: 'child' };
    // Loaded on first use, as soa-relay export does: a relay that never makes a PDF never holds the Word library.
    const { exportSoaDocx } = await import('../../shared/export');
    const docx = await exportSoaDocx(snapshot, options);
    const { pdf } = await docxToPdf(docx, { soffice: tools.soffice, python: tools.python });
    return { pdf, fileName, builtIn: 'relay' };
  }

  private async convertInChild(exporter: PdfExporter, soaId: SoaId, tools: PdfTools): Promise<Uint8Array> {
    const folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'soa-relay-pdf-'));
    try {
      const out = path.join(folder, 'soa.pdf');
      const args = [
        exporter.launcher,
        'export',
        '--db',
        exporter.dbFile,
        '--soa',
        soaId,
        '--out',
        out,
        '--pdf',
        '--json',
      ];
      try {
        await run(process.execPath, args, {
          timeout: CHILD_TIMEOUT_MS,
          windowsHide: true,
          env: { ...this.env, SOA_LIBREOFFICE: tools.soffice },
        });
      } catch (error) {
        const failure = error as { stderr?: string; killed?: boolean };
        const said = (failure.stderr ?? '')
          .trim()
          .split('\n')
          .filter(Boolean)
          .at(-1)
          ?.replace(/^soa-relay: /, '');
        throw new Error(
          failure.killed ? 'LibreOffice did not finish in time' : (said ?? 'the export stopped without saying why'),
        );
      }
      return new Uint8Array(await fs.promises.readFile(out));
    } finally {
      await fs.promises.rm(folder, { recursive: true, force: true });
    }
  }
}
