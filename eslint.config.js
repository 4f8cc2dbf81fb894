// ESLint's recommended rules and typescript-eslint's fast set (no type information, so it runs in
// seconds), for everything we write. Compiled output and installed packages are not linted.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The Node globals our plain-JavaScript files use (TypeScript files get them from @types/node).
const node = { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' };

export default tseslint.config(
  { ignores: ['lib/', 'dist/', 'node_modules/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { sourceType: 'module', globals: node } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { ...node, module: 'writable', require: 'readonly' } } },
  {
    rules: {
      // Reported, but not fatal: an unused name is tidying, not a defect, and is fixed by its owner.
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
