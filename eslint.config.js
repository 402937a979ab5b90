// Lint: keeps the folder boundaries of the architecture (every arrow points at shared/) and basic hygiene.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'events', 'worker_threads'];

/** no-restricted-imports for a folder: the other folders it may not import, and packages it may not use. */
function boundary(forbiddenFolders, forbiddenPackages, why) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbiddenFolders.map((folder) => ({ group: [`**/${folder}`, `**/${folder}/**`], message: why })),
          ...(forbiddenPackages.length ? [{ group: forbiddenPackages, message: why }] : []),
        ],
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', '.tsbuild/**', '**/dist/**', 'release/**', 'test-artifacts/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: boundary(
      ['renderer', 'server', 'electron', 'tests', 'bench'],
      [...nodeBuiltins, 'react', 'react-dom', 'electron', 'ws', 'better-sqlite3', 'y-indexeddb', 'y-websocket', '@tiptap/*'],
      'shared/ runs in the browser, Electron and Node: it imports npm packages only, none of the other folders, no DOM, Node or Electron.',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: boundary(
      ['server', 'electron', 'tests', 'bench'],
      [...nodeBuiltins, 'electron', 'ws', 'better-sqlite3'],
      'renderer/ runs in a browser: it imports shared/ only, and reaches the desktop through the preload bridge.',
    ),
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/**/*.test.ts'],
    rules: boundary(['renderer', 'electron', 'tests', 'bench'], ['react', 'react-dom', 'electron'], 'server/ imports shared/ only.'),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/**/*.test.ts'],
    rules: boundary(['renderer', 'server', 'tests', 'bench'], ['react', 'react-dom'], 'electron/ imports shared/ only.'),
  },
);
