/**
 * Name resolution remembers "not a database value" only for a lookup nothing cut short (a cycle, the depth limit):
 * such an answer depends on where the resolution started. These cases check that the cut is still known after an
 * exception inside the lookup (caught by resolution itself, where it follows an import), and that a cycle through a
 * written type ends.
 */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { AnalysisContext, TypeScript } from '../../src/analysis/core/analysis-context.js';

import { resolveExpression } from '../../src/analysis/core/resolve.js';
import { createProbeProgram } from '../helpers/probe-program.js';

const typescript = ts as unknown as TypeScript;

const pgTypes = 'export declare class Pool { query(text: string): Promise<unknown>; }\n';

/** `start` resolves through `thrower` in ./other, which leads back to `start` (a cycle) before the failing lookup. */
const probe = "import { Pool } from 'pg';\nimport { thrower } from './other';\ndeclare function probe(value: unknown): void;\nexport const start = thrower || new Pool();\nprobe(start);\n";

/** A context whose knowledge fails when asked about the module `boom`, as an analysis can fail on code it did not expect. */
function withFailingModule(context: AnalysisContext): AnalysisContext {
  const knowledge = new Proxy(context.knowledge, {
    get(target, key) {
      if (key === 'getModule') {
        return (specifier: string) => {
          if (specifier === 'boom') throw new Error('boom');
          return target.getModule(specifier);
        };
      }
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...context, checker: context.checker, knowledge };
}

const describe = (found: ReturnType<typeof resolveExpression>): string => (found ? `${found.type} ${found.library.name} ${found.name}` : 'none');

/** Resolves `start`, then the `thrower` in its initializer, in one context: what each resolution answers. */
function resolveInOrder(other: string): string[] {
  const { argument, context } = createProbeProgram({
    '/app/node_modules/pg/index.d.ts': pgTypes,
    '/app/src/other.ts': other,
    '/app/src/probe.ts': probe,
  }, '/app/src/probe.ts', { moduleResolution: typescript.ModuleResolutionKind.Node10 });
  const failing = withFailingModule(context);
  const declaration = (context.program.getSourceFile('/app/src/probe.ts')?.statements ?? [])
    .flatMap((statement) => (typescript.isVariableStatement(statement) ? [...statement.declarationList.declarations] : []))
    .find((candidate) => candidate.name.getText() === 'start');
  const initializer = declaration?.initializer;
  if (!initializer || !typescript.isBinaryExpression(initializer)) throw new Error('no `start`');
  return [describe(resolveExpression(argument, failing)), describe(resolveExpression(initializer.left, failing))];
}

test('a lookup cut short by a cycle stays unremembered when a resolution under it fails', () => {
  const other = (module: string): string => `import { start } from './probe';\nexport const thrower = start || require('${module}');\n`;
  // Started at `thrower`, the cycle is cut at `thrower` itself, and `start` is a Pool.
  expect(resolveInOrder(other('fine'))).toEqual(['object pg Pool', 'object pg Pool']);
  expect(resolveInOrder(other('boom'))).toEqual(['object pg Pool', 'object pg Pool']);
});

test('a walk over assignments cut short stays unremembered when a resolution under it fails', () => {
  // `local`'s written type leads back to `start` (the cut), then its assignment fails.
  const other = (module: string): string => `import { start } from './probe';\ntype Start = typeof start;\nlet local: Start;\nlocal = require('${module}');\nexport const thrower = local;\n`;
  expect(resolveInOrder(other('fine'))).toEqual(['object pg Pool', 'object pg Pool']);
  expect(resolveInOrder(other('boom'))).toEqual(['object pg Pool', 'object pg Pool']);
});

test('a name whose written type is `typeof` itself resolves to nothing, without running out of stack', () => {
  const { argument, context } = createProbeProgram({
    '/app/src/probe.ts': 'declare function probe(value: unknown): void;\nexport function f(pool: typeof pool) { return probe(pool); }\n',
  }, '/app/src/probe.ts');
  expect(resolveExpression(argument, context)).toBeUndefined();
});
