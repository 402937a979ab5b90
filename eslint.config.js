// Lint: keeps the folder boundaries of the architecture (every arrow points at shared/) and basic hygiene.
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'events',
  'worker_threads',
];

/** no-restricted-imports for a folder: the other folders it may not import, and packages it may not use. */
function boundary(forbiddenFolders, forbiddenPackages, why, extraPatterns = []) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbiddenFolders.map((folder) => ({ group: [`**/${folder}`, `**/${folder}/**`], message: why })),
          ...(forbiddenPackages.length ? [{ group: forbiddenPackages, message: why }] : []),
          ...extraPatterns,
        ],
      },
    ],
  };
}

/**
 * Code the first screen does not need, kept out of the main bundle (at most 250 KB gzipped; see
 * tests/e2e/firstScreenSize.test.ts): the renderer reaches it by dynamic import only, the Word export through
 * renderer/src/export/loadExportModule.ts. Type imports are fine (they vanish from the build).
 */
const onDemandOnly = {
  regex: '^docx$|/shared/export(/index)?$|/shared/sample/generateSample$',
  allowTypeImports: true,
  message:
    'Load the Word export and the sample generator on demand: `await loadExportModule()` (renderer/src/export/loadExportModule.ts) or `await import(...)`, so they stay out of the first screen.',
};

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
      [
        ...nodeBuiltins,
        'react',
        'react-dom',
        'electron',
        'ws',
        'better-sqlite3',
        'y-indexeddb',
        'y-websocket',
        '@tiptap/*',
      ],
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
      [onDemandOnly],
    ),
  },
  {
    // The export worker is its own chunk, loaded only when an officer exports.
    files: ['renderer/src/export/*.worker.ts'],
    rules: boundary(
      ['server', 'electron', 'tests', 'bench'],
      [...nodeBuiltins, 'electron', 'ws', 'better-sqlite3'],
      'renderer/ runs in a browser.',
    ),
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/**/*.test.ts'],
    rules: boundary(
      ['renderer', 'electron', 'tests', 'bench'],
      ['react', 'react-dom', 'electron'],
      'server/ imports shared/ only.',
    ),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/**/*.test.ts'],
    rules: boundary(
      ['renderer', 'server', 'tests', 'bench'],
      ['react', 'react-dom'],
      'electron/ imports shared/ only.',
    ),
  },
);
