import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layering } from './eslint.layering.js';

/** The parts of the dashboard the demo and the boundary never import. */
const DASHBOARD = ['ui', 'state', 'keymap', 'cli'];
/** Log modules that open streams to the cluster: a view may name their types, not run them. */
const LOG_STREAMS = ['logs/logSession', 'logs/containerFollower', 'logs/logRequest'];
const VIEWS = {
  never: ['cli', 'demo', 'kube', 'terminal', 'io', 'config'],
  typesOnly: LOG_STREAMS,
  why: 'views and components draw and dispatch; they reach the cluster only through hooks (src/ui/hooks/) and actions (src/ui/actions.ts)',
};

/**
 * The architecture of the README as a lint rule: for each folder of src/, the folders of ours it may import
 * (`only`) or never imports (`never`). Files of a folder always import each other. See eslint.layering.js.
 */
export const LAYERS = {
  domain: {
    only: ['domain'],
    why: 'domain/ is pure Kubernetes rules and text; it imports nothing of ours but domain/ (state and I/O stay with the caller)',
  },
  kube: {
    only: ['domain', 'debugLog'],
    why: 'kube/ is the cluster boundary; it never imports the UI, the UI state or the demo',
  },
  demo: { only: ['domain'], why: 'the demo cluster shares only domain/ with the dashboard' },
  logs: {
    never: [...DASHBOARD, 'demo', 'terminal'],
    why: 'the log engine is a store outside React; the UI reads it, not the other way round',
  },
  io: { only: ['domain'], why: 'io/ only writes files' },
  config: { only: ['domain'], why: 'config/ only reads and writes the config directory' },
  terminal: {
    never: [...DASHBOARD, 'demo', 'logs'],
    why: 'terminal/ hands the terminal over and takes it back, nothing else',
  },
  keymap: { never: ['ui', 'state', 'cli', 'demo'], why: 'the keymap is data; the UI reads it' },
  state: {
    never: ['ui', 'cli', 'demo', 'kube', 'terminal', 'io', 'config'],
    why: 'the UI state is a pure reducer: no React, no cluster, no I/O',
  },
  ui: {
    never: ['cli', 'demo'],
    why: 'the dashboard never imports the demo cluster or the CLI that starts them',
  },
  'ui/views': VIEWS,
  'ui/components': VIEWS,
  debugLog: { only: [], why: 'the debug log imports nothing of ours' },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/demo/**', 'src/domain/**', 'src/kube/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['ink', 'react'], patterns: ['**/ui/**'] }],
    },
  },
  // The API boundary (issue 14): what the server sends is decoded once, by src/kube/decode/, into the wire types;
  // past that point a type assertion or a non-null assertion would be a guess. Type-aware, so scoped to kube/.
  {
    files: ['src/kube/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unsafe-type-assertion': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { podscope: { rules: { layering } } },
    rules: { 'podscope/layering': ['error', { layers: LAYERS }] },
  },
  {
    files: ['bin/**', 'test/bench/**', '**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'URL',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'performance',
          'Buffer',
          'fetch',
        ].map((g) => [g, 'readonly']),
      ),
    },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['src/cli/**', 'src/demo/cli.ts'],
    rules: { 'no-console': 'off' },
  },
);
