/** mayNameProjectFunction, mayNameValue, mayNameBodilessMethod and mayNameProjectGetter: which member names the program's files declare, read from syntax. */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getProjectFunctionDeclarations, mayNameBodilessMethod, mayNameProjectFunction, mayNameProjectGetter, mayNameValue } from '../../src/analysis/core/declared-names.js';
import { createInMemoryContext } from '../helpers/in-memory-context.js';

const typescript = ts as unknown as TypeScript;

const contextOf = (files: Record<string, string>) => createInMemoryContext(files, { allowJs: true });

test('a method, a function-valued field or an export alias can name a project function; a name nobody declares cannot', () => {
  const context = contextOf({
    '/app/src/store.ts': 'export class Store { async save() { return 1; } load = async () => 2; }\nfunction find() {}\nexport { find as lookup };\n',
    '/app/node_modules/pg/index.d.ts': 'export declare class PoolClient { release(): void; }\n',
  });
  expect(mayNameProjectFunction('save', context)).toBe(true);
  expect(mayNameProjectFunction('load', context)).toBe(true);
  expect(mayNameProjectFunction('lookup', context)).toBe(true);
  // Declared only in a declaration file, without a body.
  expect(mayNameProjectFunction('release', context)).toBe(false);
  expect(mayNameProjectFunction('map', context)).toBe(false);
});

test('a property typed with a named type, a field or an assigned member can name a value; a method or an `any` property cannot', () => {
  const context = contextOf({
    '/app/src/deps.ts': 'export const deps = { knex: makeKnex() };\nexport class Repo { constructor(private readonly db: Db) {} }\nexports.pool = makePool();\n',
    '/app/node_modules/lib/index.d.ts': 'export interface Ctx { db: Knex; map: any; filter(): void; }\n',
  });
  for (const name of ['knex', 'db', 'pool']) expect(mayNameValue(name, context)).toBe(true);
  for (const name of ['map', 'filter', 'release']) expect(mayNameValue(name, context)).toBe(false);
});

test('an interface method, an abstract method or an overload with a written return type can be bodiless; a method with a body cannot', () => {
  const context = contextOf({
    '/app/src/repo.ts': 'export interface Source { getRepository(name: string): Repository; }\nexport abstract class Base { abstract connect(): Client; find(): Row { return row; } }\nexport class Store { load(id: number): Row; load(id: number) { return id; } untyped(); untyped() {} }\n',
  });
  for (const name of ['getRepository', 'connect', 'load']) expect(mayNameBodilessMethod(name, context)).toBe(true);
  // With a body, without a written type, or declared nowhere.
  for (const name of ['find', 'untyped', 'map']) expect(mayNameBodilessMethod(name, context)).toBe(false);
});

test('a getter with a body in a project file, in a class or an object literal, can be what `this.x` reads; a field or a declared getter cannot', () => {
  const context = contextOf({
    '/app/src/reports.ts': 'export class Reports { private get connection() { return open(); } pending?: Promise<void>; }\nexport const holder = { get client() { return open(); } };\n',
    '/app/node_modules/pg/index.d.ts': 'export declare class Pool { get totalCount(): number; }\n',
  });
  expect(mayNameProjectGetter('connection', context)).toBe(true);
  expect(mayNameProjectGetter('client', context)).toBe(true);
  for (const name of ['pending', 'totalCount', 'holder']) expect(mayNameProjectGetter(name, context), name).toBe(false);
  const computed = contextOf({ '/app/src/keys.ts': 'const key = "connection";\nexport class Reports { get [key]() { return open(); } }\n' });
  expect(mayNameProjectGetter('anything', computed)).toBe(true);
});

test('a computed method name, or JSDoc in JavaScript (which the walk does not read), can be any name', () => {
  const computed = contextOf({ '/app/src/keys.ts': 'const key = "getPool";\nexport interface Source { [key](): Pool; }\n' });
  expect(mayNameBodilessMethod('getPool', computed)).toBe(true);
  const jsDoc = contextOf({ '/app/src/db.js': '/** @type {{ getPool(): import("pg").Pool }} */\nexport const source = load();\n' });
  expect(mayNameBodilessMethod('getPool', jsDoc)).toBe(true);
  const plain = contextOf({ '/app/src/db.js': 'export const source = load();\n' });
  expect(mayNameBodilessMethod('getPool', plain)).toBe(false);
});

test('every declaration form the walk reads names its value, and only the forms that can hold a function name one', () => {
  const context = contextOf({
    '/app/src/forms.ts': [
      "import fallback, { pool as sharedPool } from './db';",
      "import * as drivers from './drivers';",
      "import legacy = require('./legacy');",
      'const { replica, nested: { reader } } = load();',
      'export const registry = { shorthand, literal: 2, handler: function () {} };',
      'export class Service { constructor(private readonly client: Client) {} get handle() { return this.client; } field = 1; run = (() => 1); }',
      'export const arrow = async () => 1;',
      'const cast = (function () {}) as unknown as Handler;',
      'export const Anonymous = class Named {};',
      'function helper() {}',
      'export { helper as exportedHelper };',
      'export default registry;',
    ].join('\n'),
    '/app/src/legacy.js': 'this.connection = open();\nexports.cache = open();\n',
  });
  const values = ['fallback', 'sharedPool', 'drivers', 'legacy', 'replica', 'reader', 'shorthand', 'registry', 'literal', 'handler', 'Service', 'client', 'handle', 'field', 'run', 'arrow', 'cast', 'Anonymous', 'Named', 'exportedHelper', 'default', 'connection', 'cache'];
  for (const name of values) expect(mayNameValue(name, context), name).toBe(true);
  for (const name of ['handler', 'run', 'arrow', 'cast', 'helper', 'exportedHelper', 'default']) expect(mayNameProjectFunction(name, context), name).toBe(true);
  // Bound, imported, a parameter property, or initialised with no function (`registry.map` can name no body).
  for (const name of ['replica', 'sharedPool', 'client', 'handle', 'Service', 'registry', 'literal', 'field']) expect(mayNameProjectFunction(name, context), name).toBe(false);
  // A function declaration is no value a member access resolves through.
  expect(mayNameValue('helper', context)).toBe(false);
});

test('a default modifier names `default`; a file without one does not', () => {
  expect(mayNameProjectFunction('default', contextOf({ '/app/src/a.ts': 'export default function () {}\n' }))).toBe(true);
  expect(mayNameValue('default', contextOf({ '/app/src/a.ts': 'export default class {}\n' }))).toBe(true);
  expect(mayNameValue('default', contextOf({ '/app/src/a.ts': 'export function run() {}\n' }))).toBe(false);
});

test('after edits to a file, its names are those of its current text, each statement read anew or kept from the last', () => {
  const versions = [
    'export const deps = { knex: makeKnex() };\nexport function keep() { return 1; }\n',
    // The first statement changed: `knex` is gone, `pool` is new; the second is the same text.
    'export const deps = { pool: makePool() };\nexport function keep() { return 1; }\n',
    'export const deps = { pool: makePool() };\nexport function keep() { return 1; }\nexport class Store { async save() {} }\n',
    'export const deps = { knex: makeKnex() };\nexport function keep() { return 1; }\n',
  ];
  const expected = [
    { knex: true, pool: false, save: false },
    { knex: false, pool: true, save: false },
    { knex: false, pool: true, save: true },
    { knex: true, pool: false, save: false },
  ];
  versions.forEach((text, index) => {
    const context = contextOf({ '/app/src/edited-deps.ts': text });
    const names = expected[index]!;
    expect(mayNameValue('knex', context)).toBe(names.knex);
    expect(mayNameValue('pool', context)).toBe(names.pool);
    expect(mayNameProjectFunction('save', context)).toBe(names.save);
    expect(mayNameProjectFunction('keep', context)).toBe(true);
  });
});

test('getProjectFunctionDeclarations: the declarations with a body a member name can give, and the exports that rename one to it', () => {
  const context = contextOf({
    '/app/src/store.ts': [
      'export class Store { load(id: number): Row; load(id: number) { return id; } save = async () => 1; count = 2; }',
      'export const api = { load: function () {}, loaded: true };',
      'function fetch() {}',
      'export { fetch, fetch as load };',
    ].join('\n'),
    '/app/node_modules/lib/index.d.ts': 'export declare function load(): void;\n',
  });
  const declarationsOf = (name: string) => getProjectFunctionDeclarations(name, context).map((declaration) => `${typescript.SyntaxKind[declaration.kind]} ${declaration.getText().slice(0, 20)}`);
  // The overload without a body and the declaration file's function are not; the export that renames `fetch` is.
  expect(declarationsOf('load')).toEqual(['MethodDeclaration load(id: number) { r', 'PropertyAssignment load: function () {}', 'ExportSpecifier fetch as load']);
  expect(declarationsOf('save')).toEqual(['PropertyDeclaration save = async () => 1']);
  // `export { fetch }` gives it its own name: the function itself is the declaration.
  expect(declarationsOf('fetch')).toEqual(['FunctionDeclaration function fetch() {}']);
  for (const name of ['count', 'loaded', 'map']) expect(declarationsOf(name)).toEqual([]);
});
