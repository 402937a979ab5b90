// Which Node each command needs: `npm start` checks 20.19, `npm run dist` 22.12, each with a plain message.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

// A plain .mjs script outside the tests' TypeScript project: loaded at run time, with its shape declared.
const { NODE_FOR, nodeAtLeast, nodeVersionProblem } = (await import(path.join(ROOT, 'electron/requireNode.mjs'))) as {
  NODE_FOR: { app: string; packaging: string };
  nodeAtLeast(current: string, minimum: string): boolean;
  nodeVersionProblem(minimum: string, what: string, current?: string): string | null;
};

describe('the Node version check', () => {
  it('compares versions part by part', () => {
    expect(nodeAtLeast('20.19.0', '20.19')).toBe(true);
    expect(nodeAtLeast('v20.20.2', '20.19')).toBe(true);
    expect(nodeAtLeast('20.9.0', '20.19')).toBe(false);
    expect(nodeAtLeast('20.20.2', '22.12')).toBe(false);
    expect(nodeAtLeast('22.12.0', '22.12')).toBe(true);
    expect(nodeAtLeast('23.0.0', '22.12')).toBe(true);
  });

  it('says what needs which Node, and which one is running', () => {
    expect(nodeVersionProblem(NODE_FOR.app, 'SOA Studio (npm start)', '22.1.0')).toBeNull();
    expect(nodeVersionProblem(NODE_FOR.packaging, 'Packaging the desktop app (npm run dist)', '20.20.2')).toBe(
      'Packaging the desktop app (npm run dist) needs Node.js 22.12 or later; this is Node.js 20.20.2. Install a newer Node.js (for example with nvm: nvm install 22) and run it again.',
    );
  });

  it('stops npm run dist before any work on a Node older than 22.12, and lets it run on a newer one', () => {
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, 'electron/requireNode.mjs'), 'packaging', 'Packaging the desktop app (npm run dist)'],
      { encoding: 'utf8' },
    );
    if (nodeAtLeast(process.versions.node, '22.12')) {
      expect(result.status).toBe(0);
      expect(result.stderr).toBe('');
    } else {
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        `Packaging the desktop app (npm run dist) needs Node.js 22.12 or later; this is Node.js ${process.versions.node}.`,
      );
    }
  });
});
