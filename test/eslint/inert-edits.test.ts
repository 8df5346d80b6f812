/** Which edits no analysis can see, so an editor's re-lint may keep the last findings. */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { findInertEdit } from '../../src/eslint/inert-edits.js';

const typescript = ts as unknown as TypeScript;

const before = [
  "import { pool } from './db';",
  'export async function load(id: number) {',
  "  return pool.query('SELECT 1 WHERE id = $1', [id]);",
  '}',
  'export function total(values: readonly number[]): number {',
  '  let sum = 0;',
  '  for (const value of values) sum += value * 2;',
  '  return sum;',
  '}',
  'export async function after() {',
  "  return pool.query('SELECT 2');",
  '}',
].join('\n');

const find = (oldText: string, newText: string, namedElsewhere: readonly string[] = []) => {
  const sourceFile = ts.createSourceFile('file.ts', newText, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return findInertEdit(oldText, sourceFile, typescript, (name) => namedElsewhere.includes(name));
};
const edited = (from: string, to: string, text = before): string => {
  expect(text).toContain(from);
  return text.replace(from, to);
};

describe('inert edits', () => {
  it('unchanged text is the empty edit', () => {
    expect(find(before, before)).toEqual({ start: before.length, oldEnd: before.length, delta: 0 });
  });

  it('a change inside a function that computes with its own names only', () => {
    const after = edited('let sum = 0;', 'let sum = 100;');
    const edit = find(before, after);
    expect(edit?.delta).toBe(2);
    // Everything from the next function on moves; the function itself is the edited span.
    expect(before.slice(edit?.oldEnd)).toBe(after.slice((edit?.oldEnd ?? 0) + 2));
    expect(before.slice(edit?.oldEnd).trimStart().startsWith('export async function after')).toBe(true);
    expect(after.slice(0, edit?.start).endsWith('}')).toBe(true);
  });

  it('var declared anywhere in the body and block-scoped names in their blocks are its own', () => {
    const text = edited('  let sum = 0;', '  var sum = 0; { const twice = 2; sum = twice; }');
    expect(find(text, edited('twice = 2', 'twice = 3', text))).toBeDefined();
  });

  it('not when something else names the function: in this file or another', () => {
    const referenced = `${before}\nexport const sums = total;`;
    expect(find(referenced, edited('let sum = 0;', 'let sum = 1;', referenced))).toBeUndefined();
    expect(find(before, edited('let sum = 0;', 'let sum = 1;'), ['total'])).toBeUndefined();
  });

  it('not for a default export, whose importers name it as they like', () => {
    const text = before.replace('export function total', 'export default function total');
    expect(find(text, edited('let sum = 0;', 'let sum = 1;', text))).toBeUndefined();
  });

  it('not when the body calls, awaits, throws, uses this or a nested function, before or after', () => {
    for (const shape of ['sum = Math.max(sum, 1);', "sum = 'a'.length;", 'throw sum;', 'const f = () => sum;', 'sum = pool ? 1 : 0;']) {
      expect(find(before, edited('let sum = 0;', `let sum = 0; ${shape}`)), shape).toBeUndefined();
      const old = edited('let sum = 0;', `let sum = 0; ${shape}`);
      expect(find(old, before), shape).toBeUndefined();
    }
  });

  it('not when the body writes an outer name that a block of its own shadows elsewhere', () => {
    const text = `let count = 0;\n${before.replace('let sum = 0;', 'let sum = 0; { let count = 1; sum = count; } count = sum;')}`;
    expect(find(text, edited('let sum = 0;', 'let sum = 2;', text))).toBeUndefined();
  });

  it('not when the edit reaches the header or another statement, or adds a line', () => {
    expect(find(before, edited('values: readonly number[]', 'values: number[]'))).toBeUndefined();
    expect(find(before, edited("'SELECT 2'", "'SELECT 3'"))).toBeUndefined();
    expect(find(before, edited('let sum = 0;', 'let sum = 0;\n  sum = 1;'))).toBeUndefined();
  });

  it('not with a comment in the body (file-text prefilters read comments)', () => {
    expect(find(before, edited('let sum = 0;', 'let sum = 0; // pool.query'))).toBeUndefined();
  });

  it('not when the new text does not parse', () => {
    expect(find(before, edited('let sum = 0;', 'let sum = ;'))).toBeUndefined();
  });
});
