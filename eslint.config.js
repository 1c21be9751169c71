// Lint is part of `npm test`. The one architectural rule it enforces: core/ is pure domain code,
// runnable anywhere (CLI, main process, renderer, tests), so it may not reach for Electron,
// Node built-ins, React or the DOM.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.scratch/**', '.cache/**', 'out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['core/**/*.ts'],
    // Tests may read fixtures from disk; the code under test may not.
    ignores: ['core/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'core/ is pure: no Electron.' },
          { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'url', 'util', 'events', 'stream'], message: 'core/ is pure: no Node built-ins.' },
          { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'three', '@react-three/*'], message: 'core/ is pure: no React, DOM or rendering.' },
          { group: ['better-sqlite3'], message: 'core/ is pure: storage lives in electron/store.' },
          { group: ['../electron/*', '../../electron/*', '../renderer/*', '../../renderer/*'], message: 'core/ may not import from electron/ or renderer/.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'require', 'Buffer'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'better-sqlite3', 'node:*'], message: 'The renderer is sandboxed: talk to main through the API client.' },
          { group: ['**/electron/*'], message: 'The renderer may import core/, never electron/.' },
        ],
      }],
    },
  },
);
