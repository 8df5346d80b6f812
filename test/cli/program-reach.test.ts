/**
 * A program none of whose files can reach a database module (a frontend's) is not built at all: its files count as
 * without database imports. Any way a file may reach one keeps the program: a workspace package, a `paths` alias, an
 * installed package that depends on a database library, a reference directive.
 */
import path from 'node:path';

import { expect, test } from 'vitest';

import { getKnowledge } from '../../src/analysis/core/analysis-context.js';
import { analyzeProject } from '../../src/cli/analyze-project.js';
import { createInstalledPackages } from '../../src/cli/project/installed-packages.js';
import { useTempDirectory } from '../helpers/temp-directory.js';
import { declarationCache } from './run-cli.js';

const { directory, write } = useTempDirectory('poolguard-program-reach-');

function writeTree(root: string, files: Record<string, string>): string {
  for (const [relative, text] of Object.entries(files)) write(path.join(root, relative), text);
  return path.join(directory, root);
}

const compilerOptions = { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', skipLibCheck: true };
const tsconfig = (extra: Record<string, unknown> = {}): string => JSON.stringify({ compilerOptions: { ...compilerOptions, ...extra }, include: ['src'] });
const leakingApi = {
  'api/tsconfig.json': tsconfig(),
  'api/src/pool.ts': "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });\n",
  'api/src/orders.ts': "import { pool } from './pool';\nexport async function load(): Promise<unknown> {\n  const client = await pool.connect();\n  return client.query('select 1');\n}\n",
};
const webOptions = { jsx: 'react-jsx', lib: ['ES2022', 'DOM'] };
const frontend = {
  'web/tsconfig.json': tsconfig(webOptions),
  'web/src/app.tsx': "import { useState } from 'react';\nimport { format } from './format';\nexport function App() {\n  const [count] = useState(0);\n  return <p>{format(count)}</p>;\n}\n",
  'web/src/format.ts': "import dayjs from 'dayjs';\nexport const format = (value: number): string => `${value} ${dayjs().format()}`;\n",
};

function analyze(root: string): { loads: string[]; findings: string[]; withoutDatabaseImports: number } {
  const loads: string[] = [];
  const result = analyzeProject({ path: root, declarationCache, rules: ['no-leaked-connection'], onProjectLoad: (project) => loads.push(project) });
  return { loads, findings: result.findings.map((finding) => `${finding.file}:${finding.line}`), withoutDatabaseImports: result.filesWithoutDatabaseImports };
}

test("a frontend's program, whose imports reach no database module, is not built; its files count as without database imports", () => {
  const root = writeTree('frontend', { ...leakingApi, ...frontend });
  expect(analyze(root)).toEqual({ loads: ['api/tsconfig.json'], findings: ['api/src/orders.ts:3'], withoutDatabaseImports: 2 });
});

test('a file that does not parse, in a project that is not built, is counted as without database imports, not listed', () => {
  const root = writeTree('frontend-broken', { ...leakingApi, ...frontend, 'web/src/broken.ts': 'export const = ;\n' });
  const analysis = analyzeProject({ path: root, declarationCache, rules: ['no-leaked-connection'] });
  expect(analysis.filesSkipped).toEqual([]);
  expect(analysis.filesWithoutDatabaseImports).toBe(3);
});

test('files no tsconfig includes are not loaded either when none of them can reach a database module', () => {
  const root = writeTree('loose', { ...leakingApi, 'scripts/build.js': "const fs = require('fs');\nfs.writeFileSync('out', 'x');\n" });
  expect(analyze(root).loads).toEqual(['api/tsconfig.json']);
});

test.each<{ readonly way: string; readonly files: Record<string, string> }>([
  {
    way: 'a workspace package by name',
    files: {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['api', 'web'] }),
      'api/package.json': JSON.stringify({ name: '@acme/api', main: 'src/orders.ts' }),
      'web/src/orders-page.ts': "import { load } from '@acme/api';\nexport const page = load;\n",
    },
  },
  {
    way: "a `paths` alias of the program's own tsconfig",
    files: {
      'web/tsconfig.json': tsconfig({ ...webOptions, paths: { '*': ['./src/*'], '@server/*': ['../api/src/*'] } }),
      'web/src/orders-page.ts': "import { load } from '@server/orders';\nexport const page = load;\n",
    },
  },
  {
    // The nearest tsconfig.json only references the one that says how: untyped resolution, which reads the nearest, does
    // not follow the alias, the program's options do.
    way: 'a `paths` alias of a referenced tsconfig',
    files: {
      'web/tsconfig.json': JSON.stringify({ files: [], references: [{ path: './tsconfig.app.json' }] }),
      'web/tsconfig.app.json': JSON.stringify({ compilerOptions: { ...compilerOptions, ...webOptions, paths: { '@server/*': ['../api/src/*'] } }, include: ['src'] }),
      'web/src/orders-page.ts': "import { load } from '@server/orders';\nexport const page = load;\n",
    },
  },
  {
    way: 'a `baseUrl` import',
    files: {
      'web/tsconfig.json': tsconfig({ ...webOptions, baseUrl: '..' }),
      'web/src/orders-page.ts': "import { load } from 'api/src/orders';\nexport const page = load;\n",
    },
  },
  {
    way: 'an installed package that depends on a database library',
    files: {
      'web/node_modules/db-kit/package.json': JSON.stringify({ name: 'db-kit', types: 'index.d.ts', dependencies: { lodash: '4', pg: '8' } }),
      'web/node_modules/db-kit/index.d.ts': "export { Pool } from 'pg';\n",
      'web/node_modules/lodash/package.json': JSON.stringify({ name: 'lodash' }),
      'web/src/orders-page.ts': "import type { Pool } from 'db-kit';\nexport const page = (pool: Pool) => pool;\n",
    },
  },
  {
    way: 'an installed package whose @types package depends on a database library',
    files: {
      'web/node_modules/@types/session-store/package.json': JSON.stringify({ name: '@types/session-store', dependencies: { '@types/pg': '8' } }),
      'web/node_modules/@types/pg/package.json': JSON.stringify({ name: '@types/pg' }),
      'web/src/orders-page.ts': "import store from 'session-store';\nexport const page = store;\n",
    },
  },
  {
    way: 'a reference to a file that imports one',
    files: { 'web/src/globals.ts': '/// <reference path="../types/db.d.ts" />\nexport {};\n', 'web/types/db.d.ts': "import type { Pool } from 'pg';\ndeclare global { var pool: Pool; }\n" },
  },
  {
    way: 'a reference to the types of a database library',
    files: { 'web/src/globals.ts': '/// <reference types="pg" />\nexport {};\n' },
  },
  {
    way: 'a JSDoc type import in JavaScript',
    files: { 'web/tsconfig.json': tsconfig({ ...webOptions, allowJs: true }), 'web/src/orders-page.js': "/** @param {import('pg').Pool} pool */\nexport const page = (pool) => pool;\n" },
  },
])('a program whose files may reach a database module through $way is built', ({ files }) => {
  const root = writeTree(`reach-${Object.keys(files).join('-').replace(/\W+/g, '-')}`, { ...leakingApi, ...frontend, ...files });
  expect(analyze(root).loads).toContainEqual(expect.stringMatching(/^web\/tsconfig/));
});

test('installed packages: a dependency cycle still reaches a database library further on, and an answer is kept for the scan', () => {
  const root = writeTree('installed', {
    'node_modules/a/package.json': JSON.stringify({ name: 'a', dependencies: { b: '1' } }),
    'node_modules/b/package.json': JSON.stringify({ name: 'b', dependencies: { a: '1', c: '1' } }),
    'node_modules/c/package.json': JSON.stringify({ name: 'c', peerDependencies: { mysql2: '3' } }),
    'node_modules/x/package.json': JSON.stringify({ name: 'x', dependencies: { y: '1' } }),
    'node_modules/y/package.json': JSON.stringify({ name: 'y', dependencies: { x: '1', missing: '1' } }),
    'node_modules/broken/package.json': '{ not json',
    'src/index.ts': 'export {};\n',
  });
  const from = path.join(root, 'src/index.ts');
  const packages = createInstalledPackages(getKnowledge({}));
  expect(packages.mayReachDatabase('a', from)).toBe(true);
  expect(packages.mayReachDatabase('b', from)).toBe(true);
  expect(packages.mayReachDatabase('x', from)).toBe(false);
  expect(packages.mayReachDatabase('y', from)).toBe(false);
  expect(packages.mayReachDatabase('not-installed', from)).toBe(false);
  // A manifest that cannot be read: the compiler decides.
  expect(packages.mayReachDatabase('broken', from)).toBe(true);
});
