// Bundles the Electron main process and preload into electron/dist/ as CommonJS Electron can run:
// main.cjs (Node, `electron` external), preload.cjs (sandboxed preload: one file, only `electron` required),
// and a small package.json so `electron electron/dist` runs with the app's name and version.
import { readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'dist');
const root = path.join(here, '..');
const production = process.argv.includes('--production');

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: production ? false : 'inline',
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

await Promise.all([
  build({ ...common, entryPoints: [path.join(here, 'main', 'index.ts')], outfile: path.join(out, 'main.cjs') }),
  build({ ...common, entryPoints: [path.join(here, 'preload', 'index.ts')], outfile: path.join(out, 'preload.cjs') }),
]);

const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
await writeFile(
  path.join(out, 'package.json'),
  `${JSON.stringify({ name: 'soa-studio', productName: 'SOA Studio', version: pkg.version, main: 'main.cjs', type: 'commonjs', private: true }, null, 2)}\n`,
);
console.log(`electron: built ${path.relative(root, out)}/main.cjs and preload.cjs`);
