// Named versions: the exact state of every room when recorded, through a real relay and real SQLite. The
// export of a version is the same bytes as the export made at that moment (same export date), after edits
// to several rooms, after compaction, and after a restart of the relay.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { versionListSchema, versionRecordSchema } from '../../shared/api/versions';
import { FrameDocument } from '../../shared/model/frame';
import { PartnerDocument } from '../../shared/model/partner';
import { paragraph, writeRichText } from '../../shared/model/richText';
import { startDemoRelay, type DemoRelay } from './demoRelay';

const DATE = '2026-04-01';

describe('named versions', () => {
  let demo: DemoRelay;
  beforeEach(async () => {
    demo = await startDemoRelay();
  });
  afterEach(async () => {
    await demo.close();
  });

  const exportTo = (name: string, ...extra: string[]): Buffer => {
    const out = path.join(demo.dir, name);
    const result = demo.cli(
      'export',
      '--db',
      demo.dbFile,
      '--soa',
      demo.soaId,
      '--out',
      out,
      '--date',
      DATE,
      '--json',
      ...extra,
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return fs.readFileSync(out);
  };

  it(
    'records a version whose export stays byte-identical after edits to several rooms, compaction and a restart',
    { timeout: 240_000 },
    async () => {
      const [first, second] = demo.partners();
      // Some edits before the version, so the rooms have rows of members as well as the administrator's.
      await demo.edit(first!, (doc) =>
        writeRichText(new PartnerDocument(doc).statementFragment(), [
          paragraph('Our statement before the draft went in.'),
        ]),
      );

      const before = exportTo('before.docx');
      const created = demo.cli(
        'version',
        'create',
        '--db',
        demo.dbFile,
        '--soa',
        demo.soaId,
        '--name',
        'Draft submitted to the Scottish Government',
        '--json',
      );
      expect(created.stderr).toBe('');
      expect(created.status).toBe(0);
      const record = versionRecordSchema.parse({ createdByName: 'x', ...JSON.parse(created.stdout) });
      expect(Object.keys(JSON.parse(created.stdout)).sort()).toEqual([
        'createdAt',
        'createdBy',
        'name',
        'rooms',
        'versionId',
      ]);
      expect(record.name).toBe('Draft submitted to the Scottish Government');
      expect(record.createdBy).toBeNull();
      expect(record.rooms[0]).toBe(`soa/${demo.soaId}/frame`);
      expect(record.rooms).toHaveLength(1 + demo.partners().length);

      // Edits to three rooms after the version: the frame's narrative and an indicator figure, two partners.
      await demo.edit(demo.coordinator(), (doc) => {
        const frame = new FrameDocument(doc);
        frame.setNarrative('vision', [paragraph('A new vision written after the draft.')]);
        const indicator = frame.readIndicators()[0];
        if (indicator) frame.updateIndicator(indicator.id, { target3: 99, target3Text: '99' });
      });
      await demo.edit(first!, (doc) =>
        writeRichText(new PartnerDocument(doc).statementFragment(), [
          paragraph('Our statement, rewritten after the draft.'),
        ]),
      );
      await demo.edit(second!, (doc) =>
        writeRichText(new PartnerDocument(doc).gapNotesFragment(), [paragraph('A gap we found later.')]),
      );

      const now = exportTo('now.docx');
      expect(now.equals(before)).toBe(false);
      const version = exportTo('version.docx', '--version', record.versionId);
      expect(version.equals(before)).toBe(true);

      // The relay compacts a room when it unloads (every client above has gone); a restart reloads from the
      // compacted rows. The version is kept apart from them and exports the same bytes again.
      await demo.restart();
      const db = new Database(demo.dbFile, { readonly: true });
      const compacted = db.prepare('SELECT COUNT(*) AS n FROM room_bases').get() as { n: number };
      db.close();
      expect(compacted.n).toBeGreaterThan(0);
      expect(exportTo('version-after-restart.docx', '--version', record.versionId).equals(before)).toBe(true);
      expect(exportTo('now-after-restart.docx').equals(now)).toBe(true);

      const listed = demo.cli('version', 'list', '--db', demo.dbFile, '--soa', demo.soaId, '--json');
      expect(listed.status).toBe(0);
      expect(versionListSchema.parse(JSON.parse(listed.stdout)).versions.map((v) => v.versionId)).toEqual([
        record.versionId,
      ]);
    },
  );

  it("refuses a missing name, an unknown SOA and another SOA's version in one line each", () => {
    const cases: string[][] = [
      ['version', 'create', '--db', demo.dbFile, '--soa', demo.soaId, '--name', '   '],
      ['version', 'create', '--db', demo.dbFile, '--soa', 'nosuchsoa000000000000000000000', '--name', 'x'],
      ['version', 'list', '--db', demo.dbFile, '--soa', '../etc'],
      [
        'export',
        '--db',
        demo.dbFile,
        '--soa',
        demo.soaId,
        '--out',
        path.join(demo.dir, 'x.docx'),
        '--version',
        'nosuchversion',
      ],
      ['export', '--db', demo.dbFile, '--soa', demo.soaId, '--out', path.join(demo.dir, 'x.docx'), '--date', '1 April'],
    ];
    for (const args of cases) {
      const refused = demo.cli(...args);
      expect(refused.status, args.join(' ')).toBe(2);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toMatch(/^soa-relay: /);
    }
    expect(fs.existsSync(path.join(demo.dir, 'x.docx'))).toBe(false);
  });
});
