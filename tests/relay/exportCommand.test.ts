// soa-relay export: the SOA as stored on the relay becomes a Word document with every outcome and partner in
// it; a partner's extract holds only that partner; wrong input is one plain line and a non-zero exit.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tempDirs';
import { runRelayCli } from '../support/relayCli';
import { documentText } from '../support/docxText';

const dir = tempDir('soa-relay-test-');
const db = path.join(dir, 'export.db');

describe('soa-relay export', () => {
  let soaId = '';
  let partners: { id: string; name: string }[] = [];

  beforeAll(() => {
    const demo = runRelayCli('demo', '--db', db, '--json');
    expect(demo.status, demo.stderr).toBe(0);
    const body = JSON.parse(demo.stdout) as {
      soaId: string;
      members: { partnerId: string; partnerName: string; role: string }[];
    };
    soaId = body.soaId;
    partners = body.members
      .filter((member) => member.role === 'partner')
      .map((member) => ({ id: member.partnerId, name: member.partnerName }));
  });

  it('exports the whole SOA from the database to a .docx holding every partner', async () => {
    const out = path.join(dir, 'whole.docx');
    const result = runRelayCli('export', '--db', db, '--soa', soaId, '--out', out, '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const body = JSON.parse(result.stdout) as { out: string; bytes: number; status: string };
    expect(body.out).toBe(out);
    expect(body.status).toMatch(/^Draft/); // the demo has partners still in draft
    expect(fs.statSync(out).size).toBe(body.bytes);
    const text = await documentText(out);
    expect(text).toContain('Single Outcome Agreement');
    for (const partner of partners) expect(text).toContain(partner.name);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it("exports one partner's contributions only", async () => {
    const [first, second] = partners;
    const out = path.join(dir, 'partner.docx');
    const result = runRelayCli('export', '--db', db, '--soa', soaId, '--out', out, '--partner', first!.id, '--json');
    expect(result.status, result.stderr).toBe(0);
    const whole = await documentText(path.join(dir, 'whole.docx'));
    const extract = await documentText(out);
    expect(extract).toContain(first!.name);
    expect(extract.length).toBeLessThan(whole.length / 2);
    expect(second).toBeDefined();
  });

  it.each([
    [['--soa', 'nosuchsoa', '--out', 'x.docx'], /No SOA with id nosuchsoa/],
    [['--soa', '../etc', '--out', 'x.docx'], /not a valid SOA id/],
    [['--out', 'x.docx'], /Missing --soa/],
    [['--soa', 'abc', '--out', 'x.pdf'], /must end in \.docx/],
    [['--soa', 'abc', '--out', '/no/such/folder/x.docx'], /does not exist/],
  ])('refuses %j with one plain line', (args, message) => {
    const result = runRelayCli('export', '--db', db, ...(args as string[]));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message as RegExp);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a database path with no database instead of creating an empty one', () => {
    const missing = path.join(dir, 'typo.db');
    const result = runRelayCli('export', '--db', missing, '--soa', soaId, '--out', path.join(dir, 'y.docx'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/No database at/);
    expect(fs.existsSync(missing)).toBe(false);
    const list = runRelayCli('member', 'list', '--db', missing, '--partnership', 'abc');
    expect(list.status).toBe(2);
    expect(fs.existsSync(missing)).toBe(false);
  });
});
