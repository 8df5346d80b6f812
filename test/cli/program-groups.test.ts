/**
 * A scan loads the tsconfigs whose options agree on everything the checker sees as one program, and still analyses
 * each file with its own tsconfig's options when they differ.
 */
import path from 'node:path';

import { ts } from 'ts-morph';
import { expect, test } from 'vitest';

import { analyzeProject } from '../../src/cli/analyze-project.js';
import { getProgramOptionsKey, groupByProgramOptions } from '../../src/cli/project/program-groups.js';
import { readTsconfig } from '../../src/cli/project/read-tsconfig.js';
import { useTempDirectory } from '../helpers/temp-directory.js';
import { declarationCache } from './run-cli.js';

const { directory, write } = useTempDirectory('poolguard-program-groups-');

function writeTree(root: string, files: Record<string, string>): string {
  for (const [relative, text] of Object.entries(files)) write(path.join(root, relative), text);
  return path.join(directory, root);
}

const base = JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', skipLibCheck: true } });
const poolModule = "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 10, connectionTimeoutMillis: 5000 });\n";
const leakingModule = (from: string): string =>
  `import { pool } from '${from}';\nexport async function load(): Promise<unknown> {\n  const client = await pool.connect();\n  return client.query('select 1');\n}\n`;

const analyze = (root: string): { loads: string[]; findings: string[] } => {
  const loads: string[] = [];
  const { findings } = analyzeProject({ path: root, declarationCache, rules: ['no-leaked-connection'], onProjectLoad: (project) => loads.push(project) });
  return { loads, findings: findings.map((finding) => `${finding.file}:${finding.line}`) };
};

test('packages whose tsconfigs differ only in output options load as one program', () => {
  const root = writeTree('same-options', {
    'tsconfig.base.json': base,
    'packages/api/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { outDir: 'dist', rootDir: 'src' }, include: ['src'] }),
    'packages/api/src/orders.ts': leakingModule('../../db/src/pool'),
    'packages/db/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { outDir: 'build', declaration: true, noUnusedLocals: true }, include: ['src'] }),
    'packages/db/src/pool.ts': poolModule,
    'packages/db/src/users.ts': leakingModule('./pool'),
  });
  expect(analyze(root)).toEqual({
    loads: ['packages/api/tsconfig.json and 1 more with the same compiler options'],
    findings: ['packages/api/src/orders.ts:3', 'packages/db/src/users.ts:3'],
  });
});

test("a file another package imports is analysed with its own tsconfig's options when they differ", () => {
  // `@db` is a path alias in both packages, to a different module each. `web` loads first (same depth, earlier
  // name) and imports `worker`'s file, where `@db` means `worker`'s pool: only `worker`'s program sees the leak.
  const root = writeTree('own-options', {
    'tsconfig.base.json': base,
    'packages/web/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { paths: { '@db': ['./src/cache.ts'] } }, include: ['src'] }),
    'packages/web/src/cache.ts': 'export const pool = { connect: async () => ({ query: async (text: string) => text }) };\n',
    'packages/web/src/page.ts': "import { load } from '../../worker/src/jobs';\nexport const page = load;\n",
    'packages/worker/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { paths: { '@db': ['./src/pool.ts'] } }, include: ['src'] }),
    'packages/worker/src/pool.ts': poolModule,
    'packages/worker/src/jobs.ts': leakingModule('@db'),
  });
  expect(analyze(root)).toEqual({ loads: ['packages/web/tsconfig.json', 'packages/worker/tsconfig.json'], findings: ['packages/worker/src/jobs.ts:3'] });
});

test('the options key ignores output and report-only options, and nothing that changes types or resolution', () => {
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, configFilePath: path.join(directory, 'a/tsconfig.json') };
  const key = getProgramOptionsKey(options);
  expect(getProgramOptionsKey({ ...options, outDir: '/x/dist', declaration: true, sourceMap: true, noUnusedLocals: true, configFilePath: path.join(directory, 'b/tsconfig.json') })).toBe(key);
  expect(getProgramOptionsKey({ ...options, strict: false })).not.toBe(key);
  expect(getProgramOptionsKey({ ...options, noUncheckedIndexedAccess: true })).not.toBe(key);
  expect(getProgramOptionsKey({ ...options, types: ['node'] })).not.toBe(key);
  // Report-only to tsc, but they change how a file binds: never ignored.
  expect(getProgramOptionsKey({ ...options, allowUnreachableCode: true })).not.toBe(key);
  // `paths` without `baseUrl` resolve from the tsconfig that set them.
  const paths = { paths: { '@db': ['./db.ts'] } };
  expect(getProgramOptionsKey({ ...options, ...paths, pathsBasePath: '/a' })).not.toBe(getProgramOptionsKey({ ...options, ...paths, pathsBasePath: '/b' }));
  expect(getProgramOptionsKey({ ...options, ...paths, baseUrl: '/r', pathsBasePath: '/a' })).toBe(getProgramOptionsKey({ ...options, ...paths, baseUrl: '/r', pathsBasePath: '/b' }));
});

test('a package with its own node_modules/@types loads with the others, whose global types are the shared ones', () => {
  const root = writeTree('own-types', {
    'node_modules/@types/shared/index.d.ts': 'declare const sharedGlobal: number;\n',
    'packages/api/tsconfig.json': '{}',
    'packages/worker/tsconfig.json': '{}',
    'packages/worker/node_modules/@types/node/index.d.ts': 'declare const workerGlobal: number;\n',
  });
  const configs = ['api', 'worker'].map((name) => readTsconfig(path.join(root, 'packages', name, 'tsconfig.json')));
  const sharedRoot = path.join(root, 'node_modules', '@types');
  expect(groupByProgramOptions(configs).map((group) => [group.configs.length, group.options.typeRoots])).toEqual([[2, [sharedRoot]]]);
  expect(groupByProgramOptions([...configs].reverse()).map((group) => [group.configs.length, group.options.typeRoots])).toEqual([[2, [sharedRoot]]]);
  // Alone, a config keeps TypeScript's default.
  expect(groupByProgramOptions([configs[1]!])[0]!.options.typeRoots).toBeUndefined();
});

test('a pool one package builds per request of a handler in another package is reported at the pool', () => {
  // `core` loads before `web` (same depth, earlier name): alone, its program never sees the handler.
  const root = writeTree('cross-package', {
    'tsconfig.base.json': base,
    'packages/core/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { outDir: 'dist' }, include: ['lib'] }),
    'packages/core/lib/repository.ts':
      "import { Pool } from 'pg';\nexport class Repository {\n  private readonly pool: Pool;\n  constructor(url: string) {\n    this.pool = new Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 5000 });\n  }\n  count(): Promise<unknown> {\n    return this.pool.query('select count(*) from orders');\n  }\n}\n",
    'packages/web/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { outDir: 'build' }, include: ['src'] }),
    'packages/web/src/routes.ts':
      "import express from 'express';\nimport { Repository } from '../../core/lib/repository';\nconst app = express();\napp.get('/orders/count', async (req, res) => {\n  const repository = new Repository(process.env.DATABASE_URL ?? '');\n  res.json(await repository.count());\n});\n",
  });
  const { findings } = analyzeProject({ path: root, declarationCache, rules: ['no-pool-per-request'] });
  expect(findings.map((finding) => `${finding.file}:${finding.line}`)).toEqual(['packages/core/lib/repository.ts:5']);
});

test('packages that differ in target, module kind or strictness each find their leaks, and programs that can share parsed files load one after another', () => {
  // `a` and `db` load as one program; `c` reads the same workspace files alike (only target, module kind and
  // strictness differ), so it loads next, before `b`, whose JSX runtime makes the compiler parse them again.
  const root = writeTree('shared-parse', {
    'tsconfig.base.json': base,
    'packages/a/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src'] }),
    'packages/a/src/orders.ts': leakingModule('../../db/src/pool'),
    'packages/b/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { jsx: 'react-jsx' }, include: ['src'] }),
    'packages/b/src/page.ts': "import { pool } from '../../db/src/pool';\nexport const page = pool;\n",
    'packages/c/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { target: 'ES2019', module: 'ES2020', strict: false }, include: ['src'] }),
    'packages/c/src/jobs.ts': leakingModule('../../db/src/pool'),
    'packages/db/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src'] }),
    'packages/db/src/pool.ts': poolModule,
    'packages/db/src/users.ts': leakingModule('./pool'),
  });
  expect(analyze(root)).toEqual({
    loads: ['packages/a/tsconfig.json and 1 more with the same compiler options', 'packages/c/tsconfig.json', 'packages/b/tsconfig.json'],
    findings: ['packages/a/src/orders.ts:3', 'packages/c/src/jobs.ts:3', 'packages/db/src/users.ts:3'],
  });
});
