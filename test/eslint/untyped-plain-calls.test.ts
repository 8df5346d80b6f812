/**
 * A call whose callee is no member (`open(…)`, `makePool(…)`) is resolved by the walks for acquisitions, managed
 * transactions and pool factories only where it can be one: through a module export of a library that has such a call,
 * which untyped reading reaches only through the file's imports (plain-calls.ts). The calls a file makes through a
 * chain of its imports are still found, and a file whose imports reach no such library resolves none of its plain calls.
 * A file's library calls are resolved however many project modules down its imports reach a database module
 * (database-call-sites.ts): a barrel (`./lib`, whose index re-exports `./db`) passes on a client as well as `./db`.
 */
import fs from 'node:fs';
import path from 'node:path';

import { Linter } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import { expect, test } from 'vitest';

import type { AnalysisContext, TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getKnowledge } from '../../src/analysis/core/analysis-context.js';
import { acquiringCalls, getExportedCallFilter, transactionCalls } from '../../src/analysis/core/call-member-names.js';
import { startLintedFile } from '../../src/analysis/core/module-files.js';
import { mayMakePlainCall } from '../../src/analysis/core/plain-calls.js';
import plugin from '../../src/index.js';
import { builtInLibraries } from '../../src/knowledge/index.js';
import { useTempDirectory } from '../helpers/temp-directory.js';

const typescript = ts as unknown as TypeScript;
const { directory, write } = useTempDirectory('poolguard-untyped-plain-calls-');

write('pg-db.ts', "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });\n");
write('users.ts', "import { pool } from './pg-db';\nexport const findUser = (id: number) => pool.query('select $1', [id]);\n");
// A library's acquiring and pool-making functions, passed on under other names by the project's own modules.
write('connect.ts', "export { createConnection as open } from 'mysql2/promise';\n");
write('connections.ts', "export * from './connect';\n");
write('pool-factory.ts', "export { createPool as makePool } from 'mysql2/promise';\n");
write('lib/db.ts', "import knex from 'knex';\nexport const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });\n");
write('lib/index.ts', "export * from './db';\n");

const config = [{
  files: ['**/*.ts'],
  languageOptions: { parser: tseslint.parser },
  plugins: { poolguard: plugin },
  rules: { 'poolguard/no-leaked-connection': 'error', 'poolguard/no-unbounded-pool': 'error', 'poolguard/no-query-in-loop': 'error' },
}] as Linter.Config[];

/** The messages (`line: rule`) of `text` linted as the file `relative`. */
function lint(relative: string, text: string): string[] {
  const fileName = path.join(directory, relative);
  fs.writeFileSync(fileName, text);
  const linter = new Linter({ configType: 'flat', cwd: directory });
  return linter.verify(text, config, { filename: fileName }).map((message) => `${message.line}: ${message.ruleId}`);
}

/** The gate for `text` linted as `relative` (untyped). */
function mayMake(relative: string, text: string, question = acquiringCalls): boolean {
  const sourceFile = typescript.createSourceFile(path.join(directory, relative), text, typescript.ScriptTarget.Latest, true);
  startLintedFile(sourceFile);
  const context = { ts: typescript, typed: false, knowledge: getKnowledge({}) } as unknown as AnalysisContext;
  return mayMakePlainCall(sourceFile, context, question);
}

test('only the modules of libraries that export such a call count: no library exports a managed transaction', () => {
  const acquiring = getExportedCallFilter(builtInLibraries, acquiringCalls);
  const modules = (name: string) => Object.values(builtInLibraries.find((library) => library.name === name)?.modules ?? {});
  expect(modules('mysql2').every((exports) => acquiring?.(exports))).toBe(true);
  expect(modules('pg').some((exports) => acquiring?.(exports))).toBe(false);
  expect(getExportedCallFilter(builtInLibraries, transactionCalls)).toBeUndefined();
});

test('untyped, a file can make a plain acquiring call only when its imports lead to such a library', () => {
  expect(mayMake('a.ts', "import { findUser } from './users';\n")).toBe(false);
  expect(mayMake('b.ts', "import { open } from './connections';\n")).toBe(true);
  expect(mayMake('c.ts', "import mysql from 'mysql2';\n")).toBe(true);
  expect(mayMake('d.js', "const { createConnection } = require('mysql2/promise');\n")).toBe(true);
  expect(mayMake('e.ts', "import { open } from './connections';\n", transactionCalls)).toBe(false);
});

/** A module that takes a connection through `open`, imported from `specifier`, and never releases it. */
const leaking = (specifier: string): string => [
  `import { open } from '${specifier}';`,
  'export async function load() {',
  "  const connection = await open({ uri: 'mysql://db' });",
  "  await connection.query('select 1');",
  '}',
  '',
].join('\n');

test("a library's function renamed and re-exported by the project's modules is still found, untyped", () => {
  expect(lint('leaks.ts', leaking('./connect'))).toEqual(['3: poolguard/no-leaked-connection']);
  expect(lint('pools.ts', [
    "import { makePool } from './pool-factory';",
    'export const pool = makePool({ uri: process.env.DATABASE_URL });',
    '',
  ].join('\n'))).toEqual(['2: poolguard/no-unbounded-pool']);
});

test('what a barrel passes on is found too: a client queried in a loop, an acquiring function', () => {
  expect(lint('users.ts', [
    "import { db } from './lib';",
    'export async function load(ids: number[]) {',
    '  for (const id of ids) {',
    "    await db('users').where({ id }).first();",
    '  }',
    '}',
    '',
  ].join('\n'))).toEqual(['4: poolguard/no-query-in-loop']);
  expect(lint('barrel-leaks.ts', leaking('./connections'))).toEqual(['3: poolguard/no-leaked-connection']);
});
