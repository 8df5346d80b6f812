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

// A file whose functions query through a client of its own, built at the module's top level.
const withClients = [
  "import { Pool } from 'pg';",
  "import { drizzle } from 'drizzle-orm/node-postgres';",
  'const local = new Pool({ max: 5 });',
  'const db = drizzle(local);',
  'export async function first(id: number) {',
  "  return local.query('SELECT 1', [id]);",
  '}',
  'export async function second(ids: number[]) {',
  "  for (const id of ids) await local.query('SELECT 2', [id]);",
  '}',
  'export async function third() {',
  '  return db.execute();',
  '}',
].join('\n');

describe('function reuse with module-level clients', () => {
  it('functions that use the file\'s own clients keep their findings when another is edited', () => {
    expect(keptNames(withClients, edited("'SELECT 1'", "'SELECT 1 LIMIT 5'", withClients))).toEqual(['second', 'third']);
    expect(keptNames(withClients, edited('of ids)', 'of ids.slice(1))', withClients))).toEqual(['first', 'third']);
  });

  it('nothing is kept when a client\'s declaration is edited', () => {
    expect(plan(withClients, edited('max: 5', 'max: 0', withClients))).toBeUndefined();
    expect(plan(withClients, edited('drizzle(local)', 'drizzle(new Pool())', withClients))).toBeUndefined();
  });

  it('a client is a constant built by a call or new of an import, a global or another client, with no code in its arguments', () => {
    const shared = (declarations: string) => [...getTopLevelNames(parse(`import { Pool, wrap } from 'pg';\nfunction make() { return 1; }\n${declarations}`), typescript).shared];
    expect(shared('const a = new Pool(); const b = wrap(a).client; const c = wrap(a).connect(); const d = new Map();')).toEqual(['a', 'c', 'd']);
    expect(shared('let a = new Pool(); var b = new Pool(); const c = make(); const d = a.connect();')).toEqual([]);
    expect(shared('const a = wrap(() => 1); const b = new Pool({ log: function () {} }); const c = (await wrap());')).toEqual([]);
    expect(shared('const a = new Pool(); const a2 = a; const { b } = wrap(); const c = new Pool(), d = wrap(c);')).toEqual(['a', 'c', 'd']);
    // Kept across reloads, or a member of a global or an import.
    expect(shared('const a = (globalThis as any).db ?? new Pool(); const b = globalThis.db || wrap(); const c = Pool.shared; const d = a.pool;')).toEqual(['a', 'b', 'c', 'd']);
    expect(shared('let x = 1; const a = globalThis.db ?? make(); const b = x ?? new Pool(); const c = globalThis.db ?? (() => new Pool())(); const d = x.pool;')).toEqual([]);
  });
});

describe('self-contained functions', () => {
  const check = (body: string, header = 'export async function f(ids: number[])'): boolean => {
    const sourceFile = parse(`import { pool, express } from './db';\nimport { Service } from './service';\nconst app = express();\nlet counter = 0;\nfunction helper() {}\n${header} {\n${body}\n}`);
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
    expect(check('return counter;')).toBe(false);
  });

  it('uses the file\'s shared clients as it uses imports', () => {
    // `app` is built by a call of an import: a shared client.
    expect(check("return app.get('/x').status;")).toBe(true);
    expect(check('return app;')).toBe(true);
    expect(check('app.use(() => ids);')).toBe(false);
    expect(check('app.listen = () => ids;')).toBe(false);
    expect(check('return new app();')).toBe(false);
    expect(check('return pool.query("SELECT 1", [app]);')).toBe(false);
    expect(check('return helper;')).toBe(false);
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
    expect(check('const inner = function () { var counter = 1; return counter; }; inner(); return counter.toFixed();')).toBe(false);
    expect(check('const inner = function () { var pool = 1; return pool; }; inner(); return pool.end();')).toBe(true);
  });
});
