/** resolveExpression's typed fallback: the kind a value's declared type (or a base of it) names, asked once per type. */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { resolveExpression } from '../../src/analysis/core/resolve.js';
import { createProbeProgram } from '../helpers/probe-program.js';

const typescript = ts as unknown as TypeScript;

const pgTypes = `
export declare class PoolClient { release(): void; query(text: string): Promise<{ rows: unknown[] }>; }
export declare class Pool { connect(): Promise<PoolClient>; query(text: string): Promise<{ rows: unknown[] }>; }
`;

/** The kind names resolution gives each argument of `probe(…)`: `id(x)` hides `x` from syntactic resolution, so the types answer. */
function kindsOf(order: readonly string[]): (string | undefined)[] {
  const { context, argument } = createProbeProgram({
    '/app/node_modules/pg/index.d.ts': pgTypes,
    '/app/src/service.ts': `import { Pool, PoolClient } from 'pg';
class Special extends Pool {}
declare function id<T>(value: T): T;
declare function probe(...values: unknown[]): void;
export function f(pool: Pool, client: PoolClient, special: Special, rows: string[]) {
  probe(${order.map((name) => `id(${name})`).join(', ')});
}
`,
  }, '/app/src/service.ts', { moduleResolution: typescript.ModuleResolutionKind.Node10 });
  const call = argument.parent as ts.CallExpression;
  return call.arguments.map((each) => {
    const resolved = resolveExpression(each, context);
    return resolved?.type === 'object' ? resolved.name : resolved?.type;
  });
}

test('each type gets its own kind, a subclass its base\'s, in any order of asking', () => {
  expect(kindsOf(['pool', 'client', 'special', 'rows', 'pool'])).toEqual(['Pool', 'PoolClient', 'Pool', undefined, 'Pool']);
  expect(kindsOf(['rows', 'special', 'client', 'pool', 'rows'])).toEqual([undefined, 'Pool', 'PoolClient', 'Pool', undefined]);
});

/**
 * For each `probe(x)` of the code, in order: the kind resolution gives `x`, and whether the checker was asked its type
 * (`location`: the type at `x`; `symbol`: the type of any symbol while `x` resolved).
 */
function probedKinds(code: string, asking: 'location' | 'symbol' = 'location'): { kind: string | undefined; typed: boolean }[] {
  const { context, argument } = createProbeProgram({
    '/app/node_modules/pg/index.d.ts': pgTypes,
    '/app/src/service.ts': `import { Pool } from 'pg';\ndeclare function probe(value: unknown): void;\n${code}`,
  }, '/app/src/service.ts', { moduleResolution: typescript.ModuleResolutionKind.Node10 });
  const probes: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node) && typescript.isIdentifier(node.expression) && node.expression.text === 'probe') probes.push(node.arguments[0]!);
    typescript.forEachChild(node, visit);
  };
  visit(argument.getSourceFile());
  const asked = new Set<ts.Node>();
  let symbolTypes = 0;
  const { checker } = context;
  const getTypeAtLocation = checker.getTypeAtLocation.bind(checker);
  const getTypeOfSymbol = checker.getTypeOfSymbol.bind(checker);
  checker.getTypeAtLocation = (node: ts.Node) => {
    asked.add(node);
    return getTypeAtLocation(node);
  };
  checker.getTypeOfSymbol = (symbol: ts.Symbol) => {
    symbolTypes += 1;
    return getTypeOfSymbol(symbol);
  };
  try {
    return probes.map((probe) => {
      const before = symbolTypes;
      const resolved = resolveExpression(probe, context);
      const typed = asking === 'location' ? asked.has(probe) : symbolTypes > before;
      return { kind: resolved?.type === 'object' ? resolved.name : resolved?.type, typed };
    });
  } finally {
    checker.getTypeAtLocation = getTypeAtLocation;
    checker.getTypeOfSymbol = getTypeOfSymbol;
  }
}

test('`this` of a class that extends nothing is not typed; of a function and of an object literal it is', () => {
  expect(probedKinds(`
class Users { find() { probe(this); } }
class Orders { total = () => probe(this); }
class Special extends Pool { run() { probe(this); } }
function loose(this: Pool) { probe(this); }
const literal = { run(this: Pool) { probe(this); } };
`)).toEqual([
    { kind: undefined, typed: false },
    { kind: undefined, typed: false },
    // The subclass is known from its `extends` without its type.
    { kind: 'Pool', typed: false },
    { kind: 'Pool', typed: true },
    { kind: 'Pool', typed: true },
  ]);
});

test('a global of the language\'s own library (`JSON`, `Map`) is not typed; a project\'s global still resolves', () => {
  expect(probedKinds(`
declare global { var pool: Pool; }
probe(JSON);
probe(Map);
probe(globalThis.pool);
probe(pool);
`)).toEqual([
    { kind: undefined, typed: false },
    { kind: undefined, typed: false },
    { kind: 'Pool', typed: false },
    { kind: 'Pool', typed: false },
  ]);
});

test('a function or class the project declares is not typed, unless a kind goes by its name', () => {
  expect(probedKinds(`
function getBalance(id: number) { return id; }
class OrdersRepository {}
class PoolClient {}
probe(getBalance);
probe(OrdersRepository);
probe(PoolClient);
`, 'symbol')).toEqual([
    { kind: undefined, typed: false },
    { kind: undefined, typed: false },
    // Named like pg's PoolClient: its type decides (declared by the project, so no kind).
    { kind: undefined, typed: true },
  ]);
});

test('an imported project function or class is not typed, unless the importer may narrow it or a kind goes by its name', () => {
  const { context, argument } = createProbeProgram({
    '/app/node_modules/pg/index.d.ts': pgTypes,
    '/app/src/helpers.ts': `export function getBalance(id: number) { return id; }
export class OrdersRepository {}
export class PoolClient {}
export default function () { return 1; }
`,
    '/app/src/service.ts': `import type { Pool } from 'pg';
import { getBalance, OrdersRepository as Orders, PoolClient as Client } from './helpers';
import loadDefault from './helpers';
import { getBalance as narrowed } from './helpers';
declare function probe(...values: unknown[]): void;
declare const pool: Pool;
if (narrowed) probe(0);
// Calling a function narrows it nowhere.
getBalance(1);
// Not in a call statement, whose arguments an assertion function could narrow.
export const probed = [pool, getBalance, Orders, Client, loadDefault, narrowed];
`,
  }, '/app/src/service.ts', { moduleResolution: typescript.ModuleResolutionKind.Node10 });
  const statement = argument.getSourceFile().statements.at(-1) as ts.VariableStatement;
  const probes = (statement.declarationList.declarations[0]!.initializer as ts.ArrayLiteralExpression).elements;
  const { checker } = context;
  let symbolTypes = 0;
  const asked = new Set<ts.Node>();
  const getTypeOfSymbol = checker.getTypeOfSymbol.bind(checker);
  const getTypeAtLocation = checker.getTypeAtLocation.bind(checker);
  checker.getTypeOfSymbol = (symbol: ts.Symbol) => {
    symbolTypes += 1;
    return getTypeOfSymbol(symbol);
  };
  checker.getTypeAtLocation = (node: ts.Node) => {
    asked.add(node);
    return getTypeAtLocation(node);
  };
  try {
    expect(probes.map((probe) => {
      const before = symbolTypes;
      const resolved = resolveExpression(probe, context);
      return { name: probe.getText(), kind: resolved?.type, typed: symbolTypes > before || asked.has(probe) };
    })).toEqual([
      { name: 'pool', kind: 'object', typed: false },
      { name: 'getBalance', kind: undefined, typed: false },
      { name: 'Orders', kind: undefined, typed: false },
      // Declared as pg's PoolClient is named: its type decides (declared by the project, so no kind).
      { name: 'Client', kind: undefined, typed: true },
      { name: 'loadDefault', kind: undefined, typed: false },
      // Its file tests it in an `if`, where flow analysis narrows it.
      { name: 'narrowed', kind: undefined, typed: true },
    ]);
  } finally {
    checker.getTypeOfSymbol = getTypeOfSymbol;
    checker.getTypeAtLocation = getTypeAtLocation;
  }
});

test('a library\'s function or class, and a `const` holding an object literal, are not typed, unless a kind goes by the name, awaiting may change the type, or the file may narrow it', () => {
  const { context, argument } = createProbeProgram({
    '/app/node_modules/pg/index.d.ts': pgTypes,
    '/app/node_modules/express/index.d.ts': `export declare function Router(): { get(path: string): void };
export declare class Server { listen(port: number): void; }
`,
    '/app/src/repositories.ts': `import type { Pool } from 'pg';
const defaults = { limit: 10 };
export const orders = { async find(id: number) { return id; }, 'count': 1, [\`size\`]: 2 };
export const thenable = { then(resolve: (pool: Pool) => void) { return resolve; } };
const key = 'then';
export const computed = { [key]: 1 };
export const spread = { ...defaults };
export const registry = {};
`,
    '/app/src/service.ts': `import { Router, Server } from 'express';
import { Pool } from 'pg';
import { computed, orders, registry, spread, thenable } from './repositories';
declare function probe(...values: unknown[]): void;
declare function isPool(value: unknown): value is Pool;
if (isPool(registry)) probe(0);
export const probed = [Router, Server, orders, thenable, computed, spread, registry];
`,
  }, '/app/src/service.ts', { moduleResolution: typescript.ModuleResolutionKind.Node10 });
  const statement = argument.getSourceFile().statements.at(-1) as ts.VariableStatement;
  const probes = (statement.declarationList.declarations[0]!.initializer as ts.ArrayLiteralExpression).elements;
  const { checker } = context;
  const asked = new Set<ts.Node>();
  const getTypeAtLocation = checker.getTypeAtLocation.bind(checker);
  checker.getTypeAtLocation = (node: ts.Node) => {
    asked.add(node);
    return getTypeAtLocation(node);
  };
  try {
    expect(probes.map((probe) => {
      const resolved = resolveExpression(probe, context);
      return { name: probe.getText(), kind: resolved?.type === 'object' ? resolved.name : resolved?.type, typed: asked.has(probe) };
    })).toEqual([
      { name: 'Router', kind: undefined, typed: false },
      { name: 'Server', kind: undefined, typed: false },
      { name: 'orders', kind: undefined, typed: false },
      // Awaited, it is what `then` gives.
      { name: 'thenable', kind: 'Pool', typed: true },
      // A computed name may be `then`, and so may a spread's member.
      { name: 'computed', kind: undefined, typed: true },
      { name: 'spread', kind: undefined, typed: true },
      // Its file tests it with a type guard, which can narrow `{}` to a `Pool`.
      { name: 'registry', kind: undefined, typed: true },
    ]);
  } finally {
    checker.getTypeAtLocation = getTypeAtLocation;
  }
});
