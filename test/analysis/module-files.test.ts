/** Untyped analysis's modules from disk: one parse per text, shared between a file's lint and its importers, and never a stale text. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import ts from 'typescript';
import { afterAll, expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { createSingleFileProgram } from '../../src/analysis/core/analysis-context.js';
import { getLintedModule, getModuleImports, getTextGeneration, loadModule, mayDeclareName, mayDeclareValue, mayReexport, refreshText, resolveRelative, startLintedFile } from '../../src/analysis/core/module-files.js';

const typescript = ts as unknown as TypeScript;
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-module-files-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

function write(name: string, text: string, mtime = new Date()): string {
  const fileName = path.join(directory, name);
  fs.writeFileSync(fileName, text);
  fs.utimesSync(fileName, mtime, mtime);
  return fileName;
}

function parse(fileName: string, text: string, jsDocParsingMode = typescript.JSDocParsingMode.ParseNone): ts.SourceFile {
  return typescript.createSourceFile(fileName, text, { languageVersion: typescript.ScriptTarget.Latest, jsDocParsingMode }, true);
}

/** Another file's lint begins: the disk is compared again, as in an editor, where a file is linted again and again
 * (disk-checks.ts; 'other.ts' is linted twice below before any test). */
function lintAnotherFile(): void {
  startLintedFile(parse(path.join(directory, 'other.ts'), ''));
}
lintAnotherFile();
lintAnotherFile();

test("a linted file's tree and program serve its importers while the disk holds its text", () => {
  const text = 'export const db = 1;\n';
  const fileName = write('db.ts', text);
  const linted = getLintedModule(typescript, parse(fileName, text));
  lintAnotherFile();
  const imported = loadModule(fileName, typescript);
  expect(imported?.sourceFile).toBe(linted.sourceFile);
  expect(imported?.program).toBe(linted.program);
});

test('an unsaved text is not what importers read', () => {
  const fileName = write('unsaved.ts', 'export const saved = 1;\n');
  getLintedModule(typescript, parse(fileName, 'export const edited = 1;\n'));
  lintAnotherFile();
  expect(loadModule(fileName, typescript)?.sourceFile.text).toBe('export const saved = 1;\n');
});

test("a module an importer parsed is the tree of its own lint when the texts match, and not when they don't", () => {
  const text = 'export function find() {}\n';
  const fileName = write('repo.ts', text);
  const imported = loadModule(fileName, typescript);
  const linted = getLintedModule(typescript, parse(fileName, text));
  expect(linted.sourceFile).toBe(imported?.sourceFile);
  const edited = parse(fileName, `${text}// edited\n`);
  expect(getLintedModule(typescript, edited).sourceFile).toBe(edited);
});

test('a change on disk is read at the next linted file, not within one', () => {
  const fileName = write('changing.ts', 'export const a = 1;\n', new Date(1_000_000));
  lintAnotherFile();
  expect(loadModule(fileName, typescript)?.sourceFile.text).toBe('export const a = 1;\n');
  write('changing.ts', 'export const b = 2;\n', new Date(2_000_000));
  expect(loadModule(fileName, typescript)?.sourceFile.text).toBe('export const a = 1;\n');
  lintAnotherFile();
  expect(loadModule(fileName, typescript)?.sourceFile.text).toBe('export const b = 2;\n');
});

test('a JavaScript module keeps its JSDoc, a TypeScript one is parsed without it', () => {
  const javaScript = write('typed.js', '/** @type {import("pg").Pool} */\nexport const pool = create();\n');
  const typeScript = write('typed.ts', '/** The pool. */\nexport const pool = create();\n');
  lintAnotherFile();
  const hasJsDoc = (sourceFile: ts.SourceFile | undefined) => sourceFile !== undefined && typescript.getJSDocTags(sourceFile.statements[0]!).length > 0;
  expect(hasJsDoc(loadModule(javaScript, typescript)?.sourceFile)).toBe(true);
  // A JavaScript tree parsed without JSDoc (typescript-eslint without a project) does not stand for the module.
  const withoutJsDoc = parse(javaScript, fs.readFileSync(javaScript, 'utf8'));
  getLintedModule(typescript, withoutJsDoc);
  lintAnotherFile();
  expect(hasJsDoc(loadModule(javaScript, typescript)?.sourceFile)).toBe(true);
  expect(loadModule(typeScript, typescript)?.sourceFile.statements).toHaveLength(1);
});

test('the text tells which modules can re-export', () => {
  const cases: [string, boolean][] = [
    ['export async function load() {}\nexport const a = 1;\n', false],
    ["export * from './users';\n", true],
    ["export /* the users */ { findUser as find } from './users';\n", true],
    ["export type { User } from './users';\n", true],
    ["export type * from './users';\n", true],
    ["export\n  {\n  findUser } from './users';\n", true],
  ];
  cases.forEach(([text, expected], index) => {
    expect(mayReexport(write(`barrel-${index}.ts`, text)), text).toBe(expected);
  });
});

test('the text tells which modules can declare a value by a name', () => {
  const fileName = write('values.ts', "export const db = knex({});\nlet first = 1, $second = 2;\nexport function pool() {}\nexport default new Client();\n");
  expect(mayDeclareValue(fileName, 'db')).toBe(true);
  expect(mayDeclareValue(fileName, '$second')).toBe(true);
  expect(mayDeclareValue(fileName, 'pool')).toBe(false);
  expect(mayDeclareValue(fileName, 'd')).toBe(false);
  expect(mayDeclareValue(fileName, 'default')).toBe(true);
  expect(mayDeclareValue(write('no-default.ts', 'export function f() {}\n'), 'default')).toBe(false);
  expect(mayDeclareValue(write('commented.ts', 'export const /* the */ db = knex({});\n'), 'db')).toBe(true);
});

test('every name of a declaration list is read, past comments and lines, whatever else the module is asked first', () => {
  const fileName = write('lists.ts', "export const\n  // the main pool\n  pool = new Pool(),\n  /* and */ replica = new Pool(), café = knex({});\nexport function poolSize() {}\n");
  for (const name of ['pool', 'replica', 'café']) expect(mayDeclareValue(fileName, name), name).toBe(true);
  for (const name of ['poolSize', 'Pool', 'knex', 'main', 'cafe']) expect(mayDeclareValue(fileName, name), name).toBe(false);
  // No `exports` in the text: no CommonJS value either.
  expect(mayDeclareValue(write('no-commonjs.ts', 'export function pool() {}\n'), 'pool')).toBe(false);
});

test('a default export is a value unless it declares a class, a function or an interface', () => {
  const declarations = ['class Users {}', 'abstract class Base {}', 'function load() {}', 'async function load() {}', 'function* rows() {}',
    '/* the */ class Users extends Model {}', 'interface Options {}'];
  for (const [index, declaration] of declarations.entries()) {
    expect(mayDeclareValue(write(`default-declaration-${index}.ts`, `export default ${declaration}\n`), 'default'), declaration).toBe(false);
  }
  const values = ['knex({});', 'new Pool();', 'async () => pool.connect();', 'classes;', 'functions.load;', '(function () { return pool; })();', 'Users;'];
  for (const [index, value] of values.entries()) {
    expect(mayDeclareValue(write(`default-value-${index}.ts`, `export default ${value}\n`), 'default'), value).toBe(true);
  }
  expect(mayDeclareValue(write('export-equals.ts', 'export = pool;\n'), 'default')).toBe(true);
  expect(mayDeclareValue(write('class-and-commonjs.js', 'export default class A {}\nmodule.exports = pool;\n'), 'default')).toBe(true);
});

test('the text tells which modules can declare or export anything by a name: only those that mention it as a word', () => {
  const fileName = write('names.ts', "export function findUser() {}\nclass $Repo {}\nexport { $Repo as Repository };\nexports['byKey'] = 1;\n");
  for (const name of ['findUser', '$Repo', 'Repository', 'byKey']) expect(mayDeclareName(fileName, name), name).toBe(true);
  for (const name of ['find', 'User', 'findUsers', 'Repo', 'key']) expect(mayDeclareName(fileName, name), name).toBe(false);
  // An anonymous default export or `module.exports = function () {}` names nothing.
  expect(mayDeclareName(write('anonymous.js', 'module.exports = function () {};\n'), 'module.exports')).toBe(true);
  expect(mayDeclareName(write('anonymous.ts', 'export default function () {}\n'), 'default')).toBe(true);
  // A string export name is matched as written, not as a pattern.
  const strings = write('string-names.ts', "function f() {}\nexport { f as 'find.user(s)' };\n");
  expect(mayDeclareName(strings, 'find.user(s)')).toBe(true);
  expect(mayDeclareName(strings, 'find*')).toBe(false);
  // A name written with escapes is not read from the text.
  expect(mayDeclareName(write('escaped.ts', 'export function \\u0066ind() {}\n'), 'find')).toBe(true);
});

test('a CommonJS module declares the values it assigns to `module.exports` and `exports`', () => {
  const properties = write('properties.js', "exports.pool = new Pool();\nmodule.exports.knex = knex({});\n");
  expect(mayDeclareValue(properties, 'pool')).toBe(true);
  expect(mayDeclareValue(properties, 'knex')).toBe(true);
  expect(mayDeclareValue(properties, 'Pool')).toBe(false);
  expect(mayDeclareValue(properties, 'module.exports')).toBe(false);
  const whole = write('whole.js', "const { Pool } = require('pg');\nconst knex = require('knex')({});\nclass Users {}\nmodule.exports = {\n  pool: new Pool(),\n  knex,\n  Users,\n  async query(text) {},\n};\n");
  expect(mayDeclareValue(whole, 'module.exports')).toBe(true);
  expect(mayDeclareValue(whole, 'default')).toBe(true);
  expect(mayDeclareValue(whole, 'pool')).toBe(true);
  expect(mayDeclareValue(whole, 'knex')).toBe(true);
  // A method is not a value an import resolves.
  expect(mayDeclareValue(whole, 'query')).toBe(false);
  expect(mayDeclareValue(whole, 'mysql')).toBe(false);
  // An ES module's `import { pool }` declares no value by that name.
  expect(mayDeclareValue(write('importer.ts', "import { pool } from './db';\nexport function f() {}\n"), 'pool')).toBe(false);
});

test("a module's imports are read from its text, in every form that names a module", () => {
  const fileName = write('imports.ts', [
    "import { Pool } from 'pg';",
    "import type { Knex } from 'knex';",
    "import 'reflect-metadata';",
    "import mysql = require('mysql2');",
    "export * from './users';",
    "export * as orm from 'typeorm';",
    "export { db } from\n  /* the client */ './db';",
    "const load = () => import('mongodb');",
    "const lazy = () => import(/* webpackChunkName: 'lazy' */ './lazy');",
    'const { Client } = require ( "cassandra-driver" );',
    "declare module 'express' { interface Request { db: unknown } }",
    '',
  ].join('\n'));
  expect(new Set(getModuleImports(fileName, typescript)?.specifiers)).toEqual(new Set(['pg', 'knex', 'reflect-metadata', 'mysql2', './users', 'typeorm', './db', 'mongodb', './lazy', 'cassandra-driver', 'express']));
});

test("a quote read around a word that is no import (a string, a comment) hides no import after it", () => {
  const fileName = write('imports-hidden.ts', [
    "const label = 'from'; import { pool } from './db';",
    "// data comes from 'upstream' and from",
    "import knex from 'knex';",
    '',
  ].join('\n'));
  expect(getModuleImports(fileName, typescript)?.specifiers).toEqual(expect.arrayContaining(['./db', 'knex']));
});

test("specifiers the patterns cannot read, AMD's and escaped ones, come from the compiler's scanner", () => {
  const amd = write('imports-amd.js', "define(['./db', 'pg'], function (db, pg) { return db; });\n");
  expect(getModuleImports(amd, typescript)?.specifiers).toEqual(expect.arrayContaining(['./db', 'pg']));
  const escaped = write('imports-escaped.ts', "import { pool } from './d\\x62';\n");
  expect(getModuleImports(escaped, typescript)?.specifiers).toContain('./db');
});

test("a module's imports follow its text on disk, and the linted text while it is linted", () => {
  const fileName = write('imports-changing.ts', "import { Pool } from 'pg';\n", new Date(1_000_000));
  lintAnotherFile();
  expect(getModuleImports(fileName, typescript)?.specifiers).toEqual(['pg']);
  write('imports-changing.ts', "import knex from 'knex';\n", new Date(2_000_000));
  lintAnotherFile();
  expect(getModuleImports(fileName, typescript)?.specifiers).toEqual(['knex']);
  getLintedModule(typescript, parse(fileName, "import mysql from 'mysql2';\n"));
  expect(getModuleImports(fileName, typescript)?.specifiers).toEqual(['mysql2']);
});

test('a text outlives its tree: many modules parsed in turn, the first is read from disk once', () => {
  const first = write('first-of-many.ts', 'export const first = 1;\n');
  lintAnotherFile();
  expect(mayDeclareValue(first, 'first')).toBe(true);
  for (let index = 0; index < 100; index += 1) loadModule(write(`many-${index}.ts`, `export const value${index} = ${index};\n`), typescript);
  // Changed on disk within the same linted file, with the same mtime: a text still held is not read again.
  const mtime = fs.statSync(first).mtime;
  write('first-of-many.ts', 'export const changed = 1;\n', mtime);
  expect(mayDeclareValue(first, 'first')).toBe(true);
  expect(loadModule(first, typescript)?.sourceFile.text).toBe('export const first = 1;\n');
});

test('relative specifiers resolve to files with the usual extensions and index files', () => {
  write('users.ts', '');
  fs.mkdirSync(path.join(directory, 'orders'), { recursive: true });
  write('orders/index.ts', '');
  lintAnotherFile();
  expect(resolveRelative(directory, './users.js')).toBe(path.join(directory, 'users.ts'));
  expect(resolveRelative(directory, './orders')).toBe(path.join(directory, 'orders/index.ts'));
  expect(resolveRelative(directory, './missing')).toBeUndefined();
});

test('a one-file program still resolves an import of the file itself, and nothing else', () => {
  const fileName = path.join(directory, 'self.ts');
  const sourceFile = parse(fileName, "import { b as same } from './self';\nimport { c } from './other';\nexport const b = 1;\nexport const a = [same, c];\n");
  const checker = createSingleFileProgram(typescript, sourceFile).getTypeChecker();
  const importedDeclarations = (statement: ts.Statement) => {
    const element = ((statement as ts.ImportDeclaration).importClause?.namedBindings as ts.NamedImports).elements[0]!;
    return checker.getAliasedSymbol(checker.getSymbolAtLocation(element.name)!).declarations ?? [];
  };
  expect(importedDeclarations(sourceFile.statements[0]!).map((declaration) => declaration.kind)).toEqual([typescript.SyntaxKind.VariableDeclaration]);
  expect(importedDeclarations(sourceFile.statements[1]!)).toEqual([]);
});

/** The text generation after another file's lint compares the module with the disk again. */
function generationAfterRereading(fileName: string): number {
  lintAnotherFile();
  refreshText(fileName);
  return getTextGeneration();
}

test('a module whose text changes on disk moves the text generation; read again unchanged, it does not', () => {
  const fileName = write('generation.ts', 'export const a = 1;\n', new Date(Date.now() - 60_000));
  refreshText(fileName);
  const before = getTextGeneration();
  expect(generationAfterRereading(fileName)).toBe(before);
  write('generation.ts', 'export const a = 2;\n');
  expect(generationAfterRereading(fileName)).toBe(before + 1);
});

test('a text the cache let go is still compared when it is read again', () => {
  const unchanged = write('evicted-unchanged.ts', 'export const kept = 1;\n', new Date(Date.now() - 60_000));
  const changed = write('evicted-changed.ts', 'export const kept = 1;\n', new Date(Date.now() - 60_000));
  refreshText(unchanged);
  refreshText(changed);
  // Texts longer together than the cache's budget (8,000,000 characters; each under the 1,000,000 analysed) push both out.
  for (let index = 0; index < 9; index += 1) refreshText(write(`large-${index}.ts`, `// ${'x'.repeat(950_000)}\n`));
  const before = getTextGeneration();
  expect(generationAfterRereading(unchanged)).toBe(before);
  write('evicted-changed.ts', 'export const kept = 2;\n');
  expect(generationAfterRereading(changed)).toBe(before + 1);
});
