/**
 * The typed shortcuts that answer from declarations instead of the checker's inferred types (resolve.ts
 * mayFollowMember and the declared-return-type check, records' and query sites' cannotHoldKind and
 * getMemberDeclarations) give the answer the full path gives: each case is asked twice, in two programs of the same
 * files, once as the analyses ask it and once with those shortcuts answering "unsure", so every question takes the
 * full path. A case the shortcut covers must also see it taken, or the comparison proves nothing.
 */
import ts from 'typescript';
import { expect, test, vi } from 'vitest';

import type { AnalysisContext, TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getRecord } from '../../src/analysis/core/records.js';
import { resolveExpression } from '../../src/analysis/core/resolve.js';
import { getQuerySite } from '../../src/analysis/queries/query-sites.js';
import { createProbeProgram } from '../helpers/probe-program.js';

const shortcuts = vi.hoisted(() => ({ on: true, taken: 0 }));

// Mocks a module every analysis imports: vitest.config.ts runs this file in its own process.
vi.mock('../../src/analysis/core/call-return-types.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/analysis/core/call-return-types.js')>();
  return {
    ...actual,
    getMemberDeclarations: (...args: Parameters<typeof actual.getMemberDeclarations>) => {
      if (!shortcuts.on) return undefined;
      const known = actual.getMemberDeclarations(...args);
      if (known) shortcuts.taken++;
      return known;
    },
    cannotHoldKind: (...args: Parameters<typeof actual.cannotHoldKind>) => {
      if (!shortcuts.on) return false;
      const cannot = actual.cannotHoldKind(...args);
      if (cannot) shortcuts.taken++;
      return cannot;
    },
  };
});

const typescript = ts as unknown as TypeScript;

const pgTypes = `
export interface QueryResult<R> { rows: R[]; rowCount: number; }
export declare class PoolClient { query(text: string): Promise<QueryResult<any>>; release(): void; }
export declare class Pool {
  constructor(config?: { max?: number });
  connect(): Promise<PoolClient>;
  query(text: string, values?: unknown[]): Promise<QueryResult<any>>;
}
export interface Holder { client: PoolClient; label: string; }
export declare function getHolder(): Holder;
`;

const sequelizeTypes = `
export declare class Model {
  save(): Promise<this>;
  reload(): Promise<this>;
  getDataValue(key: string): unknown;
}
export type HasManyGetAssociationsMixin<T> = (options?: object) => Promise<T[]>;
`;

type Ask = (argument: ts.Expression, context: AnalysisContext) => string;

/** The answer to `ask` about the `probe(…)` argument of `code`, with the shortcuts on or off, and whether one was taken. */
function answer(code: string, ask: Ask, on: boolean, files: Record<string, string> = {}): { answer: string; taken: number } {
  shortcuts.on = on;
  shortcuts.taken = 0;
  try {
    const { argument, context } = createProbeProgram({
      '/app/node_modules/pg/index.d.ts': pgTypes,
      '/app/node_modules/sequelize/index.d.ts': sequelizeTypes,
      ...files,
      '/app/src/probe.ts': `import { Pool, PoolClient, getHolder } from 'pg';\nimport { Model, HasManyGetAssociationsMixin } from 'sequelize';\ndeclare function probe(value: unknown): void;\n${code}`,
    }, '/app/src/probe.ts', { moduleResolution: typescript.ModuleResolutionKind.Node10 });
    return { answer: ask(argument, context), taken: shortcuts.taken };
  } finally {
    shortcuts.on = true;
  }
}

const resolved: Ask = (argument, context) => {
  const found = resolveExpression(argument, context);
  return found ? `${found.type} ${found.library.name} ${found.name}` : 'none';
};

const record: Ask = (argument, context) => {
  const found = getRecord(argument, context);
  return found ? `${found.library.name} ${found.name}` : 'none';
};

const querySite: Ask = (argument, context) => {
  const found = getQuerySite(argument, context);
  return found ? `${found.library.name} ${found.description}${found.oneRecord ? ' one record' : ''}` : 'none';
};

/** The answer with the shortcuts, after checking it is the full path's; `taken`: whether a shortcut must have decided. */
function expectSameAnswer(code: string, ask: Ask, taken: boolean, files?: Record<string, string>): string {
  const full = answer(code, ask, false, files);
  const quick = answer(code, ask, true, files);
  expect(quick.answer).toBe(full.answer);
  expect(full.taken).toBe(0);
  if (taken) expect(quick.taken).toBeGreaterThan(0);
  return quick.answer;
}

/** A package whose declarations name pg's class itself. */
const kit = { '/app/node_modules/db-kit/index.d.ts': "import { Pool } from 'pg';\nexport interface Kit { Pool: typeof Pool; name: string }\nexport declare function getKit(): Kit;\n" };

/** Modules the probes import: a model module (read through `typeof import`) and a cache whose loose property its own file assigns. */
const modules = {
  '/app/src/models.ts': "import { Model } from 'sequelize';\nexport class User extends Model {}\nexport const count = 1;\n",
  '/app/src/cache.ts': "import { Pool } from 'pg';\nexport interface Cache { db?: unknown }\ndeclare const shared: Cache;\nshared.db = new Pool();\nexport function getCache(): Cache { return shared; }\n",
};

test('resolution skips a member none of whose declarations leads anywhere, as the full path finds', () => {
  expect(expectSameAnswer('declare function index(): Map<number, number>; function f() { const byId = index(); return probe(byId.get); }', resolved, true)).toBe('none');
  expect(expectSameAnswer("async function f(pool: Pool) { const result = await pool.query('x'); return probe(result.rows); }", resolved, true)).toBe('none');
  expect(expectSameAnswer('function f() { const holder = getHolder(); return probe(holder.label); }', resolved, true)).toBe('none');
  expect(expectSameAnswer("declare function load(): typeof import('./models'); function f() { return probe(load().count); }", resolved, true, modules)).toBe('none');
});

test('a declaration file\'s property whose written type resolves is followed', () => {
  expect(expectSameAnswer('function f() { const holder = getHolder(); return probe(holder.client); }', resolved, true)).toBe('object pg PoolClient');
  // `typeof Pool` names the class itself, which its type (read as a `Pool` object) would not say.
  expect(expectSameAnswer("import { getKit } from 'db-kit'; function f() { const kit = getKit(); return probe(kit.Pool); }", resolved, true, kit)).toBe('value pg Pool');
});

test('a member that may be a method or a followed declaration is followed', () => {
  const either = "import { Kit } from 'db-kit'; declare function either(): Kit | { Pool(): number };";
  expect(expectSameAnswer(`${either} function f() { const kit = either(); return probe(kit.Pool); }`, resolved, true, kit)).toBe('value pg Pool');
});

test('every kind of member declaration resolution follows is followed', () => {
  // Each value is hidden from the checker (`as unknown`, or `typeof Pool`, which it reads as a `Pool` object), so only
  // following the declaration finds it: a field's initializer, a parameter property's written type, a getter's
  // return, a property assignment, a shorthand's variable.
  const follow = (declarations: string, made: string, member: string): string =>
    expectSameAnswer(`${declarations} function f() { const made = ${made}; return probe(made.${member}); }`, resolved, true);
  expect(follow('class Repo { pool = new Pool() as unknown; }', 'new Repo()', 'pool')).toBe('object pg Pool');
  expect(follow('class Repo { constructor(readonly poolClass: typeof Pool) {} }', 'new Repo(Pool)', 'poolClass')).toBe('value pg Pool');
  expect(follow('class Repo { get pool(): unknown { return new Pool(); } }', 'new Repo()', 'pool')).toBe('object pg Pool');
  expect(follow('function make() { return { pool: new Pool() as unknown }; }', 'make()', 'pool')).toBe('object pg Pool');
  expect(follow('const pool = new Pool() as unknown; function make() { return { pool }; }', 'make()', 'pool')).toBe('object pg Pool');
  // A class of a module (extending a library class), and a project interface's loose property its file assigns.
  expect(expectSameAnswer("declare function load(): typeof import('./models'); function f() { const models = load(); return probe(models.User); }", resolved, true, modules)).toBe('value sequelize User');
  expect(expectSameAnswer("import { getCache } from './cache'; function f() { const cache = getCache(); return probe(cache.db); }", resolved, true, modules)).toBe('object pg Pool');
});

test('a method call\'s declared return type: skipped when no candidate method resolves, followed when one does', () => {
  expect(expectSameAnswer("function f() { const id = String(1); return probe(id.split(',')); }", resolved, true)).toBe('none');
  const repo = 'interface Repo { client(): PoolClient; poolClass(): typeof Pool; } declare function getRepo(): Repo;';
  expect(expectSameAnswer(`${repo} function f() { const repo = getRepo(); return probe(repo.client()); }`, resolved, true)).toBe('object pg PoolClient');
  expect(expectSameAnswer(`${repo} function f() { const repo = getRepo(); return probe(repo.poolClass()); }`, resolved, true)).toBe('value pg Pool');
  expect(expectSameAnswer('class Repo { connect(): Promise<PoolClient>; connect() { return null as any; } } function f() { const repo = new Repo(); return probe(repo.connect()); }', resolved, true)).toBe('object pg PoolClient');
});

test('records: a value no type of which can be a record has none; a model instance keeps its kind', () => {
  expect(expectSameAnswer('declare function index(): Map<number, number>; function f() { const byId = index(); return probe(byId); }', record, true)).toBe('none');
  expect(expectSameAnswer("async function f(pool: Pool) { const result = await pool.query('x'); return probe(result.rows); }", record, true)).toBe('none');
  expect(expectSameAnswer('class User extends Model {} function f() { const user = new User(); return probe(user); }', record, false)).toBe('sequelize ModelInstance');
  expect(expectSameAnswer('class User extends Model {} declare function getUser(): User; function f() { const user = getUser(); return probe(user); }', record, false)).toBe('sequelize ModelInstance');
});

test('query sites: a method a library declares as a query is one, whatever type the receiver has; other methods are not', () => {
  const pool = 'declare function getPool(): Pool & { tag: string };';
  expect(expectSameAnswer(`${pool} async function f() { const p = getPool(); return probe(p.query('x')); }`, querySite, true)).toBe('pg p.query(…)');
  expect(expectSameAnswer(`${pool} async function f() { const p = getPool(); return probe(p.connect()); }`, querySite, true)).toBe('none');
  expect(expectSameAnswer('declare function index(): Map<number, number>; function f() { const byId = index(); return probe(byId.get(1)); }', querySite, true)).toBe('none');
});

test('query sites: a property typed by a library\'s query function type is one; a project method of that name is not', () => {
  const accessors = (member: string): string => `class Post extends Model {} interface Accessors { ${member} } declare function accessors(): Accessors; function f() { const a = accessors(); return probe(a.getPosts()); }`;
  expect(expectSameAnswer(accessors('getPosts: HasManyGetAssociationsMixin<Post>;'), querySite, true)).toBe('sequelize a.getPosts()');
  expect(expectSameAnswer(accessors('getPosts(): Promise<Post[]>;'), querySite, true)).toBe('none');
});

test('a record is not looked for in the type of a const object literal, unless its file may narrow the name', () => {
  const files = { '/app/src/registry.ts': 'export const registry = { load() { return 1; } };\nexport const models = { user: 1 };\n' };
  expect(answer("import { registry } from './registry';\nprobe(registry);", record, true, files).answer).toBe('none');
  // A type guard narrows `{ user: number }` to the model class, which holds such a property.
  expect(answer("import { models } from './registry';\nclass User extends Model { user = 1; }\ndeclare function isUser(value: unknown): value is User;\nif (isUser(models)) probe(models);", record, true, files).answer)
    .toBe('sequelize ModelInstance');
});
