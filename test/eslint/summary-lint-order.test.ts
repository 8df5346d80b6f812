/**
 * A function's summary (the slow I/O it awaits, the connections it takes) does not depend on which functions were
 * summarized before it. `f` and `g` call each other: summarizing `f` first cuts `g`'s summary where it leads back to
 * `f`, and that cut answer must not serve a later transaction that calls `g` through `k`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, expect, test } from 'vitest';

import { lintInOrder as lintFilesInOrder } from '../helpers/lint-in-order.js';

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) fs.rmSync(directory, { recursive: true, force: true });
});

const helpers = `export async function h() { await fetch('https://hooks.example.com/done'); }
export async function f(again: boolean) { if (again) await g(); await h(); }
export async function g() { await f(false); }
export async function k() { await g(); }
`;

/** A transaction that calls `name` from the helpers. */
const transaction = (name: string): string => `import knex from 'knex';
import { ${name} } from './helpers';
const db = knex({ client: 'pg' });
export async function approve(id: number) {
  await db.transaction(async (trx) => {
    await trx('expenses').where({ id }).update({ status: 'approved' });
    await ${name}(true);
  });
}
`;

function writeProject(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-summary-order-'));
  directories.push(directory);
  fs.writeFileSync(path.join(directory, 'helpers.ts'), helpers);
  fs.writeFileSync(path.join(directory, 'calls-f.ts'), transaction('f'));
  fs.writeFileSync(path.join(directory, 'calls-k.ts'), transaction('k'));
  return directory;
}

/** Lints the files in this order, as ESLint does a run's files; the findings of the last one. */
const lintInOrder = (...names: string[]): string[] => lintFilesInOrder(writeProject(), 'no-io-in-transaction', names);

test("a transaction's slow I/O through a recursion is found whether or not a file that summarized the recursion first was linted before", () => {
  expect(lintInOrder('calls-k.ts')).toEqual(['7:poolguard/no-io-in-transaction']);
  expect(lintInOrder('calls-f.ts', 'calls-k.ts')).toEqual(['7:poolguard/no-io-in-transaction']);
});
