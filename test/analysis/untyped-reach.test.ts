/** importsReachDatabase: untyped ESLint's prefilter follows relative modules and workspace packages, by their texts. */
import fs from 'node:fs';

import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getKnowledge } from '../../src/analysis/core/analysis-context.js';
import { getLintedModule, startLintedFile } from '../../src/analysis/core/module-files.js';
import { importsReachDatabase } from '../../src/analysis/core/untyped-reach.js';
import { useTempDirectory } from '../helpers/temp-directory.js';

const typescript = ts as unknown as TypeScript;
const { directory, write } = useTempDirectory('poolguard-untyped-reach-');
const context = { ts: typescript, typed: false, knowledge: getKnowledge({}) };

function parse(fileName: string, text: string): ts.SourceFile {
  return typescript.createSourceFile(fileName, text, typescript.ScriptTarget.Latest, true);
}

/** Lints `text` as the file `name` (not written to disk): does the prefilter let it through? */
function reaches(name: string, text: string): boolean {
  const sourceFile = parse(`${directory}/${name}`, text);
  startLintedFile(sourceFile);
  return importsReachDatabase(sourceFile, context);
}

write('db.ts', "import { Pool } from 'pg';\nexport const pool = new Pool();\n");
write('users.ts', "import { pool } from './db';\nexport const findUser = (id: number) => pool.query('…', [id]);\n");
write('legacy.js', "const { pool } = require('./db');\nexports.load = () => pool.query('…');\n");
write('format.ts', "import { pad } from './strings';\nexport const format = (value: string) => pad(value);\n");
write('strings.ts', "import { format } from './format';\nimport lodash from 'lodash';\nexport const pad = (value: string) => lodash.padStart(value, 4);\n");

test('a chain of relative imports that ends at a database module reaches it, through `require` too', () => {
  expect(reaches('route.ts', "import { findUser } from './users';\n")).toBe(true);
  expect(reaches('job.ts', "import { load } from './legacy.js';\n")).toBe(true);
});

test('imports that lead only to other modules, around a cycle, do not; asked again, the answer is the same', () => {
  expect(reaches('view.ts', "import { format } from './format';\n")).toBe(false);
  expect(reaches('view.ts', "import { format } from './format';\n")).toBe(false);
  expect(reaches('both.ts', "import { format } from './format';\nimport { findUser } from './users';\n")).toBe(true);
  // A module that is missing, or a package outside the workspace, leads nowhere.
  expect(reaches('missing.ts', "import { gone } from './gone';\nimport express from 'express';\n")).toBe(false);
});

test('a module saved with a database import, and linted, is seen at once by its importers', () => {
  const helper = write('helper.ts', 'export const helper = () => 1;\n');
  fs.utimesSync(helper, new Date(1_000_000), new Date(1_000_000));
  expect(reaches('caller.ts', "import { helper } from './helper';\n")).toBe(false);
  const saved = "import knex from 'knex';\nexport const helper = () => knex('users');\n";
  write('helper.ts', saved);
  fs.utimesSync(helper, new Date(2_000_000), new Date(2_000_000));
  getLintedModule(typescript, parse(helper, saved));
  expect(reaches('caller.ts', "import { helper } from './helper';\n")).toBe(true);
});

test("a workspace's thousands of modules are walked to the end: none reaching a database module is no reason to analyse", () => {
  const count = 2_500;
  for (let index = 0; index < count; index += 1) write(`wide/m${index}.ts`, `export const m${index} = ${index};\n`);
  write('wide/index.ts', Array.from({ length: count }, (_, index) => `export * from './m${index}';\n`).join(''));
  expect(reaches('wide-user.ts', "import { m1 } from './wide';\n")).toBe(false);
  // The same modules behind a barrel that also passes on a pool.
  write('wide-db/db.ts', "import { Pool } from 'pg';\nexport const pool = new Pool();\n");
  write('wide-db/index.ts', `export * from '../wide';\nexport * from './db';\n`);
  expect(reaches('wide-db-user.ts', "import { m1 } from './wide-db';\n")).toBe(true);
});
