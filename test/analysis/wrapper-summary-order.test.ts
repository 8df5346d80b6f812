/**
 * Transaction wrapper summaries do not depend on which wrapper was summarized first: a callback passed to a wrapper
 * chain is held in a transaction when the chain reaches the library's transaction within the depth followed, whichever
 * call of the file's was looked at first.
 */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { createSingleFileProgram, getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { findWrappedCallbacks } from '../../src/analysis/transactions/transaction-wrappers.js';

const typescript = ts as unknown as TypeScript;

// w5 opens the transaction: w2 forwards its callback there through four functions, w0 through six, past the depth.
const wrappers = `import knex from 'knex';
const db = knex({ client: 'pg' });
function w5(work) { return db.transaction(work); }
function w4(work) { return w5(work); }
function w3(work) { return w4(work); }
function w2(work) { return w3(work); }
function w1(work) { return w2(work); }
function w0(work) { return w1(work); }
`;

/** The wrapper calls whose callback is found held, with the calls in this order. */
function heldCalls(calls: readonly string[]): string[] {
  const code = wrappers + calls.map((callee) => `export const ${callee}Done = ${callee}(async (trx) => trx('users').select());\n`).join('');
  const sourceFile = typescript.createSourceFile('probe.ts', code, typescript.ScriptTarget.Latest, true);
  const context = getAnalysisContext(typescript, createSingleFileProgram(typescript, sourceFile), false, {});
  return findWrappedCallbacks(sourceFile, context).map((held) => held.call.expression.getText());
}

test('a wrapper summarized inside a longer chain first still forwards its callback', () => {
  expect(heldCalls(['w0', 'w2'])).toEqual(['w2']);
  expect(heldCalls(['w2', 'w0'])).toEqual(['w2']);
});
