/** getConstructedType, getTypeOf and getSymbolAt's shortcut: the checker's own type and symbol for a name holding a plain class's `new`, or nothing. */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { AnalysisContext, TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getMemberDeclarations } from '../../src/analysis/core/call-return-types.js';
import { getConstructedType, getTypeOf } from '../../src/analysis/core/constructed-types.js';
import { getSymbolAt } from '../../src/analysis/core/symbols.js';
import { createProbeProgram } from '../helpers/probe-program.js';

const typescript = ts as unknown as TypeScript;

const repository = `
export interface Row { id: number }
export class Repository {
  constructor(private readonly table: string) {}
  async find(id: number): Promise<Row | undefined> { return id ? { id } : undefined; }
  isCached(): this is { cached: true } { return false; }
  label = this.table.toUpperCase();
}
export abstract class Base { find(): number { return 1; } }
export class Generic<T> { constructor(readonly value: T) {} find(): T { return this.value; } }
export class Hidden { private constructor() {} find(): number { return 1; } static create(): Hidden { return new (Hidden as any)(); } }
export const repository = new Repository('users');
export const generic = new Generic(1);
export let reassigned = new Repository('users');
export const orders = { async find(id: number) { return id ? [{ id }] : []; }, count: 1 };
`;

/** A program of the repository module and `code` (which imports from it), a context, and the argument of `probe(…)`. */
function setUp(code: string): { context: AnalysisContext; checker: ts.TypeChecker; argument: ts.Expression } {
  const { context, argument, createFreshProgram } = createProbeProgram({
    '/app/src/repository.ts': repository,
    '/app/src/service.ts': `import { Base, Generic, Hidden, Repository, generic, orders, reassigned, repository } from './repository';\ndeclare function probe(value: unknown): void;\n${code}`,
  }, '/app/src/service.ts');
  return { context, checker: createFreshProgram().getTypeChecker(), argument };
}

const constructed = (code: string): ts.Type | undefined => {
  const { context, argument } = setUp(code);
  return typescript.isIdentifier(argument) ? getConstructedType(argument, context) : undefined;
};

test('an imported const holding a plain class\'s `new` has the class\'s instance type, the one the checker gives it', () => {
  const { context, argument } = setUp('export function f() { return probe(repository); }');
  if (!typescript.isIdentifier(argument)) throw new Error('not a name');
  const type = getConstructedType(argument, context);
  expect(type).toBeDefined();
  expect(type).toBe(context.checker.getTypeAtLocation(argument));
  expect(context.checker.typeToString(type as ts.Type)).toBe('Repository');
});

test('a local const of that kind too, and getTypeOf answers the same for `new` itself', () => {
  const { context, argument } = setUp("export function f() { const local = new Repository('a'); return probe(local); }");
  expect(getTypeOf(argument, context)).toBe(context.checker.getTypeAtLocation(argument));
  const { context: other, argument: created } = setUp("export function f() { return probe(new Repository('a')); }");
  expect(getTypeOf(created, other)).toBe(other.checker.getTypeAtLocation(created));
});

test('a member of such a const: the symbol and the method type the checker finds', () => {
  const { context, checker, argument } = setUp('export function f() { return probe(repository.find); }');
  if (!typescript.isPropertyAccessExpression(argument)) throw new Error('not a member');
  const symbol = getSymbolAt(argument.name, context);
  expect(symbol).toBeDefined();
  expect(symbol).toBe(context.checker.getSymbolAtLocation(argument.name));
  expect(symbol?.declarations?.[0]?.getText()).toMatch(/^async find/);
  expect(getTypeOf(argument, context)).toBe(context.checker.getTypeAtLocation(argument));
  expect(checker.typeToString(checker.getTypeAtLocation(argument))).toBe(context.checker.typeToString(getTypeOf(argument, context)));
});

test('a method of a const object literal: the type the checker gives the member, without typing the literal', () => {
  const { context, checker, argument } = setUp('export function f() { return probe(orders.find); }');
  const asked: ts.Node[] = [];
  const getTypeAtLocation = context.checker.getTypeAtLocation.bind(context.checker);
  context.checker.getTypeAtLocation = (node: ts.Node) => {
    asked.push(node);
    return getTypeAtLocation(node);
  };
  const type = getTypeOf(argument, context);
  expect(asked).toEqual([]);
  expect(type).toBe(getTypeAtLocation(argument));
  expect(checker.typeToString(checker.getTypeAtLocation(argument))).toBe(context.checker.typeToString(type));
  // A property's type is the literal's business (a literal type widens): the checker's.
  const { context: other, argument: count } = setUp('export function f() { return probe(orders.count); }');
  expect(getTypeOf(count, other)).toBe(other.checker.getTypeAtLocation(count));
});

test('the declarations a member of a const object literal can refer to: the literal\'s member, without asking the checker', () => {
  const { context, argument } = setUp('export function f() { return probe(orders.find); }');
  if (!typescript.isPropertyAccessExpression(argument)) throw new Error('not a member');
  const checker = context.checker;
  const asked: string[] = [];
  for (const name of ['getTypeAtLocation', 'getSymbolAtLocation', 'getTypeOfSymbol'] as const) {
    const original = checker[name].bind(checker) as (node: never) => unknown;
    (checker as unknown as Record<string, unknown>)[name] = (node: never) => {
      asked.push(name);
      return original(node);
    };
  }
  const declarations = getMemberDeclarations(argument, context);
  expect(asked).toEqual([]);
  expect(declarations?.map((declaration) => declaration.getText())).toEqual(['async find(id: number) { return id ? [{ id }] : []; }']);
});

test('no shortcut where the checker types the name otherwise or may narrow it', () => {
  // Narrowed in the file that mentions it; a `let`; a generic class (its type arguments are inferred).
  expect(constructed('export function f() { if (repository instanceof Repository) return probe(repository); }')).toBeUndefined();
  // A predicate method in a condition (`isCached(): this is …`) narrows its receiver, as an assertion statement would.
  expect(constructed('export function f() { if (repository.isCached()) return probe(repository); }')).toBeUndefined();
  expect(constructed('export function f() { return probe(reassigned); }')).toBeUndefined();
  expect(constructed('export function f() { return probe(generic); }')).toBeUndefined();
  // The checker types these `any` (an abstract class, a private constructor), not the class.
  expect(constructed('export function f() { const base = new Base(); return probe(base); }')).toBeUndefined();
  expect(constructed('export function f() { const hidden = new Hidden(); return probe(hidden); }')).toBeUndefined();
});

/** getTypeOf for the name of a function or class, declared in the file or imported: its symbol's type, taken without
 * asking the checker for the name's type, which must be the checker's own; an import the file narrows is left to it. */
const helpers = `
export function load(id: number): Promise<number> { return Promise.resolve(id); }
export class Store { find(): number { return 1; } }
export function merged(): void {}
export namespace merged { export const version = 1; }
`;

function setUpNames(code: string): { context: AnalysisContext; argument: ts.Expression } {
  const { context, argument } = createProbeProgram({
    '/app/src/helpers.ts': helpers,
    '/app/src/service.ts': `import { load, merged, Store } from './helpers';\ndeclare function probe(value: unknown): void;\ndeclare function isBox(value: unknown): value is { box: number };\n${code}`,
  }, '/app/src/service.ts');
  return { context, argument };
}

test('a function or class name, local or imported, has the type the checker gives it', () => {
  for (const code of [
    'export function f() { return probe(load); }',
    'export function f() { return probe(Store); }',
    'export function f() { return probe(merged); }',
    'function local(): string { return ""; }\nexport function f() { return probe(local); }',
    'class Local {}\nexport function f() { return probe(Local); }',
    // A local function's name has no flow type: the checker does not narrow it even here.
    'function local(): string { return ""; }\nexport function f() { if (isBox(local)) return probe(local); }',
  ]) {
    const { context, argument } = setUpNames(code);
    const type = getTypeOf(argument, context);
    expect(type, code).toBe(context.checker.getTypeAtLocation(argument));
  }
});

test('an imported function or class the file narrows takes the checker\'s narrowed type, not its symbol\'s', () => {
  for (const code of [
    'export function f() { if (isBox(load)) return probe(load); }',
    'export function f() { if (isBox(Store)) probe(Store); }',
  ]) {
    const { context, argument } = setUpNames(code);
    const type = getTypeOf(argument, context);
    const symbol = context.checker.getSymbolAtLocation(argument);
    expect(symbol && context.checker.getTypeOfSymbol(symbol), code).not.toBe(context.checker.getTypeAtLocation(argument));
    expect(type, code).toBe(context.checker.getTypeAtLocation(argument));
  }
});
