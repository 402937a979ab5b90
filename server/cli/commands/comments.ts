/**
 * soa-relay comments: an SOA's review comments as the relay stores them (section, author, date, state,
 * replies), for a coordinator's weekly check. --open lists open threads only.
 */
import { assembleFromDocs } from '../../../shared/model/assemble';
import { commentSectionTitle } from '../../../shared/model/commentSummary';
import { formatUkDate, todayIso } from '../../../shared/text/dates';
import type { Command } from '../command';
import { text } from '../command';
import { storedThreads } from './reviewCopy';

const when = (epoch: number): string =>
  `${formatUkDate(todayIso(new Date(epoch)))} ${new Date(epoch).toISOString().slice(11, 16)} UTC`;

export const commentsCommand: Command = {
  name: 'comments',
  summary:
    "List an SOA's review comment threads: section, author, date, state and replies. --open lists the open ones only.",
  usage: '--soa <id> [--open]',
  options: { soa: { type: 'string' }, open: { type: 'boolean' } },
  required: ['soa'],
  run(input, output, directory) {
    const rooms = directory().readSoaRooms(text(input, 'soa'));
    const snapshot = assembleFromDocs(rooms.frame, rooms.partnerDocs);
    const all = storedThreads(directory(), rooms.soaId, rooms.frame, rooms.partnerDocs);
    const threads = input.options.open === true ? all.filter((thread) => thread.state === 'open') : all;
    const partnerName = (id: string | null) =>
      id === null ? null : (snapshot.partners.find((partner) => partner.id === id)?.name ?? null);
    const listed = threads.map((thread) => ({
      thread: thread.key,
      section: commentSectionTitle(thread.section, snapshot),
      author: thread.author.name,
      authorPartner: partnerName(thread.author.partnerId),
      date: new Date(thread.at).toISOString(),
      state: thread.state,
      body: thread.body,
      passage: thread.passage
        ? {
            words: thread.passage.onDeletedText ? (thread.anchor?.quote ?? '') : thread.passage.text,
            onDeletedText: thread.passage.onDeletedText,
          }
        : null,
      mentions: thread.mentions.map((id) => partnerName(id) ?? id),
      replies: thread.replies
        .filter((reply) => !reply.deleted)
        .map((reply) => ({ author: reply.author.name, date: new Date(reply.at).toISOString(), body: reply.body })),
    }));
    const lines = listed.map((thread) => {
      const head = `[${thread.state}] ${thread.section}: ${thread.author}${thread.authorPartner ? ` (${thread.authorPartner})` : ''}, ${when(Date.parse(thread.date))}`;
      const words = thread.passage
        ? `\n    ${thread.passage.onDeletedText ? 'on deleted text' : 'on the words'} "${thread.passage.words.slice(0, 80)}"`
        : '';
      const replies =
        thread.replies.length === 0
          ? ''
          : `\n    ${thread.replies.length === 1 ? '1 reply' : `${thread.replies.length} replies`}, the last by ${thread.replies.at(-1)!.author}`;
      return `${head}${words}\n    ${thread.body.replace(/\s+/g, ' ').slice(0, 200)}${replies}`;
    });
    const summary = `${threads.length === 1 ? '1 thread' : `${threads.length} threads`}${input.options.open === true ? ' open' : `, ${all.filter((thread) => thread.state === 'open').length} open`}.`;
    output.result(
      { soaId: rooms.soaId, threads: listed },
      threads.length > 0
        ? `${lines.join('\n')}\n${summary}`
        : input.options.open === true
          ? 'No open comments.'
          : 'No comments yet.',
    );
  },
};
