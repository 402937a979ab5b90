/**
 * Who wrote each word of a section since a version: the section's words at the version, then each change
 * replayed in order. A change's new words are marked inserted by its author; words of the version it
 * removes are marked deleted by its author (and kept, in place, so the version's text can be read back);
 * words inserted since the version and removed again simply go. So accepting every change gives the text
 * now, rejecting every change gives the version's text, and each change carries the member who made it.
 */
import { diffTokens, readableDiff } from './diffTokens';

export type PieceKind = 'same' | 'inserted' | 'deleted';

export interface Piece {
  readonly kind: PieceKind;
  readonly text: string;
  /** Who inserted or deleted it (null: the relay administrator); null for 'same'. */
  readonly memberId: string | null;
  /** When (milliseconds since 1970); null for 'same'. */
  readonly at: number | null;
}

/**
 * Neighbouring tokens of one kind, author and time (a merged piece), with each token's length: how a
 * checkpoint of the replay writes a section's blame (replayCheckpoint.ts). A restored blame keeps its runs
 * until a change reaches it, so carrying on after a week of edits does not cut every section of the SOA back
 * into tokens.
 */
export interface PieceRun extends Piece {
  /** The lengths of the tokens `text` joins, in order. */
  readonly lengths: readonly number[];
}

/** `text` cut at `lengths`. */
export function splitTokens(text: string, lengths: readonly number[]): string[] {
  const tokens: string[] = [];
  let at = 0;
  for (const length of lengths) tokens.push(text.slice(at, (at += length)));
  return tokens;
}

export class SectionBlame {
  /** One token per piece while replaying; merged by `pieces()`. Null while only `runs` are held. */
  private held: Piece[] | null;
  /** The runs a checkpoint held, until a change needs the tokens. */
  private runs: readonly PieceRun[] | null = null;

  constructor(versionTokens: readonly string[]) {
    this.held = versionTokens.map((text) => ({ kind: 'same', text, memberId: null, at: null }));
  }

  /** A blame as a checkpoint of the replay held it (replayCheckpoint.ts). */
  static fromRuns(runs: readonly PieceRun[]): SectionBlame {
    const blame = new SectionBlame([]);
    blame.held = null;
    blame.runs = runs;
    return blame;
  }

  /** The runs of tokens, for a checkpoint of the replay. */
  pieceRuns(): readonly PieceRun[] {
    if (this.runs) return this.runs;
    return groupedTokens(this.tokens).map(({ first, texts }) => ({
      ...first,
      text: texts.join(''),
      lengths: texts.map((text) => text.length),
    }));
  }

  private get tokens(): Piece[] {
    if (!this.held) {
      this.held = (this.runs ?? []).flatMap(({ kind, memberId, at, text, lengths }) =>
        splitTokens(text, lengths).map((token): Piece => ({ kind, text: token, memberId, at })),
      );
      this.runs = null;
    }
    return this.held;
  }

  private set tokens(tokens: Piece[]) {
    this.held = tokens;
    this.runs = null;
  }

  /** The section's words now (the version's that remain and every insertion). */
  visible(): string[] {
    return this.tokens.filter((piece) => piece.kind !== 'deleted').map((piece) => piece.text);
  }

  /** Records that `memberId` changed the section to `next` at `at`. */
  change(next: readonly string[], memberId: string | null, at: number | null): void {
    const visible = this.visible();
    const ops = readableDiff(diffTokens(visible, next), visible);
    const tokens = this.tokens;
    const out: Piece[] = [];
    let index = 0;
    let inserted = 0;
    const skipDeleted = (): void => {
      while (index < tokens.length && tokens[index]?.kind === 'deleted') out.push(tokens[index++] as Piece);
    };
    for (const op of ops) {
      for (let n = 0; n < op.count; n++) {
        if (op.kind === 'insert') {
          out.push({ kind: 'inserted', text: next[inserted++] as string, memberId, at });
          continue;
        }
        skipDeleted();
        const piece = tokens[index++] as Piece;
        if (op.kind === 'equal') {
          out.push(piece);
          inserted++;
        } else if (piece.kind === 'same') out.push({ kind: 'deleted', text: piece.text, memberId, at });
        // A word inserted since the version and deleted again was never in the version: it goes.
      }
    }
    while (index < tokens.length) out.push(tokens[index++] as Piece);
    this.tokens = out;
  }

  /** True when the section differs from the version. */
  changed(): boolean {
    if (this.runs) return this.runs.some((run) => run.kind !== 'same');
    return this.tokens.some((piece) => piece.kind !== 'same');
  }

  /** The pieces, neighbours of one kind, author and time merged. */
  pieces(): Piece[] {
    // A checkpoint's runs are the merged pieces.
    if (this.runs) return this.runs.map(({ kind, text, memberId, at }) => ({ kind, text, memberId, at }));
    // Each run's words joined once (a section of a year's typing has tens of thousands of tokens).
    return groupedTokens(this.tokens).map(({ first, texts }) =>
      texts.length === 1 ? first : { ...first, text: texts.join('') },
    );
  }
}

/** Neighbouring tokens of one kind, author and time: the first of each group and the texts of all of them. */
function groupedTokens(tokens: readonly Piece[]): { first: Piece; texts: string[] }[] {
  const groups: { first: Piece; texts: string[] }[] = [];
  let group: { first: Piece; texts: string[] } | undefined;
  for (const piece of tokens) {
    const first = group?.first;
    if (group && first?.kind === piece.kind && first.memberId === piece.memberId && first.at === piece.at)
      group.texts.push(piece.text);
    else groups.push((group = { first: piece, texts: [piece.text] }));
  }
  return groups;
}
