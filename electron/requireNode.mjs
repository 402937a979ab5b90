// Which Node each command needs, checked before it starts, with a plain message instead of a failure deep
// inside a tool: the app, the tests and the relay run on Node 20.19 or later (`npm start` checks it);
// packaging the desktop app needs 22.12 or later, as Electron 45's tooling declares (`npm run dist`).
//   node electron/requireNode.mjs app|packaging "<what needs it>"
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_FOR = { app: '20.19', packaging: '22.12' };

function parts(version) {
  return version
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
}

/** Whether `current` is at least `minimum` ("20.19", "22.12.0"). */
export function nodeAtLeast(current, minimum) {
  const have = parts(current);
  const need = parts(minimum);
  for (let index = 0; index < Math.max(have.length, need.length); index++) {
    const difference = (have[index] ?? 0) - (need[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}

/** A message saying what needs which Node, or null when the running Node is recent enough. */
export function nodeVersionProblem(minimum, what, current = process.versions.node) {
  if (nodeAtLeast(current, minimum)) return null;
  return `${what} needs Node.js ${minimum} or later; this is Node.js ${current.replace(/^v/, '')}. Install a newer Node.js (for example with nvm: nvm install ${minimum.split('.')[0]}) and run it again.`;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [use, what = 'This command'] = process.argv.slice(2);
  const minimum = NODE_FOR[use];
  if (!minimum) throw new Error('usage: node electron/requireNode.mjs app|packaging "<what needs it>"');
  const problem = nodeVersionProblem(minimum, what);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
}
