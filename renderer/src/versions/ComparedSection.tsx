/**
 * One changed section of a comparison: who changed it, and its paragraphs with the words inserted and
 * deleted, each in its author's partner colour, marked as an insertion (underlined) or deletion (struck
 * through) and labelled with the author's initials, so neither colour nor the line is the only sign. Only
 * the paragraphs that changed are shown; the others are counted.
 */
import type { ComparedPiece, ComparedSection as Section } from '../../../shared/api/versionContent';
import { partnerColour } from './partnerColours';
import { formatWhen } from './when';

export interface Author {
  readonly name: string;
  readonly partnerName: string | null;
  readonly initials: string;
  /** Its partner's colour class (partnerColours.ts). */
  readonly colour: string;
}

type Line = ComparedPiece[];

function linesOf(pieces: readonly ComparedPiece[]): Line[] {
  const lines: Line[] = [[]];
  for (const piece of pieces) {
    const parts = piece.text.split('\n');
    parts.forEach((text, index) => {
      if (index > 0) lines.push([]);
      if (text) lines[lines.length - 1]!.push({ ...piece, text });
    });
  }
  return lines;
}

export function ComparedSection({
  section,
  authorOf,
  headingId,
}: {
  readonly section: Section;
  /** null: who made the change is not known here (a comparison made on this computer). */
  readonly authorOf: (memberId: string | null | undefined) => Author | null;
  readonly headingId: string;
}) {
  const lines = linesOf(section.pieces);
  const changed = lines.filter((line) => line.some((piece) => piece.kind !== 'same'));
  const unchanged = lines.length - changed.length;
  return (
    <article className="card compared-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{section.title}</h2>
      {section.changedBy.length === 0 ? (
        <p className="compared-by">Who changed it is not known on this computer.</p>
      ) : (
        <p className="compared-by">
          Changed by{' '}
          {section.changedBy.map((person, index) => (
            <span key={person.memberId ?? 'admin'}>
              {index > 0 ? ', ' : ''}
              <strong>{person.partnerName ? `${person.name} (${person.partnerName})` : person.name}</strong>, last{' '}
              {formatWhen(person.lastChangedAt)}
            </span>
          ))}
        </p>
      )}
      {changed.map((line, index) => (
        <p key={index} className="compared-line">
          {line.map((piece, pieceIndex) => {
            if (piece.kind === 'same') return <span key={pieceIndex}>{piece.text}</span>;
            const author = authorOf(piece.memberId);
            const what = piece.kind === 'inserted' ? 'Inserted' : 'Deleted';
            const label = author
              ? `${what} by ${author.partnerName ? `${author.name} (${author.partnerName})` : author.name}`
              : what;
            const Tag = piece.kind === 'inserted' ? 'ins' : 'del';
            return (
              <Tag
                key={pieceIndex}
                className={`change change-${piece.kind} ${author?.colour ?? partnerColour(-1)}`}
                title={label}
              >
                <span className="visually-hidden">[{label}: </span>
                {piece.text}
                <span className="change-label" aria-hidden="true">
                  {piece.kind === 'inserted' ? '+' : '−'}
                  {author?.initials}
                </span>
                <span className="visually-hidden">]</span>
              </Tag>
            );
          })}
        </p>
      ))}
      {unchanged > 0 && (
        <p className="quiet">
          {unchanged === 1 ? '1 other paragraph is unchanged.' : `${unchanged} other paragraphs are unchanged.`}
        </p>
      )}
    </article>
  );
}
