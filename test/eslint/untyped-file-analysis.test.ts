/** Untyped linting: every rule of one lint shares the file's analysis, and the next lint of the same file name looks again. */
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { expect, test } from 'vitest';

import plugin from '../../src/index.js';

const leakyUnbounded = [
  "import { Pool } from 'pg';",
  'const pool = new Pool();',
  'export async function f() {',
  '  const client = await pool.connect();',
  "  await client.query('SELECT 1');",
  '  client.release();',
  '}',
  '',
].join('\n');
const noDatabase = 'export function f(values: number[]) {\n  return values.map((value) => value * 2);\n}\n';

const config = [{
  files: ['**/*.ts'],
  languageOptions: { parser: tseslint.parser },
  plugins: { poolguard: plugin },
  rules: { 'poolguard/no-leaked-connection': 'error', 'poolguard/no-unbounded-pool': 'error' },
}] as Linter.Config[];

const ruleIds = (linter: Linter, text: string): (string | null)[] =>
  linter.verify(text, config, { filename: 'src/service.ts' }).map((message) => message.ruleId).sort();

test('each rule of a lint reports from the shared analysis; a later lint of the same file sees its new text', () => {
  const linter = new Linter({ configType: 'flat' });
  expect(ruleIds(linter, noDatabase)).toEqual([]);
  expect(ruleIds(linter, leakyUnbounded)).toEqual(['poolguard/no-leaked-connection', 'poolguard/no-unbounded-pool']);
  expect(ruleIds(linter, noDatabase)).toEqual([]);
  expect(ruleIds(linter, leakyUnbounded)).toEqual(['poolguard/no-leaked-connection', 'poolguard/no-unbounded-pool']);
});
