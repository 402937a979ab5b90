/**
 * The export must run where there is no Node: no Buffer, no file system. A child process removes Buffer
 * before loading the export and docx (shared/'s tsconfig and lint rule already keep Node APIs out of the code).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('the export without Node built-ins', () => {
  it('produces the .docx bytes with no Buffer in the global scope', async () => {
    const script = join(import.meta.dirname, 'withoutBuffer.script.ts');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
      cwd: process.cwd(),
      timeout: 60_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      type: string;
      length: number;
      magic: string;
    };
    expect(result.type).toBe('Uint8Array');
    expect(result.magic).toBe('PK');
    expect(result.length).toBeGreaterThan(10_000);
  });
});
