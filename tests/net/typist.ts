/**
 * Seeded typing into a rich-text fragment the way the editor (tiptap over y-prosemirror) writes it: one
 * transaction per keystroke inserting a character into the paragraph's text, Backspace deleting one, Enter
 * starting a new paragraph. Used by the fault tests and the benchmarks so edits look like real ones.
 */
import * as Y from 'yjs';
import type { Rng } from '../support/random';

const WORDS = [
  'community',
  'planning',
  'partnership',
  'outcome',
  'prevention',
  'health',
  'inequalities',
  'island',
  'glen',
  'services',
  'the',
  'and',
  'of',
  'to',
  'we',
  'will',
  'with',
  'local',
  'people',
  'support',
  'young',
  'older',
  'transport',
  'housing',
  'employment',
  'safer',
  'stronger',
  'greener',
];

export interface TypingCounts {
  typed: number;
  deleted: number;
  paragraphs: number;
}

export class Typist {
  readonly counts: TypingCounts = { typed: 0, deleted: 0, paragraphs: 0 };
  private pending: string[] = [];

  constructor(
    private readonly doc: Y.Doc,
    private readonly fragment: Y.XmlFragment,
    private readonly rng: Rng,
    private readonly origin: unknown = 'local',
  ) {}

  private currentText(): Y.XmlText {
    const last = this.fragment.length > 0 ? this.fragment.get(this.fragment.length - 1) : null;
    if (last instanceof Y.XmlElement) {
      const text = last.length > 0 ? last.get(0) : null;
      if (text instanceof Y.XmlText) return text;
    }
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    this.fragment.insert(this.fragment.length, [paragraph]);
    this.counts.paragraphs++;
    return text;
  }

  /** Types one character (a transaction of its own, like a keystroke). */
  typeChar(): void {
    if (this.pending.length === 0) {
      const word = this.rng.pick(WORDS);
      this.pending = [...word, this.rng.next() < 0.08 ? '.' : ' '];
    }
    const char = this.pending.shift() as string;
    this.doc.transact(() => {
      const text = this.currentText();
      text.insert(text.length, char);
    }, this.origin);
    this.counts.typed++;
  }

  /** Backspace once in the current paragraph (nothing if it is empty). */
  backspace(): boolean {
    let done = false;
    this.doc.transact(() => {
      const text = this.currentText();
      if (text.length > 0) {
        text.delete(text.length - 1, 1);
        done = true;
      }
    }, this.origin);
    if (done) this.counts.deleted++;
    return done;
  }

  newParagraph(): void {
    this.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText()]);
      this.fragment.insert(this.fragment.length, [paragraph]);
    }, this.origin);
    this.counts.paragraphs++;
  }

  /**
   * One keystroke of a realistic mix: mostly characters, sometimes a run of backspaces is started
   * (deleteShare is the share of keystrokes that are deletions), now and then a new paragraph.
   */
  keystroke(deleteShare: number): void {
    const r = this.rng.next();
    if (r < deleteShare) {
      if (!this.backspace()) this.typeChar();
    } else if (r < deleteShare + 0.004) this.newParagraph();
    else this.typeChar();
  }

  /** Types `chars` characters and `deletes` backspaces, interleaved, ending with typing. */
  session(chars: number, deletes: number): void {
    const total = chars + deletes;
    const share = deletes / total;
    while (this.counts.typed < chars || this.counts.deleted < deletes) {
      if (this.counts.deleted < deletes && (this.counts.typed >= chars || this.rng.next() < share)) {
        if (!this.backspace()) this.typeChar();
      } else this.typeChar();
    }
    this.typeChar();
  }
}
