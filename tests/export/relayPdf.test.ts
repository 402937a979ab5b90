/**
 * Issue 14, "the same in the app where the relay has LibreOffice": a real relay process makes the PDF of an SOA
 * as it has stored it, for members of that partnership only, and says plainly when it cannot.
 *
 * The PDF is tagged, has a bookmark for every chapter, as many pages as the .docx has in LibreOffice, and a
 * contents with page numbers. Tokens are refused as /api/session refuses them (401, 403), another
 * partnership's SOA and a made-up one are 404. A relay whose PATH has no soffice says in its capabilities and
 * in its answer that LibreOffice is not installed, and keeps serving.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilitiesResponseSchema, soaPdfPath } from '../../shared/api/pdfExport';
import { apiErrorSchema } from '../../shared/api/session';
import type { PartnerId, SoaId } from '../../shared/model/ids';
import { Directory } from '../../server/db/directory';
import { openDatabase } from '../../server/db/openDatabase';
import { PdfExports } from '../../server/export/pdfExports';
import { removeTempDir, tempDir } from '../support/tempDirs';
import { RELAY_BIN, startRelayProcess, type RelayProcess } from '../support/relayProcess';
import { convertToPdf, searchable } from './docxParts';
import { pdfBookmarks } from './pdfOutline';

const runAsync = promisify(execFile);

interface DemoMember {
  readonly role: string;
  readonly token: string;
  readonly partnerId: PartnerId;
}

describe('the relay\u2019s PDF export', () => {
  const dir = tempDir('soa-relay-pdf-');
  const db = path.join(dir, 'relay.db');
  let soaId = '';
  let members: DemoMember[] = [];
  let revoked = '';
  let outsider = '';
  let relay: RelayProcess | null = null;
  let pagesFromRelay = 0;

  const get = (urlPath: string, token?: string) =>
    fetch(`${relay!.url}${urlPath}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const tokenOf = (role: string) => members.find((member) => member.role === role)!.token;

  beforeAll(async () => {
    const demo = spawnSync(process.execPath, [RELAY_BIN, 'demo', '--db', db, '--json'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(demo.status, demo.stderr).toBe(0);
    ({ soaId, members } = JSON.parse(demo.stdout) as { soaId: string; members: DemoMember[] });
    // A revoked member of this partnership, and a member of another partnership with an SOA of its own.
    const database = openDatabase(db);
    const directory = new Directory(database);
    const gone = directory.inviteMember(members[0]!.partnerId, 'partner', 'Gone Person');
    directory.revokeMember(gone.memberId);
    revoked = gone.token;
    const other = directory.createPartnership('Other Community Planning Partnership');
    const otherPartner = directory.addPartner(other, 'Other Council', 'council');
    outsider = directory.inviteMember(otherPartner, 'coordinator', 'Otto Outsider').token;
    directory.createSoa({ partnership: other, title: 'Other SOA', framework: 'npf-2011' });
    database.close();
    relay = await startRelayProcess(db);
  }, 120_000);
  afterAll(async () => {
    if (relay) expect(await relay.stop()).toBe(0);
    removeTempDir(dir);
  });

  it('says it can make PDFs, to members only', async () => {
    const answer = await get('/api/capabilities', tokenOf('partner'));
    expect(answer.status).toBe(200);
    expect(capabilitiesResponseSchema.parse(await answer.json()).pdf).toEqual({
      available: true,
      message: expect.stringMatching(/LibreOffice/),
    });
    expect((await get('/api/capabilities')).status).toBe(401);
    expect((await get('/api/capabilities', revoked)).status).toBe(403);
  });

  it('refuses the PDF without a known token (401), to a revoked member (403), and for an SOA not of the member\u2019s partnership (404)', async () => {
    for (const [token, status] of [
      [undefined, 401],
      ['not-a-token', 401],
      [revoked, 403],
      [outsider, 404],
    ] as const) {
      const refused = await get(soaPdfPath(soaId), token);
      expect(refused.status, String(token)).toBe(status);
      expect(apiErrorSchema.parse(await refused.json()).error.length).toBeGreaterThan(10);
    }
    const none = await get(soaPdfPath('no-such-soa'), tokenOf('coordinator'));
    expect(none.status).toBe(404);
    expect(apiErrorSchema.parse(await none.json()).error).toMatch(/no such SOA/i);
  });

  it('gives a member the SOA it has stored as a tagged PDF with bookmarks, a paged contents and as many pages as the .docx in LibreOffice', async () => {
    const answer = await get(soaPdfPath(soaId), tokenOf('partner'));
    expect(
      answer.status,
      await answer
        .clone()
        .text()
        .catch(() => ''),
    ).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.headers.get('content-disposition')).toMatch(
      /^attachment; filename="[^"]+ SOA 2013-2023 \((?:Draft v[\d.]+|Agreed)\)\.pdf"/,
    );
    const pdfPath = path.join(dir, 'relay.pdf');
    fs.writeFileSync(pdfPath, new Uint8Array(await answer.arrayBuffer()));
    const { stdout: info } = await runAsync('pdfinfo', [pdfPath]);
    expect(info).toMatch(/Tagged:\s+yes/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    pagesFromRelay = pages;
    const chapters = pdfBookmarks(pdfPath).filter((bookmark) => bookmark.depth === 1);
    expect(chapters.length).toBeGreaterThan(10);
    // The contents has the page each chapter starts on (LibreOffice updated it).
    const { stdout: text } = await runAsync('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const contentsPage = text.split('\f').find((page) => /^\s*Contents\s*$/m.test(page)) ?? '';
    expect(contentsPage).toMatch(/Foreword and summary\s*\.{3,}\s*\d+/);
    // The same SOA as the relay exports it to Word, converted by LibreOffice, has the same number of pages.
    const docxPath = path.join(dir, 'relay.docx');
    const cli = spawnSync(process.execPath, [RELAY_BIN, 'export', '--db', db, '--soa', soaId, '--out', docxPath], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(cli.status, cli.stderr).toBe(0);
    const docxInLibreOffice = await convertToPdf(new Uint8Array(fs.readFileSync(docxPath)), 'relay-docx');
    expect(pages).toBe(docxInLibreOffice.pages);
    expect(searchable(text)).toContain(searchable('Single Outcome Agreement 2013-2023'));
    removeTempDir(docxInLibreOffice.directory);
    // The Word file was built by a child soa-relay export, not in the relay's event loop, which serves sync.
    expect(relay!.lines.filter((line) => line.includes('"pdf exported"'))).toEqual([
      expect.stringContaining('"builtIn":"child"'),
    ]);
  }, 400_000);

  it('makes the same PDF in the relay\u2019s own process where it was not started by its launcher', async () => {
    const database = openDatabase(db);
    const made = await new PdfExports(new Directory(database)).make(soaId as SoaId).finally(() => database.close());
    expect(made.builtIn).toBe('relay');
    expect(made.fileName).toMatch(/ SOA 2013-2023 \(.+\)\.pdf$/);
    const pdfPath = path.join(dir, 'in-process.pdf');
    fs.writeFileSync(pdfPath, made.pdf);
    const { stdout: info } = await runAsync('pdfinfo', [pdfPath]);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(pagesFromRelay);
  }, 400_000);

  it('says plainly, where the relay has no LibreOffice, that it cannot make PDFs, and keeps serving', async () => {
    await relay!.stop();
    relay = null;
    relay = await startRelayProcess(db, [], { PATH: path.join(dir, 'no-programs-here'), SOA_LIBREOFFICE: '' });
    const capabilities = capabilitiesResponseSchema.parse(
      await (await get('/api/capabilities', tokenOf('coordinator'))).json(),
    );
    expect(capabilities.pdf.available).toBe(false);
    expect(capabilities.pdf.message).toMatch(/LibreOffice is not installed/);
    const answer = await get(soaPdfPath(soaId), tokenOf('coordinator'));
    expect(answer.status).toBe(503);
    expect(apiErrorSchema.parse(await answer.json()).error).toBe(capabilities.pdf.message);
    expect((await get('/api/session', tokenOf('coordinator'))).status).toBe(200);
    expect(relay.lines.join('\n')).not.toMatch(/\bat \S+:\d+/);
  }, 120_000);
});
