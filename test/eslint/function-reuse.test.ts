/** Which functions keep their findings when an edit stays inside another self-contained function. */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { planFunctionReuse } from '../../src/eslint/function-reuse.js';
import { getTopLevelNames, isSelfContained } from '../../src/eslint/self-contained-functions.js';

const typescript = ts as unknown as TypeScript;

const before = [
  "import { pool } from './db';",
  "import { Service } from './service';",
  'const app = createApp();',
  'export async function load(id: number) {',
  "  const { rows } = await pool.query('SELECT * FROM t WHERE id = $1', [id]);",
  '  return rows.map((row) => row.id as number);',
  '}',
  'export async function loop(ids: readonly number[]) {',
  '  const out = [];',
  "  for (const id of ids) out.push(await pool.query('SELECT $1', [id]));",
  '  return out;',
  '}',
  'export async function leak() {',
  '  const client = await pool.connect();',
  "  await client.query('SELECT 1');",
  '  client.release();',
  '}',
  'export async function callsLoad() {',
  '  return load(1);',
  '}',
].join('\n');

const parse = (text: string) => ts.createSourceFile('file.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
const plan = (oldText: string, newText: string, namedElsewhere: readonly string[] = []) =>
  planFunctionReuse(oldText, parse(newText), typescript, (name) => namedElsewhere.includes(name));
const keptNames = (oldText: string, newText: string, namedElsewhere: readonly string[] = []) => {
  const found = plan(oldText, newText, namedElsewhere);
  return found && [...found.hidden].map((node) => (node as ts.FunctionDeclaration).name?.text);
};
const edited = (from: string, to: string, text = before): string => {
  expect(text).toContain(from);
  return text.replace(from, to);
};

describe('function reuse', () => {
  it('an edit inside a self-contained function keeps the others that nothing in the file names', () => {
    // `load` is called by `callsLoad`: its findings may depend on it. `callsLoad` names a function of the file.
    expect(keptNames(before, edited("'SELECT $1'", "'SELECT $1 LIMIT 5'"))).toEqual(['leak']);
    expect(keptNames(before, edited('for (const id of ids)', 'for (const id of ids.slice(1))'))).toEqual(['leak']);
    const unnamed = before.replace('return load(1);', 'return 1;');
    expect(keptNames(unnamed, edited("'SELECT 1'", "'SELECT 2'", unnamed))).toEqual(['load', 'loop', 'callsLoad']);
  });

  it('the kept functions are placed in the old text and in the new one', () => {
    const after = edited("'SELECT $1'", "'SELECT $1 LIMIT 5'");
    const found = plan(before, after);
    const [oldRange] = found?.keptOld ?? [];
    const [newRange] = found?.keptNew ?? [];
    expect(before.slice(oldRange?.start, oldRange?.end)).toBe(after.slice(newRange?.start, newRange?.end));
    expect(before.slice(oldRange?.start, oldRange?.end)).toContain('function leak()');
  });

  it('nothing is kept when the edited function is named elsewhere, leaves its body, or changes its line count', () => {
    expect(plan(before, edited("'SELECT $1'", "'SELECT 2'"), ['loop'])).toBeUndefined();
    expect(plan(before, edited('ids: readonly number[]', 'ids: number[]'))).toBeUndefined();
    expect(plan(before, edited('  return out;', '  return out;\n'))).toBeUndefined();
    expect(plan(before, edited("'SELECT $1'", "'SELECT $1"))).toBeUndefined();
  });

  it('nothing is kept when the edited function stops being self-contained, before or after', () => {
    expect(plan(before, edited('  return out;', '  app.use(() => out); return out;'))).toBeUndefined();
    expect(plan(edited('  return out;', '  app.use(() => out); return out;'), before)).toBeUndefined();
  });
});

describe('self-contained functions', () => {
  const check = (body: string, header = 'export async function f(ids: number[])'): boolean => {
    const sourceFile = parse(`import { pool, express } from './db';\nimport { Service } from './service';\nconst app = express();\nfunction helper() {}\n${header} {\n${body}\n}`);
    const fn = sourceFile.statements.find((statement): statement is ts.FunctionDeclaration => ts.isFunctionDeclaration(statement) && statement.name?.text === 'f');
    if (!fn) throw new Error('no function f');
    return isSelfContained(fn, getTopLevelNames(sourceFile, typescript), typescript);
  };

  it('reads and calls imports and globals, and computes with its own names', () => {
    expect(check("const { rows } = await pool.query('SELECT 1', [ids]); return rows.map((row) => row.id);")).toBe(true);
    expect(check("for (const id of ids) { let n = 0; n += id; console.log(n, { id }); } const when = new Date(); return when;")).toBe(true);
    expect(check('const double = (x: number) => x * 2; return ids.map(double).filter((x) => x > 1).length;')).toBe(true);
    expect(check('const client = await pool.connect(); try { return await client.query(`SELECT ${1}`); } finally { client.release(); }')).toBe(true);
    expect(check('var total = 0; { total = ids.length; } return total;')).toBe(true);
  });

  it('names no value the file declares', () => {
    expect(check('helper(); return 1;')).toBe(false);
    expect(check('return app;')).toBe(false);
  });

  it('hands nothing of its own or from outside to calls on outside objects', () => {
    expect(check('app.use((req, res) => res.send(ids));')).toBe(false);
    expect(check('const handler = () => ids; pool.on("connect", handler);')).toBe(false);
    expect(check('const r = pool.route("/x"); const handler = () => ids; r.all(handler);')).toBe(false);
    expect(check('pool.query("SELECT 1").then(() => ids);')).toBe(false);
    expect(check('return pool.query("SELECT 1", [Service]);')).toBe(false);
    expect(check('setTimeout(() => ids, 10);')).toBe(false);
  });

  it('writes, builds and reaches only what is its own', () => {
    expect(check('pool.options.max = 5;')).toBe(false);
    expect(check('[pool] = [ids];')).toBe(false);
    expect(check('return new Service(ids);')).toBe(false);
    expect(check('return this;', 'export function f(this: unknown, ids: number[])')).toBe(false);
    expect(check("const pg = require('pg'); return pg;")).toBe(false);
    expect(check("return import('pg');")).toBe(false);
    expect(check('class Local {} return new Local();')).toBe(false);
    expect(check('return f(ids);')).toBe(false);
  });

  it('a name declared in an inner scope does not make the same name outside it its own', () => {
    expect(check('{ const pool = 1; void pool; } pool.end();')).toBe(true);
    expect(check('{ const pool = 1; void pool; } pool.options.max = 1;')).toBe(false);
    expect(check('const inner = function () { var app = 1; return app; }; inner(); return app.listen();')).toBe(false);
    expect(check('const inner = function () { var pool = 1; return pool; }; inner(); return pool.end();')).toBe(true);
  });
});
