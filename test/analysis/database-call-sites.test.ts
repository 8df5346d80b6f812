/** A file's database calls are resolved when asked: a walk for acquisitions skips the calls of other member names. */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getCallMemberNames } from '../../src/analysis/core/call-member-names.js';
import { getDatabaseCallSites } from '../../src/analysis/core/database-call-sites.js';
import { builtInLibraries as libraries } from '../../src/knowledge/index.js';
import { createProbeProgram } from '../helpers/probe-program.js';

const typescript = ts as unknown as TypeScript;

const pgTypes = `
export declare class PoolClient { release(): void; query(text: string): Promise<{ rows: unknown[] }>; }
export declare class Pool { connect(): Promise<PoolClient>; query(text: string): Promise<{ rows: unknown[] }>; }
`;

function createFile(): { sites: ReturnType<typeof getDatabaseCallSites>; calls: Map<string, ts.CallExpression>; typedReceivers: () => string[] } {
  const { context, argument } = createProbeProgram({
    '/app/node_modules/pg/index.d.ts': pgTypes,
    '/app/src/service.ts': `import { Pool } from 'pg';
declare function probe(value: unknown): void;
declare const res: { json(value: unknown): void };
export async function handler(pool: Pool) {
  const client = await pool.connect();
  res.json(await client.query('select 1'));
  client.release();
  probe(client);
}
`,
  }, '/app/src/service.ts', { moduleResolution: typescript.ModuleResolutionKind.Node10 });
  const sourceFile = argument.getSourceFile();
  const calls = new Map<string, ts.CallExpression>();
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node)) calls.set(node.expression.getText(), node);
    typescript.forEachChild(node, visit);
  };
  visit(sourceFile);
  const asked: string[] = [];
  const { checker } = context;
  const getTypeAtLocation = checker.getTypeAtLocation.bind(checker);
  checker.getTypeAtLocation = (node: ts.Node) => {
    asked.push(node.getText());
    return getTypeAtLocation(node);
  };
  return { sites: getDatabaseCallSites(sourceFile, context), calls, typedReceivers: () => asked.filter((text) => text === 'res') };
}

test('the acquiring and transaction member names come from the knowledge base', () => {
  const acquiring = getCallMemberNames(libraries, 'test acquires', (definition) => definition.acquires !== undefined);
  expect(acquiring?.has('connect')).toBe(true);
  expect(acquiring?.has('getConnection')).toBe(true);
  expect(acquiring?.has('json')).toBe(false);
  expect(getCallMemberNames(libraries, 'test transaction', (definition) => definition.transaction !== undefined)?.has('transaction')).toBe(true);
  // Knex's query builders take any method: no name can be ruled out for what they accept.
  expect(getCallMemberNames(libraries, 'test returns', (definition) => definition.returns !== undefined)).toBeUndefined();
});

test('a walk for some member names resolves only those calls; asking for another call resolves it then', () => {
  const { sites, calls, typedReceivers } = createFile();
  const found = sites.findCalls(new Set(['connect']));
  expect(found.map((site) => site.node.getText().split('(')[0])).toEqual(['pool.connect']);
  expect(typedReceivers()).toEqual([]);
  expect(sites.byNode.has(calls.get('client.query')!)).toBe(true);
  expect(sites.byNode.get(calls.get('res.json')!)).toBeUndefined();
  expect(typedReceivers()).toEqual(['res']);
  // Every call, when no names are given (and each resolved once).
  expect(sites.findCalls(undefined).map((site) => site.node.getText().split('(')[0])).toEqual(['pool.connect', 'client.query']);
  expect(typedReceivers()).toEqual(['res']);
});
