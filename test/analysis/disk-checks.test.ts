/**
 * When untyped analysis asks the disk again: while each file is linted once (a project's lint), at most every 5 s; once a
 * file is linted a second time (an editor), for every lint. Runs in a process of its own (vitest.config.ts): the mode is
 * the process's, and the tests follow one process's lints in order.
 */
import fs from 'node:fs';

import ts from 'typescript';
import { expect, test, vi } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getDiskCheck, isLintingEachFileOnce } from '../../src/analysis/core/disk-checks.js';
import { createDiskMemo } from '../../src/analysis/core/disk-memo.js';
import { getModuleImports, resolveRelative, startLintedFile } from '../../src/analysis/core/module-files.js';
import { useTempDirectory } from '../helpers/temp-directory.js';

const typescript = ts as unknown as TypeScript;
const { directory, write } = useTempDirectory('poolguard-disk-checks-');
let now = 1_000_000;
vi.spyOn(performance, 'now').mockImplementation(() => now);

function lint(name: string): void {
  startLintedFile(typescript.createSourceFile(`${directory}/${name}`, '', typescript.ScriptTarget.Latest, true));
}

const statCalls = (): number => vi.mocked(fs.statSync).mock.calls.length;
vi.spyOn(fs, 'statSync');

test('while each file is linted once, the files linted within 5 s share what the disk said', () => {
  const helper = write('helper.ts', "import { pool } from './db';\n");
  lint('a.ts');
  expect(isLintingEachFileOnce()).toBe(true);
  const check = getDiskCheck();
  expect(getModuleImports(helper, typescript)?.specifiers).toEqual(['./db']);
  expect(resolveRelative(directory, './helper')).toBe(helper);
  const stats = statCalls();
  now += 4_000;
  lint('b.ts');
  expect(getDiskCheck()).toBe(check);
  // The module's mtime and the specifier's file are not asked again.
  expect(getModuleImports(helper, typescript)?.specifiers).toEqual(['./db']);
  expect(resolveRelative(directory, './helper')).toBe(helper);
  expect(statCalls()).toBe(stats);
  now += 1_500;
  lint('c.ts');
  expect(getDiskCheck()).toBe(check + 1);
  expect(resolveRelative(directory, './helper')).toBe(helper);
  expect(statCalls()).toBeGreaterThan(stats);
});

test('while each file is linted once, answers kept across files last a minute', () => {
  const memo = createDiskMemo<boolean>();
  memo.set('answer', true);
  now += 30_000;
  lint('d.ts');
  expect(memo.get('answer')).toBe(true);
  now += 31_000;
  expect(memo.get('answer')).toBeUndefined();
});

test('once a file is linted again, every lint asks the disk, and sees a change saved a moment before', () => {
  const helper = write('saved.ts', "import { a } from './a';\n");
  lint('e.ts');
  expect(getModuleImports(helper, typescript)?.specifiers).toEqual(['./a']);
  lint('a.ts');
  expect(isLintingEachFileOnce()).toBe(false);
  const check = getDiskCheck();
  write('saved.ts', "import { b } from './b';\n");
  fs.utimesSync(helper, new Date(now + 60_000), new Date(now + 60_000));
  now += 10;
  lint('f.ts');
  expect(getDiskCheck()).toBe(check + 1);
  expect(getModuleImports(helper, typescript)?.specifiers).toEqual(['./b']);
  const memo = createDiskMemo<boolean>();
  memo.set('answer', true);
  now += 6_000;
  expect(memo.get('answer')).toBeUndefined();
});
