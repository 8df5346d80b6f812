/** The barrel walk that finds a database module a project module passes a name on from, remembered per program (untyped,
 * across linted files). */
import fs from 'node:fs';
import path from 'node:path';

import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { getLintedModule, startLintedFile } from '../../src/analysis/core/module-files.js';
import { findReexportedModule } from '../../src/analysis/core/untyped-imports.js';
import { useTempDirectory } from '../helpers/temp-directory.js';

const typescript = ts as unknown as TypeScript;
const { directory, write } = useTempDirectory('poolguard-reexport-walk-');

const isDatabaseModule = (specifier: string): boolean => specifier === '@prisma/client';

test('two barrels passing on the same name answer each for itself, from every folder, in either order', () => {
  write('clients/index.ts', "export * from './prisma';\n");
  write('clients/prisma.ts', "export * from '@prisma/client';\n");
  write('local/index.ts', "export * from './client';\n");
  write('local/client.ts', 'export class PrismaClient {}\n');
  const first = write('app/first.ts', "import { PrismaClient } from '../clients';\nimport { PrismaClient as Local } from '../local';\n");
  const nested = write('app/jobs/nested.ts', "import { PrismaClient } from '../../clients';\n");
  const program = ts.createProgram([first, nested], { strict: true, noEmit: true, types: [] });
  const context = getAnalysisContext(typescript, program, true, {});
  const found = { specifier: '@prisma/client', name: 'PrismaClient', containingFile: path.join(directory, 'clients/prisma.ts') };

  expect(findReexportedModule('../local', 'PrismaClient', first, context, isDatabaseModule)).toBeUndefined();
  expect(findReexportedModule('../clients', 'PrismaClient', first, context, isDatabaseModule)).toEqual(found);
  expect(findReexportedModule('../../clients', 'PrismaClient', nested, context, isDatabaseModule)).toEqual(found);
  expect(findReexportedModule('../local', 'PrismaClient', first, context, isDatabaseModule)).toBeUndefined();
  // Another name through the same barrels: `export *` passes every name on.
  expect(findReexportedModule('../clients', 'Prisma', first, context, isDatabaseModule)).toEqual({ ...found, name: 'Prisma' });
});

test('a walk that ran out of budget does not answer for a walk with budget left', () => {
  // Four barrels deep: the walk follows three re-exports, so from the top the client is out of reach, one level down it is not.
  write('deep/a.ts', "export * from './b';\n");
  write('deep/b.ts', "export * from './c';\n");
  write('deep/c.ts', "export * from './d';\n");
  write('deep/d.ts', "export * from './e';\n");
  write('deep/e.ts', "export * from '@prisma/client';\n");
  const top = write('deep-app/top.ts', "import { PrismaClient } from '../deep/a';\nimport { PrismaClient as Lower } from '../deep/b';\n");
  const program = ts.createProgram([top], { strict: true, noEmit: true, types: [] });
  const context = getAnalysisContext(typescript, program, true, {});
  const found = { specifier: '@prisma/client', name: 'PrismaClient', containingFile: path.join(directory, 'deep/e.ts') };

  expect(findReexportedModule('../deep/a', 'PrismaClient', top, context, isDatabaseModule)).toBeUndefined();
  expect(findReexportedModule('../deep/b', 'PrismaClient', top, context, isDatabaseModule)).toEqual(found);
});

test('untyped, the walk made for one linted file serves the next, until the barrel changes on disk', () => {
  // A file linted twice: from then on, the disk is asked again at every lint (disk-checks.ts), as in an editor.
  const lintAnotherFile = (): void => startLintedFile(ts.createSourceFile(path.join(directory, 'other.ts'), '', ts.ScriptTarget.Latest, true));
  lintAnotherFile();
  lintAnotherFile();
  write('untyped/db/index.ts', "export * from './client';\n");
  write('untyped/db/client.ts', "export * from '@prisma/client';\n");
  const importerText = "import { PrismaClient } from './db';\n";
  const contextOf = (name: string): ReturnType<typeof getAnalysisContext> => {
    const fileName = write(`untyped/${name}.ts`, importerText);
    const linted = getLintedModule(typescript, ts.createSourceFile(fileName, importerText, ts.ScriptTarget.Latest, true));
    return getAnalysisContext(typescript, linted.program, false, {});
  };
  const asked: string[] = [];
  const countingIsDatabaseModule = (specifier: string): boolean => {
    asked.push(specifier);
    return isDatabaseModule(specifier);
  };
  const found = { specifier: '@prisma/client', name: 'PrismaClient', containingFile: path.join(directory, 'untyped/db/client.ts') };

  expect(findReexportedModule('./db', 'PrismaClient', path.join(directory, 'untyped/first.ts'), contextOf('first'), countingIsDatabaseModule)).toEqual(found);
  expect(asked).toEqual(['./db', './client', '@prisma/client']);
  asked.length = 0;
  lintAnotherFile();
  expect(findReexportedModule('./db', 'PrismaClient', path.join(directory, 'untyped/second.ts'), contextOf('second'), countingIsDatabaseModule)).toEqual(found);
  expect(asked).toEqual(['./db']);

  const later = new Date(Date.now() + 10_000);
  fs.utimesSync(write('untyped/db/index.ts', "export { PrismaClient } from './local';\n"), later, later);
  write('untyped/db/local.ts', 'export class PrismaClient {}\n');
  lintAnotherFile();
  expect(findReexportedModule('./db', 'PrismaClient', path.join(directory, 'untyped/third.ts'), contextOf('third'), countingIsDatabaseModule)).toBeUndefined();
});
