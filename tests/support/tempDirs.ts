/**
 * Temporary folders for tests, and their removal: every folder `tempDir` makes is removed (recursively, with
 * retries) once the test file is done, so a run leaves nothing behind in the system's temp folder.
 *
 * The removal is an afterAll hook on the file, registered when the file imports this module (each test file
 * has its own copy of it), so before any hook the file registers: Vitest runs afterAll hooks in reverse order
 * of registration (`sequence.hooks` 'stack', its default, kept by vitest.config.ts) and a describe block's
 * before the file's, so the relays, Chromium and LibreOffice a file's hooks stop are stopped before their
 * folders go.
 *
 * A file whose tests are all skipped runs no hooks: make its folders in a hook or a test, not at collection.
 *
 * SOA_KEEP_TEST_FILES=1 keeps the folders (a failing run's relay database, .docx or PDF) and prints each kept
 * path once. Outside Vitest (a benchmark importing the e2e harness) nothing is registered: the caller removes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const keep = process.env.SOA_KEEP_TEST_FILES === '1';
/** Folders made and not yet removed, and those kept and printed. */
const made = new Set<string>();
const kept = new Set<string>();

/**
 * A new empty folder `<parent>/<prefix><random>`, removed when the test file is done. `parent` is the system's
 * temp folder unless given (a test that needs its folder inside the project, say).
 */
export function tempDir(prefix: string, parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, prefix));
  made.add(dir);
  return dir;
}

/**
 * Removes `dir` now (for a folder done with before the file ends, such as one made in each of many tests), or
 * under SOA_KEEP_TEST_FILES=1 keeps it and prints where it is. A folder already gone is no error.
 */
export function removeTempDir(dir: string): void {
  made.delete(dir);
  if (keep) {
    if (!kept.has(dir)) console.info(`SOA_KEEP_TEST_FILES=1: kept ${dir}`);
    kept.add(dir);
    return;
  }
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

/** Removes every folder still there; a removal that fails after its retries fails the file, once all were tried. */
function removeAll(): void {
  const failures: unknown[] = [];
  for (const dir of [...made]) {
    try {
      removeTempDir(dir);
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `could not remove ${failures.length} test folder(s)`);
}

if (process.env.VITEST) afterAll(removeAll);
