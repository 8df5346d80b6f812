/** The CLI's fix machinery on its own: ESLint's merge order, unified diffs that `git apply` accepts, and files
 * written back as they were read (byte order mark, line endings). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, test } from 'vitest';

import type { ReportedFinding, ReportedFix } from '../../src/cli/analyze-project.js';

import { applyFixes } from '../../src/cli/fixes/apply-fixes.js';
import { computeFixedFiles, writeFixedFiles } from '../../src/cli/fixes/fix-files.js';
import { formatUnifiedDiff } from '../../src/cli/fixes/unified-diff.js';

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-fix-'));
afterAll(() => fs.rmSync(temporary, { recursive: true, force: true }));

const at = (start: number, end: number, text: string): ReportedFix => ({ range: [start, end], text, location: { line: 1, column: start + 1, endLine: 1, endColumn: end + 1 } });

describe('applyFixes', () => {
  test('applies fixes in position order whatever order they come in', () => {
    expect(applyFixes('abcdef', [at(4, 5, 'E'), at(0, 1, 'A')])).toEqual({ output: 'AbcdEf', applied: 2, skipped: 0 });
  });

  test('skips a fix that overlaps or touches one already applied, as ESLint does', () => {
    expect(applyFixes('abcdef', [at(1, 3, 'X'), at(2, 4, 'Y'), at(3, 3, 'Z')])).toEqual({ output: 'aXdef', applied: 1, skipped: 2 });
  });

  test('skips a fix outside the text', () => {
    expect(applyFixes('abc', [at(2, 9, 'X')])).toEqual({ output: 'abc', applied: 0, skipped: 1 });
  });
});

describe('formatUnifiedDiff', () => {
  const before = Array.from({ length: 20 }, (_, index) => `line ${index + 1}\n`).join('');
  const after = before.replace('line 2\n', 'line two\n').replace('line 15\n', 'line 15\nline 15b\n');

  test('gives one hunk per separate change with three lines of context', () => {
    const diff = formatUnifiedDiff('src/a.ts', before, after);
    expect(diff.split('\n').slice(0, 3)).toEqual(['--- a/src/a.ts', '+++ b/src/a.ts', '@@ -1,5 +1,5 @@']);
    expect(diff).toContain('-line 2\n+line two\n');
    expect(diff).toContain('@@ -13,6 +13,7 @@\n line 13\n line 14\n line 15\n+line 15b\n line 16\n line 17\n line 18\n');
  });

  test('is empty for equal texts', () => {
    expect(formatUnifiedDiff('a.ts', before, before)).toBe('');
  });

  test.each([
    ['two separate changes', before, after],
    ['a change at the end of a file with no final newline', 'a\nb\nc', 'a\nb\nC'],
    ['lines inserted at the start', 'x\ny\n', 'w\nx\ny\n'],
    ['CRLF line endings', 'a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\n'],
    ['an empty file filled', '', 'new\n'],
  ])('git apply turns the old text into the new one: %s', (_name, oldText, newText) => {
    const directory = fs.mkdtempSync(path.join(temporary, 'git-'));
    fs.mkdirSync(path.join(directory, 'src'));
    fs.writeFileSync(path.join(directory, 'src/a.ts'), oldText);
    fs.writeFileSync(path.join(directory, 'fix.patch'), formatUnifiedDiff('src/a.ts', oldText, newText));
    execFileSync('git', ['apply', '--unidiff-zero', 'fix.patch'], { cwd: directory, stdio: 'pipe' });
    expect(fs.readFileSync(path.join(directory, 'src/a.ts'), 'utf8')).toBe(newText);
  });
});

describe('computeFixedFiles and writeFixedFiles', () => {
  const finding = (file: string, fix: ReportedFix | undefined): ReportedFinding => ({
    ruleId: 'no-unbounded-pool',
    messageId: 'waitsForever',
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    message: 'm',
    severity: 'error',
    fingerprint: 'f',
    ...(fix ? { fix } : {}),
  });

  test('offsets count from after a byte order mark, which is written back; CRLF is kept', () => {
    const root = fs.mkdtempSync(path.join(temporary, 'files-'));
    fs.writeFileSync(path.join(root, 'bom.ts'), '\uFEFFconst a = 1;\r\nconst b = 2;\r\n');
    fs.writeFileSync(path.join(root, 'untouched.ts'), 'const c = 3;\n');
    const fixed = computeFixedFiles(root, [finding('bom.ts', at(10, 11, '10')), finding('bom.ts', at(24, 25, '20')), finding('untouched.ts', undefined), finding('missing.ts', at(0, 1, 'x'))]);
    expect(fixed.map((file) => [file.file, file.applied, file.byteOrderMark])).toEqual([['bom.ts', 2, true]]);
    expect(fs.readFileSync(path.join(root, 'bom.ts'), 'utf8')).toBe('\uFEFFconst a = 1;\r\nconst b = 2;\r\n');
    writeFixedFiles(root, fixed);
    expect(fs.readFileSync(path.join(root, 'bom.ts'), 'utf8')).toBe('\uFEFFconst a = 10;\r\nconst b = 20;\r\n');
    expect(fs.readFileSync(path.join(root, 'untouched.ts'), 'utf8')).toBe('const c = 3;\n');
  });
});
