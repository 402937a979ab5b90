/**
 * Marks a model write as one keystroke of many (a figure or a plain field written on every change), so the
 * editor reassembles the SOA when the browser is idle rather than at once, as it does for Y.Text typing.
 * A discrete write (a checkbox, a choice, a button) is never inside this scope and shows at once.
 * Yjs reports a transaction's update synchronously, so the scope is still open when DocumentRecompute hears it.
 */
let depth = 0;

export function writeAsTyping(write: () => void): void {
  depth += 1;
  try {
    write();
  } finally {
    depth -= 1;
  }
}

export function isTypingWrite(): boolean {
  return depth > 0;
}
