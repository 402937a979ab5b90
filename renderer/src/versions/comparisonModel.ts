/**
 * The relay's comparison answer (times as ISO strings, authors named) back into shared/compare's Comparison
 * (times in milliseconds), with the people it names, for the tracked-changes Word export's attribution.
 */
import type { ComparisonResponse } from '../../../shared/api/versionContent';
import type { Comparison } from '../../../shared/compare';

export interface Person {
  readonly name: string;
  readonly partnerName: string | null;
}

const ms = (iso: string | undefined): number => (iso ? new Date(iso).getTime() : 0);

export function comparisonModel(response: ComparisonResponse): {
  readonly comparison: Comparison;
  readonly people: ReadonlyMap<string, Person>;
} {
  const people = new Map<string, Person>();
  for (const section of response.sections) {
    for (const author of section.changedBy)
      if (author.memberId) people.set(author.memberId, { name: author.name, partnerName: author.partnerName });
  }
  const comparison: Comparison = {
    sections: response.sections.map((section) => ({
      key: section.key,
      title: section.title,
      room: section.room,
      changedBy: section.changedBy.map((author) => ({
        memberId: author.memberId,
        changes: author.changes,
        lastAt: ms(author.lastChangedAt),
      })),
      pieces: section.pieces.map((piece) =>
        piece.kind === 'same'
          ? { kind: 'same', text: piece.text, memberId: null, at: null }
          : { kind: piece.kind, text: piece.text, memberId: piece.memberId ?? null, at: ms(piece.at) },
      ),
    })),
  };
  return { comparison, people };
}
