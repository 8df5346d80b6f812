/** getConstructedType, getTypeOf and getSymbolAt's shortcut: the checker's own type and symbol for a name holding a plain class's `new`, or nothing. */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { AnalysisContext, TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getConstructedType, getTypeOf } from '../../src/analysis/core/constructed-types.js';
import { getSymbolAt } from '../../src/analysis/core/symbols.js';
import { createProbeProgram } from '../helpers/probe-program.js';

const typescript = ts as unknown as TypeScript;

const repository = `
export interface Row { id: number }
export class Repository {
  constructor(private readonly table: string) {}
  async find(id: number): Promise<Row | undefined> { return id ? { id } : undefined; }
  label = this.table.toUpperCase();
}
export abstract class Base { find(): number { return 1; } }
export class Generic<T> { constructor(readonly value: T) {} find(): T { return this.value; } }
export class Hidden { private constructor() {} find(): number { return 1; } static create(): Hidden { return new (Hidden as any)(); } }
export const repository = new Repository('users');
export const generic = new Generic(1);
export let reassigned = new Repository('users');
`;

/** A program of the repository module and `code` (which imports from it), a context, and the argument of `probe(…)`. */
function setUp(code: string): { context: AnalysisContext; checker: ts.TypeChecker; argument: ts.Expression } {
  const { context, argument, createFreshProgram } = createProbeProgram({
    '/app/src/repository.ts': repository,
    '/app/src/service.ts': `import { Base, Generic, Hidden, Repository, generic, reassigned, repository } from './repository';\ndeclare function probe(value: unknown): void;\n${code}`,
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

test('no shortcut where the checker types the name otherwise or may narrow it', () => {
  // Narrowed in the file that mentions it; a `let`; a generic class (its type arguments are inferred).
  expect(constructed('export function f() { if (repository instanceof Repository) return probe(repository); }')).toBeUndefined();
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

/** getTypeOf for a variable a declaration file declares (the language's globals, a project's `declare var`), and for a
 * method of one: the symbol's type, without the checker typing the mention, and exactly the type it would give. */
function setUpGlobals(code: string): { context: AnalysisContext; argument: ts.Expression; createFreshProgram: () => ts.Program } {
  return createProbeProgram({
    '/app/src/globals.d.ts': 'declare var store: { find(): number; label?(): string };\ndeclare var maybeStore: { find(): number } | undefined;\n',
    '/app/src/service.ts': `/// <reference path="./globals.d.ts" />\ndeclare function probe(value: unknown): void;\ndeclare function isBox(value: unknown): value is { box: number };\n${code}`,
  }, '/app/src/service.ts');
}

/** The type getTypeOf gives the probe's argument, and whether it asked the checker for the type of a location. */
function typeWithoutChecker(context: AnalysisContext, argument: ts.Expression): { type: ts.Type; askedChecker: boolean } {
  const checker = context.checker;
  const original = checker.getTypeAtLocation.bind(checker);
  let askedChecker = false;
  checker.getTypeAtLocation = (node) => {
    askedChecker = true;
    return original(node);
  };
  try {
    return { type: getTypeOf(argument, context), askedChecker };
  } finally {
    checker.getTypeAtLocation = original;
  }
}

test('a variable a declaration file declares, and a method of one, take their symbol\'s type: the checker\'s', () => {
  for (const code of [
    'export function f() { return probe(String); }',
    'export function f() { return probe(Map); }',
    'export function f() { return probe(Promise); }',
    'export function f() { return probe(store); }',
    'export function f() { return probe(JSON.stringify); }',
    'export function f() { return probe(Promise.all); }',
    'export function f() { return probe(store.find); }',
    // A local variable: only its own scope's mentions can narrow it, not another function's variable of that name.
    'export function f() { const local = new Map<string, number>(); return probe(local); }\nexport function g(local: unknown) { if (isBox(local)) return local; }',
  ]) {
    const { context, argument, createFreshProgram } = setUpGlobals(code);
    const { type, askedChecker } = typeWithoutChecker(context, argument);
    expect(askedChecker, code).toBe(false);
    expect(type, code).toBe(context.checker.getTypeAtLocation(argument));
    const freshProgram = createFreshProgram();
    const fresh = freshProgram.getTypeChecker();
    expect(context.checker.typeToString(type), code).toBe(fresh.typeToString(fresh.getTypeAtLocation(findProbeArgument(freshProgram))));
  }
});

test('a variable the file may narrow, of a union type, typed by later code, or an optional method of one is left to the checker', () => {
  for (const code of [
    'export function f() { if (isBox(store)) return probe(store); }',
    'export function f() { if (maybeStore) return probe(maybeStore); }',
    'export function f() { return probe(maybeStore); }',
    'export function f() { return probe(store.label); }',
    'export function f() { if (isBox(store)) return probe(store.find); }',
    'export function f() { const local = new Map<string, number>(); if (isBox(local)) return probe(local); }',
    // Typed by what the code does after the declaration: an array that evolves with what is stored in it, a `let` by its assignment.
    'export function f() { const rows = []; rows[0] = new Map<string, number>(); return probe(rows); }',
    'export function f() { let later; later = new Map<string, number>(); return probe(later); }',
  ]) {
    const { context, argument } = setUpGlobals(code);
    const { type, askedChecker } = typeWithoutChecker(context, argument);
    expect(askedChecker, code).toBe(true);
    expect(type, code).toBe(context.checker.getTypeAtLocation(argument));
  }
  // The narrowed mention's type is not its symbol's: the shortcut would have been wrong there.
  const { context, argument } = setUpGlobals('export function f() { if (isBox(store)) return probe(store); }');
  const symbol = context.checker.getSymbolAtLocation(argument);
  expect(symbol && context.checker.getTypeOfSymbol(symbol)).not.toBe(context.checker.getTypeAtLocation(argument));
});

function findProbeArgument(program: ts.Program): ts.Expression {
  let argument: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node) && typescript.isIdentifier(node.expression) && node.expression.text === 'probe') argument = node.arguments[0];
    typescript.forEachChild(node, visit);
  };
  const sourceFile = program.getSourceFile('/app/src/service.ts');
  if (sourceFile) visit(sourceFile);
  if (!argument) throw new Error('no probe(…) call');
  return argument;
}
