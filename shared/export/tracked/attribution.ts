/**
 * Who made each tracked change in the Word file. The comparison (shared/compare) knows, section by section,
 * which member inserted and deleted which words; the Word file's differences are found again between the two
 * exported documents, so each inserted or deleted stretch is given to the member whose insertions (or
 * deletions) hold most of its words, dated with that member's latest such change. A stretch no member wrote
 * (text the export works out itself, such as a sign-off that lapsed because its partner's text changed) is
 * given to the fallback author, unless another change in the same paragraph names a member.
 */
import type { Comparison } from '../../compare';

export interface ChangeAuthor {
  /** "Morag Officer (NHS Glenmorven)". */
  readonly name: string;
  /** ISO time, seconds only ("2026-04-01T09:30:00Z"), as Word writes w:date. */
  readonly date: string;
}

export interface Person {
  readonly name: string;
  readonly partnerName: string | null;
}

export type ChangeKind = 'inserted' | 'deleted';

/** How strongly the words of some text point to each member (null: the administrator), and their latest time. */
export type Scores = Map<string | null, { weight: number; words: number; at: number }>;

export interface Attribution {
  /** How strongly each member's insertions (or deletions) match the text's words. */
  score(kind: ChangeKind, text: string, into?: Scores): Scores;
  /** The member the scores point to most, or null when none. */
  best(scores: Scores): ChangeAuthor | null;
  /** The member whose insertions (or deletions) hold most of the text's words, or null when none does. */
  author(kind: ChangeKind, text: string): ChangeAuthor | null;
  /** For a change that is nobody's edit: text the export works out from other changes (a sign-off that lapsed). */
  readonly fallback: ChangeAuthor;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** One word's weight and the members who changed it, each with the latest time. */
interface Entry {
  readonly weight: number;
  readonly members: readonly (readonly [string | null, number])[];
}

function wordDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function personName(person: Person | undefined, memberId: string | null): string {
  if (!person) return memberId === null ? 'The relay administrator' : 'A member no longer listed';
  return person.partnerName ? `${person.name} (${person.partnerName})` : person.name;
}

export function attributionFrom(
  comparison: Comparison,
  people: ReadonlyMap<string, Person>,
  fallback: ChangeAuthor,
): Attribution {
  // kind -> word -> member (as a key) -> latest time that member inserted or deleted that word.
  const index = {
    inserted: new Map<string, Map<string | null, number>>(),
    deleted: new Map<string, Map<string | null, number>>(),
  };
  for (const section of comparison.sections) {
    for (const piece of section.pieces) {
      if (piece.kind === 'same') continue;
      const byWord = index[piece.kind];
      for (const word of piece.text.toLowerCase().match(WORD) ?? []) {
        let members = byWord.get(word);
        if (!members) byWord.set(word, (members = new Map()));
        members.set(piece.memberId, Math.max(members.get(piece.memberId) ?? 0, piece.at ?? 0));
      }
    }
  }
  // Worked out once per word: its weight (a word several members changed says less about who changed it
  // here) and who changed it when. Scores are then added in place, word by word in the text's order.
  const entries = { inserted: new Map<string, Entry>(), deleted: new Map<string, Entry>() };
  for (const kind of ['inserted', 'deleted'] as const)
    for (const [word, members] of index[kind])
      entries[kind].set(word, { weight: 1 / members.size, members: [...members] });
  const words = new Map<string, readonly string[]>();
  const wordsOf = (text: string): readonly string[] => {
    let found = words.get(text);
    if (!found) words.set(text, (found = text.toLowerCase().match(WORD) ?? []));
    return found;
  };
  const attribution: Attribution = {
    fallback,
    score(kind, text, into = new Map()) {
      const byWord = entries[kind];
      for (const word of wordsOf(text)) {
        const entry = byWord.get(word);
        if (!entry) continue;
        for (const [memberId, at] of entry.members) {
          const score = into.get(memberId);
          if (!score) into.set(memberId, { weight: entry.weight, words: 1, at: Math.max(0, at) });
          else {
            score.weight += entry.weight;
            score.words += 1;
            score.at = Math.max(score.at, at);
          }
        }
      }
      return into;
    },
    best(scores) {
      let best: { memberId: string | null; weight: number; at: number } | null = null;
      for (const [memberId, score] of scores) {
        if (!best || score.weight > best.weight || (score.weight === best.weight && score.at > best.at))
          best = { memberId, ...score };
      }
      if (!best) return null;
      return {
        name: personName(best.memberId === null ? undefined : people.get(best.memberId), best.memberId),
        date: wordDate(best.at),
      };
    },
    author(kind, text) {
      return attribution.best(attribution.score(kind, text));
    },
  };
  return attribution;
}
