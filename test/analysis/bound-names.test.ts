/** Untyped name lookups from the binder's tables: the very symbol the shared checker gives, or the checker is asked. */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { AnalysisContext, TypeScript } from '../../src/analysis/core/analysis-context.js';

import { createSingleFileProgram, getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { askChecker, getBoundSymbol } from '../../src/analysis/core/bound-names.js';
import { createInMemoryContext } from '../helpers/in-memory-context.js';
import { createProbeProgram } from '../helpers/probe-program.js';

const typescript = ts as unknown as TypeScript;

/** Every scope rule the lookup reads (and some it leaves to the checker): imports, exports, `export default`, class and
 * function expression names, parameters' own scope, catch bindings, shadowing, globals, enums, namespaces, narrowing. */
const text = `import { db, other } from 'pg';
import * as ns from 'knex';
import def from 'mysql2';
import type { Row } from 'pg';
import eq = require('sequelize');
class Foo { query() {} static s = 1; m() { return this.query(); } }
function isFoo(v: unknown): v is Foo { return true; }
if (db instanceof Foo) db.query();
if (isFoo(other)) other.query();
ns.a.b; def.c; eq.d; def.e;
export default function named() { return named; }
export const exported = 1; exported;
const f = function self() { return self; };
const C = class K { m() { return K; } };
function g(a = exported, b = a) { var inner = 1; return [a, b, inner, arguments]; }
for (const x of [1]) { x; }
enum E { A, B = A }
namespace N { export const v = 1; v; }
N.v; E.A; undefined; globalThis; console.log(missing);
try { db; } catch (err) { err; }
const { a: [p] = [db] } = { a: [1] } as any; p;
let re; re = 1; re++;
class D extends Foo { constructor(private pool: any) { super(); this.pool.query(); } }
\`\${db}\`; db!; (db); db as any; void db; typeof db; -db; ({ ...def }); [...def];
switch (re) { case p: break; }
const h = (x: number) => x; const k = () => db;
function shadow(db: number) { return db; }
export { exported as renamed }; renamed;
`;

/**
 * Compares every identifier of the file the binder answers for with the context's checker; returns how many it
 * answered, and how many names of expression statements at the module's top it left to the checker.
 */
function compareWithChecker(context: AnalysisContext, sourceFile: ts.SourceFile): { answered: number; topLevelAsked: number } {
  let answered = 0;
  let topLevelAsked = 0;
  const visit = (node: ts.Node): void => {
    if (typescript.isIdentifier(node)) {
      const bound = getBoundSymbol(node, context);
      if (bound !== askChecker) {
        answered += 1;
        expect(bound, `${sourceFile.fileName}: ${node.text} at ${node.pos}`).toBe(context.checker.getSymbolAtLocation(node));
      } else if (typescript.isExpressionStatement(node.parent) && node.parent.parent === sourceFile) {
        topLevelAsked += 1;
      }
    }
    typescript.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { answered, topLevelAsked };
}

/** Untyped: the file alone in a one-file program; returns how many identifiers the binder answered. */
function expectCheckerAnswers(fileName: string, source: string): number {
  const sourceFile = typescript.createSourceFile(fileName, source, typescript.ScriptTarget.Latest, true);
  return compareWithChecker(getAnalysisContext(typescript, createSingleFileProgram(typescript, sourceFile), false, {}), sourceFile).answered;
}

test('every answer is the symbol the checker gives', () => {
  for (const fileName of ['/project/names.ts', '/project/names.tsx']) expect(expectCheckerAnswers(fileName, text)).toBeGreaterThan(40);
});

/** JavaScript's own scope rules: CommonJS `require`, `exports` and `module.exports`, expando members (`f.z = 1`, the
 * checker's symbol of the member, not of `f`), prototype methods, `var` hoisting, functions in blocks, JSDoc. */
const javaScriptText = `const { Pool } = require('pg');
const db = require('./db');
const { a: { deep } } = require('./nested'); const member = require('./member').value; const local = make('x');
deep; member; local; function make() {}
/** @param {import('pg').Pool} pool */
function run(pool, rows) { for (var i = 0; i < rows.length; i++) { pool.query(rows[i]); } return [i, pool, db, arguments]; }
function F() { this.pool = db; }
F.z = 1; F; F.prototype.query = function () { return this.pool.query(query, F, z); };
const o = {}; o.a = 1; o; o.a;
if (db) { function inBlock() { return inBlock; } inBlock(); }
exports.run = run; module.exports.F = F; exports; module; require; run(db, []);
class Repo { constructor() { this.db = db; } find() { return this.db.query(Pool); } }
try { db.x(); } catch (err) { err; }
let later; later = run; later;
const arrow = (x) => x + missing; arrow(1);
Promise.resolve(parseInt('1')); exports.run; exports.missing; run.call(null);
`;

test('JavaScript: every answer is the symbol the checker gives', () => {
  const modules = { '/project/legacy.js': javaScriptText, '/project/legacy.cjs': javaScriptText, '/project/esm.js': `import pg from 'pg';\nexport const pool = new pg.Pool();\n${javaScriptText}`,
    // A variable named `module`: `module.exports = …` still declares the module's export, which the checker answers.
    '/project/shadowed.js': 'let module = { exports: {} };\nmodule.exports = { pool: 1 };\nmodule; module.exports;\n' + javaScriptText.replace(/module\.exports\.F = F; /, '') };
  for (const [fileName, source] of Object.entries(modules)) expect(expectCheckerAnswers(fileName, source), fileName).toBeGreaterThan(20);
});

/** Typed: the file as the root of a whole program (with TypeScript's lib files). */
function expectTypedCheckerAnswers(fileName: string, source: string): { answered: number; topLevelAsked: number } {
  const { context } = createProbeProgram({ [fileName]: `${source}\nprobe(0);\n` }, fileName, { allowJs: true, strict: false });
  // Created first, as a typed lint's checker is: it binds the files, whose tables the reading needs.
  void context.checker;
  return compareWithChecker(context, context.program.getSourceFile(fileName)!);
}

test('typed: a function\'s or a block\'s own names are the symbols the checker gives; a module\'s are left to it', () => {
  const names = expectTypedCheckerAnswers('/app/src/names.ts', `declare function probe(value: unknown): void;\n${text}`);
  expect(names.answered).toBeGreaterThan(5);
  // \`exported;\`, \`re++\`… at the top: a module's names can merge with other files' declarations.
  expect(names.topLevelAsked).toBeGreaterThan(3);
  expect(expectTypedCheckerAnswers('/app/src/legacy.js', javaScriptText).answered).toBeGreaterThan(10);
  expect(expectTypedCheckerAnswers('/app/src/service.ts', `import { Pool } from 'pg';
const pool = new Pool();
export async function load(ids: number[], { limit = 10 }: { limit?: number } = {}, first = ids[0]) {
  const client = await pool.connect();
  try {
    const out: unknown[] = [];
    for (const id of ids) { const { rows } = await client.query('x', [id, limit, first]); out.push(...rows); }
    retry: for (let i = 0; i < 3; i++) { if (i) continue retry; }
    const fn = function named(n: number): number { return n ? named(n - 1) : 0; };
    class Local<T> { value?: T; read() { return client; } }
    const short = { client, out };
    return [out, fn, new Local<number>(), short, ((x = client) => x)()];
  } catch (error) { throw error; } finally { client.release(); }
}
declare function probe(value: unknown): void;`).answered).toBeGreaterThan(20);
});

test('typed: a module\'s value imports, unexported names and globals are the symbols the checker gives; type-only imports, exports and an augmented module\'s names are left to it', () => {
  const root = '/app/src/imports.ts';
  const { context } = createProbeProgram({
    // Reads in db.ts of names only an augmentation declares there, or a global: the module's scope is the merged one.
    '/app/src/db.ts': 'export class Pool { query() {} }\nexport const pool = new Pool();\nexport interface Row { id: number }\nexport default pool;\nadded; console; JSON;\n',
    // Another file augments db.ts: its exports merge, the importer's aliases do not.
    '/app/src/augment.ts': "import { Pool } from './db';\ndeclare module './db' { interface Row { name: string } export const added: number; }\nexport const extra = Pool;\n",
    [root]: `import './augment';
import { pool, Pool } from './db';
import * as db from './db';
import main from './db';
import type { Row } from './db';
import { type Row as Row2, pool as other } from './db';
import { missing } from './nowhere';
const rows: Row[] = []; const more: Row2[] = [];
pool.query(); new Pool(); db.pool; main; other; missing; rows; more;
export function local(pool: number) { return [pool, other, main, kept, helper, Kept, shared]; }
const kept = pool; function helper() { return kept; } class Kept {} var shared = 1;
export const exported = 1; export function exportedFn() {}
kept; helper; Kept; shared; exported; exportedFn;
console; JSON; missingGlobal; added; Row2;
function inner() { return [console, JSON, missingGlobal]; }
declare function probe(value: unknown): void;
probe(0);`,
  }, root);
  void context.checker;
  const sourceFile = context.program.getSourceFile(root)!;
  const answered = compareWithChecker(context, sourceFile).answered;
  expect(answered).toBeGreaterThan(8);
  // The augmented module's own reads are the checker's: what it answers there depends on the augmentation.
  const augmented = context.program.getSourceFile('/app/src/db.ts')!;
  compareWithChecker(context, augmented);
  for (const read of findAll(augmented, (node) => typescript.isExpressionStatement(node.parent))) expect(getBoundSymbol(read, context), read.text).toBe(askChecker);
  const asked = (text: string): boolean => getBoundSymbol(findLast(sourceFile, (node) => node.text === text), context) === askChecker;
  for (const name of ['main', 'other', 'missing', 'kept', 'helper', 'Kept', 'shared', 'console', 'JSON', 'missingGlobal', 'added']) {
    const reads = findAll(sourceFile, (node) => node.text === name && typescript.isExpressionStatement(node.parent));
    expect(reads.length, name).toBeGreaterThan(0);
    for (const read of reads) expect(getBoundSymbol(read, context), name).not.toBe(askChecker);
  }
  // A type-only import read as a value (an error) names something else to the checker.
  for (const name of ['exported', 'exportedFn', 'Row2']) expect(asked(name), name).toBe(true);
});

function findAll(sourceFile: ts.SourceFile, matches: (node: ts.Identifier) => boolean): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (typescript.isIdentifier(node) && matches(node)) found.push(node);
    typescript.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function findLast(sourceFile: ts.SourceFile, matches: (node: ts.Identifier) => boolean): ts.Identifier {
  let found: ts.Identifier | undefined;
  const visit = (node: ts.Node): void => {
    if (typescript.isIdentifier(node) && matches(node)) found = node;
    typescript.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found!;
}

test('an exported name is its export, an import its alias, a member of an import none; a narrowed import is the checker\'s', () => {
  const sourceFile = typescript.createSourceFile('/project/exports.ts', text, typescript.ScriptTarget.Latest, true);
  const context = getAnalysisContext(typescript, createSingleFileProgram(typescript, sourceFile), false, {});
  const exported = getBoundSymbol(findLast(sourceFile, (node) => node.text === 'exported' && typescript.isExpressionStatement(node.parent)), context);
  expect(exported).not.toBe(askChecker);
  expect((exported as ts.Symbol).flags & typescript.SymbolFlags.BlockScopedVariable).not.toBe(0);
  const named = getBoundSymbol(findLast(sourceFile, (node) => node.text === 'named'), context);
  expect((named as ts.Symbol).escapedName).toBe('default');
  const alias = getBoundSymbol(findLast(sourceFile, (node) => node.text === 'def'), context);
  expect((alias as ts.Symbol).flags & typescript.SymbolFlags.Alias).not.toBe(0);
  expect(getBoundSymbol(findLast(sourceFile, (node) => node.text === 'e'), context)).toBeUndefined();
  // `db instanceof Foo` narrows `db`: its member is Foo's, which only the checker knows.
  expect(getBoundSymbol(findLast(sourceFile, (node) => node.text === 'query' && typescript.isPropertyAccessExpression(node.parent)
    && typescript.isIdentifier(node.parent.expression) && node.parent.expression.text === 'db'), context)).toBe(askChecker);
  expect(getBoundSymbol(findLast(sourceFile, (node) => node.text === 'missing'), context)).toBeUndefined();
  expect(getBoundSymbol(findLast(sourceFile, (node) => node.text === 'undefined'), context)).toBe(askChecker);
});

test('scripts, JavaScript names no scope declares and typed programs are left to the checker', () => {
  const script = typescript.createSourceFile('/project/script.ts', 'const pool = 1;\npool;\n', typescript.ScriptTarget.Latest, true);
  const scriptContext = getAnalysisContext(typescript, createSingleFileProgram(typescript, script), false, {});
  expect(getBoundSymbol(findLast(script, (node) => node.text === 'pool'), scriptContext)).toBe(askChecker);
  const javascript = typescript.createSourceFile('/project/module.js', "const pool = require('pg');\nmodule.exports = pool;\nexports;\n", typescript.ScriptTarget.Latest, true);
  const javascriptContext = getAnalysisContext(typescript, createSingleFileProgram(typescript, javascript), false, {});
  for (const name of ['require', 'module', 'exports']) expect(getBoundSymbol(findLast(javascript, (node) => node.text === name), javascriptContext), name).toBe(askChecker);
  expect(getBoundSymbol(findLast(javascript, (node) => node.text === 'pool'), javascriptContext)).not.toBe(askChecker);
  const module = typescript.createSourceFile('/project/module.ts', 'export const pool = 1;\npool;\n', typescript.ScriptTarget.Latest, true);
  const typedContext = getAnalysisContext(typescript, createSingleFileProgram(typescript, module), true, {});
  expect(getBoundSymbol(findLast(module, (node) => node.text === 'pool'), typedContext)).toBe(askChecker);
});

/** `this.x`: answered where the instance type's member is the class's own, else the checker's. */
const members = `import type { Knex } from 'knex';
import { isAdmin } from './roles';
export class Repository<T> {
  private cache = new Map<string, T>();
  readonly label = () => this.cache;
  constructor(private readonly db: Knex, public name?: string) { this.db; this.name; }
  find(id: string) { return this.db('rows').where({ id }).first(); }
  get size() { return this.cache.size; }
  all() { const run = () => this.find('a'); return [run(), this['cache'], this.missing, this.size]; }
  static make() { return this.name; }
  bound(this: { db: number }) { return this.db; }
  nested() { return { db: 1, read() { return this.db; } }; }
}
const Anonymous = class { pool = 1; read() { return this.pool; } };
class Narrowed { db = 1; read() { if (isAdmin(this)) return this.db; return this.db; } }
class Predicate { db = 1; isReady(): this is { ready: true } { return true; } read() { return this.isReady() && this.db; } }
class Derived extends Repository<number> { read() { return this.db; } }
class DerivedOwn extends Repository<string> { cache = 1; own = () => this.cache; read() { return [this.own, this.db, this.cache]; } }
class Computed { ['x' + 1] = 1; db = 1; read() { return this.db; } }
interface Merged { extra: number }
class Merged { db = 1; read() { return this.db; } }
`;

test('this.member: the class\'s own member where nothing else can be, as the checker answers; the checker elsewhere', () => {
  const sourceFile = typescript.createSourceFile('/project/members.ts', members, typescript.ScriptTarget.Latest, true);
  const context = getAnalysisContext(typescript, createSingleFileProgram(typescript, sourceFile), false, {});
  const answers = new Map<string, string[]>();
  const visit = (node: ts.Node): void => {
    if (typescript.isIdentifier(node) && typescript.isPropertyAccessExpression(node.parent) && node.parent.name === node
      && node.parent.expression.kind === typescript.SyntaxKind.ThisKeyword) {
      const bound = getBoundSymbol(node, context);
      const owner = typescript.findAncestor(node, typescript.isClassLike);
      const key = `${owner?.name?.text ?? 'anonymous'}.${node.text}`;
      answers.set(key, [...answers.get(key) ?? [], bound === askChecker ? 'checker' : 'bound']);
      if (bound !== askChecker) expect(bound, key).toBe(context.checker.getSymbolAtLocation(node));
    }
    typescript.forEachChild(node, visit);
  };
  visit(sourceFile);
  expect(Object.fromEntries(answers)).toEqual({
    'Repository.cache': ['bound', 'bound'],
    'Repository.db': ['bound', 'bound', 'checker', 'checker'],
    'Repository.name': ['bound', 'checker'],
    'Repository.find': ['bound'],
    'Repository.missing': ['checker'],
    'Repository.size': ['bound'],
    'anonymous.pool': ['bound'],
    'Narrowed.db': ['checker', 'checker'],
    'Predicate.isReady': ['checker'],
    'Predicate.db': ['checker'],
    'Derived.db': ['checker'],
    'DerivedOwn.cache': ['bound', 'bound'],
    'DerivedOwn.own': ['bound'],
    'DerivedOwn.db': ['checker'],
    'Computed.db': ['checker'],
    'Merged.db': ['checker'],
  });
});

test('typed: before the program\'s checker exists (no parents, no tables), the checker is asked', () => {
  const context = createInMemoryContext({ '/app/late.ts': 'export function f(pool: number) { return pool; }\n' }, {}, undefined, false);
  const sourceFile = context.program.getSourceFile('/app/late.ts')!;
  const declaration = sourceFile.statements[0] as ts.FunctionDeclaration;
  const statement = declaration.body!.statements[0] as ts.ReturnStatement;
  const mention = statement.expression as ts.Identifier;
  expect(getBoundSymbol(mention, context)).toBe(askChecker);
  const symbol = context.checker.getSymbolAtLocation(mention);
  expect(symbol?.escapedName).toBe('pool');
  expect(getBoundSymbol(mention, context)).toBe(symbol);
});

test('typed this.member: the class\'s own member, the checker\'s symbol; a class another file augments is left to the checker', () => {
  const answersIn = (augmented: boolean): Map<string, boolean> => {
    const { context } = createProbeProgram({
      '/app/src/members.ts': `${augmented ? "import './augment';\n" : ''}${members}\ndeclare function probe(value: unknown): void;\nprobe(0);\n`,
      '/app/src/roles.ts': 'export declare function isAdmin(value: unknown): value is { db: string };\n',
      '/app/src/augment.ts': "export {};\ndeclare module './members' { interface Repository<T> { extra: T } }\n",
    }, '/app/src/members.ts');
    const sourceFile = context.program.getSourceFile('/app/src/members.ts')!;
    const answered = new Map<string, boolean>();
    const visit = (node: ts.Node): void => {
      if (typescript.isIdentifier(node) && typescript.isPropertyAccessExpression(node.parent) && node.parent.name === node
        && node.parent.expression.kind === typescript.SyntaxKind.ThisKeyword) {
        const bound = getBoundSymbol(node, context);
        const owner = typescript.findAncestor(node, typescript.isClassLike);
        if (bound !== askChecker) expect(bound, node.text).toBe(context.checker.getSymbolAtLocation(node));
        const key = `${owner?.name?.text ?? 'anonymous'}.${node.text}`;
        answered.set(key, answered.get(key) === true || bound !== askChecker);
      }
      typescript.forEachChild(node, visit);
    };
    visit(sourceFile);
    return answered;
  };
  const plain = answersIn(false);
  expect([...plain].filter(([, answered]) => answered).map(([key]) => key)).toEqual(['Repository.cache', 'Repository.db', 'Repository.name', 'Repository.find', 'Repository.size', 'anonymous.pool', 'DerivedOwn.cache', 'DerivedOwn.own']);
  const augmented = answersIn(true);
  expect(augmented.get('Repository.cache')).toBe(false);
  expect(augmented.get('anonymous.pool')).toBe(true);
});
