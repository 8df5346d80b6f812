// The project's own lint: typescript-eslint's type-checked rules on the TypeScript, eslint-plugin-eslint-plugin
// on the rules, and the engine's import boundaries (docs/architecture.md). `npm run lint`; CI runs it.
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The engine (src/analysis) and the knowledge base run in both hosts: ESLint and the CLI's ts-morph. */
const engineFolders = ['src/analysis/**/*.ts', 'src/knowledge/**/*.ts'];
/** Engine files whose job is reading from disk (the untyped host has no program to ask). */
const diskReaders = ['src/analysis/**/untyped-imports.ts', 'src/analysis/core/module-files.ts', 'src/analysis/core/tsconfig-aliases.ts', 'src/analysis/core/generated-clients.ts', 'src/analysis/transactions/package-files.ts', 'src/analysis/core/package-root.ts'];

const hostOnly = {
  paths: [
    { name: 'eslint', message: 'The engine runs in the CLI too: ESLint belongs in src/eslint and rules/.' },
    { name: 'ts-morph', message: 'The engine runs in ESLint too: ts-morph belongs in src/cli.' },
    { name: 'typescript', allowTypeImports: true, message: "The engine uses the TypeScript its host built the program with (context.ts): import types only." },
  ],
  patterns: [
    { group: ['@typescript-eslint/*', 'eslint/*'], message: 'The engine runs in the CLI too: ESLint belongs in src/eslint and rules/.' },
    { group: ['ts-morph/*'], message: 'The engine runs in ESLint too: ts-morph belongs in src/cli.' },
  ],
};
const disk = [
  { name: 'fs', message: 'The engine reads code from the program; only the files listed in eslint.config.js read from disk.' },
  { name: 'node:fs', message: 'The engine reads code from the program; only the files listed in eslint.config.js read from disk.' },
  { name: 'fs/promises', message: 'The engine reads code from the program; only the files listed in eslint.config.js read from disk.' },
  { name: 'node:fs/promises', message: 'The engine reads code from the program; only the files listed in eslint.config.js read from disk.' },
];
const noAnalysis = { regex: '(^|/)analysis(/|$)', message: 'The knowledge base holds facts about libraries: it imports nothing from src/analysis.' };

export default defineConfig([
  globalIgnores(['dist/', 'fixtures/', 'coverage/']),
  {
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/**/*.ts', 'rules/**/*.ts', 'test/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `_name` marks a parameter or destructured field that is deliberately unused.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A scan analyses program after program in one synchronous job, and a WeakRef holds its target until the job ends.
      'no-restricted-globals': ['error', { name: 'WeakRef', message: 'A WeakRef keeps its target alive until the current job ends (a whole scan): use a WeakMap or WeakSet.' }],
    },
  },
  {
    files: ['test/**/*.ts'],
    // vitest types its asymmetric matchers (expect.any, expect.stringMatching) as `any`.
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
    rules: {
      // Rules report through src/eslint/report-findings.ts, which builds fixes and suggestions out of this rule's sight.
      'eslint-plugin/require-meta-has-suggestions': 'off',
      'eslint-plugin/require-meta-fixable': 'off',
    },
  },
  {
    files: engineFolders,
    ignores: diskReaders,
    rules: { 'no-restricted-imports': ['error', { paths: [...hostOnly.paths, ...disk], patterns: hostOnly.patterns }] },
  },
  {
    files: diskReaders,
    rules: { 'no-restricted-imports': ['error', hostOnly] },
  },
  {
    // Flat config replaces a rule's options per block: the knowledge base repeats the engine's list.
    files: ['src/knowledge/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...hostOnly.paths, ...disk], patterns: [...hostOnly.patterns, noAnalysis] }] },
  },
]);
