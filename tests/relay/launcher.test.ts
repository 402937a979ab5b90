// The soa-relay launcher: runs the TypeScript sources from a cached esbuild bundle, made again whenever a
// source changes, and falls back to compiling them with tsx when the cache cannot be written.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceKey } from '../../server/bin/loadCli.mjs';
import { removeTempDir, tempDir } from '../support/tempDirs';
import { RELAY_BIN } from '../support/relayProcess';

const dir = tempDir('soa-relay-launcher-');
// A cache of this test's own, inside the project (where the bundle's package imports resolve).
const cacheRoot = path.join(path.dirname(RELAY_BIN), '../../node_modules/.cache');
fs.mkdirSync(cacheRoot, { recursive: true });
const cache = tempDir('soa-relay-test-', cacheRoot);
afterAll(() => {
  removeTempDir(dir);
  removeTempDir(cache);
});

function help(cacheDir: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [RELAY_BIN, '--help'], {
    encoding: 'utf8',
    env: { ...process.env, SOA_RELAY_CACHE_DIR: cacheDir },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('soa-relay launcher', () => {
  it('runs from a bundle it builds into the cache', () => {
    const result = help(cache);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: soa-relay <command>/);
    const bundles = fs.readdirSync(cache);
    expect(bundles).toHaveLength(1);
    expect(fs.existsSync(path.join(cache, bundles[0] ?? '', 'cli.js'))).toBe(true);
  });

  it('falls back to compiling the sources when the cache cannot be written', () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const result = help(path.join(blocker, 'cache'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: soa-relay <command>/);
  });

  it('keys the bundle on the sources, so an edited source is never run from an old bundle', () => {
    const tree = path.join(dir, 'tree');
    for (const folder of ['server', 'shared/model']) fs.mkdirSync(path.join(tree, folder), { recursive: true });
    fs.writeFileSync(path.join(tree, 'server', 'cli.ts'), 'export const a = 1;\n');
    const source = path.join(tree, 'shared', 'model', 'rooms.ts');
    fs.writeFileSync(source, 'export const b = 1;\n');
    const first = sourceKey(tree);
    expect(sourceKey(tree)).toBe(first);
    fs.writeFileSync(source, 'export const b = 2;\n');
    fs.utimesSync(source, new Date(), new Date(Date.now() + 5_000));
    const second = sourceKey(tree);
    expect(second).not.toBe(first);
    // Plain JavaScript modules are bundled too (server/storage/compactUpdates.mjs).
    const plain = path.join(tree, 'server', 'compact.mjs');
    fs.writeFileSync(plain, 'export const c = 1;\n');
    expect(sourceKey(tree)).not.toBe(second);
  });
});
