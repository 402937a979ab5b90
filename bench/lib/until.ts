/**
 * Waiting inside a benchmark, which runs outside Vitest (so not `tests/support/wait.ts`, which is
 * `vi.waitUntil`). The interval is the benchmark's choice: it bounds how late a measured moment is seen.
 */
export async function until(condition: () => boolean, timeoutMs: number, what: string, intervalMs = 5): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
