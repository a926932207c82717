// Lint for src/, test/ and scripts/ (docs/testing.md "Lint"). typescript-eslint's recommended
// rules without type information (no program is built, so it stays a few seconds), the
// import-cycle rule, and a disable comment that no longer suppresses anything is an error.
import js from '@eslint/js';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'completions/**', 'man/**', 'coverage/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Lazy `require()` is deliberate: a command loads only what it uses, and start-up stays
      // close to `node -e 0` (docs/performance.md). `import()` would make those paths async.
      '@typescript-eslint/no-require-imports': 'off',
      // Terminal text is what this CLI handles: matching control characters is the point of
      // those expressions (textwrap's whitespace, wcwidth's escapes, file-name checks).
      'no-control-regex': 'off',
      // `_name` marks a value received on purpose and not used (a rest pattern's dropped key,
      // a callback's leading parameters).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.mts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.mts', '.js', '.mjs', '.cjs'],
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.mts', '.js', '.mjs', '.cjs', '.json'] })],
    },
    rules: {
      // A cycle lets load order decide which binding is still undefined when it is used, and
      // ties layers together that docs/architecture.md keeps apart.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'performance', 'fetch'].map((n) => [n, 'readonly']),
      ),
    },
  },
);
