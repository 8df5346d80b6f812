/**
 * Untyped linting keeps what it learnt of a function another project module exports (does it return a connection it
 * took? what database value does it return?) across linted files, by module and name, so that each importer does not
 * parse and bind the module again. A module changed on disk is read again: the kept answers go with its old text.
 */
import fs from 'node:fs';
import path from 'node:path';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { expect, test } from 'vitest';

import plugin from '../../src/index.js';
import { useTempDirectory } from '../helpers/temp-directory.js';

const { directory, write } = useTempDirectory('poolguard-untyped-imported-answers-');

const config = [{
  files: ['**/*.ts'],
  languageOptions: { parser: tseslint.parser },
  plugins: { poolguard: plugin },
  rules: { 'poolguard/no-leaked-connection': 'error', 'poolguard/no-query-in-loop': 'error' },
}, {
  // ESLint's own parser: PoolGuard parses the text itself, once per text.
  files: ['**/*.js'],
  plugins: { poolguard: plugin },
  rules: { 'poolguard/no-leaked-connection': 'error', 'poolguard/no-query-in-loop': 'error' },
}] as Linter.Config[];

/** The messages (`line: rule`) of one file, linted on its own. */
function lint(relative: string): string[] {
  const fileName = path.join(directory, relative);
  const linter = new Linter({ configType: 'flat', cwd: directory });
  return linter.verify(fs.readFileSync(fileName, 'utf8'), config, { filename: fileName }).map((message) => `${message.line}: ${message.ruleId}`);
}

/** Writes a module with an mtime later than any before, so that the next lint sees that it changed. */
let clock = Date.now();
function rewrite(relative: string, text: string): void {
  const fileName = write(relative, text);
  clock += 10_000;
  fs.utimesSync(fileName, new Date(clock), new Date(clock));
}

const acquiringDb = [
  "import { Pool } from 'pg';",
  'const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });',
  'export async function getClient() {',
  '  return pool.connect();',
  '}',
  'export function getPool() {',
  '  return pool;',
  '}',
  '',
].join('\n');
// Still a database module with the same exports; only the functions' bodies tell.
const plainDb = acquiringDb.replace('return pool.connect();', 'return { query: async (text: string) => ({ text }) };').replace('return pool;', 'return { query: async (text: string) => ({ text }) };');

const importer = (name: string): string => [
  "import { getClient, getPool } from './db';",
  `export async function ${name}(ids: number[]) {`,
  '  const client = await getClient();',
  "  await client.query('SELECT 1');",
  '  const pool = getPool();',
  "  for (const id of ids) await pool.query('SELECT * FROM t WHERE id = $1', [id]);",
  '}',
  '',
].join('\n');

write('db.ts', acquiringDb);
for (const name of ['first', 'second', 'third', 'fourth']) write(`${name}.ts`, importer(name));
write('fifth.js', importer('fifth').replace('(ids: number[])', '(ids)'));

const expected = ['3: poolguard/no-leaked-connection', '6: poolguard/no-query-in-loop'];

test('each importer of a helper gets its answer: the connection it returns leaks, the pool it returns queries in a loop', () => {
  expect(lint('first.ts')).toEqual(expected);
  expect(lint('second.ts')).toEqual(expected);
});

test('a helper module changed on disk is read again, though its answers were kept from another file\'s lint', () => {
  // A file linted a second time (an editor's re-lint) makes every later lint ask the disk again (disk-checks.ts).
  expect(lint('first.ts')).toEqual(expected);
  rewrite('db.ts', plainDb);
  expect(lint('third.ts')).toEqual([]);
  rewrite('db.ts', acquiringDb);
  expect(lint('fourth.ts')).toEqual(expected);
});

test.each(['second.ts', 'fifth.js'])('%s, linted again with the same text, sees a helper module it imports changed on disk', (file) => {
  // The second lint reuses the first one's tree and program; their remembered analyses must not outlive the helper's text.
  expect(lint(file)).toEqual(expected);
  expect(lint(file)).toEqual(expected);
  rewrite('db.ts', plainDb);
  expect(lint(file)).toEqual([]);
  rewrite('db.ts', acquiringDb);
  expect(lint(file)).toEqual(expected);
});
