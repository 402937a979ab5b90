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

export class SectionBlame {
  /** One token per piece while replaying; merged by `pieces()`. */
  private tokens: Piece[];

  constructor(versionTokens: readonly string[]) {
    this.tokens = versionTokens.map((text) => ({ kind: 'same', text, memberId: null, at: null }));
  }

  /** A blame as a checkpoint of the replay held it (replayCheckpoint.ts): one piece per token. */
  static fromTokens(tokens: Piece[]): SectionBlame {
    const blame = new SectionBlame([]);
    blame.tokens = tokens;
    return blame;
  }

  /** One piece per token, for a checkpoint of the replay. */
  tokenPieces(): readonly Piece[] {
    return this.tokens;
  }

  /** The section's words now (the version's that remain and every insertion). */
  visible(): string[] {
    return this.tokens.filter((piece) => piece.kind !== 'deleted').map((piece) => piece.text);
  }

  /** Records that `memberId` changed the section to `next` at `at`. */
  change(next: readonly string[], memberId: string | null, at: number | null): void {
    const visible = this.visible();
    const ops = readableDiff(diffTokens(visible, next), visible);
    const out: Piece[] = [];
    let index = 0;
    let inserted = 0;
    const skipDeleted = (): void => {
      while (index < this.tokens.length && this.tokens[index]?.kind === 'deleted')
        out.push(this.tokens[index++] as Piece);
    };
    for (const op of ops) {
      for (let n = 0; n < op.count; n++) {
        if (op.kind === 'insert') {
          out.push({ kind: 'inserted', text: next[inserted++] as string, memberId, at });
          continue;
        }
        skipDeleted();
        const piece = this.tokens[index++] as Piece;
        if (op.kind === 'equal') {
          out.push(piece);
          inserted++;
        } else if (piece.kind === 'same') out.push({ kind: 'deleted', text: piece.text, memberId, at });
        // A word inserted since the version and deleted again was never in the version: it goes.
      }
    }
    while (index < this.tokens.length) out.push(this.tokens[index++] as Piece);
    this.tokens = out;
  }

  /** True when the section differs from the version. */
  changed(): boolean {
    return this.tokens.some((piece) => piece.kind !== 'same');
  }

  /** The pieces, neighbours of one kind, author and time merged. */
  pieces(): Piece[] {
    const merged: Piece[] = [];
    // Each run's words joined once (a section of a year's typing has tens of thousands of tokens).
    let run: Piece | null = null;
    let texts: string[] = [];
    const flush = (): void => {
      if (run) merged.push(texts.length === 1 ? run : { ...run, text: texts.join('') });
    };
    for (const piece of this.tokens) {
      if (run && run.kind === piece.kind && run.memberId === piece.memberId && run.at === piece.at) {
        texts.push(piece.text);
        continue;
      }
      flush();
      run = piece;
      texts = [piece.text];
    }
    flush();
    return merged;
  }
}
