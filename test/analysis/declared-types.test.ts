/** mayDeclareDatabaseTypes: a program whose declared types cannot name a database object skips the checker. */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { mayDeclareDatabaseTypes } from '../../src/analysis/core/declared-types.js';

const typescript = ts as unknown as TypeScript;

/** A typed context over in-memory files (no default library, nothing from disk). */
function contextOf(files: Record<string, string>) {
  const sourceFiles = new Map(Object.entries(files).map(([name, text]) => [name, typescript.createSourceFile(name, text, typescript.ScriptTarget.Latest, true)]));
  const host: ts.CompilerHost = {
    getSourceFile: (name) => sourceFiles.get(name),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => sourceFiles.has(name),
    readFile: (name) => sourceFiles.get(name)?.text,
  };
  const program = typescript.createProgram([...sourceFiles.keys()], { noLib: true, types: [] }, host);
  return getAnalysisContext(typescript, program, true, {});
}

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
