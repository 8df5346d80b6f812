/** getAwaitedTypeOf: the type `await` gives, as the checker's own `getAwaitedType` says, asked of the checker once per type. */
import ts from 'typescript';
import { expect, test, vi } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getAwaitedTypeOf } from '../../src/analysis/core/awaited-types.js';
import { createProbeProgram } from '../helpers/probe-program.js';

const typescript = ts as unknown as TypeScript;

const declarations = `
export interface Row { id: number }
export interface Result<R> { rows: R[]; rowCount: number }
export interface Thenable { then(onfulfilled: (value: Row) => void): void }
export interface Wrapped extends Thenable { extra: string }
export class Deferred { constructor(public then: (onfulfilled: (value: Result<Row>) => void) => void) {} }
export declare function query(): Promise<Result<Row>>;
export declare function nested(): Promise<Promise<Row[]>>;
export declare function wrapped(): Promise<Wrapped>;
export declare function deferred(): Deferred;
export declare function either(): Promise<Row> | Result<Row>;
export declare function generic<T>(value: T): Promise<T>;
export declare const rows: Row[];
export declare class Repository { find(id: number): Promise<Row>; }
export declare class Base { then(onfulfilled: (value: Row) => void): void; }
export declare class Derived extends Base { extra: string; }
export interface Indexed { [key: string]: unknown }
export interface Numbered { [index: number]: Row }
export interface Keyed { ['th' + 'en']: (onfulfilled: (value: Row) => void) => void }
export declare function load(): Promise<Row | undefined>;
export declare function derived(): Promise<Derived>;
export declare const literal: { then(onfulfilled: (value: Row) => void): void };
export declare const plainLiteral: { find(): Row };
export declare function merged(): void;
export { own } from './own-promise';
export declare namespace merged { function then(onfulfilled: (value: Row) => void): void; }
`;

/** A module whose own class is named `Promise`. */
const ownPromise = `
import type { Row } from './declarations';
export declare class Promise<T> { then(onfulfilled: (value: string) => void): void; value: T }
export declare function own(): Promise<Row>;
`;

/** The awaited type getAwaitedTypeOf gives the type of `probe(…)`'s argument, and the one a fresh checker gives it. */
function awaitedTexts(code: string): { shortcut: string; checker: string; same: boolean } {
  const { context, argument, createFreshProgram } = createProbeProgram({
    '/app/src/declarations.ts': declarations,
    '/app/src/own-promise.ts': ownPromise,
    '/app/src/service.ts': `import { Repository, derived, own, deferred, either, generic, literal, load, merged, nested, plainLiteral, query, rows, wrapped } from './declarations';\nimport type { Indexed, Keyed, Numbered } from './declarations';\ndeclare function probe(value: unknown): void;\n${code}`,
  }, '/app/src/service.ts');
  const type = context.checker.getTypeAtLocation(argument);
  const awaited = getAwaitedTypeOf(type, context);
  const fresh = createFreshProgram().getTypeChecker();
  // The fresh program shares the source files, so the same node.
  const freshType = fresh.getTypeAtLocation(argument);
  return {
    shortcut: context.checker.typeToString(awaited),
    checker: fresh.typeToString(fresh.getAwaitedType(freshType) ?? freshType),
    same: awaited === (context.checker.getAwaitedType(type) ?? type),
  };
}

const cases: Record<string, string> = {
  'a promise of an interface': 'async function f() { probe(query()); }',
  'a promise of a promise': 'async function f() { probe(nested()); }',
  'a promise of a thenable': 'async function f() { probe(wrapped()); }',
  'a class with a `then` property': 'async function f() { probe(deferred()); }',
  'a union of a promise and a plain type': 'async function f() { probe(either()); }',
  'a generic promise': 'async function f<T>(value: T) { probe(generic(value)); }',
  'an array': 'async function f() { probe(rows); }',
  'a method': 'async function f(repository: Repository) { probe(repository.find); }',
  'a class instance': 'async function f(repository: Repository) { probe(repository); }',
  'a string': "async function f() { probe('text'); }",
  'a promise of an interface or undefined': 'async function f() { probe(load()); }',
  'a promise of a class whose base has `then`': 'async function f() { probe(derived()); }',
  'an object literal type with `then`': 'async function f() { probe(literal); }',
  'an object literal type without': 'async function f() { probe(plainLiteral); }',
  'a function merged with a namespace that exports `then`': 'async function f() { probe(merged); }',
  'an interface with a string index signature': 'async function f(value: Indexed) { probe(value); }',
  'an interface with a number index signature': 'async function f(value: Numbered) { probe(value); }',
  'a project class named `Promise`': 'async function f() { probe(own()); }',
  'an interface with a computed member name': 'async function f(value: Keyed) { probe(value); }',
};

test('with `then` declared on every object (an augmented `Object`), nothing is its own awaited type', () => {
  const { context, argument } = createProbeProgram({
    '/app/src/declarations.ts': declarations,
    '/app/src/global.ts': 'export {};\ndeclare global { interface Object { then(onfulfilled: (value: string) => void): void; } }\n',
    '/app/src/service.ts': "import './global';\nimport { rows } from './declarations';\ndeclare function probe(value: unknown): void;\nasync function f() { probe(rows); }",
  }, '/app/src/service.ts');
  const type = context.checker.getTypeAtLocation(argument);
  expect(context.checker.typeToString(getAwaitedTypeOf(type, context))).toBe('string');
});

test.each(Object.entries(cases))('%s: the checker\'s own awaited type', (_name, code) => {
  const { shortcut, checker, same } = awaitedTexts(code);
  expect(shortcut).toBe(checker);
  expect(same).toBe(true);
});

test('each type is asked of the checker once, and another type gets its own answer', () => {
  const { context, argument } = createProbeProgram({
    '/app/src/declarations.ts': declarations,
    '/app/src/service.ts': `import { query, nested } from './declarations';\ndeclare function probe(value: unknown): void;\nasync function f() { probe([query(), nested()]); }`,
  }, '/app/src/service.ts');
  if (!typescript.isArrayLiteralExpression(argument)) throw new Error('not an array');
  const [first, second] = argument.elements.map((element) => context.checker.getTypeAtLocation(element)) as [ts.Type, ts.Type];
  const ask = vi.spyOn(context.checker, 'getAwaitedType');
  const firstAwaited = getAwaitedTypeOf(first, context);
  expect(getAwaitedTypeOf(first, context)).toBe(firstAwaited);
  const secondAwaited = getAwaitedTypeOf(second, context);
  expect(context.checker.typeToString(firstAwaited)).toBe('Result<Row>');
  expect(context.checker.typeToString(secondAwaited)).toBe('Row[]');
  expect(ask.mock.calls.filter(([type]) => type === first).length).toBeLessThanOrEqual(1);
});
