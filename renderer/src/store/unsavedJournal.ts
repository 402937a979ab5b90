/**
 * A synchronous copy, in localStorage, of this computer's changes to one room that IndexedDB has not yet
 * confirmed written.
 *
 * y-indexeddb writes each change in an IndexedDB transaction of its own, which completes a few milliseconds
 * later (far more on a loaded laptop). A reload or a closed tab in that gap aborts it, and the last
 * keystrokes are gone: the typing e2e saw "... Costs for 2014 follow in M" after an immediate reload under
 * load. localStorage is written before the keystroke's handler returns, so the journal survives the reload;
 * the room applies its entries again when it opens (Yjs ignores what it already has) and drops each entry
 * once IndexedDB holds it.
 *
 * Entries live for milliseconds, so the journal stays small. If localStorage is full or unavailable, the
 * change still goes to IndexedDB as before; only this protection is missing for it.
 */
import { fromBase64, toBase64 } from 'lib0/buffer';

interface StoredJournal {
  readonly next: number;
  readonly entries: ReadonlyArray<readonly [sequence: number, update: string]>;
}

export interface JournalEntry {
  readonly sequence: number;
  readonly update: Uint8Array;
}

/** Beyond this many characters the journal stops taking entries (a huge paste): IndexedDB still gets them. */
const MAX_JOURNAL_CHARS = 1_000_000;

export class UnsavedJournal {
  private entries: Array<readonly [number, string]> = [];
  private next = 1;
  private chars = 0;

  constructor(private readonly storageKey: string) {
    try {
      const raw = localStorage.getItem(storageKey);
      if (!raw) return;
      const stored = JSON.parse(raw) as StoredJournal;
      if (!Array.isArray(stored.entries) || !Number.isInteger(stored.next)) return;
      this.entries = stored.entries.filter(
        (entry): entry is readonly [number, string] =>
          Array.isArray(entry) && Number.isInteger(entry[0]) && typeof entry[1] === 'string',
      );
      this.next = stored.next;
      this.chars = this.entries.reduce((sum, [, update]) => sum + update.length, 0);
    } catch {
      // A damaged journal protects nothing more than IndexedDB already holds; start afresh.
      this.entries = [];
    }
  }

  /** Records a change before IndexedDB has it. Returns its sequence number, to confirm it by. */
  append(update: Uint8Array): number {
    const sequence = this.next++;
    const encoded = toBase64(update);
    if (this.chars + encoded.length > MAX_JOURNAL_CHARS) return sequence;
    this.entries.push([sequence, encoded]);
    this.chars += encoded.length;
    this.save();
    return sequence;
  }

  /** IndexedDB holds every change up to and including this sequence number: forget them. */
  confirm(upTo: number): void {
    const before = this.entries.length;
    this.entries = this.entries.filter(([sequence]) => sequence > upTo);
    if (this.entries.length === before) return;
    this.chars = this.entries.reduce((sum, [, update]) => sum + update.length, 0);
    this.save();
  }

  /** The last sequence number handed out (0 before any). */
  get lastSequence(): number {
    return this.next - 1;
  }

  /** Changes IndexedDB was not known to hold when the page last closed or now, oldest first. */
  unconfirmed(): JournalEntry[] {
    const found: JournalEntry[] = [];
    for (const [sequence, encoded] of this.entries) {
      try {
        found.push({ sequence, update: fromBase64(encoded) });
      } catch {
        // An entry that does not decode cannot be applied; the rest can.
      }
    }
    return found;
  }

  private save(): void {
    try {
      if (this.entries.length === 0) localStorage.removeItem(this.storageKey);
      else {
        const stored: StoredJournal = { next: this.next, entries: this.entries };
        localStorage.setItem(this.storageKey, JSON.stringify(stored));
      }
    } catch {
      // Storage full or blocked: IndexedDB still receives the change.
    }
  }
}
