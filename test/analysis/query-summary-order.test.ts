/**
 * Query summaries do not depend on which functions were summarized first: a loop's finding through a chain of helpers
 * is the same in a fresh context and in one where a helper of the chain was asked about before, at any budget.
 */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { createSingleFileProgram, getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { findQueriesInLoops } from '../../src/analysis/queries/no-query-in-loop.js';
import { getFunctionQuerySummary } from '../../src/analysis/queries/query-summaries.js';

const typescript = ts as unknown as TypeScript;

/** The loop findings' messages, after summarizing each `[name, budget]` first in the same context. */
function findingsAfter(code: string, first: readonly [string, number][]): string[] {
  const sourceFile = typescript.createSourceFile('probe.ts', code, typescript.ScriptTarget.Latest, true);
  const context = getAnalysisContext(typescript, createSingleFileProgram(typescript, sourceFile), false, {});
  for (const [name, budget] of first) {
    const fn = sourceFile.statements.find((statement): statement is ts.FunctionDeclaration => typescript.isFunctionDeclaration(statement) && statement.name?.text === name);
    if (!fn) throw new Error(`no function ${name}`);
    getFunctionQuerySummary(fn, context, budget);
  }
  return findQueriesInLoops(sourceFile, context).map((finding) => String(finding.data.what));
}

test('a helper summarized deeper first does not carry a loop past its depth', () => {
  // The query is in the fifth function from run's loop, one past the four looked into; near's loop reaches it.
  const code = `import { Pool } from 'pg';
const pool = new Pool();
async function e(id: number) { await pool.query('SELECT 1 WHERE id = $1', [id]); }
async function d(id: number) { await e(id); }
async function c(id: number) { await d(id); }
async function b(id: number) { await c(id); }
async function a(id: number) { await b(id); }
export async function run(ids: number[]) { for (const id of ids) await a(id); }
export async function near(ids: number[]) { for (const id of ids) await b(id); }`;
  const fresh = findingsAfter(code, []);
  expect(fresh).toHaveLength(1);
  expect(fresh[0]).toContain('`b()` runs a query through `c()` through `d()` through `e()`');
  expect(findingsAfter(code, [['b', 4], ['c', 4]])).toEqual(fresh);
});

test('a recursion met while summarizing another function does not hide a query from a later loop', () => {
  // b reaches the query through a; summarizing a first meets b → a as a recursion.
  const code = `import { Pool } from 'pg';
const pool = new Pool();
async function q() { await pool.query('SELECT 1'); }
async function a() { await b(); await q(); }
async function b() { await a(); }
export async function run(ids: number[]) { for (const id of ids) await b(); }`;
  const fresh = findingsAfter(code, []);
  expect(fresh).toHaveLength(1);
  expect(fresh[0]).toContain('`b()` runs a query through `a()` through `q()`');
  expect(findingsAfter(code, [['a', 5]])).toEqual(fresh);
});
