/**
 * Bundles a reference server written in TypeScript (bench/lib/*Server.ts) with esbuild into
 * node_modules/.cache/bench/, so it runs as plain JavaScript as the relay does (server/bin/loadCli.mjs),
 * not under tsx, whose loader thread would add 30-45 MiB to the reference's RSS. npm packages stay
 * imports, resolved from the project's node_modules; each module keeps its source's import.meta.url, as in
 * the relay's bundle, so the relay's store finds its checkpoint worker's file.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { keepImportMetaUrl } from '../../server/bin/loadCli.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The bundled file's path (made again on every call: it takes well under a second). */
export async function bundleServer(entry: string): Promise<string> {
  const outfile = path.join(root, 'node_modules', '.cache', 'bench', `${path.basename(entry, '.ts')}.mjs`);
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    plugins: [keepImportMetaUrl()],
  });
  return outfile;
}
