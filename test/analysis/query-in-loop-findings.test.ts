/** no-query-in-loop's findings as data: one per loop with the other queries related, and advice that fits the calls. */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { createSingleFileProgram, getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { findQueriesInLoops } from '../../src/analysis/queries/no-query-in-loop.js';

const typescript = ts as unknown as TypeScript;

function scan(code: string) {
  const sourceFile = typescript.createSourceFile('probe.ts', code, typescript.ScriptTarget.Latest, true);
  const context = getAnalysisContext(typescript, createSingleFileProgram(typescript, sourceFile), false, {});
  return findQueriesInLoops(sourceFile, context).map((finding) => ({
    ...finding,
    line: sourceFile.getLineAndCharacterOfPosition(finding.start).line + 1,
    relatedLines: (finding.related ?? []).map((location) => sourceFile.getLineAndCharacterOfPosition(location.start).line + 1),
  }));
}

describe('one finding per loop', () => {
  it('names every query of a loop in one finding, reported at the first', () => {
    const findings = scan(`import { Pool } from 'pg';
const pool = new Pool();
export async function sync(accounts: { id: number }[]) {
  for (const account of accounts) {
    await pool.query('SELECT 1 FROM a WHERE id = $1', [account.id]);
    await pool.query('UPDATE a SET seen = now() WHERE id = $1', [account.id]);
    await pool.query('INSERT INTO log (id) VALUES ($1)', [account.id]);
  }
}`);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 5, relatedLines: [6, 7] });
    expect(String(findings[0]!.data.what)).toContain('and so do 2 other `pool.query(…)` calls');
  });

  it('keeps separate loops apart', () => {
    const findings = scan(`import { Pool } from 'pg';
const pool = new Pool();
export async function twice(ids: number[], names: string[]) {
  for (const id of ids) await pool.query('SELECT $1', [id]);
  for (const name of names) await pool.query('SELECT $1', [name]);
}`);
    expect(findings.map((finding) => finding.line)).toEqual([4, 5]);
  });

  it('merges the calls of one recursion: the recursive call and the loop that starts it', () => {
    const findings = scan(`import { Pool } from 'pg';
const pool = new Pool();
interface Node { id: number; children: Node[] }
async function copy(node: Node): Promise<void> {
  await pool.query('INSERT INTO copies (id) VALUES ($1)', [node.id]);
  for (const child of node.children) await copy(child);
}
export async function copyAll(roots: Node[]) {
  for (const root of roots) await copy(root);
}`);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 6 });
    expect(findings[0]!.relatedLines).toContain(9);
  });

  it('names a helper and a direct query of the same loop together, with the helper\'s query related', () => {
    const findings = scan(`import { Pool } from 'pg';
const pool = new Pool();
async function audit(id: number) {
  await pool.query('INSERT INTO audit (id) VALUES ($1)', [id]);
}
export async function touch(ids: number[]) {
  for (const id of ids) {
    await pool.query('UPDATE t SET at = now() WHERE id = $1', [id]);
    await audit(id);
  }
}`);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 8, relatedLines: [9, 4] });
    expect(String(findings[0]!.data.what)).toContain('and so does `audit()`');
  });
});

describe('advice that fits the call', () => {
  it('advises a bulk insert when every query of the loop creates a row', () => {
    const [finding] = scan(`import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function addTiers(planId: string, tiers: { name: string }[]) {
  for (const tier of tiers) await prisma.pricingTier.create({ data: { planId, name: tier.name } });
}`);
    expect(finding?.data.advice).toContain('createMany');
    expect(finding?.data.advice).not.toContain('findMany');
  });

  it('advises one statement for per-element updates and deletes, per library', () => {
    const [typeormUpdate] = scan(`import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function markDone(tasks: { id: number }[]) {
  for (const task of tasks) await dataSource.getRepository('Task').update({ id: task.id }, { done: true });
}`);
    expect(typeormUpdate?.data.advice).toContain('update({ id: In(ids) }, changes)');
    const [prismaDelete] = scan(`import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function removeAll(ids: string[]) {
  for (const id of ids) await prisma.session.delete({ where: { id } });
}`);
    expect(prismaDelete?.data.advice).toContain('deleteMany');
    expect(prismaDelete?.data.advice).not.toContain('findMany');
    // deleteMany and updateMany per element are deletes and updates too, also behind helpers of other kinds' names.
    const [prismaDeleteMany] = scan(`import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function dropMarketData(symbol: string) {
  return prisma.marketData.deleteMany({ where: { symbol } });
}
async function deleteProfile(id: string) {
  return prisma.symbolProfile.delete({ where: { id } });
}
export async function removeAll(profiles: { id: string; symbol: string }[]) {
  for (const { id, symbol } of profiles) {
    await dropMarketData(symbol);
    await deleteProfile(id);
  }
}`);
    expect(prismaDeleteMany?.data.advice).toContain('deleteMany({ where: { id: { in: ids } } })');
    const [prismaUpdateMany] = scan(`import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function archive(owners: string[]) {
  for (const owner of owners) await prisma.post.updateMany({ where: { owner }, data: { archived: true } });
}`);
    expect(prismaUpdateMany?.data.advice).toContain('one `updateMany({ where: { id: { in: ids } }, data })`');
  });

  it('advises one statement for updates and deletes of the rows a query returned', () => {
    const [update] = scan(`import { Model } from 'sequelize';
class Run extends Model {}
export async function requeue() {
  const runs = await Run.findAll({ where: { status: 'running' } });
  for (const run of runs) await run.update({ status: 'queued' });
}`);
    expect(update?.data.advice).toContain('Model.update(values, { where: { id: ids } })');
    const [destroy] = scan(`import { Model } from 'sequelize';
class Run extends Model {}
export async function purge() {
  const runs = await Run.findAll({ where: { status: 'failed' } });
  for (const run of runs) await run.destroy();
}`);
    expect(destroy?.data.advice).toContain('Model.destroy({ where: { id: ids } })');
  });

  it('does not name a call twice when two calls of the loop read the same', () => {
    const [finding] = scan(`import { Model } from 'sequelize';
class Run extends Model {}
export async function settle(flag: boolean) {
  const runs = await Run.findAll({ where: { status: 'running' } });
  for (const run of runs) {
    if (flag) await run.update({ status: 'queued' });
    else await run.update({ status: 'failed' });
  }
}`);
    expect(finding?.data.what).toBe('`run.update(…)` runs a query, and so does another `run.update(…)`,');
    expect(finding?.relatedLines).toEqual([7]);
  });

  it('does not advise createMany for Prisma upserts, which may have to update a row', () => {
    const [finding] = scan(`import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function sync(profiles: { symbol: string; name: string }[]) {
  for (const profile of profiles) {
    await prisma.symbolProfile.upsert({ where: { symbol: profile.symbol }, create: profile, update: { name: profile.name } });
  }
}`);
    expect(finding?.data.advice).toContain('no bulk upsert');
    expect(finding?.data.advice).toContain('ON CONFLICT');
    expect(finding?.data.advice).not.toMatch(/^collect the rows/);
  });

  it('advises one save(entities) for per-element TypeORM saves', () => {
    const [finding] = scan(`import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function saveRoles(roles: { id: number }[]) {
  for (const role of roles) await dataSource.manager.save(role);
}`);
    expect(finding?.data.advice).toContain('save(entities)');
  });

  it('keeps the read advice when a loop both updates and deletes', () => {
    const [finding] = scan(`import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function tidy(ids: string[]) {
  for (const id of ids) {
    await prisma.session.update({ where: { id }, data: { seen: true } });
    await prisma.token.delete({ where: { id } });
  }
}`);
    expect(finding?.data.advice).toContain('findMany');
  });

  it('keeps the read advice when the loop also reads', () => {
    const [finding] = scan(`import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function addTiers(planId: string, tiers: { name: string }[]) {
  for (const tier of tiers) {
    const existing = await prisma.pricingTier.findFirst({ where: { planId, name: tier.name } });
    if (!existing) await prisma.pricingTier.create({ data: { planId, name: tier.name } });
  }
}`);
    expect(finding?.data.advice).toContain('findMany');
  });

  it('says hoist when the query does not depend on the element', () => {
    const [finding] = scan(`import { Pool } from 'pg';
const pool = new Pool();
export async function score(projectId: number, events: { kind: string }[]) {
  let total = 0;
  for (const event of events) {
    const { rows } = await pool.query('SELECT * FROM automations WHERE project_id = $1', [projectId]);
    total += rows.filter((row) => row.kind === event.kind).length;
  }
  return total;
}`);
    expect(finding?.data.advice).toContain('hoist it out of the loop');
  });

  it('does not say hoist when the element is passed in a shorthand property', () => {
    const [finding] = scan(`import { Pool } from 'pg';
const pool = new Pool();
async function sync(args: { partnerId: string }) {
  await pool.query('UPDATE partners SET synced = now() WHERE id = $1', [args.partnerId]);
}
export async function syncAll(rows: { partnerId: string }[]) {
  for (const { partnerId } of rows) await sync({ partnerId });
}`);
    expect(finding?.data.advice).not.toContain('hoist');
  });

  it('does not say hoist when the query reads a variable the loop reassigns', () => {
    const [finding] = scan(`import { Pool } from 'pg';
const pool = new Pool();
export async function walk(ids: number[]) {
  let parent = 0;
  for (const id of ids) {
    await pool.query('UPDATE t SET parent = $1', [parent]);
    parent = id;
  }
}`);
    expect(finding?.data.advice).not.toContain('hoist');
  });

  it('does not warn of one connection per element inside a shared transaction', () => {
    const [finding] = scan(`import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function addTiers(planId: string, tiers: { name: string }[]) {
  await prisma.$transaction(async (tx) => {
    await Promise.all(tiers.map((tier) => tx.pricingTier.update({ where: { id: tier.name }, data: { planId } })));
  });
}`);
    expect(finding?.messageId).toBe('queryInCallback');
  });

  it('does not warn of one connection per element when every call passes the transaction of the function around the loop', () => {
    const sequelize = `import { Model, Transaction } from 'sequelize';
class Membership extends Model {}
`;
    // Sequelize's idiom: the transaction destructured from the options, passed as \`{ transaction }\`.
    const [shorthand] = scan(`${sequelize}export async function copy(ids: string[], options: { transaction?: Transaction }) {
  const { transaction } = options;
  await Promise.all(ids.map((id) => Membership.create({ id }, { transaction, hooks: false })));
}`);
    expect(shorthand?.messageId).toBe('queryInCallback');
    const [named] = scan(`${sequelize}export async function copy(ids: string[], t: Transaction) {
  await Promise.all(ids.map((id) => Membership.create({ id }, { transaction: t })));
}`);
    expect(named?.messageId).toBe('queryInCallback');
    const [fromOptions] = scan(`${sequelize}export async function copy(ids: string[], options: { transaction?: Transaction }) {
  await Promise.all(ids.map((id) => Membership.create({ id }, { transaction: options.transaction })));
}`);
    expect(fromOptions?.messageId).toBe('queryInCallback');
    // Each element's own transaction, read from the element: as many connections as elements.
    const [perElement] = scan(`${sequelize}export async function copy(jobs: { id: string; transaction: Transaction }[]) {
  await Promise.all(jobs.map((job) => Membership.create({ id: job.id }, { transaction: job.transaction })));
}`);
    expect(perElement?.messageId).toBe('queryInFanOut');
    // A transaction each element opens for itself is one connection per element again.
    const [own] = scan(`${sequelize}declare const db: { transaction(): Promise<Transaction> };
export async function copy(ids: string[]) {
  await Promise.all(ids.map(async (id) => {
    const transaction = await db.transaction();
    await Membership.create({ id }, { transaction });
  }));
}`);
    expect(own?.messageId).toBe('queryInFanOut');
  });

  it('does not warn of one connection per element when p-limit caps the fan-out', () => {
    const [finding] = scan(`import pLimit from 'p-limit';
import { Pool } from 'pg';
const pool = new Pool();
const limit = pLimit(4);
export async function load(ids: number[]) {
  return Promise.all(ids.map((id) => limit(() => pool.query('SELECT * FROM t WHERE id = $1', [id]))));
}`);
    expect(finding?.messageId).toBe('queryInCallback');
  });

  it('does not warn of one connection per element behind a Sema', () => {
    const [finding] = scan(`import { Sema } from 'async-sema';
import { Pool } from 'pg';
const pool = new Pool();
export async function load(ids: number[]) {
  const sema = new Sema(4);
  return Promise.all(ids.map(async (id) => {
    await sema.acquire();
    try {
      return await pool.query('SELECT * FROM t WHERE id = $1', [id]);
    } finally {
      sema.release();
    }
  }));
}`);
    expect(finding?.messageId).toBe('queryInCallback');
  });

  it('still warns of one connection per element for a plain fan-out', () => {
    const [finding] = scan(`import { Pool } from 'pg';
const pool = new Pool();
export async function load(ids: number[]) {
  return Promise.all(ids.map((id) => pool.query('SELECT * FROM t WHERE id = $1', [id])));
}`);
    expect(finding?.messageId).toBe('queryInFanOut');
  });
});
