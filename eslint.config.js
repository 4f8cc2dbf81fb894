// ESLint's recommended rules and typescript-eslint's fast set (no type information, so it runs in
// seconds), for everything we write. Compiled output and installed packages are not linted.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['lib/', 'dist/', 'node_modules/', '.cache/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { sourceType: 'module', globals: globals.node } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: globals.node } },
  // Scripts that templates put into pages run in the browser, as classic scripts.
  { files: ['templates/**/*.js'], languageOptions: { sourceType: 'script', globals: globals.browser } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
