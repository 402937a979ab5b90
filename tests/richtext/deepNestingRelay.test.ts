/**
 * Issue 13, item 4, end to end with a real relay process over real websockets and a real SQLite database:
 * a partner's client sending 6,000 nested quotes is refused and nothing of it is stored or reaches anyone;
 * a room that already holds such nesting (written into the database directly, as an older relay accepted
 * it) leaves `soa-relay export` working, with that partner's section marked and every other one whole.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import { FRAME_TEXT_TOO_DEEP, FrameDocument, MAX_RICH_TEXT_DEPTH, richTextDepth } from '../../shared/model';
import { waitUntil } from '../support/wait';
import { removeTempDir, tempDir } from '../support/tempDirs';
import { runRelayCli } from '../support/relayCli';
import { relayPerTest } from '../relay/harness/relayPerTest';
import { writeNestedQuotes } from './deepNesting';
import { documentText } from '../support/docxText';

const ctx = relayPerTest();

describe('nested quotes at the relay', () => {
  it("refuses a partner's statement of 6,000 nested quotes sent by a real client, and stores none of it", async () => {
    const { fixture } = ctx;
    const writer = ctx.client(fixture.roomA, fixture.tokens.partnerA);
    await writer.synced();
    const statement = writer.doc.getXmlFragment('statement');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Test Council backs this agreement.')]);
    statement.insert(0, [paragraph]);
    await writer.stored('the ordinary statement');

    writeNestedQuotes(statement);
    await waitUntil(
      () => writer.closes.some((close) => close.code === CLOSE_CODES.TOO_DEEP),
      'the relay closing the writer',
    );
    // In plain words, not "could not read a message".
    expect(writer.closes.find((close) => close.code === CLOSE_CODES.TOO_DEEP)?.reason).toBe(
      `This change puts quotes or lists inside each other more than ${MAX_RICH_TEXT_DEPTH} levels deep, which the SOA cannot show.`,
    );
    writer.destroy();

    // Another member reading the room from the relay gets the ordinary statement only.
    const reader = ctx.client(fixture.roomA, fixture.tokens.partnerB);
    await reader.synced();
    const read = reader.doc.getXmlFragment('statement');
    expect(read.toString()).toBe('<paragraph>Test Council backs this agreement.</paragraph>');
    expect(richTextDepth(read)).toBeLessThanOrEqual(MAX_RICH_TEXT_DEPTH);
  });
});

describe('nested quotes in the frame', () => {
  it("refuses a coordinator's 6,000 nested quotes in the SOA's own text, and stores none of it", async () => {
    const { fixture } = ctx;
    const coordinator = ctx.client(fixture.frame, fixture.tokens.coordinator);
    await coordinator.synced();
    writeNestedQuotes(coordinator.doc.getXmlFragment('narrative.vision'));
    await waitUntil(
      () => coordinator.closes.some((close) => close.code === CLOSE_CODES.TOO_DEEP),
      'the relay closing the coordinator',
    );
    coordinator.destroy();
    const reader = ctx.client(fixture.frame, fixture.tokens.partnerB);
    await reader.synced();
    expect(reader.doc.getXmlFragment('narrative.vision').length).toBe(0);
    expect(new FrameDocument(reader.doc).read().meta.title).toBe('Test SOA');
  });

  it('leaves soa-relay export working when the frame already holds them, with that text marked and every partner whole', async () => {
    const dir = tempDir('soa-relay-test-');
    try {
      const db = path.join(dir, 'relay.db');
      const demo = runRelayCli('demo', '--db', db, '--json');
      expect(demo.status, demo.stderr).toBe(0);
      const body = JSON.parse(demo.stdout) as {
        soaId: string;
        members: { partnerId: string; partnerName: string; role: string }[];
      };
      const author = new Y.Doc();
      writeNestedQuotes(author.getXmlFragment('narrative.vision'));
      const sqlite = new Database(db);
      sqlite
        .prepare('INSERT INTO room_updates (room, data, member_id, stored_at) VALUES (?, ?, NULL, ?)')
        .run(`soa/${body.soaId}/frame`, Y.encodeStateAsUpdate(author), Date.now());
      sqlite.close();

      const out = path.join(dir, 'whole.docx');
      const result = runRelayCli('export', '--db', db, '--soa', body.soaId, '--out', out, '--json');
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const text = await documentText(out);
      expect(text).toContain(FRAME_TEXT_TOO_DEEP);
      expect(text).not.toContain('Words at the bottom of the quotes');
      for (const member of body.members.filter((entry) => entry.role === 'partner')) {
        expect(text).toContain(member.partnerName);
        expect(text).not.toContain(`${member.partnerName}'s section could not be read`);
      }
    } finally {
      removeTempDir(dir);
    }
  });
});

describe('a room already holding 6,000 nested quotes', () => {
  it('leaves soa-relay export working, with that partner marked', async () => {
    const dir = tempDir('soa-relay-test-');
    try {
      const db = path.join(dir, 'relay.db');
      const demo = runRelayCli('demo', '--db', db, '--json');
      expect(demo.status, demo.stderr).toBe(0);
      const body = JSON.parse(demo.stdout) as {
        soaId: string;
        members: { partnerId: string; partnerName: string; role: string }[];
      };
      const partners = [
        ...new Map(
          body.members
            .filter((member) => member.role === 'partner')
            .map((member) => [member.partnerId, member.partnerName]),
        ).entries(),
      ];
      const [victimId, victimName] = partners[0]!;

      // Written into the database directly, as a relay without the limit stored it.
      const author = new Y.Doc();
      writeNestedQuotes(author.getXmlFragment('statement'));
      const sqlite = new Database(db);
      sqlite
        .prepare('INSERT INTO room_updates (room, data, member_id, stored_at) VALUES (?, ?, NULL, ?)')
        .run(`soa/${body.soaId}/partner/${victimId}`, Y.encodeStateAsUpdate(author), Date.now());
      sqlite.close();

      const out = path.join(dir, 'whole.docx');
      const result = runRelayCli('export', '--db', db, '--soa', body.soaId, '--out', out, '--json');
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const text = await documentText(out);
      expect(text).toContain(`${victimName}'s section could not be read`);
      expect(text).not.toContain('Words at the bottom of the quotes');
      // Every other partner is read and printed, and none of them is marked.
      for (const [, name] of partners.slice(1)) {
        expect(text).toContain(name);
        expect(text).not.toContain(`${name}'s section could not be read`);
      }

      const extract = path.join(dir, 'victim.docx');
      const own = runRelayCli(
        'export',
        '--db',
        db,
        '--soa',
        body.soaId,
        '--out',
        extract,
        '--partner',
        victimId,
        '--json',
      );
      expect(own.status, own.stderr).toBe(0);
      expect(await documentText(extract)).toContain(`${victimName}'s section could not be read`);
    } finally {
      removeTempDir(dir);
    }
  });
});
