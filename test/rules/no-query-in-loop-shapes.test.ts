/**
 * no-query-in-loop on the shapes real code takes: caches in front of the query, guards the call site does not
 * pass, chunked iteration, small constant collections. Each shape has its hard negative.
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import type { QueryInLoopMessageId } from '../../src/analysis/queries/no-query-in-loop.js';

import rule from '../../rules/no-query-in-loop.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../helpers/rule-testers.js';

const pg = `import { Pool } from 'pg';
const pool = new Pool();
`;

const valid: ValidTestCase<[]>[] = [
  {
    name: 'a script cut into statements, each run in turn (the element is the SQL itself)',
    code: `${pg}export async function runScript(script: string) {
  const statements = script.split(';').map((part) => part.trim()).filter(Boolean);
  const counts: number[] = [];
  for (const statement of statements) {
    const result = await pool.query(statement);
    counts.push(result.rowCount ?? 0);
  }
  return counts;
}`,
  },
  {
    name: 'a while loop taking chunks with splice(0, n)',
    code: `${pg}const CHUNK = 500;
export async function insertAll(rows: string[]) {
  while (rows.length) {
    const part = rows.splice(0, CHUNK);
    await pool.query('INSERT INTO t SELECT unnest($1::text[])', [part]);
  }
}`,
  },
  {
    name: 'numbered chunks: for (const [i, batch] of batches.entries())',
    code: `${pg}declare function chunk<T>(items: T[], size: number): T[][];
export async function purge(ids: number[]) {
  const batches = chunk(ids, 500);
  for (const [index, batch] of batches.entries()) {
    await pool.query('DELETE FROM links WHERE id = ANY($1)', [batch]);
    console.log('batch', index);
  }
}`,
  },
  {
    name: 'a fan-out over a constant number of slots',
    code: `${pg}export async function seed(teamId: number) {
  await Promise.all([...Array(5)].map(() => pool.query('INSERT INTO searches (team_id) VALUES ($1)', [teamId])));
  for (const _ of Array.from({ length: 3 })) await pool.query('INSERT INTO pings (team_id) VALUES ($1)', [teamId]);
}`,
  },
  {
    name: 'a retry loop bounded by one of two constants',
    code: `${pg}const MAX_ATTEMPTS = 3;
export async function claimCode(shouldRetry: boolean) {
  for (let attempt = 0; attempt < (shouldRetry ? MAX_ATTEMPTS : 1); attempt++) {
    const { rowCount } = await pool.query('INSERT INTO codes (code) VALUES ($1) ON CONFLICT DO NOTHING', [Math.random().toString(36)]);
    if (rowCount) return true;
  }
  return false;
}`,
  },
  {
    name: 'a helper that returns a knex builder the loop keeps building is not run per element',
    code: `import knex, { Knex } from 'knex';
const db = knex({ client: 'pg', connection: 'postgres://localhost/app' });
function forProject(query: Knex.QueryBuilder, project: string) {
  return query.where({ project });
}
export async function events(filters: { project: string }[]) {
  let query = db('events').select('*');
  filters.forEach((filter) => {
    query = forProject(query, filter.project);
  });
  return query;
}`,
  },
  {
    name: 'the awaited results of a fan-out over a constant list are as many as the list',
    code: `${pg}export async function seedPlans(accountId: number) {
  const tiers = ['free', 'team', 'enterprise'];
  const plans = await Promise.all(tiers.map((tier) => pool.query('INSERT INTO plans (tier) VALUES ($1) RETURNING id', [tier])));
  for (const plan of plans) {
    await pool.query('INSERT INTO subscriptions (account_id, plan_id) VALUES ($1, $2)', [accountId, plan.rows[0].id]);
  }
}`,
  },
  {
    name: 'an index loop over a constant list of table names',
    code: `${pg}export async function truncateAll() {
  const tables = ['sessions', 'events', 'links'];
  for (let i = 0; i < tables.length; i++) {
    await pool.query('DELETE FROM audit WHERE table_name = $1', [tables[i]]);
  }
}`,
  },
  {
    name: 'a loop over every combination of constant flags, built by a local helper',
    code: `${pg}function combine<T>(...lists: T[][]): T[][] {
  return lists.reduce<T[][]>((rows, list) => rows.flatMap((row) => list.map((item) => [...row, item])), [[]]);
}
export async function seedFlags(project: string) {
  for (const [stale, archived] of combine([false, true], [false, true])) {
    await pool.query('INSERT INTO flags (project, stale, archived) VALUES ($1, $2, $3)', [project, stale, archived]);
  }
}`,
  },
  {
    name: 'fixed demo ids: a constant object spread with a helper that always returns two ids',
    code: `${pg}const DEMO_TABLES = { events: 'demo-events', users: 'demo-users' };
function oldDemoIds(org: string) {
  return ['demo-events-' + org, 'demo-users-' + org];
}
export async function dropDemo(org: string) {
  for (const id of [...Object.values(DEMO_TABLES), ...oldDemoIds(org)]) {
    await pool.query('DELETE FROM tables WHERE id = $1', [id]);
  }
}`,
  },
  {
    name: 'entries() of a constant array is constant',
    code: `${pg}export async function stages(feature: string) {
  const names = ['pre-live', 'live', 'completed'];
  for (const [index, stage] of names.entries()) {
    await pool.query('INSERT INTO stages (feature, stage, position) VALUES ($1, $2, $3)', [feature, stage, index]);
  }
}`,
  },
  {
    name: 'an in-memory getter written as an arrow property is not an association accessor',
    code: `import { Model } from 'sequelize';
class Member extends Model {
  declare flags: Record<string, number> | null;
  public getFlag = (flag: string) => this.flags?.[flag] ?? 0;
}
export async function reminders() {
  const due = [];
  for (const member of await Member.findAll()) {
    if (member.getFlag('reminded') === 0) due.push(member);
  }
  return due;
}`,
  },
  {
    name: 'a get-prefixed name on a visible model that declares no such association',
    code: `import { Model } from 'sequelize';
class Member extends Model {
  declare settings: Record<string, unknown>;
}
export async function themes() {
  const out = [];
  for (const member of await Member.findAll()) out.push((member as any).getTheme());
  return out;
}`,
  },
  {
    name: 'memoised through a Map declared before the loop',
    code: `${pg}export async function owners(ids: number[]) {
  const cache = new Map<number, unknown>();
  const out = [];
  for (const id of ids) {
    if (!cache.has(id)) cache.set(id, (await pool.query('SELECT * FROM owners WHERE id = $1', [id])).rows[0]);
    out.push(cache.get(id));
  }
  return out;
}`,
  },
  {
    name: 'memoised with an early return in a helper that keeps its cache in a field',
    code: `${pg}export class Owners {
  private readonly cache = new Map<number, unknown>();
  async get(id: number) {
    if (this.cache.has(id)) return this.cache.get(id);
    const { rows } = await pool.query('SELECT * FROM owners WHERE id = $1', [id]);
    this.cache.set(id, rows[0]);
    return rows[0];
  }
  async all(ids: number[]) {
    const out = [];
    for (const id of ids) out.push(await this.get(id));
    return out;
  }
}`,
  },
  {
    name: 'memoised through a variable read from the cache',
    code: `${pg}export async function products(variants: { productId: number }[]) {
  const byId = new Map<number, unknown>();
  for (const variant of variants) {
    let product = byId.get(variant.productId);
    if (!product) {
      product = (await pool.query('SELECT * FROM products WHERE id = $1', [variant.productId])).rows[0];
      byId.set(variant.productId, product);
    }
  }
}`,
  },
  {
    name: 'a cache-miss callback runs the query only on a miss',
    code: `${pg}declare const requestCache: { get<T>(key: string, load: () => Promise<T>): Promise<T> };
async function settings() {
  return requestCache.get('settings', async () => (await pool.query('SELECT * FROM settings')).rows[0]);
}
export async function limits(lines: { quantity: number }[]) {
  for (const line of lines) {
    const { maxQuantity } = await settings();
    if (line.quantity > maxQuantity) return false;
  }
  return true;
}`,
  },
  {
    name: 'a query behind an optional parameter this call site does not pass',
    code: `${pg}async function internalId(externalId: string, idMap: Record<string, string>, teamId?: string) {
  let id = idMap[externalId];
  if (!id && teamId) {
    id = (await pool.query('SELECT id FROM docs WHERE team = $1 AND ext = $2', [teamId, externalId])).rows[0]?.id;
  }
  return id ?? externalId;
}
export async function remap(inputs: { externalId: string }[], idMap: Record<string, string>) {
  const out = [];
  for (const input of inputs) out.push(await internalId(input.externalId, idMap));
  return out;
}`,
  },
  {
    name: 'a query behind an option flag, through a helper called with options that lack it',
    code: `${pg}async function toJson(doc: { id: number }, options?: { signedUrls?: number; teamId?: string }) {
  if (options?.signedUrls && options.teamId) {
    await pool.query('SELECT * FROM attachments WHERE doc = $1', [doc.id]);
  }
  return { ...doc };
}
async function present(doc: { id: number }) {
  return toJson(doc, { teamId: 't' });
}
export async function presentAll(docs: { id: number }[]) {
  return Promise.all(docs.map((doc) => present(doc)));
}`,
  },
  {
    name: 'a query behind a length check of a list this call site passes empty',
    code: `${pg}async function filesOf(id: number, names?: string[]) {
  if (names?.length) {
    return (await pool.query('SELECT * FROM files WHERE app = $1 AND name = ANY($2)', [id, names])).rows;
  }
  return [];
}
export async function syncAll(ids: number[]) {
  for (const id of ids) await filesOf(id, []);
}`,
  },
  {
    name: 'a query behind an early return on a missing option',
    code: `${pg}async function sign(doc: { id: number }, options?: { signedUrls?: boolean }) {
  if (!options?.signedUrls) return doc;
  await pool.query('SELECT * FROM attachments WHERE doc = $1', [doc.id]);
  return doc;
}
export async function presentAll(docs: { id: number }[]) {
  return Promise.all(docs.map((doc) => sign(doc)));
}`,
  },
  {
    name: 'a loop over chunks deleting WHERE id = ANY(batch)',
    code: `${pg}declare function chunk<T>(items: T[], size: number): T[][];
export async function purge(ids: number[]) {
  const groups = chunk(ids, 10);
  for (let i = 0; i < groups.length; i++) {
    await pool.query('DELETE FROM docs WHERE id = ANY($1)', [groups[i]]);
  }
}`,
  },
  {
    name: 'a fan-out over chunks',
    code: `${pg}declare function chunk<T>(items: T[], size: number): T[][];
export async function insertAll(rows: string[]) {
  await Promise.all(chunk(rows, 1000).map((part) => pool.query('INSERT INTO t SELECT unnest($1::text[])', [part])));
}`,
  },
  {
    name: 'the flagged call is itself a bulk write',
    code: `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
export async function importAll(users: { id: string; tags: string[] }[]) {
  for (const user of users) {
    await client.db('app').collection('tags').insertMany(user.tags.map((name) => ({ userId: user.id, name })));
  }
}`,
  },
  {
    name: 'a subset of a module-level constant array',
    code: `${pg}const KINDS = ['draft', 'published', 'archived'] as const;
export async function counts(skip: string) {
  const out: Record<string, number> = {};
  for (const kind of KINDS.filter((candidate) => candidate !== skip)) {
    out[kind] = (await pool.query('SELECT count(*) FROM docs WHERE kind = $1', [kind])).rows[0].count;
  }
  return out;
}`,
  },
  {
    name: 'unique() of two known values',
    code: `${pg}declare function unique<T>(items: T[]): T[];
export async function channels(defaultChannel: string, current: string) {
  for (const channel of unique([defaultChannel, current])) {
    await pool.query('INSERT INTO seen (channel) VALUES ($1)', [channel]);
  }
}`,
  },
];

const invalid: InvalidTestCase<QueryInLoopMessageId, []>[] = [
  {
    // Each right-hand side mentions the variable again: resolving it must not restart the walk per mention.
    name: 'a list narrowed by sixteen reassignments (rows = rows.filter(…)), then a query per row',
    code: `${pg}type Row = Record<string, string>;
export async function narrow(all: Row[], filter: Row) {
  let rows = all;
  if (filter.f0) rows = rows.filter((row) => row.f0 === filter.f0);\n  if (filter.f1) rows = rows.filter((row) => row.f1 === filter.f1);\n  if (filter.f2) rows = rows.filter((row) => row.f2 === filter.f2);\n  if (filter.f3) rows = rows.filter((row) => row.f3 === filter.f3);\n  if (filter.f4) rows = rows.filter((row) => row.f4 === filter.f4);\n  if (filter.f5) rows = rows.filter((row) => row.f5 === filter.f5);\n  if (filter.f6) rows = rows.filter((row) => row.f6 === filter.f6);\n  if (filter.f7) rows = rows.filter((row) => row.f7 === filter.f7);\n  if (filter.f8) rows = rows.filter((row) => row.f8 === filter.f8);\n  if (filter.f9) rows = rows.filter((row) => row.f9 === filter.f9);\n  if (filter.f10) rows = rows.filter((row) => row.f10 === filter.f10);\n  if (filter.f11) rows = rows.filter((row) => row.f11 === filter.f11);\n  if (filter.f12) rows = rows.filter((row) => row.f12 === filter.f12);\n  if (filter.f13) rows = rows.filter((row) => row.f13 === filter.f13);\n  if (filter.f14) rows = rows.filter((row) => row.f14 === filter.f14);\n  if (filter.f15) rows = rows.filter((row) => row.f15 === filter.f15);
  for (const row of rows) await pool.query('DELETE FROM t WHERE id = $1', [row.id]);
}`,
    errors: [{ messageId: 'queryInLoop' }],
  },
  {
    name: 'the same length check, with a non-empty list passed',
    code: `${pg}async function filesOf(id: number, names?: string[]) {
  if (names?.length) {
    return (await pool.query('SELECT * FROM files WHERE app = $1 AND name = ANY($2)', [id, names])).rows;
  }
  return [];
}
export async function syncAll(ids: number[]) {
  for (const id of ids) await filesOf(id, ['a.pdf']);
}`,
    errors: [{ messageId: 'queryInLoop' }],
  },
  {
    name: 'names cut out of one string, each looked up with the same statement (hard negative of the script)',
    code: `${pg}export async function lookUp(csv: string) {
  const found = [];
  for (const name of csv.split(',')) {
    found.push(await pool.query('SELECT id FROM users WHERE name = $1', [name]));
  }
  return found;
}`,
    errors: [{ messageId: 'queryInLoop', line: 6 }],
  },
  {
    name: 'a while loop taking one element with splice(0, 1)',
    code: `${pg}export async function insertAll(rows: string[]) {
  while (rows.length) {
    const [row] = rows.splice(0, 1);
    await pool.query('INSERT INTO t (v) VALUES ($1)', [row]);
  }
}`,
    errors: [{ messageId: 'queryInLoop', line: 6 }],
  },
  {
    name: 'a fan-out over a data-sized array',
    code: `${pg}export async function seed(teamId: number, count: number) {
  await Promise.all([...Array(count)].map(() => pool.query('INSERT INTO searches (team_id) VALUES ($1)', [teamId])));
}`,
    errors: [{ messageId: 'queryInFanOut', line: 4 }],
  },
  {
    name: 'a const array filled from data is no constant collection',
    code: `${pg}export async function copyAll(rows: { id: number }[]) {
  const items: number[] = [];
  for (const row of rows) items.push(row.id);
  for (const [index, id] of items.entries()) {
    await pool.query('INSERT INTO copies (id, position) VALUES ($1, $2)', [id, index]);
  }
}`,
    errors: [{ messageId: 'queryInLoop', line: 7 }],
  },
  {
    name: 'the awaited results of a fan-out over data are data too',
    code: `${pg}export async function copyPlans(accountId: number, tiers: string[]) {
  const plans = await Promise.all(tiers.map((tier) => pool.query('SELECT id FROM plans WHERE tier = $1', [tier])));
  for (const plan of plans) {
    await pool.query('INSERT INTO subscriptions (account_id, plan_id) VALUES ($1, $2)', [accountId, plan.rows[0].id]);
  }
}`,
    errors: [{ messageId: 'queryInFanOut', line: 4 }, { messageId: 'queryInLoop', line: 6 }],
  },
  {
    name: 'Promise.race over a constant list settles to one value, which may hold anything',
    code: `${pg}export async function fastest(regions: { id: number }[]) {
  const mirrors = ['eu', 'us'];
  const rows = await Promise.race(mirrors.map(async () => regions));
  for (const row of rows) {
    await pool.query('UPDATE regions SET seen = now() WHERE id = $1', [row.id]);
  }
}`,
    errors: [{ messageId: 'queryInLoop', line: 7 }],
  },
  {
    name: 'an index loop over a list filled from data after a constant start',
    code: `${pg}export async function truncateAll(extra: string[]) {
  const tables = ['sessions'];
  for (const name of extra) tables.push(name);
  for (let i = 0; i < tables.length; i++) {
    await pool.query('DELETE FROM audit WHERE table_name = $1', [tables[i]]);
  }
}`,
    errors: [{ messageId: 'queryInLoop', line: 7 }],
  },
  {
    name: 'a helper given constant arguments that reads a module-level cache returns data',
    code: `${pg}const rowsByKind = new Map<string, { id: number }[]>();
export function remember(kind: string, rows: { id: number }[]) { rowsByKind.set(kind, rows); }
function rowsOf(kinds: string[]) {
  return kinds.flatMap((kind) => rowsByKind.get(kind) ?? []);
}
export async function touchAll() {
  for (const row of rowsOf(['user', 'team'])) {
    await pool.query('UPDATE things SET seen = now() WHERE id = $1', [row.id]);
  }
}`,
    errors: [{ messageId: 'queryInLoop', line: 10 }],
  },
  {
    name: 'a helper that returns a list built from its argument is data',
    code: `${pg}const DEMO_TABLES = { events: 'demo-events', users: 'demo-users' };
function oldDemoIds(orgs: string) {
  if (!orgs) return [];
  return orgs.split(',').map((org) => 'demo-events-' + org);
}
export async function dropDemo(orgs: string) {
  for (const id of [...Object.values(DEMO_TABLES), ...oldDemoIds(orgs)]) {
    await pool.query('DELETE FROM tables WHERE id = $1', [id]);
  }
}`,
    errors: [{ messageId: 'queryInLoop', line: 10 }],
  },
  {
    name: 'a property named chunks holds data, not batches',
    code: `${pg}export async function storeChunks(response: { chunks: { text: string }[] }) {
  await Promise.all(response.chunks.map((chunk) => pool.query('INSERT INTO chunks (text) VALUES ($1)', [chunk.text])));
}`,
    errors: [{ messageId: 'queryInFanOut', line: 4 }],
  },
  {
    name: 'a seen-set that skips duplicates still queries once per distinct element',
    code: `${pg}export async function notifyMentions(mentions: { userId: number }[]) {
  const seen = new Set<number>();
  for (const mention of mentions) {
    if (seen.has(mention.userId)) continue;
    seen.add(mention.userId);
    await pool.query('INSERT INTO notifications (user_id) VALUES ($1)', [mention.userId]);
  }
}`,
    errors: [{ messageId: 'queryInLoop', line: 8 }],
  },
  {
    name: 'a helper that returns a knex builder, awaited once per element',
    code: `import knex from 'knex';
const db = knex({ client: 'pg', connection: 'postgres://localhost/app' });
function byName(name: string) {
  return db('features').where({ name }).first();
}
export async function load(names: string[]) {
  const out = [];
  for (const name of names) out.push(await byName(name));
  return out;
}`,
    errors: [{ messageId: 'queryInLoop', line: 8 }],
  },
  {
    name: 'an accessor of an association declared with a decorator',
    code: `import { Model } from 'sequelize';
declare function HasMany(target: () => unknown): PropertyDecorator;
class Post extends Model {}
class Author extends Model {
  @HasMany(() => Post)
  declare posts: Post[];
}
export async function postsOf(ids: string[]) {
  const out = [];
  for (const id of ids) {
    const author = await Author.findByPk(id);
    if (author) out.push(await (author as any).getPosts());
  }
  return out;
}`,
    errors: [{ messageId: 'queryInLoop', line: 11 }],
  },
  {
    name: 'an accessor of an association declared with hasMany(…, { as })',
    code: `import { Model } from 'sequelize';
class Comment extends Model {}
class Article extends Model {}
Article.hasMany(Comment, { as: 'replies' });
export async function repliesOf(articles: Article[]) {
  const out = [];
  for (const article of await Article.findAll()) out.push(await (article as any).getReplies());
  return out;
}`,
    errors: [{ messageId: 'queryInLoop', line: 7 }],
  },
  {
    name: 'a static model method calling this.create per element',
    code: `import { Model } from 'sequelize';
export class Tag extends Model {
  static async addAll(names: string[]) {
    for (const name of names) await this.create({ name });
  }
}`,
    errors: [{ messageId: 'queryInLoop', line: 4 }],
  },
  {
    name: 'a custom query method of a model subclass called per element',
    code: `import { Model } from 'sequelize';
export class Doc extends Model {
  async saveWithCtx(ctx: { transaction?: unknown }) {
    return this.save({ transaction: ctx.transaction as any });
  }
}
declare function lookup(id: string): Doc;
export async function touchAll(ids: string[], ctx: { transaction?: unknown }) {
  for (const id of ids) {
    const doc: Doc = lookup(id);
    await doc.saveWithCtx(ctx);
  }
}`,
    errors: [{ messageId: 'queryInLoop', line: 11 }],
  },
  {
    name: 'a cache cleared every iteration is no cache',
    code: `${pg}export async function owners(ids: number[]) {
  const cache = new Map<number, unknown>();
  for (const id of ids) {
    cache.clear();
    if (!cache.has(id)) cache.set(id, (await pool.query('SELECT * FROM owners WHERE id = $1', [id])).rows[0]);
  }
}`,
    errors: [{ messageId: 'queryInLoop', line: 7 }],
  },
  {
    name: 'a cache created inside the loop is no cache',
    code: `${pg}export async function owners(ids: number[]) {
  for (const id of ids) {
    const cache = new Map<number, unknown>();
    if (!cache.has(id)) cache.set(id, (await pool.query('SELECT * FROM owners WHERE id = $1', [id])).rows[0]);
  }
}`,
    errors: [{ messageId: 'queryInLoop', line: 6 }],
  },
  {
    name: 'a set that is never filled filters, it does not cache',
    code: `${pg}export async function notify(ids: number[], muted: Set<number>) {
  for (const id of ids) {
    if (!muted.has(id)) await pool.query('INSERT INTO notifications (user_id) VALUES ($1)', [id]);
  }
}`,
    errors: [{ messageId: 'queryInLoop', line: 5 }],
  },
  {
    name: 'a guard that is always true at the call',
    code: `${pg}async function internalId(externalId: string, idMap: Record<string, string>, teamId?: string) {
  let id = idMap[externalId];
  if (!id && teamId) {
    id = (await pool.query('SELECT id FROM docs WHERE team = $1 AND ext = $2', [teamId, externalId])).rows[0]?.id;
  }
  return id ?? externalId;
}
export async function remap(inputs: { externalId: string }[], idMap: Record<string, string>, teamId: string) {
  const out = [];
  for (const input of inputs) out.push(await internalId(input.externalId, idMap, teamId));
  return out;
}`,
    errors: [{ messageId: 'queryInLoop', line: 12 }],
  },
  {
    name: 'an option flag the call site sets',
    code: `${pg}async function sign(doc: { id: number }, options?: { signedUrls?: boolean }) {
  if (!options?.signedUrls) return doc;
  await pool.query('SELECT * FROM attachments WHERE doc = $1', [doc.id]);
  return doc;
}
export async function presentAll(docs: { id: number }[]) {
  return Promise.all(docs.map((doc) => sign(doc, { signedUrls: true })));
}`,
    errors: [{ messageId: 'queryInFanOut', line: 9 }],
  },
  {
    name: 'a chunk size of 1 is one element per iteration',
    code: `${pg}declare function chunk<T>(items: T[], size: number): T[][];
export async function purge(ids: number[]) {
  for (const one of chunk(ids, 1)) {
    await pool.query('DELETE FROM docs WHERE id = ANY($1)', [one]);
  }
}`,
    errors: [{ messageId: 'queryInLoop', line: 6 }],
  },
  {
    name: 'a constant-looking let reassigned from the database',
    code: `${pg}export async function copyTables() {
  let TABLES = ['users', 'posts'];
  TABLES = (await pool.query('SELECT name FROM tables')).rows.map((row) => row.name);
  for (const table of TABLES) {
    await pool.query('INSERT INTO copies (name) VALUES ($1)', [table]);
  }
}`,
    errors: [{ messageId: 'queryInLoop', line: 7 }],
  },
];

createUntypedRuleTester().run('no-query-in-loop shapes (untyped)', rule, { valid, invalid });

// Typed, a record whose type is lost (`as any`, a library without types installed) still has a visible model class.
createTypedRuleTester().run('no-query-in-loop shapes (typed)', rule, {
  valid: [
    {
      name: 'typed: an in-memory getter on a record whose type is lost',
      filename: 'file.ts',
      code: `import { Model } from 'sequelize';
class Member extends Model {
  declare flags: Record<string, number> | null;
  public getFlag = (flag: string) => this.flags?.[flag] ?? 0;
}
export async function reminders() {
  const members: any[] = await Member.findAll();
  const due = [];
  for (const member of members) {
    if (member.getFlag('reminded') === 0) due.push(member);
  }
  return due;
}`,
    },
  ],
  invalid: [
    {
      name: 'typed: a static model method calling this.findByPk per element',
      filename: 'file.ts',
      code: `import { Model } from 'sequelize';
export class Team extends Model {
  static async loadAll(ids: string[]) {
    const out = [];
    for (const id of ids) out.push(await this.findByPk(id));
    return out;
  }
}`,
      errors: [{ messageId: 'queryInLoop', line: 5 }],
    },
  ],
});
