// "Changes since" as Word tracked changes: after a version and edits by the coordinator (narrative text, an
// indicator's figure) and two partners, the export holds w:ins and w:del by the right members, LibreOffice
// opens it and sees the changes with their authors, and accepting them all there gives the text of the
// export now, rejecting them all the text of the version's export.
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameDocument } from '../../shared/model/frame';
import { PartnerDocument } from '../../shared/model/partner';
import { paragraph, writeRichText } from '../../shared/model/richText';
import { startDemoRelay, type DemoRelay } from './demoRelay';
import { readWithLibreOffice } from './libreOfficeRedlines';

const DATE = '2026-04-01';

describe('export --changes-since', () => {
  let demo: DemoRelay;
  let versionId = '';
  const file = (name: string) => path.join(demo.dir, name);

  beforeAll(async () => {
    demo = await startDemoRelay();
    versionId = demo.createVersion('Draft submitted');
    const [first, second] = demo.partners();
    await demo.edit(demo.coordinator(), (doc) => {
      const frame = new FrameDocument(doc);
      const vision = frame.read().narrative.vision;
      frame.setNarrative('vision', [
        paragraph('A sharper vision, agreed after the draft went in.'),
        ...vision.slice(1),
      ]);
      const indicator = frame.readIndicators()[0];
      if (indicator) frame.updateIndicator(indicator.id, { target3: 77, target3Text: '77' });
    });
    await demo.edit(first!, (doc) =>
      writeRichText(new PartnerDocument(doc).statementFragment(), [
        paragraph('Our statement, rewritten after the draft.'),
        paragraph('And a second paragraph.'),
      ]),
    );
    await demo.edit(second!, (doc) =>
      writeRichText(new PartnerDocument(doc).gapNotesFragment(), [paragraph('A gap we found later.')]),
    );
    for (const [name, extra] of [
      ['tracked.docx', ['--changes-since', versionId]],
      ['now.docx', []],
      ['version.docx', ['--version', versionId]],
    ] as const) {
      const result = demo.cli(
        'export',
        '--db',
        demo.dbFile,
        '--soa',
        demo.soaId,
        '--out',
        file(name),
        '--date',
        DATE,
        '--json',
        ...extra,
      );
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
  }, 300_000);
  afterAll(async () => {
    await demo.close();
  });

  it('holds w:ins and w:del by the members who made the changes', async () => {
    const xml =
      (await (await JSZip.loadAsync(fs.readFileSync(file('tracked.docx'))))
        .file('word/document.xml')
        ?.async('string')) ?? '';
    const changes = [...xml.matchAll(/<w:(ins|del) w:id="\d+" w:author="([^"]*)" w:date="([^"]*)">(.*?)<\/w:\1>/g)].map(
      (match) => ({
        kind: match[1],
        author: match[2],
        date: match[3],
        text: (match[4] ?? '').replace(/<[^>]+>/g, ''),
      }),
    );
    const [first, second] = demo.partners();
    const coordinator = demo.coordinator();
    const named = (member: { name: string; partnerName: string }) => `${member.name} (${member.partnerName})`;
    const by = (words: string) =>
      new Set(
        changes.filter((change) => change.kind === 'ins' && change.text.includes(words)).map((change) => change.author),
      );
    expect(by('rewritten')).toEqual(new Set([named(first!)]));
    expect(by('second paragraph')).toEqual(new Set([named(first!)]));
    expect(by('found later')).toEqual(new Set([named(second!)]));
    expect(by('sharper')).toEqual(new Set([named(coordinator)]));
    expect(by('77')).toEqual(new Set([named(coordinator)]));
    // Every change is one of theirs, or what the document works out from their edits (a count of sign-offs).
    const allowed = new Set([
      named(coordinator),
      named(first!),
      named(second!),
      'SOA Studio (follows from other edits)',
    ]);
    for (const change of changes) expect(allowed.has(change.author ?? ''), change.author).toBe(true);
    expect(changes.filter((change) => change.kind === 'del').map((change) => change.author)).toContain(named(first!));
    for (const change of changes) expect(change.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("opens in LibreOffice; accepting all gives the text now, rejecting all the version's text", async () => {
    const [tracked, accepted, rejected, now, version] = await readWithLibreOffice([
      { source: file('tracked.docx'), mode: 'none' },
      { source: file('tracked.docx'), mode: 'accept' },
      { source: file('tracked.docx'), mode: 'reject' },
      { source: file('now.docx'), mode: 'none' },
      { source: file('version.docx'), mode: 'none' },
    ]);
    expect(tracked!.redlines.length).toBeGreaterThan(4);
    expect(new Set(tracked!.redlines.map((redline) => redline.author))).toContain(
      `${demo.partners()[0]!.name} (${demo.partners()[0]!.partnerName})`,
    );
    expect(now!.text).not.toBe(version!.text);
    expect(accepted!.text).toBe(now!.text);
    expect(rejected!.text).toBe(version!.text);
  });
});
