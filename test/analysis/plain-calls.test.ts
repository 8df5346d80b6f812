/**
 * Typed, a call whose callee is no member (`open(…)`) is resolved by the walk for acquisitions only when some file of
 * the program imports a library that exports an acquiring function (programImportsModule): the checker follows a
 * renamed re-export to it, and no name of a program without one can stand for it.
 */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { acquiringCalls, getExportedCallFilter } from '../../src/analysis/core/call-member-names.js';
import { mayMakePlainCall } from '../../src/analysis/core/plain-calls.js';
import { programImportsModule } from '../../src/analysis/core/reachable-files.js';
import { findAcquisitions } from '../../src/analysis/leaks/acquisitions.js';
import { builtInLibraries } from '../../src/knowledge/index.js';
import { createProbeProgram } from '../helpers/probe-program.js';
import { useTempDirectory } from '../helpers/temp-directory.js';

const typescript = ts as unknown as TypeScript;
const filter = getExportedCallFilter(builtInLibraries, acquiringCalls);

const mysqlTypes = `
export interface Connection { query(sql: string): Promise<unknown>; end(): Promise<void>; }
export declare function createConnection(uri: string): Promise<Connection>;
`;
const pgTypes = 'export declare class Pool { query(text: string): Promise<unknown>; }\n';
const service = `import { open } from './connect';
declare function probe(value: unknown): void;
export async function load() {
  const connection = await open('mysql://db');
  await connection.query('select 1');
  probe(connection);
}
`;

const { directory, write } = useTempDirectory('poolguard-plain-calls-');

/** A typed program of the files, written to disk too under a folder of its own (resolution reads re-exports there). */
function program(folder: string, files: Record<string, string>) {
  const texts = Object.fromEntries(Object.entries(files).map(([name, text]) => [write(`${folder}/${name}`, text), text]));
  return createProbeProgram(texts, `${directory}/${folder}/src/service.ts`, { moduleResolution: typescript.ModuleResolutionKind.Node10 });
}

test("a library's acquiring function, renamed and re-exported by a project module, is found typed", () => {
  const { context, argument } = program('mysql', {
    'node_modules/mysql2/promise.d.ts': mysqlTypes,
    'src/connect.ts': "export { createConnection as open } from 'mysql2/promise';\n",
    'src/service.ts': service,
  });
  expect(findAcquisitions(argument.getSourceFile(), context).map((acquisition) => acquisition.acquireText)).toEqual(['open(…)']);
  expect(filter && programImportsModule(context, filter)).toBe(true);
  expect(mayMakePlainCall(argument.getSourceFile(), context, acquiringCalls)).toBe(true);
});

test('a program that imports no such library resolves no plain call for acquisitions', () => {
  const { context, argument } = program('pg', {
    'node_modules/pg/index.d.ts': pgTypes,
    'src/connect.ts': "import { Pool } from 'pg';\nconst pool = new Pool();\nexport const open = async (uri: string) => ({ query: (sql: string) => pool.query(sql + uri) });\n",
    'src/service.ts': service,
  });
  expect(filter && programImportsModule(context, filter)).toBe(false);
  expect(mayMakePlainCall(argument.getSourceFile(), context, acquiringCalls)).toBe(false);
  expect(findAcquisitions(argument.getSourceFile(), context)).toEqual([]);
});

test('an import the compiler left unresolved that names a project file on disk counts: resolution may read re-exports there', () => {
  write('src/connect.ts', "export { createConnection as open } from 'mysql2/promise';\n");
  // The program holds the importer alone: its host does not know `./connect`, which the disk holds.
  const root = `${directory}/src/service.ts`;
  const { context } = createProbeProgram({ [root]: service }, root);
  expect(filter && programImportsModule(context, filter)).toBe(true);
});
