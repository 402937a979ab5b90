// The review copy (issue 15): comments written through a real relay by the reviewer, a partner and the
// coordinator come out of `soa-relay export --comments` as real Word comments (author, date, replies threaded),
// the passage comments around their words (one over two paragraphs); resolved threads and the submission export carry none. LibreOffice
// opens the review copy and finds the comments. `soa-relay comments` lists the threads.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  anchorPassage,
  commentsRoom,
  CommentsDocument,
  partnerRoom,
  textRuns,
  threadKey,
  type MemberId,
  type SoaId,
} from '../../shared/model';
import { connectClient, type TestClient } from './harness/clients';
import { tempDir } from '../support/tempDirs';
import { runRelayCli } from '../support/relayCli';
import { startRelayProcess } from '../support/relayProcess';

const run = promisify(execFile);
const dir = tempDir('soa-relay-test-');
const db = path.join(dir, 'review.db');

interface Member {
  readonly memberId: MemberId;
  readonly name: string;
  readonly role: string;
  readonly partnerId: string;
  readonly partnerName: string;
  readonly token: string;
}

function part(file: string, name: string): string | undefined {
  const entry = unzipSync(fs.readFileSync(file))[name];
  return entry ? strFromU8(entry) : undefined;
}

const WORDS = 'the words of the partner statement';
let soaId = '';
let reviewer: Member;
let partner: Member;
let coordinator: Member;
let passage = '';
/** A passage from the end of one paragraph of the statement into the next. */
let twoParagraphs: { readonly first: string; readonly second: string } = { first: '', second: '' };

describe('the review copy', () => {
  beforeAll(async () => {
    const demo = runRelayCli('demo', '--db', db, '--json');
    expect(demo.status, demo.stderr).toBe(0);
    const body = JSON.parse(demo.stdout) as { soaId: string; members: Member[] };
    soaId = body.soaId;
    reviewer = body.members.find((member) => member.role === 'reviewer')!;
    coordinator = body.members.find((member) => member.role === 'coordinator')!;
    partner = body.members.find((member) => member.role === 'partner')!;

    const relay = await startRelayProcess(db);
    const clients: TestClient[] = [];
    const connect = async (room: string, token: string) => {
      const client = connectClient(relay.syncUrl, room, token, new Y.Doc());
      clients.push(client);
      await client.synced();
      return client;
    };
    try {
      // The reviewer reads the partner's statement and comments on its first words, and on the whole section.
      const statementRoom = await connect(partnerRoom(soaId as SoaId, partner.partnerId as never), reviewer.token);
      const fragment = statementRoom.doc.getXmlFragment('statement');
      const run0 = textRuns(fragment).find((text) => text.length > 40)!;
      passage = run0.toString().slice(0, 30);
      const anchor = anchorPassage(
        fragment,
        { partnerId: partner.partnerId as never, path: 'statement' },
        { text: run0, index: 0 },
        { text: run0, index: 30 },
      )!;
      const runs = textRuns(fragment);
      const next = runs.findIndex((text, index) => text.length > 40 && (runs[index + 1]?.length ?? 0) > 40);
      expect(next).toBeGreaterThanOrEqual(0);
      const [one, two] = [runs[next]!, runs[next + 1]!];
      twoParagraphs = { first: one.toString().slice(one.length - 20), second: two.toString().slice(0, 25) };
      const spanning = anchorPassage(
        fragment,
        { partnerId: partner.partnerId as never, path: 'statement' },
        { text: one, index: one.length - 20 },
        { text: two, index: 25 },
      )!;
      const mine = await connect(commentsRoom(soaId as SoaId, reviewer.memberId), reviewer.token);
      let clock = Date.UTC(2013, 4, 14, 9, 30);
      // A minute between the reviewer's comments, so they are listed in the order written.
      const comments = new CommentsDocument(mine.doc, () => (clock += 60_000) - 60_000);
      const onWords = comments.startThread({
        section: { kind: 'partner', partnerId: partner.partnerId as never },
        anchor,
        body: 'Is this achievable? Please give the evidence.',
      });
      comments.startThread({
        section: { kind: 'partner', partnerId: partner.partnerId as never },
        body: `Please add your resources (${WORDS}).`,
      });
      const settled = comments.startThread({ section: { kind: 'details' }, body: 'The title has a typo.' });
      comments.startThread({
        section: { kind: 'partner', partnerId: partner.partnerId as never },
        anchor: spanning,
        body: 'These two paragraphs say the same thing.',
      });
      await mine.stored('the reviewer comments');
      // The partner replies; the coordinator resolves the details one and comments on the vision.
      const partnerComments = await connect(commentsRoom(soaId as SoaId, partner.memberId), partner.token);
      new CommentsDocument(partnerComments.doc, () => Date.UTC(2013, 4, 15, 10, 0)).reply(
        threadKey(reviewer.memberId, onWords),
        'Yes: see the HEAT target.',
      );
      await partnerComments.stored('the partner reply');
      const coordinatorComments = await connect(commentsRoom(soaId as SoaId, coordinator.memberId), coordinator.token);
      const byCoordinator = new CommentsDocument(coordinatorComments.doc, () => Date.UTC(2013, 4, 16, 11, 0));
      byCoordinator.resolve(threadKey(reviewer.memberId, settled));
      byCoordinator.startThread({ section: { kind: 'narrative', key: 'vision' }, body: 'Shorter, please.' });
      await coordinatorComments.stored('the coordinator comments');
    } finally {
      for (const client of clients) client.destroy();
      await relay.stop();
    }
  }, 120_000);

  it('holds each open thread as a Word comment with its author, date and replies; the submission export has none', async () => {
    const plain = path.join(dir, 'plain.docx');
    const review = path.join(dir, 'review.docx');
    expect(runRelayCli('export', '--db', db, '--soa', soaId, '--out', plain, '--date', '2013-05-20').status).toBe(0);
    const made = runRelayCli(
      'export',
      '--db',
      db,
      '--soa',
      soaId,
      '--out',
      review,
      '--date',
      '2013-05-20',
      '--comments',
      '--json',
    );
    expect(made.status, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ openComments: 4 });
    expect(part(plain, 'word/comments.xml')).toBeUndefined();
    expect(part(plain, 'word/document.xml')).not.toContain('commentRangeStart');

    const comments = part(review, 'word/comments.xml')!;
    const entries = [
      ...comments.matchAll(/<w:comment w:id="(\d+)" w:author="([^"]*)" w:date="([^"]*)"[^>]*>([\s\S]*?)<\/w:comment>/g),
    ].map((match) => ({
      id: match[1]!,
      author: match[2]!,
      date: match[3]!,
      text: match[4]!.replace(/<[^>]+>/g, ''),
    }));
    const find = (words: string) => entries.find((entry) => entry.text.includes(words));
    expect(find('Is this achievable?')).toMatchObject({
      author: `${reviewer.name} (${reviewer.partnerName})`,
      date: '2013-05-14T09:30:00Z',
    });
    expect(find('Yes: see the HEAT target.')).toMatchObject({
      author: `${partner.name} (${partner.partnerName})`,
      date: '2013-05-15T10:00:00Z',
    });
    expect(find('Please add your resources')?.author).toBe(`${reviewer.name} (${reviewer.partnerName})`);
    expect(find('Shorter, please.')?.author).toBe(`${coordinator.name} (${coordinator.partnerName})`);
    expect(find('The title has a typo.')).toBeUndefined();
    expect(entries).toHaveLength(5);
    // The reply is threaded under its comment.
    const extended = part(review, 'word/commentsExtended.xml')!;
    expect(extended.match(/w15:paraIdParent=/g)).toHaveLength(1);

    // Every comment is anchored, and the passage comment is around its words.
    const document = part(review, 'word/document.xml')!;
    for (const entry of entries) {
      expect(document).toContain(`<w:commentRangeStart w:id="${entry.id}"/>`);
      expect(document).toContain(`<w:commentReference w:id="${entry.id}"/>`);
    }
    const id = find('Is this achievable?')!.id;
    const between = document.slice(
      document.indexOf(`<w:commentRangeStart w:id="${id}"/>`),
      document.indexOf(`<w:commentRangeEnd w:id="${id}"/>`),
    );
    expect(between.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&')).toBe(passage);
    // The passage over two paragraphs: from its first words in the one to its last words in the next.
    const spanId = find('These two paragraphs say the same thing.')!.id;
    const spanned = document.slice(
      document.indexOf(`<w:commentRangeStart w:id="${spanId}"/>`),
      document.indexOf(`<w:commentRangeEnd w:id="${spanId}"/>`),
    );
    expect(spanned.split('</w:p>').map((xml) => xml.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&'))).toEqual([
      twoParagraphs.first,
      twoParagraphs.second,
    ]);

    // LibreOffice opens it and finds the comments with their authors.
    const profile = path.join(dir, 'lo-profile');
    await run(
      '/usr/bin/soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'odt', '--outdir', dir, review],
      { timeout: 180_000 },
    );
    const content = part(path.join(dir, 'review.odt'), 'content.xml')!;
    const annotations = [...content.matchAll(/<office:annotation\b[\s\S]*?<\/office:annotation>/g)].map(
      (match) => match[0],
    );
    expect(annotations).toHaveLength(5);
    expect(
      annotations.filter((annotation) =>
        annotation.includes(`<dc:creator>${reviewer.name} (${reviewer.partnerName})</dc:creator>`),
      ),
    ).toHaveLength(3);
    expect(annotations.some((annotation) => annotation.includes('Yes: see the HEAT target.'))).toBe(true);
    // LibreOffice's range for the two-paragraph passage ends in the paragraph after the one it starts in.
    const name =
      /<office:annotation office:name="([^"]+)"[^>]*>(?:(?!<\/office:annotation>)[\s\S])*These two paragraphs/.exec(
        content,
      )?.[1];
    expect(name).toBeDefined();
    const range = content.slice(
      content.indexOf(`<office:annotation office:name="${name}"`),
      content.indexOf(`<office:annotation-end office:name="${name}"/>`),
    );
    expect(range.split('</office:annotation>')[1]).toContain('</text:p>');
  }, 240_000);

  it('lists the threads with soa-relay comments, all or open only, as text or JSON', () => {
    const all = runRelayCli('comments', '--db', db, '--soa', soaId, '--json');
    expect(all.status, all.stderr).toBe(0);
    const listed = JSON.parse(all.stdout) as {
      threads: {
        section: string;
        author: string;
        state: string;
        replies: { author: string }[];
        passage: { words: string } | null;
      }[];
    };
    expect(listed.threads.map((thread) => [thread.section, thread.author, thread.state])).toEqual([
      [partner.partnerName, reviewer.name, 'open'],
      [partner.partnerName, reviewer.name, 'open'],
      ['SOA details and partners', reviewer.name, 'resolved'],
      [partner.partnerName, reviewer.name, 'open'],
      ['Our vision', coordinator.name, 'open'],
    ]);
    expect(listed.threads[0]).toMatchObject({ passage: { words: passage }, replies: [{ author: partner.name }] });
    const open = runRelayCli('comments', '--db', db, '--soa', soaId, '--open');
    expect(open.status).toBe(0);
    expect(open.stdout).toContain('4 threads open.');
    expect(open.stdout).not.toContain('The title has a typo.');
    expect(open.stdout).toContain(`[open] ${partner.partnerName}: ${reviewer.name}`);
    const missing = runRelayCli('comments', '--db', db, '--soa', 'nope');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('No SOA with id nope');
  });
});
