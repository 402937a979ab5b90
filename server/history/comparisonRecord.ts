/**
 * A comparison as JSON (the shape of `soa-relay version compare --json` and of the relay's compare endpoint,
 * shared/api/versionContent.ts): each author named with their partner, times as ISO strings.
 */
import type { ComparedSection, ComparisonResponse } from '../../shared/api/versionContent';
import type { VersionComparison } from '../db/versionComparison';

export function comparisonRecord({ from, to, comparison, members }: VersionComparison): ComparisonResponse {
  const person = (memberId: string | null) => {
    const member = memberId === null ? undefined : members.get(memberId);
    return {
      memberId,
      name: member?.name ?? (memberId === null ? 'The relay administrator' : 'A member no longer listed'),
      partnerId: member?.partnerId ?? null,
      partnerName: member?.partnerName ?? null,
    };
  };
  const sections: ComparedSection[] = comparison.sections.map((section) => ({
    key: section.key,
    title: section.title,
    room: section.room,
    changedBy: section.changedBy.map((author) => ({
      ...person(author.memberId),
      changes: author.changes,
      lastChangedAt: new Date(author.lastAt).toISOString(),
    })),
    pieces: section.pieces.map((piece) =>
      piece.kind === 'same'
        ? { kind: piece.kind, text: piece.text }
        : { kind: piece.kind, text: piece.text, memberId: piece.memberId, at: new Date(piece.at ?? 0).toISOString() },
    ),
  }));
  return { from, to, sections };
}
