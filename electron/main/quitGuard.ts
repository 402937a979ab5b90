/**
 * A clean quit that lets the page finish saving. The page keeps its work in IndexedDB and, as in a browser,
 * cancels `beforeunload` while changes are not yet safe on this computer. Electron reports that as
 * `will-prevent-unload`. Instead of dropping the edits or asking at once, the shell waits a moment and tries
 * to close again (the page normally finishes within milliseconds); only after `patienceMs` does it ask the
 * user: keep waiting, close anyway (the next refusal is overridden), or don't close.
 *
 * Pure state machine: `index.ts` feeds it events and performs the actions it returns.
 */

export type QuitAction =
  /** Let the close be cancelled, and try closing again after `delayMs`. */
  | { readonly kind: 'retry'; readonly delayMs: number }
  /** Let the close be cancelled and ask the user what to do. */
  | { readonly kind: 'ask' }
  /** The user chose to close anyway: override the page's refusal (`event.preventDefault()`). */
  | { readonly kind: 'proceed' }
  /** A question is already on screen: just let the close be cancelled. */
  | { readonly kind: 'wait' };

export type QuitAnswer = 'keep-waiting' | 'close-anyway' | 'dont-close';

export interface QuitGuardOptions {
  readonly patienceMs?: number;
  readonly retryEveryMs?: number;
  readonly now?: () => number;
}

export class QuitGuard {
  private firstRefusalAt: number | null = null;
  private asking = false;
  private forced = false;
  private readonly patienceMs: number;
  private readonly retryEveryMs: number;
  private readonly now: () => number;

  constructor({ patienceMs = 5000, retryEveryMs = 250, now = Date.now }: QuitGuardOptions = {}) {
    this.patienceMs = patienceMs;
    this.retryEveryMs = retryEveryMs;
    this.now = now;
  }

  /** The page refused to unload (its `beforeunload` was cancelled). */
  refused(): QuitAction {
    if (this.forced) return { kind: 'proceed' };
    if (this.asking) return { kind: 'wait' };
    const at = this.now();
    this.firstRefusalAt ??= at;
    if (at - this.firstRefusalAt < this.patienceMs) return { kind: 'retry', delayMs: this.retryEveryMs };
    this.asking = true;
    return { kind: 'ask' };
  }

  /** The user's answer to the question; returns whether to try closing again now. */
  answered(answer: QuitAnswer): boolean {
    this.asking = false;
    this.firstRefusalAt = null;
    this.forced = answer === 'close-anyway';
    return answer !== 'dont-close';
  }
}
