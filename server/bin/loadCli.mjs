// @ts-check
/**
 * Loads soa-relay's TypeScript sources for the launcher, with no build step for whoever installs it.
 *
 * First choice: bundle server/cli.ts with esbuild (installed with tsx) into a cache folder under
 * node_modules/.cache/soa-relay/, keyed by the sources' paths, sizes and modification times, and import the
 * bundle. The relay then runs as plain JavaScript: no TypeScript loader thread in the process, which is
 * about a quarter of an idle relay's memory. The bundle is made again only when a source file changes.
 * Code split off by dynamic import() (the Word export, the sample generator) stays in its own chunk, loaded
 * only by the commands that use it.
 *
 * Fallback, when esbuild is missing or the cache cannot be written (a read-only install): tsx compiles the
 * sources as they are imported. SOA_RELAY_CACHE_DIR moves the cache; it must lie inside the project, where
 * the bundle's imports of npm packages resolve (tests use it for a cache of their own, and to force the
 * fallback).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entry = path.join(root, 'server', 'cli.ts');

/**
 * A key for the sources the CLI may import (server/ and shared/, plain JavaScript modules too, which the bundle
 * may hold): their paths, sizes and modification times, and Node's version. Any edit changes it, so a stale
 * bundle is never run.
 * @param {string} rootDir
 */
export function sourceKey(rootDir = root) {
  const hash = crypto.createHash('sha256');
  for (const folder of ['server', 'shared']) {
    const entries = fs.readdirSync(path.join(rootDir, folder), { recursive: true, withFileTypes: true });
    const files = entries
      .filter((item) => item.isFile() && /\.(ts|mjs|json)$/.test(item.name))
      .map((item) => path.join(item.parentPath, item.name));
    for (const file of files.sort()) {
      const stat = fs.statSync(file);
      hash.update(`${path.relative(rootDir, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  }
  hash.update(process.version);
  return hash.digest('hex').slice(0, 16);
}

/**
 * esbuild plugin: gives each module its own import.meta.url (its source file's), as when run unbundled, so
 * paths computed from it (the web app's folder, a worker thread's file) stay right. Also used by the
 * benchmarks' reference servers (bench/lib/bundleServer.ts).
 * @returns {import('esbuild').Plugin}
 */
export function keepImportMetaUrl() {
  return {
    name: 'keep-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = fs.readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        return {
          contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
          loader: 'ts',
        };
      });
    },
  };
}

/** The bundled CLI's entry file, building it if this version of the sources has none yet. */
async function bundledCli() {
  const cacheDir = process.env.SOA_RELAY_CACHE_DIR ?? path.join(root, 'node_modules', '.cache', 'soa-relay');
  const key = sourceKey();
  const outDir = path.join(cacheDir, key);
  const outFile = path.join(outDir, 'cli.js');
  if (fs.existsSync(outFile)) return outFile;

  const esbuild = await import('esbuild');
  fs.mkdirSync(cacheDir, { recursive: true });
  // Built beside the final folder and renamed into place, so a relay starting meanwhile never sees half.
  const building = `${outDir}.${process.pid}.tmp`;
  try {
    await esbuild.build({
      entryPoints: { cli: entry },
      outdir: building,
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outExtension: { '.js': '.js' },
      logLevel: 'silent',
      plugins: [keepImportMetaUrl()],
    });
    // Chunks are ES modules: say so, as the project's own package.json does.
    fs.writeFileSync(path.join(building, 'package.json'), '{ "type": "module" }\n');
    try {
      fs.renameSync(building, outDir);
    } catch (error) {
      // Another relay finished the same bundle first: use theirs.
      if (!fs.existsSync(outFile)) throw error;
    }
  } finally {
    fs.rmSync(building, { recursive: true, force: true });
    await esbuild.stop();
  }
  // Bundles of older sources are no longer needed, once no relay started from one can still be loading
  // a chunk of it (an hour is ample).
  for (const name of fs.readdirSync(cacheDir)) {
    const old = path.join(cacheDir, name);
    try {
      if (name !== key && Date.now() - fs.statSync(old).mtimeMs > 3_600_000)
        fs.rmSync(old, { recursive: true, force: true });
    } catch {
      // Another relay removed it first.
    }
  }
  return outFile;
}

/** @returns {Promise<{ runCli(argv: string[]): void }>} */
export async function loadCli() {
  let bundle = null;
  try {
    bundle = await bundledCli();
  } catch {
    bundle = null;
  }
  if (bundle) {
    try {
      return await import(pathToFileURL(bundle).href);
    } catch (error) {
      // A bundle whose packages cannot be found (a cache outside the project) runs nothing: fall back.
      if (!(error instanceof Error && 'code' in error && error.code === 'ERR_MODULE_NOT_FOUND')) throw error;
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(entry).href);
}
