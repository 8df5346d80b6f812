/** eslint-disable directives as the CLI reads them: the same semantics as ESLint for `poolguard/<rule>`. */
import { ts } from 'ts-morph';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getSuppressions } from '../../src/cli/suppressions.js';

function isSuppressedAt(code: string, marker: string, ruleId = 'no-leaked-connection'): boolean {
  const sourceFile = ts.createSourceFile('file.ts', code, ts.ScriptTarget.Latest, true);
  const position = code.indexOf(marker);
  if (position < 0) throw new Error(`no ${marker} in the code`);
  return getSuppressions(ts as unknown as TypeScript, sourceFile).isSuppressed(ruleId, position);
}

test('eslint-disable-next-line with the rule suppresses the next line only', () => {
  const code = '// eslint-disable-next-line poolguard/no-leaked-connection\nconst a = FLAG;\nconst b = OTHER;';
  expect(isSuppressedAt(code, 'FLAG')).toBe(true);
  expect(isSuppressedAt(code, 'OTHER')).toBe(false);
});

test('eslint-disable-next-line without rules suppresses every rule', () => {
  expect(isSuppressedAt('// eslint-disable-next-line\nconst a = FLAG;', 'FLAG', 'no-query-in-loop')).toBe(true);
});

test('a description after -- is ignored', () => {
  expect(isSuppressedAt('// eslint-disable-next-line poolguard/no-leaked-connection -- released by the caller\nconst a = FLAG;', 'FLAG')).toBe(true);
});

test('another rule named in the directive does not suppress ours', () => {
  expect(isSuppressedAt('// eslint-disable-next-line poolguard/no-query-in-loop\nconst a = FLAG;', 'FLAG')).toBe(false);
  expect(isSuppressedAt('// eslint-disable-next-line no-console\nconst a = FLAG;', 'FLAG')).toBe(false);
});

test('eslint-disable-line suppresses its own line', () => {
  expect(isSuppressedAt('const a = FLAG; // eslint-disable-line poolguard/no-leaked-connection', 'FLAG')).toBe(true);
  expect(isSuppressedAt('const a = FLAG; /* eslint-disable-line */', 'FLAG')).toBe(true);
});

test('a block eslint-disable lasts until eslint-enable', () => {
  const code = '/* eslint-disable poolguard/no-leaked-connection */\nconst a = INSIDE;\n/* eslint-enable poolguard/no-leaked-connection */\nconst b = AFTER;';
  expect(isSuppressedAt(code, 'INSIDE')).toBe(true);
  expect(isSuppressedAt(code, 'AFTER')).toBe(false);
});

test('a bare block eslint-disable lasts to the end of the file', () => {
  const code = 'const before = BEFORE;\n/* eslint-disable */\nfunction f() {\n  return LATER;\n}';
  expect(isSuppressedAt(code, 'BEFORE')).toBe(false);
  expect(isSuppressedAt(code, 'LATER')).toBe(true);
});

test('eslint-enable of one rule re-enables it under a bare eslint-disable', () => {
  const code = '/* eslint-disable */\n/* eslint-enable poolguard/no-leaked-connection */\nconst a = FLAG;';
  expect(isSuppressedAt(code, 'FLAG')).toBe(false);
  expect(isSuppressedAt(code, 'FLAG', 'no-query-in-loop')).toBe(true);
});

test('a line comment eslint-disable is not a directive, as in ESLint', () => {
  expect(isSuppressedAt('// eslint-disable poolguard/no-leaked-connection\nconst a = FLAG;', 'FLAG')).toBe(false);
});

test('directive-like text inside a string is not a directive', () => {
  expect(isSuppressedAt("const note = '// eslint-disable-line';\nconst a = FLAG;", 'FLAG')).toBe(false);
});
