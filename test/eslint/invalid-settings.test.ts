/** Invalid `settings.poolguard` in ESLint: every problem is told at once, on one stderr line; the rules go on without the settings. */
import path from 'node:path';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterEach, expect, test, vi } from 'vitest';

import plugin from '../../src/index.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const code = [
  "import { Pool } from 'pg';",
  'const pool = new Pool({ max: 5, connectionTimeoutMillis: 1000 });',
  'export async function f() {',
  '  const client = await pool.connect();',
  "  await client.query('SELECT 1');",
  '  client.release();',
  '}',
  '',
].join('\n');

test('every problem of an invalid settings.poolguard is reported, not only the first', () => {
  const printed: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    printed.push(args.map(String).join(' '));
  });
  const settings = {
    poolguard: {
      pools: true,
      maxPoolSize: 0,
      resources: [{ module: '', acquire: 'Database#checkout' }],
      queries: [{ module: 'lib/db', functions: 'loadUser' }],
    },
  };
  const messages = new Linter({ configType: 'flat' }).verify(
    code,
    [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { poolguard: plugin }, rules: { 'poolguard/no-leaked-connection': 'error' }, settings }],
    { filename: path.join(import.meta.dirname, 'invalid-settings-example.ts') },
  );
  expect(printed).toEqual([
    'eslint-plugin-poolguard: ignoring invalid settings: '
      + 'settings.poolguard.pools is not a known setting (expected one of resources, queries, batched, slowCalls, maxPoolSize); '
      + 'settings.poolguard.maxPoolSize must be a positive integer, got 0; '
      + 'settings.poolguard.resources[0].module must be a non-empty string, got ""; '
      + 'settings.poolguard.resources[0] needs release or releaseBy; '
      + 'settings.poolguard.queries[0].functions must be an array of strings, got "loadUser".',
  ]);
  // The settings are ignored, the rules are not.
  expect(messages.map((message) => `${message.line} ${message.ruleId ?? ''}`)).toEqual(['4 poolguard/no-leaked-connection']);
});
