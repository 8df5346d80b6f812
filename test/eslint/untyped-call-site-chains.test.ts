/**
 * Untyped, a file's library calls are resolved when a project module it imports leads to a database module, however
 * many modules down: a barrel (`./lib`, whose index re-exports `./db`) passes on a client as well as `./db` itself.
 */
import fs from 'node:fs';
import path from 'node:path';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { expect, test } from 'vitest';

import plugin from '../../src/index.js';
import { useTempDirectory } from '../helpers/temp-directory.js';

const { directory, write } = useTempDirectory('poolguard-untyped-call-site-chains-');

write('lib/db.ts', "import knex from 'knex';\nexport const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });\n");
write('lib/index.ts', "export * from './db';\n");
write('connect.ts', "export { createConnection as open } from 'mysql2/promise';\n");
write('connections.ts', "export * from './connect';\n");

const config = [{
  files: ['**/*.ts'],
  languageOptions: { parser: tseslint.parser },
  plugins: { poolguard: plugin },
  rules: { 'poolguard/no-leaked-connection': 'error', 'poolguard/no-query-in-loop': 'error' },
}] as Linter.Config[];

/** The messages (`line: rule`) of `text` linted as the file `relative`. */
function lint(relative: string, text: string): string[] {
  const fileName = path.join(directory, relative);
  fs.writeFileSync(fileName, text);
  return new Linter({ configType: 'flat', cwd: directory }).verify(text, config, { filename: fileName }).map((message) => `${message.line}: ${message.ruleId}`);
}

test('a client passed on by a barrel is queried in a loop', () => {
  expect(lint('users.ts', [
    "import { db } from './lib';",
    'export async function load(ids: number[]) {',
    '  for (const id of ids) {',
    "    await db('users').where({ id }).first();",
    '  }',
    '}',
    '',
  ].join('\n'))).toEqual(['4: poolguard/no-query-in-loop']);
});

test("a library's acquiring function passed on by a barrel of a renaming re-export takes a connection", () => {
  expect(lint('leaks.ts', [
    "import { open } from './connections';",
    'export async function load() {',
    "  const connection = await open({ uri: 'mysql://db' });",
    "  await connection.query('select 1');",
    '}',
    '',
  ].join('\n'))).toEqual(['3: poolguard/no-leaked-connection']);
});
