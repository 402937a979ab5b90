/**
 * The shortest edit between two token lists (Myers' O(ND) algorithm), after trimming the common start and
 * end: a section that changed by a sentence costs about the sentence, not the section.
 */

/** The most differences searched for (see middle). */
const MAX_DIFFERENCES = 4000;

export type DiffOp = { readonly kind: 'equal' | 'delete' | 'insert'; readonly count: number };

/** Operations turning `before` into `after`, in order; adjacent operations of one kind are merged. */
export function diffTokens(before: readonly string[], after: readonly string[]): DiffOp[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const ops: DiffOp[] = [];
  const push = (kind: DiffOp['kind'], count: number): void => {
    if (count === 0) return;
    const last = ops[ops.length - 1];
    if (last && last.kind === kind) ops[ops.length - 1] = { kind, count: last.count + count };
    else ops.push({ kind, count });
  };
  push('equal', start);
  for (const op of middle(before.slice(start, endBefore), after.slice(start, endAfter))) push(op.kind, op.count);
  push('equal', before.length - endBefore);
  return ops;
}

/** Myers' greedy forward search with the trace kept, then walked back into operations. */
function middle(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return [{ kind: 'insert', count: m }];
  if (m === 0) return [{ kind: 'delete', count: n }];
  // Tokens as small integers, so the inner loop compares numbers.
  const ids = new Map<string, number>();
  const idOf = (token: string): number => {
    let id = ids.get(token);
    if (id === undefined) ids.set(token, (id = ids.size));
    return id;
  };
  const x = a.map(idOf);
  const y = b.map(idOf);
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d]: v before step d, over k from -d-1 to d+1 only, so memory grows with D squared, not D(N+M).
  const trace: Int32Array[] = [];
  const traced = (d: number, k: number): number =>
    k < -d - 1 || k > d + 1 ? 0 : ((trace[d] as Int32Array)[k + d + 1] ?? 0);
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    // Past this many differences the texts have little in common: show all of one replaced by the other.
    if (d > MAX_DIFFERENCES)
      return [
        { kind: 'delete', count: n },
        { kind: 'insert', count: m },
      ];
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let i =
        k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))
          ? (v[offset + k + 1] ?? 0)
          : (v[offset + k - 1] ?? 0) + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) {
        i++;
        j++;
      }
      v[offset + k] = i;
      if (i >= n && j >= m) {
        found = d;
        break;
      }
    }
  }
  // Walk back from the end through the trace, collecting single steps.
  const steps: DiffOp['kind'][] = [];
  let i = n;
  let j = m;
  for (let d = found; d > 0; d--) {
    const k = i - j;
    const down = k === -d || (k !== d && traced(d, k - 1) < traced(d, k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousI = traced(d, previousK);
    const previousJ = previousI - previousK;
    while (i > previousI && j > previousJ) {
      steps.push('equal');
      i--;
      j--;
    }
    steps.push(down ? 'insert' : 'delete');
    i = previousI;
    j = previousJ;
  }
  while (i > 0 && j > 0) {
    steps.push('equal');
    i--;
    j--;
  }
  const ops: DiffOp[] = [];
  for (let index = steps.length - 1; index >= 0; index--) {
    const kind = steps[index] as DiffOp['kind'];
    const last = ops[ops.length - 1];
    if (last && last.kind === kind) ops[ops.length - 1] = { kind, count: last.count + 1 };
    else ops.push({ kind, count: 1 });
  }
  return ops;
}

/**
 * Reads better: a stretch kept between two changes that is only spaces and punctuation (one or two tokens)
 * joins the change around it, and each changed stretch is written as all its deletions, then all its
 * insertions. "The council is" -> "Our statement, rewritten" then shows as one deletion and one insertion,
 * not a word-by-word alternation around the shared spaces.
 */
export function readableDiff(ops: readonly DiffOp[], before: readonly string[]): DiffOp[] {
  const absorbed: DiffOp[] = [];
  let i = 0;
  ops.forEach((op, index) => {
    const between =
      index > 0 &&
      index < ops.length - 1 &&
      op.kind === 'equal' &&
      op.count <= 2 &&
      before.slice(i, i + op.count).every((token) => /^[\s\p{P}]*$/u.test(token));
    if (between) absorbed.push({ kind: 'delete', count: op.count }, { kind: 'insert', count: op.count });
    else absorbed.push(op);
    if (op.kind !== 'insert') i += op.count;
  });
  const out: DiffOp[] = [];
  let deleted = 0;
  let inserted = 0;
  const flush = (): void => {
    if (deleted > 0) out.push({ kind: 'delete', count: deleted });
    if (inserted > 0) out.push({ kind: 'insert', count: inserted });
    deleted = 0;
    inserted = 0;
  };
  for (const op of absorbed) {
    if (op.kind === 'delete') deleted += op.count;
    else if (op.kind === 'insert') inserted += op.count;
    else {
      flush();
      const last = out[out.length - 1];
      if (last && last.kind === 'equal') out[out.length - 1] = { kind: 'equal', count: last.count + op.count };
      else out.push(op);
    }
  }
  flush();
  return out;
}
