// Loaded with `node --import` before Electronegativity's CLI. The CLI (1.10.3) reads its parsed options as
// properties of commander's program object, which commander 5 did by default; it does not declare commander
// as a dependency, and the copy hoisted in this install is commander 7, which keeps options in `.opts()`
// unless told otherwise, so every option (even --input) was silently ignored and the CLI printed its help.
// Restoring the old behaviour on the same singleton program makes the unmodified CLI work.
import { createRequire } from 'node:module';

const requireFromTool = createRequire(
  createRequire(import.meta.url).resolve('@doyensec/electronegativity/dist/index.js'),
);
const program = requireFromTool('commander');
if (typeof program.storeOptionsAsProperties === 'function') program.storeOptionsAsProperties(true);
