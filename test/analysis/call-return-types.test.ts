/** cannotHoldKind: a call's value, or a `const` read from one, judged from declared return types without resolving the call. */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { AnalysisContext, TypeScript } from '../../src/analysis/core/analysis-context.js';

import { cannotHoldKind, getMemberDeclarations } from '../../src/analysis/core/call-return-types.js';
import { createProbeProgram } from '../helpers/probe-program.js';

const typescript = ts as unknown as TypeScript;

const pgTypes = `
export interface Submittable { submit(): void; }
export interface QueryResult<R> { rows: R[]; rowCount: number; }
export declare class PoolClient { release(): void; }
export declare class Pool {
  connect(): Promise<PoolClient>;
  connect(callback: (error: Error, client: PoolClient) => void): void;
  query<R = any>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
  query<T extends Submittable>(stream: T): T;
  query<R = any>(text: string, values: unknown[], callback: (error: Error, result: QueryResult<R>) => void): void;
  rows<T>(text: string): Promise<[T, string[]]>;
  rows<T>(text: string, callback: (error: Error, rows: T) => void): void;
  optional<T>(text: string): Promise<[T?]>;
  one<T>(text: string): Promise<T>;
  pair<A, B>(text: string): Promise<[A, B]>;
  odd<T>(text: string): Promise<{ 0: T; [Symbol.iterator](): Iterator<PoolClient> }>;
}
`;

/** TypeScript's own library files (for `Promise` and `Array`), parsed once. */
/** Whether the expression `probe(…)` is given in `code` can hold a `PoolClient` (the kind the matcher knows). */
function cannotHoldClient(code: string, awaited = true): boolean {
  const { argument, context } = getProbe(code);
  return cannotHoldKind(argument, context, (type) => type.getSymbol()?.name === 'PoolClient', awaited);
}

/** The kinds of the declarations getMemberDeclarations finds for the member `probe(…)` is given (each kind once). */
function memberDeclarationKinds(code: string): string[] | undefined {
  const { argument, context } = getProbe(code);
  if (!typescript.isPropertyAccessExpression(argument)) throw new Error('not a member');
  const declarations = getMemberDeclarations(argument, context);
  return declarations && [...new Set(declarations.map((declaration) => typescript.SyntaxKind[declaration.kind]))];
}

function getProbe(code: string): { argument: ts.Expression; context: AnalysisContext } {
  return createProbeProgramOf(code);
}

function createProbeProgramOf(code: string): ReturnType<typeof createProbeProgram> {
  return createProbeProgram({
    '/app/node_modules/pg/index.d.ts': pgTypes,
    '/app/src/service.ts': `import { Pool } from 'pg';\ndeclare function probe(value: unknown): void;\ndeclare const pool: Pool;\n${code}`,
  }, '/app/src/service.ts', { moduleResolution: typescript.ModuleResolutionKind.Node10 });
}

test('a query whose every candidate overload returns a result or nothing holds no client', () => {
  expect(cannotHoldClient("async function f() { probe(await pool.query('SELECT 1', [1])); }")).toBe(true);
});

test('a call one of whose overloads returns a client may hold one', () => {
  expect(cannotHoldClient('async function f() { probe(await pool.connect()); }')).toBe(false);
});

test('with one argument the generic stream overload is a candidate, and its type parameter may be anything', () => {
  expect(cannotHoldClient("async function f() { probe(await pool.query('SELECT 1')); }")).toBe(false);
});

/** Whether the type a fresh checker gives `probe(…)`'s argument (awaited) can hold a `PoolClient`: what cannotHoldClient must not contradict. */
function checkerCannotHoldClient(code: string): boolean {
  const { argument, createFreshProgram } = createProbeProgramOf(code);
  const checker = createFreshProgram().getTypeChecker();
  const type = checker.getTypeAtLocation(argument);
  const awaited = checker.getAwaitedType(type) ?? type;
  return (awaited.isUnion() ? awaited.types : [awaited]).every((member) => member.getSymbol()?.name !== 'PoolClient' && !(member.flags & typescript.TypeFlags.Any));
}

test('type arguments a call writes are the types its signatures are instantiated with, as the checker does', () => {
  const cases = {
    "async function f() { probe(await pool.query<{ id: number }>('SELECT 1')); }": true,
    "async function f() { const [rows] = await pool.rows<{ id: number }[]>('SELECT 1'); return probe(rows); }": true,
    "async function f() { const [, fields] = await pool.rows<{ id: number }[]>('SELECT 1'); return probe(fields); }": true,
    "async function f() { const [rows] = await pool.rows<import('pg').PoolClient>('SELECT 1'); return probe(rows); }": false,
    "async function f() { probe(await pool.one<{ id: number }>('SELECT 1')); }": true,
    "async function f() { probe(await pool.one<import('pg').PoolClient>('SELECT 1')); }": false,
    "async function f() { const [first] = await pool.pair<{ id: number }, import('pg').PoolClient>('SELECT 1'); return probe(first); }": true,
    "async function f() { const [, second] = await pool.pair<{ id: number }, import('pg').PoolClient>('SELECT 1'); return probe(second); }": false,
    // No array: destructuring iterates it.
    "async function f() { const [first] = await pool.odd<{ id: number }>('SELECT 1'); return probe(first); }": false,
  };
  for (const [code, cannot] of Object.entries(cases)) {
    expect(cannotHoldClient(code), code).toBe(cannot);
    expect(checkerCannotHoldClient(code), code).toBe(cannot);
  }
  // The stream overload, instantiated with a client, is a candidate (the checker rejects it by its constraint).
  expect(cannotHoldClient("async function f() { probe(await pool.query<import('pg').PoolClient>('SELECT 1')); }")).toBe(false);
});

test('without a written type argument, from an array that is no tuple, or an optional element, an element is left to the checker', () => {
  expect(cannotHoldClient("async function f() { const [rows] = await pool.optional<{ id: number }>('SELECT 1'); return probe(rows); }")).toBe(false);
  expect(cannotHoldClient("async function f() { const [rows] = await pool.rows('SELECT 1'); return probe(rows); }")).toBe(false);
  expect(cannotHoldClient('declare function list(): Promise<number[]>;\nasync function f() { const [first] = await list(); return probe(first); }')).toBe(false);
});

test('a const destructured from such a query, and its members, hold no client', () => {
  expect(cannotHoldClient("async function f() { const { rows } = await pool.query('SELECT 1', [1]); return probe(rows); }")).toBe(true);
  expect(cannotHoldClient("async function f() { const { rows } = await pool.query('SELECT 1', [1]); return probe(rows.length); }")).toBe(true);
  expect(cannotHoldClient("async function f() { const result = await pool.query('SELECT 1', [1]); return probe(result.rows); }")).toBe(true);
});

test('a call statement may be an assertion function that narrows its arguments', () => {
  expect(cannotHoldClient("async function f() { const { rows } = await pool.query('SELECT 1', [1]); probe(rows); }")).toBe(false);
});

test('a const the code narrows, or one from a call that can return a client, is left to the checker', () => {
  expect(cannotHoldClient("async function f() { const { rows } = await pool.query('SELECT 1', [1]); if (rows instanceof Array) return probe(rows); }")).toBe(false);
  expect(cannotHoldClient('async function f() { const client = await pool.connect(); return probe(client); }')).toBe(false);
  expect(cannotHoldClient("async function f() { let { rows } = await pool.query('SELECT 1', [1]); return probe(rows); }")).toBe(false);
});

test('a `new` is judged from its construct signatures: a `Map` holds no client whatever its entries', () => {
  expect(cannotHoldClient('probe(new Map([[1, 2]]));')).toBe(true);
  expect(cannotHoldClient('function f() { const byId = new Map([[1, 2]]); return probe(byId); }')).toBe(true);
  expect(cannotHoldClient('function f() { const byId = new Map([[1, 2]]); return probe(byId.get); }')).toBe(true);
});

test('a `new` whose construct signature returns a client, or a type parameter, may hold one', () => {
  expect(cannotHoldClient("declare const Factory: { new (): import('pg').PoolClient }; probe(new Factory());")).toBe(false);
  expect(cannotHoldClient("async function f() { probe(await new Promise<import('pg').PoolClient>(() => undefined)); }")).toBe(false);
});

test('not awaited, a promise of a client is a promise, whose type is no client', () => {
  expect(cannotHoldClient('probe(pool.connect());')).toBe(false);
  expect(cannotHoldClient('probe(pool.connect());', false)).toBe(true);
  expect(cannotHoldClient('async function f() { probe(await pool.connect()); }', false)).toBe(false);
});

test('the declarations a member of such a const can have: each possible type\'s property of that name', () => {
  expect(memberDeclarationKinds('function f() { const byId = new Map([[1, 2]]); return probe(byId.get); }')).toEqual(['MethodSignature']);
  expect(memberDeclarationKinds("async function f() { const result = await pool.query('SELECT 1', [1]); return probe(result.rows); }")).toEqual(['PropertySignature']);
  // None: no type it can have has the property. Unsure: a name the code narrows.
  expect(memberDeclarationKinds('function f() { const byId = new Map([[1, 2]]); return probe(byId.missing); }')).toEqual([]);
  expect(memberDeclarationKinds('function f() { const byId = new Map([[1, 2]]); if (byId instanceof Map) return probe(byId.get); }')).toBeUndefined();
});

test('a condition on a member narrows only a union (by a discriminant); a call statement only by an assertion', () => {
  const declared = `declare function rowsOf(): { rows: number[] };
declare function either(): { kind: 'a'; rows: number[] } | { kind: 'b'; rows: string[] };
declare function counter(): { bump(): void; check(): asserts this is { ready: true }; rows: number[] };`;
  expect(memberDeclarationKinds(`${declared} function f() { const result = rowsOf(); if (result.rows.length) return probe(result.rows); }`)).toEqual(['PropertySignature']);
  expect(memberDeclarationKinds(`${declared} function f() { const result = either(); if (result.kind === 'a') return probe(result.rows); }`)).toBeUndefined();
  expect(memberDeclarationKinds(`${declared} function f() { const result = counter(); result.bump(); return probe(result.rows); }`)).toEqual(['PropertySignature']);
  expect(memberDeclarationKinds(`${declared} function f() { const result = counter(); result.check(); return probe(result.rows); }`)).toBeUndefined();
  // Several possible types may be united (a failed overload resolution): a condition on a member may narrow them.
  expect(memberDeclarationKinds('function f() { const byId = new Map([[1, 2]]); if (byId.size) return probe(byId.get); }')).toBeUndefined();
});

test('a callback\'s parameter has the types the candidate signatures\' callback types declare for it', () => {
  const declared = `declare function onRequest(path: string, handler: (request: { url: string }, response: { send(body: string): void; client: import('pg').PoolClient }) => void): void;
declare function each<T>(items: T[], fn: (item: T) => void): void;`;
  expect(cannotHoldClient(`${declared} onRequest('/x', (req, res) => probe(res));`)).toBe(true);
  expect(cannotHoldClient(`${declared} onRequest('/x', (req, res) => probe(res.send));`)).toBe(true);
  expect(cannotHoldClient(`${declared} onRequest('/x', (req, res) => probe(res.client));`)).toBe(false);
  // Unsure: a type parameter (inferred from the other arguments), a parameter the body narrows or assigns.
  expect(cannotHoldClient(`${declared} each([pool], (item) => probe(item));`)).toBe(false);
  expect(cannotHoldClient(`${declared} onRequest('/x', (req, res) => res instanceof Object && probe(res));`)).toBe(false);
  expect(cannotHoldClient(`${declared} onRequest('/x', (req, res) => { res = res; return probe(res); });`)).toBe(false);
});

test('a chain of calls whose overloads return one type holds that type once: the work does not double at every link', () => {
  const chain = Array.from({ length: 14 }, () => ".replace('a', 'b')").join('');
  const { argument, context } = getProbe(`declare const text: string;\nprobe(text${chain}.trim);`);
  if (!typescript.isPropertyAccessExpression(argument)) throw new Error('not a member');
  // String's one `trim`, not one per path through the chain's overloads (2 ** 14 of them).
  expect(getMemberDeclarations(argument, context)).toHaveLength(1);
});

test('a chain whose overloads each return another instantiation leaves a link to the checker beyond a few types', () => {
  const builder = `interface Builder<T> { where(a: string): Builder<[T, 'a']>; where(a: number): Builder<[T, 'b']>; where(a: boolean): Builder<[T, 'c']>; run(): T; }\ndeclare const builder: Builder<0>;\n`;
  const runOf = (links: number): ts.Declaration[] | undefined => {
    const { argument, context } = getProbe(`${builder}probe(builder${'.where(1)'.repeat(links)}.run);`);
    if (!typescript.isPropertyAccessExpression(argument)) throw new Error('not a member');
    return getMemberDeclarations(argument, context);
  };
  // Two links: nine possible builders, each with its `run`, all one declaration.
  expect(runOf(2)).toHaveLength(9);
  // Fourteen: 3 ** 14 builders (a knex chain in a real monorepo grew to 11 GB this way). Past a few, the checker
  // resolves the link, and the calls after it start again from the one builder it picks.
  expect(runOf(14)?.length).toBeLessThanOrEqual(27);
});

/** getMemberDeclarations for the member `probe(…)` is given in a file that imports `db.ts`'s consts. */
function importedMemberKinds(code: string): string[] | undefined {
  const { argument, context } = createProbeProgram({
    '/app/node_modules/pg/index.d.ts': pgTypes,
    '/app/src/db.ts': `declare function rowsOf(): { rows: number[] };
declare function either(): { kind: 'a'; rows: number[] } | { kind: 'b'; rows: string[] };
export const result = rowsOf();
export const choice = either();
export let changing = rowsOf();\n`,
    '/app/src/service.ts': `import { changing, choice, result } from './db';\ndeclare function probe(value: unknown): void;\ndeclare function isBox(value: unknown): value is { box: number };\n${code}`,
  }, '/app/src/service.ts', { moduleResolution: typescript.ModuleResolutionKind.Node10 });
  if (!typescript.isPropertyAccessExpression(argument)) throw new Error('not a member');
  const declarations = getMemberDeclarations(argument, context);
  return declarations && [...new Set(declarations.map((declaration) => typescript.SyntaxKind[declaration.kind]))];
}

test('an imported const read from a call has its declared types, unless the importing file may narrow it', () => {
  expect(importedMemberKinds('function f() { return probe(result.rows); }')).toEqual(['PropertySignature']);
  expect(importedMemberKinds('function f() { return probe(choice.rows); }')).toEqual(['PropertySignature']);
  // Narrowed where it is imported: by a type guard, or a union by a discriminant; a `let` is left to the checker.
  expect(importedMemberKinds('function f() { if (isBox(result)) return probe(result.rows); }')).toBeUndefined();
  expect(importedMemberKinds("function f() { if (choice.kind === 'a') return probe(choice.rows); }")).toBeUndefined();
  expect(importedMemberKinds('function f() { return probe(changing.rows); }')).toBeUndefined();
});
