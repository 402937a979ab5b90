// Builds the web app (renderer/vite.config.ts, production) into another folder, for tests and benchmarks
// that need more than the one renderer/dist:
//   node tests/e2e/buildWebVariant.mjs <outDir> [--revision <text>] [--no-lazy]
// --revision puts a comment in every script, so the build is a new revision of the same app (new hashes);
// --no-lazy bundles what is loaded on demand into the entry script (the reference the rural-line
// benchmark compares against; the export worker stays its own file, as it always was).
import { resolve } from 'node:path';
import { build } from 'vite';

const [outDir, ...flags] = process.argv.slice(2);
if (!outDir) throw new Error('usage: buildWebVariant.mjs <outDir> [--revision <text>] [--no-lazy]');
const revisionAt = flags.indexOf('--revision');
const revision = revisionAt >= 0 ? flags[revisionAt + 1] : undefined;
const output = flags.includes('--no-lazy') ? { codeSplitting: false } : {};
/** Adds a statement to every chunk, after minifying and before hashing, so every script gets a new hash. */
const revisionPlugin = {
  name: 'soa-build-revision',
  renderChunk: (code) => `globalThis.soaBuildRevision=${JSON.stringify(revision)};\n${code}`,
};
process.env.NODE_ENV = 'production';
await build({
  configFile: resolve(import.meta.dirname, '../../renderer/vite.config.ts'),
  logLevel: 'warn',
  build: { outDir: resolve(outDir), emptyOutDir: true, rolldownOptions: { output } },
  plugins: revision ? [revisionPlugin] : [],
});
