/**
 * Untyped linting follows the project modules a file names through its nearest tsconfig's `paths` (`@/lib/db`) and
 * `baseUrl` (`server/db`), as a fresh clone has them (no dependencies installed), the config's `extends` included.
 */
import fs from 'node:fs';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { expect, test } from 'vitest';

import plugin from '../../src/index.js';
import { useTempDirectory } from '../helpers/temp-directory.js';

const { directory, write } = useTempDirectory('poolguard-untyped-path-aliases-');

const config = [{
  files: ['**/*.ts'],
  languageOptions: { parser: tseslint.parser },
  plugins: { poolguard: plugin },
  rules: { 'poolguard/no-query-in-loop': 'error' },
}] as Linter.Config[];

function lint(relative: string, text: string): string[] {
  const fileName = write(relative, text);
  const linter = new Linter({ configType: 'flat', cwd: directory });
  return linter.verify(fs.readFileSync(fileName, 'utf8'), config, { filename: fileName }).map((message) => `${message.line}:${message.ruleId}`);
}

const db = "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });\n";
const loop = (call: string): string => `export async function loadAll(ids: number[]) {\n  for (const id of ids) await ${call};\n}\n`;

// A Next.js-style app: `@/*` to `./src/*`, set in a base config the app's own extends (with comments, as tsconfigs have).
write('next-app/tsconfig.base.json', '{\n  // shared\n  "compilerOptions": { "paths": { "@/*": ["./src/*"] }, },\n}\n');
write('next-app/tsconfig.json', '{ "extends": "./tsconfig.base.json", "include": ["src"] }\n');
write('next-app/src/lib/db.ts', db);
write('next-app/src/lib/users.ts', "import { pool } from '@/lib/db';\nexport const findUser = async (id: number) => (await pool.query('SELECT * FROM users WHERE id = $1', [id])).rows[0];\n");
// A baseUrl project: `server/db` from the folder the config sets.
write('base-url/tsconfig.json', '{ "compilerOptions": { "baseUrl": "." } }\n');
write('base-url/server/db.ts', db);
// An alias to a module that is no database's.
write('next-app/src/lib/cache.ts', 'export const pool = { query: async (text: string, values: unknown[]) => [text, values] };\n');

test('a pool imported through a `paths` alias the config inherits', () => {
  expect(lint('next-app/src/app/route.ts', `import { pool } from '@/lib/db';\n${loop("pool.query('SELECT $1', [id])")}`)).toEqual(['3:poolguard/no-query-in-loop']);
});

test('a helper imported through an alias, whose module imports the pool through one too', () => {
  expect(lint('next-app/src/app/users/route.ts', `import { findUser } from '@/lib/users';\n${loop('findUser(id)')}`)).toEqual(['3:poolguard/no-query-in-loop']);
});

test('a module named from `baseUrl`', () => {
  expect(lint('base-url/server/routes/orders.ts', `import { pool } from 'server/db';\n${loop("pool.query('SELECT $1', [id])")}`)).toEqual(['3:poolguard/no-query-in-loop']);
});

test('an alias to a module that is no database\'s, one that names nothing, and a package', () => {
  expect(lint('next-app/src/app/cached.ts', `import { pool } from '@/lib/cache';\n${loop("pool.query('SELECT $1', [id])")}`)).toEqual([]);
  expect(lint('next-app/src/app/missing.ts', `import { pool } from '@/lib/nowhere';\n${loop("pool.query('SELECT $1', [id])")}`)).toEqual([]);
  expect(lint('base-url/server/routes/package.ts', `import { pool } from 'some-package';\n${loop("pool.query('SELECT $1', [id])")}`)).toEqual([]);
});
