/**
 * Function summaries through recursions: a function being summarized answers "nothing" to a call that leads back to
 * it, so a value computed under such a cut holds only for the summary that started the cycle. Any function's summary
 * must be the one it has when asked first, whatever was summarized before it in the same context.
 */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getSlowIoUse } from '../../src/analysis/transactions/transaction-summaries.js';
import { createProbeProgram } from '../helpers/probe-program.js';

const typescript = ts as unknown as TypeScript;

/** The slow I/O each named function awaits, asked in this order in one context. */
function summarizeInOrder(code: string, ...names: string[]): string[] {
  const { context } = createProbeProgram({
    '/app/src/globals.d.ts': 'declare function fetch(url: string): Promise<unknown>;\n',
    '/app/src/probe.ts': `/// <reference path="./globals.d.ts" />\ndeclare function probe(value: unknown): void;\nprobe(0);\n${code}`,
  }, '/app/src/probe.ts');
  const statements: readonly ts.Statement[] = context.program.getSourceFile('/app/src/probe.ts')?.statements ?? [];
  return names.map((name) => {
    const fn = statements.find((statement): statement is ts.FunctionDeclaration => typescript.isFunctionDeclaration(statement) && statement.name?.text === name);
    if (!fn) throw new Error(`no function ${name}`);
    const use = getSlowIoUse(fn, context);
    return use ? `${name}: ${[...use.through, use.description].join(' ')}` : `${name}: none`;
  });
}

/** Each function's summary when it is the first asked (a fresh context each). */
function summarizeEachFirst(code: string, ...names: string[]): string[] {
  return names.flatMap((name) => summarizeInOrder(code, name));
}

test('a function that calls into a recursion has the same summary whether or not the recursion was summarized first', () => {
  const code = `async function h() { await fetch('https://example.com'); }
async function f() { await g(); await h(); }
async function g() { await f(); }
async function k() { await g(); }`;
  expect(summarizeEachFirst(code, 'f', 'g', 'k')).toEqual(['f: h() fetch(…)', 'g: f() h() fetch(…)', 'k: g() f() h() fetch(…)']);
  expect(summarizeInOrder(code, 'f', 'g', 'k')).toEqual(summarizeEachFirst(code, 'f', 'g', 'k'));
  expect(summarizeInOrder(code, 'f', 'k', 'g')).toEqual(summarizeEachFirst(code, 'f', 'k', 'g'));
});

test('a summary that reused a value a cut left provisional is provisional too', () => {
  // Summarizing r: b is cut at r (nothing), and c reuses that value before r reaches x. \`via\` asks for c with the
  // budget r gave it (a summary asked with more budget than it was computed with is computed again).
  const code = `async function x() { await fetch('https://example.com'); }
async function r() { await a(); await c(); await x(); }
async function a() { await b(); }
async function b() { await r(); }
async function c() { await b(); }
async function via() { await c(); }`;
  expect(summarizeEachFirst(code, 'r', 'via')).toEqual(['r: x() fetch(…)', 'via: c() b() r() x() fetch(…)']);
  expect(summarizeInOrder(code, 'r', 'via')).toEqual(summarizeEachFirst(code, 'r', 'via'));
});

test('a helper summarized first with the whole budget does not carry a caller past its own', () => {
  // f1 → f2 → … → f9, fetch in f9: nine functions, one more than a summary looks into from f1; eight from f2.
  const chain = Array.from({ length: 8 }, (_, index) => `async function f${index + 1}() { await f${index + 2}(); }`).join('\n');
  const code = `${chain}\nasync function f9() { await fetch('https://example.com'); }`;
  expect(summarizeEachFirst(code, 'f1', 'f2')).toEqual(['f1: none', 'f2: f3() f4() f5() f6() f7() f8() f9() fetch(…)']);
  expect(summarizeInOrder(code, 'f2', 'f1')).toEqual(['f2: f3() f4() f5() f6() f7() f8() f9() fetch(…)', 'f1: none']);
});
