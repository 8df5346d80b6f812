/** The barrel walk that finds a database module a project module passes a name on from, remembered per program. */
import path from 'node:path';

import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
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
