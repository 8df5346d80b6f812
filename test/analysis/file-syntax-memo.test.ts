/** createFileSyntaxMemo: one computation per file while the file is among the recent ones, a new one after. */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import type { KeptFiles } from '../../src/analysis/core/file-syntax-memo.js';

import { createFileSyntaxMemo } from '../../src/analysis/core/file-syntax-memo.js';

const typescript = ts as unknown as TypeScript;

function createFiles(count: number): ts.SourceFile[] {
  return Array.from({ length: count }, (_, index) => ts.createSourceFile(`/project/file-${index}.ts`, `export const value${index} = ${index};`, ts.ScriptTarget.Latest, true));
}

function createCountingMemo(kept?: KeptFiles): { memo: (sourceFile: ts.SourceFile) => { readonly fileName: string }; computed: string[] } {
  const computed: string[] = [];
  const memo = createFileSyntaxMemo((sourceFile) => {
    computed.push(sourceFile.fileName);
    return { fileName: sourceFile.fileName };
  }, kept);
  return { memo: (sourceFile) => memo(sourceFile, typescript), computed };
}

test('64 files asked again are each computed once', () => {
  const files = createFiles(64);
  const { memo, computed } = createCountingMemo();
  const first = files.map(memo);
  const again = files.map(memo);
  expect(computed).toHaveLength(64);
  again.forEach((value, index) => expect(value).toBe(first[index]));
});

test('a file asked again before 128 others were computed is kept, one asked after is computed again', () => {
  const files = createFiles(129);
  const { memo, computed } = createCountingMemo();
  const oldest = memo(files[0] as ts.SourceFile);
  for (const file of files.slice(1, 128)) memo(file);
  expect(computed).toHaveLength(128);
  // Asked again, file 1 moves to the newest generation; file 0 stays in the older one, which file 128 drops.
  memo(files[1] as ts.SourceFile);
  memo(files[128] as ts.SourceFile);
  expect(computed).toHaveLength(129);
  memo(files[1] as ts.SourceFile);
  expect(computed).toHaveLength(129);
  const recomputed = memo(files[0] as ts.SourceFile);
  expect(computed).toHaveLength(130);
  expect(computed.at(-1)).toBe('/project/file-0.ts');
  expect(recomputed).not.toBe(oldest);
  expect(recomputed).toEqual(oldest);
});

test('a memo that keeps every file computes each once, however many others come between', () => {
  const files = createFiles(200);
  const { memo, computed } = createCountingMemo('every file');
  const first = files.map(memo);
  const again = files.map(memo);
  expect(computed).toHaveLength(200);
  again.forEach((value, index) => expect(value).toBe(first[index]));
});

test('each namespace keeps its own answers', () => {
  const [file] = createFiles(1) as [ts.SourceFile];
  const computed: TypeScript[] = [];
  const memo = createFileSyntaxMemo((_sourceFile, namespace) => {
    computed.push(namespace);
    return computed.length;
  });
  const other = Object.create(typescript) as TypeScript;
  expect(memo(file, typescript)).toBe(1);
  expect(memo(file, other)).toBe(2);
  expect(memo(file, typescript)).toBe(1);
  expect(computed).toEqual([typescript, other]);
});
