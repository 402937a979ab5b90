/**
 * A thousand review comments on the sample SOA for the comment benchmarks: spread over members' rooms,
 * seven in ten on a passage of a narrative section or a partner's statement (real Yjs anchors), the rest on
 * whole sections, one in three with a reply and one in five resolved. Seeded, so every run writes the same.
 */
import type * as Y from 'yjs';
import {
  anchorPassage,
  NARRATIVE_KEYS,
  textRuns,
  threadKey,
  type CommentsDocument,
  type MemberId,
  type PartnerId,
} from '../../shared/model';
import { SampleRandom } from '../../shared/sample/random';

export interface CommentWriter {
  readonly memberId: MemberId;
  readonly comments: CommentsDocument;
}

export function writeSampleComments(
  writers: readonly CommentWriter[],
  frame: Y.Doc,
  partnerDocs: ReadonlyMap<PartnerId, Y.Doc>,
  count: number,
  seed = 15,
): void {
  const random = new SampleRandom(seed);
  const rng = {
    next: () => random.real(0, 1),
    int: (min: number, max: number) => random.int(min, max),
    pick: <T>(items: readonly T[]): T => items[random.int(0, items.length - 1)]!,
  };
  const partners = [...partnerDocs.keys()];
  const fields: { readonly fragment: Y.XmlFragment; readonly partnerId: PartnerId | null; readonly path: string }[] = [
    ...NARRATIVE_KEYS.map((key) => ({
      fragment: frame.getXmlFragment(`narrative.${key}`),
      partnerId: null,
      path: `narrative.${key}`,
    })),
    ...partners.map((partnerId) => ({
      fragment: partnerDocs.get(partnerId)!.getXmlFragment('statement'),
      partnerId,
      path: 'statement',
    })),
  ].filter((field) => textRuns(field.fragment).some((run) => run.length > 20));
  for (let i = 0; i < count; i++) {
    const writer = writers[i % writers.length]!;
    const field = rng.pick(fields);
    const onPassage = rng.next() < 0.7;
    let anchor = null;
    if (onPassage) {
      const run = rng.pick(textRuns(field.fragment).filter((candidate) => candidate.length > 20));
      const from = rng.int(0, run.length - 15);
      anchor = anchorPassage(
        field.fragment,
        { partnerId: field.partnerId, path: field.path },
        { text: run, index: from },
        { text: run, index: from + rng.int(5, 14) },
      );
    }
    const section =
      field.partnerId === null
        ? { kind: 'narrative' as const, key: field.path.slice('narrative.'.length) as (typeof NARRATIVE_KEYS)[number] }
        : { kind: 'partner' as const, partnerId: field.partnerId };
    const id = writer.comments.startThread({
      section,
      anchor,
      body: `Comment ${i + 1}: is this the right measure, and what is the evidence for it?`,
      mentions: rng.next() < 0.1 ? [rng.pick(partners)] : [],
    });
    const key = threadKey(writer.memberId, id);
    if (rng.next() < 0.33) writers[(i + 1) % writers.length]!.comments.reply(key, `A reply to comment ${i + 1}.`);
    if (rng.next() < 0.2) writer.comments.resolve(key);
  }
}
