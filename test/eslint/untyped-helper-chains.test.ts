/**
 * Untyped linting, N+1 through helpers in other modules: a loop calls a repository's function, which queries through
 * the database module's helper (`loop → findUser() → query() → pool.query`), each read from disk in its own one-file
 * program; and a module changed on disk is read again, not answered from what its importer's summary once learnt.
 */
import fs from 'node:fs';
import path from 'node:path';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { expect, test } from 'vitest';

import plugin from '../../src/index.js';
import { useTempDirectory } from '../helpers/temp-directory.js';

const { directory, write } = useTempDirectory('poolguard-untyped-helper-chains-');

const config = [{
  files: ['**/*.ts', '**/*.js'],
  languageOptions: { parser: tseslint.parser },
  plugins: { poolguard: plugin },
  rules: { 'poolguard/no-query-in-loop': 'error' },
}] as Linter.Config[];

/** The messages (`line: message`) of one file, linted on its own. */
function lint(relative: string): string[] {
  const fileName = path.join(directory, relative);
  const linter = new Linter({ configType: 'flat', cwd: directory });
  return linter.verify(fs.readFileSync(fileName, 'utf8'), config, { filename: fileName }).map((message) => `${message.line}: ${message.message}`);
}

const queryingDb = "import { Pool } from 'pg';\nconst pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });\nexport const query = (text: string, params: unknown[]) => pool.query(text, params);\n";
write('esm/db.ts', queryingDb);
write('esm/users-repository.ts', [
  "import { query } from './db';",
  'export async function findUser(id: number) {',
  "  return (await query('SELECT * FROM users WHERE id = $1', [id])).rows[0];",
  '}',
  'export async function findCachedUser(id: number, options?: { fresh: boolean }) {',
  "  if (options?.fresh) return (await query('SELECT * FROM users WHERE id = $1', [id])).rows[0];",
  '  return undefined;',
  '}',
  '',
].join('\n'));
write('esm/report.ts', [
  "import { findCachedUser, findUser } from './users-repository';",
  'export async function report(ids: number[]) {',
  '  for (const id of ids) await findUser(id);',
  '  for (const id of ids) await findCachedUser(id);',
  '  for (const id of ids) await findCachedUser(id, { fresh: true });',
  '}',
  '',
].join('\n'));

write('cjs/db.js', "const { Pool } = require('pg');\nconst pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });\nmodule.exports = {\n  async query(text, params) {\n    return pool.query(text, params);\n  },\n};\n");
write('cjs/users-repository.js', "const db = require('./db');\nexports.findUser = async (id) => (await db.query('SELECT * FROM users WHERE id = $1', [id])).rows[0];\n");
write('cjs/report.js', "const { findUser } = require('./users-repository');\nasync function report(ids) {\n  for (const id of ids) await findUser(id);\n}\nmodule.exports = { report };\n");

test('a loop over a repository function that queries through the database module\'s helper', () => {
  const messages = lint('esm/report.ts');
  expect(messages.map((message) => message.split(':')[0])).toEqual(['3', '5']);
  expect(messages[0]).toContain('`findUser()` runs a query through `query()` (`pool.query(…)` in db.ts:3)');
});

test('the same chain in CommonJS modules', () => {
  const messages = lint('cjs/report.js');
  expect(messages).toHaveLength(1);
  expect(messages[0]).toContain('3: `findUser()` runs a query through `db.query()` (`pool.query(…)` in db.js:5)');
});

test('a database module changed on disk is read again: its helper no longer queries', () => {
  expect(lint('esm/report.ts')).toHaveLength(2);
  // Still a database module (the pool stays), so only the helper's summary can tell.
  const fileName = write('esm/db.ts', queryingDb.replace('pool.query(text, params)', '({ rows: [{ text, params, pool }] })'));
  const later = new Date(Date.now() + 10_000);
  fs.utimesSync(fileName, later, later);
  expect(lint('esm/report.ts')).toEqual([]);
  const restored = write('esm/db.ts', queryingDb);
  const evenLater = new Date(Date.now() + 20_000);
  fs.utimesSync(restored, evenLater, evenLater);
  expect(lint('esm/report.ts')).toHaveLength(2);
});
