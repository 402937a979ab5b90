/**
 * Benchmark of the review copy (issue 15): with 1,000 comments on the 100-page sample SOA, the review-copy
 * export (read every comment room into threads, find each passage, build the .docx, put the open threads in
 * as Word comments) against the plain submission export of the same SOA, alternately in one run.
 * Goal: at most 1.2x the plain export.
 *
 *   npx tsx bench/comments-export.ts [--runs 7] [--comments 1000]
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { exportSoaDocx, type ExportOptions } from '../shared/export';
import { assembleFromDocs, CommentsDocument, passageFinder, readCommentThreads, type MemberId } from '../shared/model';
import { generateSampleSoa } from '../shared/sample/generateSample';
import { writeSampleComments } from './lib/sampleComments';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const RUNS = option('runs', 7);
const COUNT = option('comments', 1000);
const OPTIONS: ExportOptions = { scope: { kind: 'whole' }, generatedOn: '2013-05-20' };

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const sample = generateSampleSoa({ seed: 1 });
  const members = Array.from({ length: 10 }, (_, index) => ({
    id: `member${index}` as MemberId,
    name: `Member ${index}`,
    partnerId: sample.partners[index % sample.partners.length]!.id,
    role: index === 0 ? ('coordinator' as const) : index === 9 ? ('reviewer' as const) : ('partner' as const),
  }));
  const rooms = new Map(members.map((member) => [member.id, new Y.Doc()]));
  writeSampleComments(
    members.map((member) => ({ memberId: member.id, comments: new CommentsDocument(rooms.get(member.id)!) })),
    sample.frame,
    sample.partnerDocs,
    COUNT,
  );

  const plain = async () => exportSoaDocx(assembleFromDocs(sample.frame, sample.partnerDocs), OPTIONS);
  const review = async () => {
    const snapshot = assembleFromDocs(sample.frame, sample.partnerDocs);
    const threads = readCommentThreads({
      rooms,
      members,
      findPassage: passageFinder(sample.frame, (partnerId) => sample.partnerDocs.get(partnerId as never) ?? null),
    });
    return {
      bytes: await exportSoaDocx(snapshot, { ...OPTIONS, reviewThreads: threads }),
      open: threads.filter((thread) => thread.state === 'open').length,
    };
  };

  const first = await review();
  console.log(
    `Sample SOA "${sample.title}" with ${COUNT} comments (${first.open} open); ${RUNS} runs each, alternating, after a warm-up.`,
  );
  await plain();
  const plainMs: number[] = [];
  const reviewMs: number[] = [];
  let sizes = { plain: 0, review: first.bytes.byteLength };
  for (let run = 0; run < RUNS; run++) {
    let start = performance.now();
    sizes.plain = (await plain()).byteLength;
    plainMs.push(performance.now() - start);
    start = performance.now();
    sizes = { ...sizes, review: (await review()).bytes.byteLength };
    reviewMs.push(performance.now() - start);
  }
  const ref = median(plainMs);
  const ours = median(reviewMs);
  console.table([
    { case: 'plain export (reference)', 'median ms': ref.toFixed(0), KiB: (sizes.plain / 1024).toFixed(0) },
    {
      case: `review copy, ${first.open} open threads`,
      'median ms': ours.toFixed(0),
      KiB: (sizes.review / 1024).toFixed(0),
    },
  ]);
  console.log(`ratio ${(ours / ref).toFixed(2)}x; goal at most 1.2x: ${ours <= ref * 1.2 ? 'met' : 'NOT met'}`);
}

await main();
