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
