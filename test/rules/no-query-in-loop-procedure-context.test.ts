import rule from '../../rules/no-query-in-loop.js';
import { runRuleTests } from '../helpers/rule-testers.js';

// A tRPC procedure's `ctx` has the type `initTRPC.context<…>()` names. `@trpc/server` is not installed here, as on
// a fresh clone, so both runs see `ctx` as `any` and must read the context type from the source.

const database = `import { initTRPC } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';

const db = drizzle(new Pool({ max: 5 }));`;

runRuleTests('no-query-in-loop: tRPC context', rule, {
  valid: [
    {
      name: 'one query for every feed in a resolver',
      code: `${database}
type Database = typeof db;
interface Context { db: Database }
const t = initTRPC.context<Context>().create();
export const counts = t.procedure.query(async ({ ctx }) => {
  return ctx.db.execute(sql\`SELECT feed_id, count(*) FROM entries GROUP BY feed_id\`);
});`,
    },
    {
      name: 'a context whose db is a project object, not a database (hard negative)',
      code: `import { initTRPC } from '@trpc/server';
interface Store { get(id: string): Promise<string | undefined> }
interface Context { db: Store; ids: string[] }
const t = initTRPC.context<Context>().create();
export const names = t.procedure.query(async ({ ctx }) => {
  const result: (string | undefined)[] = [];
  for (const id of ctx.ids) result.push(await ctx.db.get(id));
  return result;
});`,
    },
    {
      name: 'a context without a database: other properties stay unknown (hard negative)',
      code: `${database}
interface Context { ids: string[]; cache: Map<string, Promise<unknown>> }
const t = initTRPC.context<Context>().create();
export const cached = t.procedure.query(async ({ ctx }) => {
  const result: unknown[] = [];
  for (const id of ctx.ids) result.push(await ctx.cache.get(id));
  return result;
});`,
    },
    {
      name: 'an initTRPC from another module (hard negative)',
      code: `${database}
import { initTRPC as builder } from './trpc-lookalike';
interface Context { db: typeof db; ids: string[] }
const t = builder.context<Context>();
export const counts = t.procedure.query(async ({ ctx }) => {
  for (const id of ctx.ids) await ctx.db.execute(sql\`SELECT count(*) FROM entries WHERE feed_id = \${id}\`);
});`,
    },
    {
      name: 'a resolver parameter named ctx outside tRPC (hard negative)',
      code: `${database}
interface Context { db: typeof db; ids: string[] }
declare const jobs: { query(fn: (options: { ctx: Context }) => unknown): void };
jobs.query(async ({ ctx }: any) => {
  for (const id of ctx.ids) await ctx.db.execute(sql\`SELECT count(*) FROM entries WHERE feed_id = \${id}\`);
});`,
    },
    {
      name: 'a middleware that replaces the context db with a project store (hard negative)',
      code: `${database}
interface Store { get(id: string): Promise<string | undefined> }
declare const store: Store;
interface Context { db: typeof db; ids: string[] }
const t = initTRPC.context<Context>().create();
const cached = t.procedure.use(({ ctx, next }) => next({ ctx: { ...ctx, db: store } }));
export const names = cached.query(async ({ ctx }) => {
  const result: (string | undefined)[] = [];
  for (const id of ctx.ids) result.push(await ctx.db.get(id));
  return result;
});`,
    },
    {
      name: 'a middleware on another procedure does not reach this one (hard negative)',
      code: `${database}
interface Store { get(id: string): Promise<string | undefined> }
interface Context { db: Store; ids: string[] }
const t = initTRPC.context<Context>().create();
export const withSql = t.procedure.use(({ next }) => next({ ctx: { db } }));
export const names = t.procedure.query(async ({ ctx }) => {
  const result: (string | undefined)[] = [];
  for (const id of ctx.ids) result.push(await ctx.db.get(id));
  return result;
});`,
    },
    {
      name: 'a middleware whose new context the source does not show hides the database (hard negative)',
      code: `${database}
interface Context { db: typeof db; ids: string[] }
declare function loadExtras(): Record<string, unknown>;
const t = initTRPC.context<Context>().create();
const extended = t.procedure.use(({ ctx, next }) => next({ ctx: { ...ctx, ...loadExtras() } }));
export const counts = extended.query(async ({ ctx }) => {
  for (const id of ctx.ids) await (ctx.db as { execute(query: unknown): Promise<unknown> }).execute(sql\`SELECT count(*) FROM entries WHERE feed_id = \${id}\`);
});`,
    },
  ],
  invalid: [
    {
      name: 'the database added by a t.middleware the procedure uses',
      code: `${database}
const t = initTRPC.create();
const withDb = t.middleware(({ next }) => next({ ctx: { db } }));
const dbProcedure = t.procedure.use(withDb);
export const counts = dbProcedure.input((value: unknown) => value as string[]).query(async ({ ctx, input }) => {
  for (const feedId of input) await ctx.db.execute(sql\`SELECT count(*) FROM entries WHERE feed_id = \${feedId}\`);
});`,
      errors: [{ messageId: 'queryInLoop', line: 11, column: 37, endLine: 11, endColumn: 112 }],
    },
    {
      name: 'the database added by a middleware a project function returns',
      code: `${database}
const t = initTRPC.create();
function withDatabase(label: string) {
  return t.middleware(async ({ ctx, next }) => {
    console.log(label);
    return next({ ctx: { ...ctx, db } });
  });
}
export const counts = t.procedure.use(withDatabase('counts')).input((value: unknown) => value as string[]).query(async ({ ctx, input }) => {
  for (const feedId of input) await ctx.db.execute(sql\`SELECT count(*) FROM entries WHERE feed_id = \${feedId}\`);
});`,
      errors: [{ messageId: 'queryInLoop', line: 15, column: 37, endLine: 15, endColumn: 112 }],
    },
    {
      name: 'a transaction middleware: ctx.db is the transaction it passes to next',
      code: `${database}
const t = initTRPC.create();
const inTransaction = t.procedure.use(async ({ next }) => db.transaction(async (tx) => next({ ctx: { db: tx } })));
export const mark = inTransaction.input((value: unknown) => value as string[]).mutation(async ({ ctx: { db: database }, input }) => {
  for (const id of input) await database.execute(sql\`UPDATE entries SET read = true WHERE id = \${id}\`);
});`,
      errors: [{ messageId: 'queryInLoop', line: 10, column: 33, endLine: 10, endColumn: 103 }],
    },
    {
      name: 'an interface context with a type alias of the client, counted per feed in Promise.all',
      code: `${database}
type Database = typeof db;
interface Context { db: Database; userId: string }
const t = initTRPC.context<Context>().create();
const authed = t.procedure.use(async ({ ctx, next }) => next({ ctx }));
export const list = authed.input((value: unknown) => value as string[]).query(async ({ ctx, input }) => {
  return Promise.all(input.map(async (feedId) => {
    const rows = await ctx.db.execute(sql\`SELECT count(*) FROM entries WHERE feed_id = \${feedId}\`);
    return rows;
  }));
});`,
      errors: [{ messageId: 'queryInFanOut', line: 13, column: 24, endLine: 13, endColumn: 99 }],
    },
    {
      name: 'the context factory named by typeof, the options object not destructured',
      code: `${database}
export async function createContext() {
  return { db, session: null };
}
const t = initTRPC.context<typeof createContext>().meta<{ openapi?: string }>().create();
export const read = t.procedure.mutation(async (opts) => {
  for (const id of opts.input as string[]) {
    await opts.ctx.db.execute(sql\`UPDATE entries SET read = true WHERE id = \${id}\`);
  }
});`,
      errors: [{ messageId: 'queryInLoop', line: 13, column: 11, endLine: 13, endColumn: 84 }],
    },
    {
      name: 'Awaited<ReturnType<typeof createContext>>, with the factory spreading its options and ctx destructured twice',
      code: `${database}
const createContext = async (options: { headers: Headers }) => ({ ...options, db });
type Context = Awaited<ReturnType<typeof createContext>>;
const t = initTRPC.context<Context>().create();
export const touch = t.procedure.mutation(async ({ ctx: { db: database }, input }) => {
  for (const id of input as string[]) await database.execute(sql\`UPDATE feeds SET touched = now() WHERE id = \${id}\`);
});
export const touchAgain = t.procedure.mutation(async ({ ctx, input }) => {
  const { db: database } = ctx;
  for (const id of input as string[]) await database.execute(sql\`UPDATE feeds SET touched = now() WHERE id = \${id}\`);
});`,
      errors: [
        { messageId: 'queryInLoop', line: 11, column: 45, endLine: 11, endColumn: 117 },
        { messageId: 'queryInLoop', line: 15, column: 45, endLine: 15, endColumn: 117 },
      ],
    },
  ],
});
