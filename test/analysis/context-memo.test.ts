/** createContextMemo: one computation per context and key, shared by every caller, gone with the context. */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { createSingleFileProgram, getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { createContextMemo } from '../../src/analysis/core/context-memo.js';

const typescript = ts as unknown as TypeScript;

function newContext(settings = {}) {
  const sourceFile = typescript.createSourceFile('memo.ts', 'export const one = 1;', typescript.ScriptTarget.Latest, true);
  return getAnalysisContext(typescript, createSingleFileProgram(typescript, sourceFile), false, settings);
}

test('computes once per context and key, undefined included', () => {
  const memo = createContextMemo<string, number | undefined>();
  const context = newContext();
  let calls = 0;
  const compute = (value: number | undefined) => () => {
    calls += 1;
    return value;
  };
  expect(memo.get(context, 'a', compute(1))).toBe(1);
  expect(memo.get(context, 'a', compute(2))).toBe(1);
  expect(memo.get(context, 'b', compute(undefined))).toBeUndefined();
  expect(memo.get(context, 'b', compute(3))).toBeUndefined();
  expect(calls).toBe(2);
});

test('another program or other settings is another context, with its own values', () => {
  const memo = createContextMemo<string, number>();
  const first = newContext();
  const second = newContext();
  const otherSettings = getAnalysisContext(typescript, first.program, false, { maxPoolSize: 5 });
  memo.get(first, 'a', () => 1);
  expect(memo.get(second, 'a', () => 2)).toBe(2);
  expect(memo.get(otherSettings, 'a', () => 3)).toBe(3);
  expect(memo.cacheOf(first).get('a')).toBe(1);
  expect(memo.get(second, 'a', () => 4)).toBe(2);
  expect(memo.get(first, 'a', () => 5)).toBe(1);
});

test('a copy of a context made with a spread starts with no values of its own', () => {
  const memo = createContextMemo<string, number>();
  const context = newContext();
  memo.get(context, 'a', () => 1);
  const copy = { ...context };
  expect(memo.get(copy, 'a', () => 2)).toBe(2);
  expect(memo.get(context, 'a', () => 3)).toBe(1);
});
