/** getCallsWithin: the calls of one subtree, read from the file's one walk, as a walk of the subtree meets them. */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getCallsWithin } from '../../src/analysis/core/file-nodes.js';

const typescript = ts as unknown as TypeScript;

/** The calls a walk of the node meets, in order: what getCallsWithin must return. */
function walkCalls(node: ts.Node): ts.CallExpression[] {
  const found: ts.CallExpression[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isCallExpression(child)) found.push(child);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

const text = [
  'before();',
  'export async function load(pool) {',
  '  const client = await pool.connect();',
  '  try {',
  '    return rows.map((row) => format(row)(client.query(sql, [row.id])));',
  '  } finally {',
  '    client.release(done());',
  '  }',
  '}',
  'const concise = (c) => c.query(first()).then(second);',
  'after(load(pool));',
  '',
].join('\n');
const sourceFile = ts.createSourceFile('calls.ts', text, ts.ScriptTarget.Latest, true);
const functions: ts.FunctionLikeDeclaration[] = [];
const collect = (node: ts.Node): void => {
  if (ts.isFunctionLike(node) && 'body' in node && node.body) functions.push(node);
  ts.forEachChild(node, collect);
};
collect(sourceFile);

test('the calls of a function body, of a block in it and of a concise arrow body are those a walk of each meets, in its order', () => {
  expect(functions.length).toBe(3);
  for (const fn of functions) {
    expect(getCallsWithin(fn.body!, typescript)).toEqual(walkCalls(fn.body!));
  }
  const block = functions[0]!.body as ts.Block;
  const tryStatement = block.statements[1] as ts.TryStatement;
  expect(getCallsWithin(tryStatement.finallyBlock!, typescript).map((call) => call.getText())).toEqual(['client.release(done())', 'done()']);
  const concise = functions[2]!.body as ts.CallExpression;
  expect(getCallsWithin(concise, typescript)[0]).toBe(concise);
});

test('a call whose callee is a call, and the whole file, come in walk order too', () => {
  expect(getCallsWithin(sourceFile, typescript)).toEqual(walkCalls(sourceFile));
  const chained = walkCalls(sourceFile).find((call) => call.getText().startsWith('format(row)(client'))!;
  expect(getCallsWithin(chained, typescript).map((call) => call.getText())).toEqual(['format(row)(client.query(sql, [row.id]))', 'format(row)', 'client.query(sql, [row.id])']);
});
