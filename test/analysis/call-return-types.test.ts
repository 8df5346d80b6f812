/** cannotHoldKind: a call's value, or a `const` read from one, judged from declared return types without resolving the call. */
import path from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { cannotHoldKind } from '../../src/analysis/core/call-return-types.js';

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
}
`;

/** TypeScript's own library files (for `Promise` and `Array`), parsed once. */
const libFiles = new Map<string, ts.SourceFile>();
function isLibFile(name: string): boolean {
  return name.startsWith(path.dirname(typescript.getDefaultLibFilePath({})));
}
function getLibFile(name: string): ts.SourceFile | undefined {
  if (!isLibFile(name)) return undefined;
  let sourceFile = libFiles.get(name);
  const text = sourceFile ? undefined : typescript.sys.readFile(name);
  if (!sourceFile && text !== undefined) {
    sourceFile = typescript.createSourceFile(name, text, typescript.ScriptTarget.Latest, true);
    libFiles.set(name, sourceFile);
  }
  return sourceFile;
}

/** Whether the expression `probe(…)` is given in `code` can hold a `PoolClient` (the kind the matcher knows). */
function cannotHoldClient(code: string): boolean {
  const files = new Map([
    ['/app/node_modules/pg/index.d.ts', pgTypes],
    ['/app/src/service.ts', `import { Pool } from 'pg';\ndeclare function probe(value: unknown): void;\ndeclare const pool: Pool;\n${code}`],
  ].map(([name, text]) => [name as string, typescript.createSourceFile(name as string, text as string, typescript.ScriptTarget.Latest, true)]));
  const options: ts.CompilerOptions = { lib: ['lib.es2022.d.ts'], types: [], strict: true, moduleResolution: typescript.ModuleResolutionKind.Node10 };
  const host: ts.CompilerHost = {
    getSourceFile: (name) => files.get(name) ?? getLibFile(name),
    getDefaultLibFileName: () => typescript.getDefaultLibFilePath(options),
    writeFile: () => undefined,
    getCurrentDirectory: () => '/app',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => files.has(name) || (isLibFile(name) && typescript.sys.fileExists(name)),
    readFile: (name) => files.get(name)?.text ?? (isLibFile(name) ? typescript.sys.readFile(name) : undefined),
  };
  const program = typescript.createProgram(['/app/src/service.ts'], options, host);
  const context = getAnalysisContext(typescript, program, true, {});
  let argument: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node) && typescript.isIdentifier(node.expression) && node.expression.text === 'probe') argument = node.arguments[0];
    typescript.forEachChild(node, visit);
  };
  visit(files.get('/app/src/service.ts') as ts.SourceFile);
  if (!argument) throw new Error('no probe(…) call');
  return cannotHoldKind(argument, context, (type) => type.getSymbol()?.name === 'PoolClient');
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
