import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
