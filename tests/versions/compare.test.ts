// Compare: after a version is recorded and several rooms are edited through a real relay, the comparison
// lists exactly the sections edited, each with the member who edited it and the words inserted and deleted;
// an edit undone is not listed; two versions compare as the version and now did; the relay's comparison,
// kept replayed and extended after a further edit, is what the CLI works out afresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameDocument } from '../../shared/model/frame';
import { PartnerDocument } from '../../shared/model/partner';
import { paragraph, writeRichText } from '../../shared/model/richText';
import { startDemoRelay, type DemoRelay } from './demoRelay';

interface ComparedSection {
  readonly key: string;
  readonly title: string;
  readonly changedBy: { readonly name: string; readonly partnerName: string | null }[];
  readonly pieces: { readonly kind: string; readonly text: string; readonly memberId?: string }[];
}

describe('version compare', () => {
  let demo: DemoRelay;
  let versionId = '';
  let laterId = '';
  let indicatorId = '';

  beforeAll(async () => {
    demo = await startDemoRelay();
    versionId = demo.createVersion('Draft submitted');

    const [first, second, third] = demo.partners();
    await demo.edit(demo.coordinator(), (doc) => {
      const frame = new FrameDocument(doc);
      frame.setNarrative('vision', [paragraph('A new vision written after the draft.')]);
      const indicator = frame.readIndicators()[0];
      if (!indicator) throw new Error('the demo has no indicator');
      indicatorId = indicator.id;
      frame.updateIndicator(indicator.id, { target3: 99, target3Text: '99' });
    });
    await demo.edit(first!, (doc) =>
      writeRichText(new PartnerDocument(doc).statementFragment(), [
        paragraph('Our statement, rewritten after the draft.'),
      ]),
    );
    await demo.edit(second!, (doc) =>
      writeRichText(new PartnerDocument(doc).gapNotesFragment(), [paragraph('A gap we found later.')]),
    );
    // The third partner changes its statement and puts it back: no difference from the version.
    let original = new PartnerDocument(new (await import('yjs')).Doc()).read().statement;
    await demo.edit(third!, (doc) => {
      original = new PartnerDocument(doc).read().statement;
      writeRichText(new PartnerDocument(doc).statementFragment(), [paragraph('A passing thought.')]);
    });
    await demo.edit(third!, (doc) => writeRichText(new PartnerDocument(doc).statementFragment(), original));

    laterId = demo.createVersion('After the comments');
  }, 240_000);
  afterAll(async () => {
    await demo.close();
  });

  const compare = (...args: string[]): ComparedSection[] => {
    const result = demo.cli('version', 'compare', '--db', demo.dbFile, '--soa', demo.soaId, '--json', ...args);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return (JSON.parse(result.stdout) as { sections: ComparedSection[] }).sections;
  };

  it('lists exactly the sections edited since the version, with their authors and words', () => {
    const [first, second] = demo.partners();
    const sections = compare('--from', versionId);
    expect(sections.map((section) => section.key)).toEqual([
      'narrative.vision',
      `indicator.${indicatorId}`,
      `partner.${first!.partnerId}.statement`,
      `partner.${second!.partnerId}.gapNotes`,
    ]);
    const coordinator = demo.coordinator();
    expect(sections[0]!.title).toBe('Our vision');
    expect(sections[0]!.changedBy).toEqual([
      expect.objectContaining({ name: coordinator.name, partnerName: coordinator.partnerName }),
    ]);
    expect(sections[1]!.changedBy).toEqual([expect.objectContaining({ name: coordinator.name })]);
    expect(
      sections[1]!.pieces
        .filter((piece) => piece.kind === 'inserted')
        .map((piece) => piece.text)
        .join(''),
    ).toContain('99');
    expect(sections[2]!.title).toBe(`${first!.partnerName}: statement`);
    expect(sections[2]!.changedBy).toEqual([
      expect.objectContaining({ name: first!.name, partnerName: first!.partnerName }),
    ]);
    const inserted = sections[2]!.pieces.filter((piece) => piece.kind === 'inserted');
    expect(inserted.map((piece) => piece.text).join('')).toContain('rewritten');
    // Accepting the section's changes gives the text now.
    expect(
      sections[2]!.pieces
        .filter((piece) => piece.kind !== 'deleted')
        .map((piece) => piece.text)
        .join(''),
    ).toBe('Our statement, rewritten after the draft.');
    expect(new Set(inserted.map((piece) => piece.memberId))).toEqual(new Set([first!.memberId]));
    expect(sections[2]!.pieces.some((piece) => piece.kind === 'deleted')).toBe(true);
    expect(sections[3]!.changedBy).toEqual([expect.objectContaining({ name: second!.name })]);
  });

  it('compares two versions as the first and now, and finds nothing since the later one', () => {
    const between = compare('--from', versionId, '--to', laterId);
    expect(between).toEqual(compare('--from', versionId));
    expect(compare('--from', laterId)).toEqual([]);
    const backwards = demo.cli(
      'version',
      'compare',
      '--db',
      demo.dbFile,
      '--soa',
      demo.soaId,
      '--from',
      laterId,
      '--to',
      versionId,
    );
    expect(backwards.status).toBe(2);
    expect(backwards.stderr).toMatch(/older/);
  });

  it('prints the changes for people, inserted and deleted words marked', () => {
    const result = demo.cli('version', 'compare', '--db', demo.dbFile, '--soa', demo.soaId, '--from', versionId);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Changes since "Draft submitted" \(.*\) to now: 4 sections\./);
    expect(result.stdout).toContain('[+');
    expect(result.stdout).toContain('[-');
  });

  it('answers over HTTP, after more edits, what the CLI works out afresh (the relay keeps the comparison replayed)', async () => {
    const overHttp = async (): Promise<ComparedSection[]> => {
      const response = await fetch(`${demo.relay.url}/api/soas/${demo.soaId}/versions/${versionId}/compare`, {
        headers: { authorization: `Bearer ${demo.reviewer().token}` },
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { sections: ComparedSection[] }).sections;
    };
    expect(await overHttp()).toEqual(compare('--from', versionId));
    // A further edit, after the relay's comparison: the next answer replays only it, and must match.
    const [, , , fourth] = demo.partners();
    await demo.edit(fourth!, (doc) =>
      writeRichText(new PartnerDocument(doc).statementFragment(), [paragraph('Written after the comparison.')]),
    );
    const again = await overHttp();
    expect(again.map((section) => section.key)).toContain(`partner.${fourth!.partnerId}.statement`);
    expect(again).toEqual(compare('--from', versionId));
  });
});
