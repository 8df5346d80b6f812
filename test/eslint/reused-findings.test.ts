/** Typed re-lints after an edit: kept findings where the edit is inert, moved past it; recomputed otherwise. */
import path from 'node:path';

import { ESLint } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import { expect, it } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { planFunctionReuse } from '../../src/eslint/function-reuse.js';
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

// Self-contained functions (they name nothing the file declares, and the file names none of them but `helper`).
const service = [
  "import { db } from './transactions-db';",
  'export async function loopA(ids: number[]) {',
  "  for (const id of ids) await db('a').where({ id });",
  '}',
  'export async function loopB(ids: number[]) {',
  "  for (const id of ids) await db('b').where({ id });",
  '}',
  'export async function single(id: number) {',
  "  return db('c').where({ id }).first();",
  '}',
  'export async function helper(id: number) {',
  "  return db('d').where({ id });",
  '}',
  'export async function callsHelper(ids: number[]) {',
  '  for (const id of ids) await helper(id);',
  '}',
].join('\n');

it('after an edit inside a self-contained function, the others keep their findings and the rest is analysed again', async () => {
  const editor = createEslint({});
  const fresh = createEslint({ poolguard: {} });
  const original = await lint(editor, service);
  expect(original.filter((message) => message.ruleId === 'poolguard/no-query-in-loop').map((message) => message.line)).toEqual([3, 6, 15]);

  const withoutLoop = service.replace("for (const id of ids) await db('a').where({ id });", "await db('a').whereIn('id', ids);");
  const edits = [
    service.replace("db('a')", "db('aa')"),
    withoutLoop,
    withoutLoop.replace("db('b')", "db('bb')"),
    // A helper named elsewhere: the function that calls it in a loop loses its finding.
    withoutLoop.replace("return db('d').where({ id });", 'return id;'),
    service,
  ];
  // Each edit but the helper's stays inside one self-contained function, and keeps the findings of the others.
  const [first, second, third, fourth] = edits;
  const parse = (text: string) => ts.createSourceFile(filePath, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const plan = (from: string, to: string) => planFunctionReuse(from, parse(to), ts as unknown as TypeScript, () => false);
  expect(plan(service, first ?? '')?.hidden.size).toBe(2);
  expect(plan(first ?? '', second ?? '')?.hidden.size).toBe(2);
  expect(plan(second ?? '', third ?? '')?.hidden.size).toBe(2);
  expect(plan(third ?? '', fourth ?? '')).toBeUndefined();

  let previous = original;
  for (const text of edits) {
    const messages = await lint(editor, text);
    expect(messages).toEqual(await lint(fresh, text));
    if (text === withoutLoop) expect(messages.length).toBe(previous.length - 1);
    previous = messages;
  }
  expect((await lint(editor, fourth ?? '')).filter((message) => message.ruleId === 'poolguard/no-query-in-loop').map((message) => message.line)).toEqual([6]);
});

// `loadOneReusedRow` is named by no other code of the file, but another module calls it, and the file calls that module.
const throughOtherModule = [
  "import { db } from './transactions-db';",
  "import { loadThroughOtherModule } from './reuse-callback';",
  'export async function loadOneReusedRow(id: number) {',
  "  return db('r').where({ id }).first();",
  '}',
  'export async function loopThroughOtherModule(ids: number[]) {',
  '  for (const id of ids) await loadThroughOtherModule(id);',
  '}',
].join('\n');

it('a function that another module names is analysed again, as the edited function may reach it through that module', async () => {
  const editor = createEslint({});
  const fresh = createEslint({ poolguard: {} });
  const loopLines = async (text: string) => (await lint(editor, text)).filter((message) => message.ruleId === 'poolguard/no-query-in-loop').map((message) => message.line);
  expect(await loopLines(throughOtherModule)).toEqual([7]);
  const edited = throughOtherModule.replace('of ids)', 'of ids.slice(1))');
  expect(await lint(editor, edited)).toEqual(await lint(fresh, edited));
  expect(await loopLines(edited)).toEqual([7]);
});

// Functions that query through the file's own module-level pool; `makeLocalPool`'s timeout comes from its callers.
const moduleClients = [
  "import { Pool } from 'pg';",
  'const local = new Pool({ max: 5, connectionTimeoutMillis: 2000 });',
  'function makeLocalPool(timeout: number) {',
  '  return new Pool({ max: 5, connectionTimeoutMillis: timeout });',
  '}',
  'export async function leaksThroughLocalPool() {',
  '  const client = await local.connect();',
  "  await client.query('SELECT 1');",
  '}',
  'export async function loopsOverLocalPool(ids: number[]) {',
  "  for (const id of ids) await local.query('SELECT $1', [id]);",
  '}',
  'export async function readsLocalPool(id: number) {',
  "  return local.query('SELECT $1', [id]);",
  '}',
  'export function buildsLocalPool() {',
  '  return makeLocalPool(0);',
  '}',
].join('\n');

it('functions using the file\'s own pool keep their findings while another is edited; an edit of the pool\'s declaration analyses all', async () => {
  const editor = createEslint({});
  const fresh = createEslint({ poolguard: {} });
  const rulesAt = async (text: string) => (await lint(editor, text)).map((message) => `${message.ruleId}:${message.line}`);
  expect(await rulesAt(moduleClients)).toEqual(['poolguard/no-unbounded-pool:4', 'poolguard/no-leaked-connection:7', 'poolguard/no-query-in-loop:11']);

  const readEdited = moduleClients.replace("'SELECT $1', [id]);\n}\nexport function", "'SELECT $1 LIMIT 1', [id]);\n}\nexport function");
  const withoutLoop = readEdited.replace("for (const id of ids) await local.query('SELECT $1', [id]);", "await local.query('SELECT $1', [ids]);");
  const edits = [
    readEdited,
    withoutLoop,
    // The pool's declaration: every function is analysed again.
    withoutLoop.replace('const local = new Pool({ max: 5, connectionTimeoutMillis: 2000 });', 'const local = new Map<string, never>();'),
    withoutLoop,
    moduleClients,
  ];
  const parse = (text: string) => ts.createSourceFile(filePath, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const kept = (from: string, to: string) => {
    const found = planFunctionReuse(from, parse(to), ts as unknown as TypeScript, () => false);
    return found && [...found.hidden].map((node) => (node as ts.FunctionDeclaration).name?.text);
  };
  // `buildsLocalPool` names a function of the file: its call is what `makeLocalPool`'s finding reads.
  expect(kept(moduleClients, readEdited)).toEqual(['leaksThroughLocalPool', 'loopsOverLocalPool']);
  expect(kept(readEdited, withoutLoop)).toEqual(['leaksThroughLocalPool', 'readsLocalPool']);
  expect(kept(withoutLoop, edits[2] ?? '')).toBeUndefined();

  for (const text of edits) expect(await lint(editor, text)).toEqual(await lint(fresh, text));
  expect(await rulesAt(edits[2] ?? '')).toEqual(['poolguard/no-unbounded-pool:4']);
  expect(await rulesAt(withoutLoop)).toEqual(['poolguard/no-unbounded-pool:4', 'poolguard/no-leaked-connection:7']);
});
