/**
 * Waiting for something a test cannot be told about (a relay's figure, a client's state): Vitest's own
 * vi.waitUntil, with the thing awaited named in the failure and the time it took returned.
 */
import { vi } from 'vitest';

/**
 * Resolves once `condition` holds, with how many milliseconds that took; fails with "Timed out waiting for
 * <what>" after `timeoutMs`. `intervalMs` is how often it asks (a cheap, local condition may ask often).
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
  intervalMs = 5,
): Promise<number> {
  const started = Date.now();
  try {
    await vi.waitUntil(condition, { timeout: timeoutMs, interval: intervalMs });
  } catch (error) {
    if (error instanceof Error && /^Timed out in waitUntil/.test(error.message))
      throw new Error(`Timed out waiting for ${what} within ${timeoutMs} ms`);
    throw error;
  }
  return Date.now() - started;
}
