/**
 * The member call gate (core/member-call-gate.ts): typed, `x.m(…)` is resolved to find a helper that returns a
 * connection only when a function the program declares as `m` returns one, so `rows.map` or a plain method costs the
 * checker nothing, and every helper is still found, also under a name an export gives it.
 */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { createMemberCallGate } from '../../src/analysis/core/member-call-gate.js';
import { findAcquisitions } from '../../src/analysis/leaks/acquisitions.js';
import { createInMemoryContext } from '../helpers/in-memory-context.js';

const typescript = ts as unknown as TypeScript;

const files: Record<string, string> = {
  '/app/node_modules/pg/index.d.ts': [
    'export declare class PoolClient { query(text: string): Promise<unknown>; release(): void; }',
    'export declare class Pool { connect(): Promise<PoolClient>; }',
  ].join('\n'),
  '/app/src/db.ts': [
    "import { Pool } from 'pg';",
    'const pool = new Pool();',
    'export class Database {',
    '  async getClient() { return pool.connect(); }',
    '  async count() { return 1; }',
    '  async borrow() { return this.getClient(); }',
    '  async lease() { const client = await pool.connect(); return client; }',
    '  async size() { const size = await this.count(); return size; }',
    '  map(values: number[]) { return values.map((value) => value); }',
    '}',
    'export const db = new Database();',
    'async function open() { return pool.connect(); }',
    'export { open as connectTo };',
  ].join('\n'),
  '/app/src/service.ts': [
    "import { db } from './db';",
    "import * as aliases from './db';",
    'export async function run(rows: number[]) {',
    '  const client = await db.getClient();',
    '  const other = await aliases.connectTo();',
    '  const borrowed = await db.borrow();',
    '  const leased = await db.lease();',
    '  const size = await db.size();',
    '  const doubled = helpers.map(rows);',
    '  await db.count();',
    '  client.release();',
    '  other.release();',
    '  return doubled.map((row) => row * 2);',
    '}',
    'export const helpers = { map(values: number[]) { return values; } };',
  ].join('\n'),
};

function createContext() {
  const context = createInMemoryContext(files, { strict: true }, ['/app/src/service.ts']);
  // Every member name the checker is asked the symbol of, with its file.
  const asked: string[] = [];
  const checker = context.checker;
  const getSymbolAtLocation = checker.getSymbolAtLocation.bind(checker);
  checker.getSymbolAtLocation = (node) => {
    if (typescript.isPropertyAccessExpression(node.parent) && node.parent.name === node) asked.push(`${node.getSourceFile().fileName}: ${node.getText()}`);
    return getSymbolAtLocation(node);
  };
  return { context, asked, service: context.program.getSourceFile('/app/src/service.ts')! };
}

test('typed, helpers that return a connection are found, and a member no such helper is declared as is not resolved', () => {
  const { context, asked, service } = createContext();
  const acquisitions = findAcquisitions(service, context);
  // `db.borrow()` through a helper that calls another by a member name, `db.lease()` through a variable it returns;
  // `db.size()` returns a variable holding no connection.
  expect(acquisitions.map((acquisition) => acquisition.acquireText).sort()).toEqual(['aliases.connectTo()', 'db.borrow()', 'db.getClient()', 'db.lease()']);
  // `helpers.map` and `doubled.map`: project functions are declared as `map`, but they return no connection. (One
  // returns `values.map(…)`, a call by its own name, so its summary asks once in db.ts. `db` holds `new Database()`,
  // whose members are known without the checker.)
  expect(asked).not.toContain('/app/src/service.ts: map');
  expect(asked).toContain('/app/src/service.ts: connectTo');
});

test('the gate: only a member some function of the kind is declared as, or a name an export gives, or `default`', () => {
  const { context } = createContext();
  const seen: string[] = [];
  const gate = createMemberCallGate((fn) => {
    seen.push(fn.name && typescript.isIdentifier(fn.name) ? fn.name.text : '?');
    return fn.name !== undefined && typescript.isIdentifier(fn.name) && fn.name.text === 'count';
  });
  const callee = (text: string) => {
    const found = typescript.createSourceFile('/probe.ts', `${text}();`, typescript.ScriptTarget.Latest, true).statements[0] as ts.ExpressionStatement;
    return (found.expression as ts.CallExpression).expression;
  };
  expect(gate(callee('db.count'), context)).toBe(true);
  expect(gate(callee('anything.map'), context)).toBe(false);
  // No function is declared as `connectTo`; an export gives `open` that name.
  expect(gate(callee('aliases.connectTo'), context)).toBe(true);
  expect(gate(callee('module.default'), context)).toBe(true);
  expect(gate(callee('undeclared.name'), context)).toBe(false);
  // Not a member: left to the caller.
  expect(gate(callee('count'), context)).toBe(true);
  // Asked of each function declared as the name, once per name and program.
  expect(gate(callee('other.map'), context)).toBe(false);
  expect(seen.sort()).toEqual(['count', 'map', 'map']);
  // Untyped, a program holds one file, and a member may name a function of another module.
  const untyped = getAnalysisContext(typescript, context.program, false, {});
  expect(gate(callee('rows.map'), untyped)).toBe(true);
});
