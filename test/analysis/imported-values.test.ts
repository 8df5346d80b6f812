/**
 * findImportedValue: each name an import reads from a module gets its own value, in any order and again, and the same
 * specifier from another folder names that folder's module.
 */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { getLintedModule } from '../../src/analysis/core/module-files.js';
import { findImportedValue } from '../../src/analysis/core/untyped-imports.js';
import { useTempDirectory } from '../helpers/temp-directory.js';

const typescript = ts as unknown as TypeScript;
const { write } = useTempDirectory('poolguard-imported-values-');

write('a/db.ts', "import { Pool } from 'pg';\nexport const pool = new Pool();\nexport const label = 'orders';\n");
write('b/db.ts', "export const pool = 'not a pool';\n");
const importerText = "import { label, pool } from './db';\nexport const both = [pool, label];\n";
const importerOfA = write('a/users.ts', importerText);
const importerOfB = write('b/users.ts', importerText);

function contextOf(fileName: string): ReturnType<typeof getAnalysisContext> {
  const module = getLintedModule(typescript, typescript.createSourceFile(fileName, importerText, typescript.ScriptTarget.Latest, true));
  return getAnalysisContext(typescript, module.program, false, {});
}

const valueText = (specifier: string, name: string, fileName: string, context: ReturnType<typeof getAnalysisContext>): string | undefined =>
  findImportedValue(specifier, name, fileName, context)?.expression.getText();

test('each imported name gets its own value, asked in either order and again', () => {
  const context = contextOf(importerOfA);
  expect(valueText('./db', 'pool', importerOfA, context)).toBe('new Pool()');
  expect(valueText('./db', 'label', importerOfA, context)).toBe("'orders'");
  expect(valueText('./db', 'pool', importerOfA, context)).toBe('new Pool()');
});

test('the same specifier from another folder names that folder\'s module', () => {
  const context = contextOf(importerOfA);
  expect(valueText('./db', 'pool', importerOfA, context)).toBe('new Pool()');
  expect(valueText('./db', 'pool', importerOfB, context)).toBe("'not a pool'");
});

test("a default export's value is its expression; a default-exported declaration has none, which the module's text tells", () => {
  write('c/pool.ts', "import { Pool } from 'pg';\nexport default new Pool();\n");
  write('c/model.ts', "import { Model } from 'sequelize';\nexport default class User extends Model {}\n");
  write('c/named.ts', "import { Model } from 'sequelize';\nclass User extends Model {}\nexport default User;\n");
  const importer = write('c/users.ts', importerText);
  const context = contextOf(importer);
  expect(valueText('./pool', 'default', importer, context)).toBe('new Pool()');
  expect(valueText('./named', 'default', importer, context)).toBe('User');
  // The gate (mayDeclareValue) leaves the module unparsed; were it parsed, its default export would still be no value.
  expect(valueText('./model', 'default', importer, context)).toBeUndefined();
});
