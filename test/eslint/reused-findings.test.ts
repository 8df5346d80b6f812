/** Typed re-lints after an edit: kept findings where the edit is inert, moved past it; recomputed otherwise. */
import path from 'node:path';

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { ruleTesterRoot } from '../helpers/rule-testers.js';

const filePath = path.join(ruleTesterRoot, 'file.ts');
const rules = Object.fromEntries(Object.keys(plugin.rules).map((id) => [`poolguard/${id}`, 'error' as const]));
const createEslint = (settings: Record<string, unknown>): ESLint =>
  new ESLint({
    cwd: ruleTesterRoot,
    overrideConfigFile: true,
    overrideConfig: [{
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: ruleTesterRoot } },
      plugins: { poolguard: plugin },
      rules,
      settings,
    }],
  });

// The helper's name is written nowhere else in the project, or nothing would be reused.
const code = [
  "import { Pool } from 'pg';",
  'const pool = new Pool({ max: 5 });',
  'export function sumOfEditedValues(values: readonly number[]): number { let sum = 0; for (const value of values) sum += value; return sum; } export async function leak() { const client = await pool.connect();',
  "  await client.query('SELECT 1');",
  '  client.release();',
  '}',
  'export async function loop(ids: number[]) {',
  "  for (const id of ids) await pool.query('SELECT $1', [id]);",
  '}',
].join('\n');

const lint = async (eslint: ESLint, text: string) => {
  const [result] = await eslint.lintText(text, { filePath });
  return (result?.messages ?? []).map(({ ruleId, line, column, endLine, endColumn, message, suggestions }) => ({ ruleId, line, column, endLine, endColumn, message, suggestions }));
};

it('an editor session gets the findings a fresh lint gets, after inert and other edits', async () => {
  const editor = createEslint({});
  // Another settings object: nothing of the editor's last lint is reused, every lint computes.
  const fresh = createEslint({ poolguard: {} });
  const original = await lint(editor, code);
  expect(original.map((message) => message.ruleId)).toEqual(['poolguard/no-unbounded-pool', 'poolguard/no-leaked-connection', 'poolguard/no-query-in-loop']);

  const edits = [
    code.replace('let sum = 0;', 'let sum = 1000;'),
    code.replace('let sum = 0;', 'let sum = 7;'),
    code.replace('let sum = 0;', 'let sum = 0; const extra = new Pool();'),
    code.replace('let sum = 0;', 'let sum = 12;'),
    code,
  ];
  for (const text of edits) expect(await lint(editor, text)).toEqual(await lint(fresh, text));
  // The leak's finding sits after the edited function on its line: it moved with the edit.
  const moved = await lint(editor, edits[0] ?? '');
  expect(moved[1]?.column).toBe((original[1]?.column ?? 0) + 3);
  expect((await lint(editor, edits[2] ?? '')).length).toBeGreaterThan(original.length);
});
