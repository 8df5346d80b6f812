/** mayDeclareDatabaseTypes: a program whose declared types cannot name a database object skips the checker. */
import { expect, test } from 'vitest';

import { mayDeclareDatabaseTypes } from '../../src/analysis/core/declared-types.js';
import { createInMemoryContext } from '../helpers/in-memory-context.js';

const contextOf = (files: Record<string, string>) => createInMemoryContext(files);

test('a fresh clone without any library declarations cannot match a declared type', () => {
  expect(mayDeclareDatabaseTypes(contextOf({ '/app/src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();\n" }))).toBe(false);
});

test('a library declaration file in the program can', () => {
  expect(mayDeclareDatabaseTypes(contextOf({
    '/app/src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();\n",
    '/app/node_modules/pg/index.d.ts': 'export declare class Pool { query(text: string): Promise<unknown>; }\n',
  }))).toBe(true);
});

test('a generated client type named in a project file can (its names count wherever declared)', () => {
  expect(mayDeclareDatabaseTypes(contextOf({ '/app/src/generated/client.ts': 'export declare class PrismaClient {}\n' }))).toBe(true);
});

test('a program without the library file that answered for the last one cannot', () => {
  const pg = '/app/node_modules/pg/index.d.ts';
  expect(mayDeclareDatabaseTypes(contextOf({ '/app/src/db.ts': 'export const x = 1;\n', [pg]: 'export declare class Pool {}\n' }))).toBe(true);
  expect(mayDeclareDatabaseTypes(contextOf({ '/app/src/db.ts': 'export const x = 1;\n' }))).toBe(false);
});
