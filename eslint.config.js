// ESLint (flat config), run by `npm run lint` and `npm test`: @eslint/js and typescript-eslint
// recommended everywhere, the rules of hooks and their dependency lists for the client.
//
// Not type-aware (recommendedTypeChecked): on this 2-core machine it takes 4-5 times as long and
// `tsc` already runs in `npm test`. Not the React Compiler rules of eslint-plugin-react-hooks 7
// (its "recommended" preset): the client is not compiled by the React Compiler, they run it on
// every client file (twice the lint time) and flag this code's deliberate render-time idioms
// (a ref holding the latest value or a cache between renders, Date.now() for what "now" shows).
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'data/', 'test-results/', '.vite/', '.scratch/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_` names a binding that destructuring needs but the code does not read.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // An error, not a warning: `npm test` fails on it rather than printing it.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Tests read the server's JSON answers as the wire gives them (`any`) and assert their shape;
    // typing each answer would restate the protocol the tests are there to check.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  { files: ['*.js'], languageOptions: { globals: globals.node } },
  { files: ['client/public/**/*.js'], languageOptions: { sourceType: 'script', globals: globals.serviceworker } },
);
