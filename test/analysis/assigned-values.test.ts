/**
 * `let x; … x = new Pool()`: the values assigned to a variable are read from the file's assignment list, under the
 * variable's scope, as a walk of that scope through the context's namespace would meet them. A re-lint's namespace hides
 * some top-level statements from a walk of the file, but not from a walk of a node inside one.
 */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { AnalysisContext, TypeScript } from '../../src/analysis/core/analysis-context.js';

import { createHidingNamespace } from '../../src/analysis/core/hidden-statements.js';
import { resolveExpression } from '../../src/analysis/core/resolve.js';
import { createProbeProgram } from '../helpers/probe-program.js';

const typescript = ts as unknown as TypeScript;

const describe = (found: ReturnType<typeof resolveExpression>): string => (found ? `${found.type} ${found.library.name} ${found.name}` : 'none');

/** The probe's resolution with the file's statement `hidden` hidden from walks of the file (none when undefined). */
function resolveWithHidden(code: string, hidden?: number): string {
  const { context, argument } = createProbeProgram({
    '/app/src/service.ts': `import { Client, Pool } from 'pg';\ndeclare function probe(value: unknown): void;\n${code}`,
  }, '/app/src/service.ts');
  const sourceFile = argument.getSourceFile();
  const statement = hidden === undefined ? undefined : sourceFile.statements[hidden];
  const hiding: AnalysisContext = statement ? { ...context, checker: context.checker, ts: createHidingNamespace(typescript, new Set([statement])) } : context;
  return describe(resolveExpression(argument, hiding));
}

test('a variable assigned in its function: found whether or not a re-lint hides the function from walks of the file', () => {
  const code = 'export function helper() { let pool; pool = new Pool(); return probe(pool); }\n';
  expect(resolveWithHidden(code)).toBe('object pg Pool');
  // The walk of the function's body sees the whole body, hidden or not.
  expect(resolveWithHidden(code, 2)).toBe('object pg Pool');
});

test('a module variable assigned in a hidden statement: a walk of the file does not see that assignment', () => {
  const code = 'let shared;\nexport function setUp() { shared = new Pool(); }\nexport function use() { return probe(shared); }\n';
  expect(resolveWithHidden(code)).toBe('object pg Pool');
  expect(resolveWithHidden(code, 3)).toBe('none');
  expect(resolveWithHidden(code, 4)).toBe('object pg Pool');
});

test('assignments in source order, plain and destructuring alike; a same-named variable of another scope is not the variable', () => {
  const code = [
    'export function other() { let db; db = new Pool(); return db; }',
    'export function helper() {',
    '  let db;',
    '  function inner() { let db; db = new Pool(); return db; }',
    '  ({ db } = { db: new Client() });',
    '  db = new Pool();',
    '  return probe(db);',
    '}',
    '',
  ].join('\n');
  expect(resolveWithHidden(code)).toBe('object pg Client');
  // Without the destructuring, the plain assignment after it; the other functions' own `db`s never count.
  expect(resolveWithHidden(code.replace('  ({ db } = { db: new Client() });\n', ''))).toBe('object pg Pool');
  expect(resolveWithHidden(code.replace('  ({ db } = { db: new Client() });\n', '').replace('  db = new Pool();\n', ''))).toBe('none');
});
