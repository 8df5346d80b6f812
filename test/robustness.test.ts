/**
 * Unusual, half-written and huge code through every rule, untyped and typed, and through the CLI: a rule
 * that throws kills the user's whole lint run, so none may (ESLint rethrows rule errors from `verify`).
 * The hosts also catch detector errors and degrade to fewer findings; with POOLGUARD_DEBUG set they log
 * them, and these tests fail on any such log, so a swallowed crash is still caught here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import plugin from '../src/index.js';
import { runCli } from './cli/run-cli.js';

const root = path.resolve(import.meta.dirname, '..');

/** Detector errors the hosts caught and logged (POOLGUARD_DEBUG) during the current test. */
let swallowedErrors: string[] = [];
let previousDebug: string | undefined;
beforeEach(() => {
  swallowedErrors = [];
  previousDebug = process.env.POOLGUARD_DEBUG;
  process.env.POOLGUARD_DEBUG = '1';
  const original = console.error.bind(console);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === 'string' && /analysis of .* failed/.test(args[0])) {
      swallowedErrors.push(`${args[0]}: ${args[1] instanceof Error ? (args[1].stack ?? args[1].message).split('\n').slice(0, 4).join(' | ') : String(args[1])}`);
    } else {
      original(...args);
    }
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (previousDebug === undefined) delete process.env.POOLGUARD_DEBUG;
  else process.env.POOLGUARD_DEBUG = previousDebug;
  expect(swallowedErrors, 'a detector threw (caught by the host)').toEqual([]);
});
const allRules = Object.fromEntries(Object.keys(plugin.rules).map((id) => [`poolguard/${id}`, 'error' as const]));
const poolguardPlugin = plugin as unknown as NonNullable<Linter.Config['plugins']>[string];

/** File name → source. Each is valid syntax for its parser, but unusual for an analysis. Nesting depths stay
 * below where the parsers themselves overflow the stack (about 500 to 1,000 levels). */
const snippets: Record<string, string> = {
  'empty.ts': '',
  'only-comments.ts': '// nothing here\n/* still nothing */\n/** and a doc comment */\n',
  'shebang.js': "#!/usr/bin/env node\n'use strict';\nconsole.log('hi');\n",

  'half-written.ts': `
import { Pool } from 'pg';
const pool = new Pool();
export async function a() {
  const client = await pool.connect();
  client.release;
  client.query;
  if (client) ; else ;
}
export async function b() {
  await pool.connect();
  pool.connect().then();
  (await pool.connect()).query('SELECT 1');
  const { release } = await pool.connect();
  let later;
  later = await pool.connect();
  const [first] = [await pool.connect()];
  void pool.connect();
  return pool.connect;
}
export function c() {
  pool.connect(null as any);
  pool.connect(() => {});
  pool.connect((error) => error);
  pool.connect((error, client) => {});
  pool['connect']();
  pool?.connect?.();
  new Pool(...([] as any[]));
  new Pool(undefined);
  new Pool({ ...({} as any) });
}
export const d = async () => { for (;;) { const client = await pool.connect(); } };
export async function e(ids: number[]) { for (const id of ids) pool.query; for (const id in ids) {} while (false) pool.query('x'); }
`,

  'any-typed.ts': `
import { Pool } from 'pg';
declare const anything: any;
declare const unknownPool: unknown;
const pool: any = new Pool();
export async function f(client: any, maybe?: { release(): void }) {
  const c: any = await pool.connect();
  c.release?.();
  client.release();
  (unknownPool as any).connect().release();
  maybe?.release();
  const x = await anything.connect();
  x.query('SELECT 1');
  for (const id of anything) await anything.query(id);
  await Promise.all(anything.map((id: any) => anything.query(id)));
  return new anything.Pool({ max: anything });
}
`,

  'unusual-syntax.ts': `
import { Pool, type PoolClient } from 'pg';
import * as pg from 'pg';
import pgDefault from 'pg';
import mysql = require('mysql2');
const pool = new pg.Pool({ max: 10, connectionTimeoutMillis: 1000 });
export namespace Repo { export const other = new pgDefault.Pool(); }
export enum Kind { A, B }
declare module 'pg' { interface PoolClient { tag?: string } }
export class Service {
  static #count = 0;
  static { Service.#count = 1; }
  #pool = new Pool({ max: 5, connectionTimeoutMillis: 1000 });
  accessor size = 1;
  get client(): Promise<PoolClient> { return this.#pool.connect(); }
  set client(value) {}
  async [Symbol.asyncDispose]() { await this.#pool.end(); }
  async run(this: Service, kind: Kind) {
    const client = await this.client;
    switch (kind) {
      case Kind.A:
        client.release();
      case Kind.B: {
        break;
      }
      default:
        return client;
    }
    try { try { return 1; } finally { client.release(); } } catch { } finally { }
    do { continue; } while (false);
    const seq = (0, client.release)();
    return seq;
  }
}
export function overloaded(a: string): void;
export function overloaded(a: number): void;
export function overloaded(a: unknown) {}
export async function withUsing() {
  await using connection = await mysql.createPool({}).promise().getConnection();
  using nothing = { [Symbol.dispose]() {} };
  return connection && nothing;
}
export default async function () {
  const client = await pool.connect();
  return client satisfies PoolClient;
}
`,

  'deep-nesting.ts': `
import { Pool } from 'pg';
const pool = new Pool();
export const value = ${'('.repeat(200)}1${')'.repeat(200)};
export const sum = ${Array.from({ length: 400 }, (_, index) => `v${index % 7}`).join(' + ')};
declare const ${Array.from({ length: 7 }, (_, index) => `v${index}: number`).join(', ')};
export async function nested(flag: boolean) {
  const client = await pool.connect();
  ${'if (flag) { '.repeat(100)}await client.query('SELECT 1');${' }'.repeat(100)}
  client.release();
}
export const callbacks = ${'() => '.repeat(100)}pool.query('SELECT 1');
export const chain = Promise.resolve()${'.then(() => pool.query("SELECT 1"))'.repeat(100)};
`,

  'loops-and-labels.ts': `
import { Pool } from 'pg';
const pool = new Pool({ max: 10, connectionTimeoutMillis: 1000 });
export async function labelled(groups: number[][]) {
  outer: for (const group of groups) {
    inner: for (const id of group) {
      const client = await pool.connect();
      if (id < 0) continue outer;
      if (id === 0) break inner;
      if (id > 100) break outer;
      client.release();
    }
  }
  block: {
    if (groups.length === 0) break block;
    await pool.query('SELECT 1');
  }
}
export async function* stream(ids: number[]) {
  for await (const id of ids) yield pool.query('SELECT $1', [id]);
  const client = yield* other();
  return client;
}
function* other(): Generator<unknown, unknown> { const value = yield pool.connect(); return value; }
export function callbacks(ids: number[]) {
  ids.forEach(async (id) => { await pool.query('SELECT $1', [id]); });
  ids.reduce(async (previous, id) => { await previous; await pool.query('SELECT $1', [id]); }, Promise.resolve());
  return ids.flatMap((id) => [pool.query('SELECT $1', [id])]);
}
`,

  'decorators.ts': `
import { Pool } from 'pg';
function Injectable(): ClassDecorator { return () => {}; }
function Get(path: string): MethodDecorator { return () => {}; }
function Param(name: string): ParameterDecorator { return () => {}; }
@Injectable()
export class OrdersController {
  @Get('/orders/:id')
  async find(@Param('id') id: string) {
    const pool = new Pool({ max: 2 });
    const client = await pool.connect();
    return client.query('SELECT * FROM orders WHERE id = $1', [id]);
  }
}
`,

  'component.tsx': `
import { Pool } from 'pg';
const pool = new Pool({ max: 5, connectionTimeoutMillis: 1000 });
declare namespace JSX { interface IntrinsicElements { [name: string]: unknown } }
export function Orders({ ids }: { ids: number[] }) {
  return <ul>{ids.map((id) => <li key={id} onClick={async () => { await pool.query('SELECT $1', [id]); }}>{id}</li>)}</ul>;
}
export async function Page() {
  const client = await pool.connect();
  return <main>{String(client)}</main>;
}
`,

  'commonjs.js': `
const { Pool } = require('pg');
const mysql = require('mysql2/promise');
const pool = new Pool();
module.exports = async function handler(ids) {
  const client = await pool.connect();
  for (const id of ids) await client.query('SELECT $1', [id]);
  client.release();
};
module.exports.other = function () { return mysql.createPool({ connectionLimit: 0 }); };
exports.lazy = () => require('pg').Pool;
`,

  'sloppy.js': `
var pool = new (require('pg').Pool)();
var pool;
function hoisted() { return typeof later; var later = 1; }
if (true) { function inBlock() { return arguments.length; } }
this.global = 1;
delete this.global;
var self = { get client() { return pool.connect(); }, ['computed' + 1]: function () { return pool; } };
async function run() {
  var client = await self.client;
  eval('client.release()');
  new Function('return 1')();
}
`,

  'pool-options.ts': `
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import postgres from 'postgres';
import knex from 'knex';
declare const config: any;
const key = 'max';
export const pools = [
  new Pool({ [key]: 5 }),
  new Pool({ max: Infinity, connectionTimeoutMillis: NaN }),
  new Pool({ max: -1, connectionTimeoutMillis: -5 }),
  new Pool({ max: 1e9 }),
  new Pool({ max: '20' as any }),
  new Pool({ max: 20n as any }),
  new Pool({ max: Number(process.env.MAX) || 10, connectionTimeoutMillis: +process.env.TIMEOUT! }),
  new Pool({ ...config, ...{ max: 3 } }),
  new Pool(config),
  new Pool({ max: config?.a?.b ?? (config ? 1 : 2) }),
  new Pool({ get max() { return 4; } }),
  new Pool({ max: ((): number => 5)() }),
  mysql.createPool('mysql://user@host/db?connectionLimit=0'),
  mysql.createPool({ uri: \`mysql://user@host/db?connectionLimit=\${config}\` }),
  postgres(),
  postgres(config, config),
  knex({ client: 'pg', pool: config }),
  knex({ client: 'pg', pool: { max: 0, min: 'x' as any } }),
];
const circular: any = { max: 1 };
circular.self = circular;
export const selfReferencing = new Pool(circular);
let reassigned = { max: 1 };
reassigned = { max: 1000 };
export const reassignedPool = new Pool(reassigned);
const aliasA: any = aliasB;
var aliasB: any = aliasA;
export const aliased = new Pool(aliasA);
`,

  'recursion.ts': `
import { Pool } from 'pg';
import { fromOtherFile } from './cycle-b';
const pool = new Pool({ max: 5, connectionTimeoutMillis: 1000 });
export async function a(n: number): Promise<number> { return n > 0 ? b(n - 1) : (await pool.query('SELECT 1')).rowCount ?? 0; }
export async function b(n: number): Promise<number> { return a(n); }
export async function loop(ids: number[]) { for (const id of ids) await a(id); }
export async function self(ids: number[]): Promise<void> { for (const id of ids) await self([id]); }
export const getClient = async (): Promise<any> => getClient();
export async function viaHelper() { const client = await getClient(); client.release(); }
function makeFactory(): any { return makeFactory; }
export const chained = makeFactory()()()();
export async function acrossFiles(ids: number[]) { for (const id of ids) await fromOtherFile(id); }
export async function acquire() { return pool.connect(); }
`,

  'cycle-b.ts': `
import { a, acquire } from './recursion';
export async function fromOtherFile(id: number): Promise<number> { return a(id); }
export async function leaksThroughHelper() {
  const client = await acquire();
  await client.query('SELECT 1');
  client.release();
}
`,

  'view.jsx': `
import { Pool } from 'pg';
const pool = new Pool();
export function List({ ids }) {
  return <ol>{ids.map((id) => <li key={id} onClick={() => pool.query('SELECT $1', [id])}>{id}</li>)}</ol>;
}
`,
};

const untypedSnippets = Object.entries(snippets);
const typescriptFiles = /\.[cm]?tsx?$/;
// Patterns that end in `*` do not make ESLint lint a file: name the extensions.
const lintedFiles = ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'];

/** Fatal parse or rule errors, and "no matching configuration" warnings (the file was not linted at all). */
function problemsOf(messages: readonly Linter.LintMessage[]): Linter.LintMessage[] {
  return messages.filter((message) => message.fatal === true || message.ruleId === null);
}

/** 5,000 small functions mixing the shapes the rules look at: a size no rule may choke on. */
function generateHugeFile(count: number): string {
  const lines = ["import { Pool } from 'pg';", 'const pool = new Pool({ max: 10, connectionTimeoutMillis: 1000 });'];
  for (let index = 0; index < count; index += 1) {
    switch (index % 4) {
      case 0:
        lines.push(`export async function f${index}(id: number) { const client = await pool.connect(); try { return await client.query('SELECT $1', [id]); } finally { client.release(); } }`);
        break;
      case 1:
        lines.push(`export async function f${index}(ids: number[]) { for (const id of ids) await pool.query('SELECT $1', [id]); }`);
        break;
      case 2:
        lines.push(`export async function f${index}() { const client = await pool.connect(); await client.query('SELECT ${index}'); client.release(); }`);
        break;
      default:
        lines.push(`export function f${index}(value: number) { return value > ${index} ? f${index - 1}(value - 1) : value; }`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function lintUntyped(fileName: string, code: string, settings?: Record<string, unknown>): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const isTypeScript = typescriptFiles.test(fileName);
  const config: Linter.Config[] = [
    {
      files: lintedFiles,
      languageOptions: isTypeScript
        ? { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: fileName.endsWith('x') } } }
        : { sourceType: fileName.endsWith('.js') && code.includes('require(') ? 'commonjs' : 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
      plugins: { poolguard: poolguardPlugin },
      rules: allRules,
      ...(settings ? { settings } : {}),
    },
  ];
  return linter.verify(code, config, { filename: path.join(root, 'robustness', fileName) });
}

describe('untyped (no type information)', () => {
  it.each(untypedSnippets)('%s: no rule throws', (fileName, code) => {
    const messages = lintUntyped(fileName, code);
    expect(problemsOf(messages)).toEqual([]);
  });

  it.each(untypedSnippets.filter(([fileName]) => fileName.endsWith('.js')))('%s through the TypeScript parser: no rule throws', (fileName, code) => {
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(
      code,
      [{ files: lintedFiles, languageOptions: { parser: tseslint.parser }, plugins: { poolguard: poolguardPlugin }, rules: allRules }],
      { filename: path.join(root, 'robustness', fileName) },
    );
    expect(problemsOf(messages)).toEqual([]);
  });

  it('5,000 generated functions: no rule throws, and all rules finish in reasonable time', () => {
    // CPU time, not wall time: on a busy machine the wall clock measures the other processes.
    const started = process.cpuUsage();
    const messages = lintUntyped('huge.ts', generateHugeFile(5000));
    const used = process.cpuUsage(started);
    expect(problemsOf(messages)).toEqual([]);
    expect((used.user + used.system) / 1000).toBeLessThan(60_000);
  });

  it.each([
    ['a string', 'pg'],
    ['an array', []],
    ['an unknown key', { pools: true }],
    ['a bad resource', { resources: [{ module: '', acquire: 3 }] }],
    ['a resource on a strange path', { resources: [{ module: './weird/../db', acquire: 'a.b.c', release: ['release'] }] }],
    ['queries on a class method', { queries: [{ module: 'pg', functions: ['Pool#query', 'x'] }], batched: [{ module: '@acme/loader', functions: ['load'] }], maxPoolSize: 1 }],
  ])('settings.poolguard as %s: no rule throws', (_name, value) => {
    for (const [fileName, code] of untypedSnippets) {
      const messages = lintUntyped(fileName, code, { poolguard: value });
      expect(problemsOf(messages), fileName).toEqual([]);
    }
  });
});

describe('typed (projectService) and the CLI', () => {
  let directory = '';

  beforeAll(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-robustness-'));
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(directory, 'node_modules'), 'dir');
    fs.writeFileSync(
      path.join(directory, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022',
          lib: ['es2023', 'esnext.disposable', 'dom'],
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          allowJs: true,
          checkJs: false,
          jsx: 'preserve',
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        include: ['src'],
      }),
    );
    fs.mkdirSync(path.join(directory, 'src'));
    for (const [fileName, code] of untypedSnippets) fs.writeFileSync(path.join(directory, 'src', fileName), code);
    fs.writeFileSync(path.join(directory, 'src', 'large.ts'), generateHugeFile(1000));
  });

  afterAll(() => {
    if (directory) fs.rmSync(directory, { recursive: true, force: true });
  });

  it('lints every file with type information without a rule throwing', async () => {
    const eslint = new ESLint({
      cwd: directory,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.{ts,tsx,js,jsx}'],
          languageOptions: {
            parser: tseslint.parser,
            parserOptions: { projectService: true, tsconfigRootDir: directory, ecmaFeatures: { jsx: true } },
          },
          plugins: { poolguard: poolguardPlugin },
          rules: allRules,
        },
      ],
    });
    const results = await eslint.lintFiles(['src']);
    expect(results.length).toBe(untypedSnippets.length + 1);
    for (const result of results) expect(problemsOf(result.messages), result.filePath).toEqual([]);
  });

  it('scans the same files with the CLI without an internal error', async () => {
    const result = await runCli(['scan', directory, '--format', 'json']);
    expect(result.stderr).not.toMatch(/internal error/);
    expect([0, 1]).toContain(result.exitCode);
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
  });

  it('scans a directory holding a file that does not parse', async () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-broken-'));
    try {
      fs.writeFileSync(path.join(broken, 'broken.ts'), "import { Pool } from 'pg';\nconst = new Pool(;\nexport async function (\n");
      fs.writeFileSync(path.join(broken, 'half.js'), 'function f( {\n  return [1, 2\n');
      fs.writeFileSync(
        path.join(broken, 'service.ts'),
        "import { Pool } from 'pg';\nconst pool = new Pool({ max: 5, connectionTimeoutMillis: 1000 });\nexport async function f() {\n  const { rows } = await pool.query('SELECT 1');\n  return rows;\n}\n",
      );
      for (const format of ['json', 'text']) {
        const result = await runCli(['scan', broken, '--format', format]);
        expect(result.stderr).not.toMatch(/internal error/);
        expect([0, 1]).toContain(result.exitCode);
      }
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });
});
