import noIoInTransaction from '../../rules/no-io-in-transaction.js';
import noLeakedConnection from '../../rules/no-leaked-connection.js';
import noPoolPerRequest from '../../rules/no-pool-per-request.js';
import noQueryInLoop from '../../rules/no-query-in-loop.js';
import noQueryOutsideTransaction from '../../rules/no-query-outside-transaction.js';
import { runRuleTests } from '../helpers/rule-testers.js';

// Clients kept by a wrapper (issue 8, shape 8): a project function that caches what its factory returns, the
// development singleton built by a factory function, and `globalThis.x ??= …`. Every rule sees the client through them.

/** A global cache keyed by name, in the project (the shape of `@epic-web/remember`). */
const remember = `declare global { var __cache: Map<string, unknown>; }
function remember<T>(name: string, getValue: () => T): T {
  const store = globalThis;
  if (!store.__cache) store.__cache = new Map();
  if (!store.__cache.has(name)) store.__cache.set(name, getValue());
  return store.__cache.get(name) as T;
}`;

/** Runs its callback for a log line and returns the key: not what the callback returns (hard negative). */
const traced = `function traced(name: string, run: () => unknown): string {
  console.log(name, run());
  return name;
}`;

runRuleTests('no-query-outside-transaction: client wrappers', noQueryOutsideTransaction, {
  valid: [
    {
      name: 'a remembered client: the transaction client used everywhere',
      code: `import { PrismaClient } from '@prisma/client';
${remember}
const prisma = remember('prisma', () => new PrismaClient());
export async function rename(id: string, name: string) {
  await prisma.$transaction(async (tx) => {
    await tx.team.update({ where: { id }, data: { name } });
    await tx.auditEntry.create({ data: { teamId: id } });
  });
}`,
    },
    {
      name: 'two clients built by two factories are two pools (hard negative)',
      code: `import { PrismaClient } from '@prisma/client';
const makeMain = () => new PrismaClient();
const makeArchive = () => new PrismaClient({ datasourceUrl: process.env.ARCHIVE_URL });
const main = makeMain();
const archive = makeArchive();
export async function archiveTeam(id: string) {
  await main.$transaction(async (tx) => {
    const team = await tx.team.delete({ where: { id } });
    await archive.team.create({ data: team });
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'a remembered client queried at the root inside its transaction',
      code: `import { PrismaClient } from '@prisma/client';
${remember}
const prisma = remember('prisma', () => new PrismaClient());
export async function rename(id: string, name: string) {
  await prisma.$transaction(async (tx) => {
    await tx.team.update({ where: { id }, data: { name } });
    await prisma.auditEntry.create({ data: { teamId: id } });
  });
}`,
      output: `import { PrismaClient } from '@prisma/client';
${remember}
const prisma = remember('prisma', () => new PrismaClient());
export async function rename(id: string, name: string) {
  await prisma.$transaction(async (tx) => {
    await tx.team.update({ where: { id }, data: { name } });
    await tx.auditEntry.create({ data: { teamId: id } });
  });
}`,
      errors: [{ messageId: 'secondConnection' as const, line: 13 }],
    },
    {
      name: 'the development singleton built by a factory function',
      code: `import { PrismaClient } from '@prisma/client';
const prismaClientSingleton = () => new PrismaClient();
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export const prisma = globalForPrisma.prisma ?? prismaClientSingleton();
export async function close(id: string) {
  await prisma.$transaction(async (tx) => {
    await tx.ticket.update({ where: { id }, data: { closed: true } });
    await prisma.ticketEvent.create({ data: { ticketId: id } });
  });
}`,
      output: `import { PrismaClient } from '@prisma/client';
const prismaClientSingleton = () => new PrismaClient();
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export const prisma = globalForPrisma.prisma ?? prismaClientSingleton();
export async function close(id: string) {
  await prisma.$transaction(async (tx) => {
    await tx.ticket.update({ where: { id }, data: { closed: true } });
    await tx.ticketEvent.create({ data: { ticketId: id } });
  });
}`,
      errors: [{ messageId: 'secondConnection' as const, line: 8 }],
    },
    {
      name: 'a client kept with globalThis.__db ??=',
      code: `import { PrismaClient } from '@prisma/client';
const store = globalThis as unknown as { __db?: PrismaClient };
const db = store.__db ??= new PrismaClient();
export async function close(id: string) {
  await db.$transaction(async (tx) => {
    await tx.ticket.update({ where: { id }, data: { closed: true } });
    await db.ticketEvent.create({ data: { ticketId: id } });
  });
}`,
      output: `import { PrismaClient } from '@prisma/client';
const store = globalThis as unknown as { __db?: PrismaClient };
const db = store.__db ??= new PrismaClient();
export async function close(id: string) {
  await db.$transaction(async (tx) => {
    await tx.ticket.update({ where: { id }, data: { closed: true } });
    await tx.ticketEvent.create({ data: { ticketId: id } });
  });
}`,
      errors: [{ messageId: 'secondConnection' as const, line: 7 }],
    },
    {
      name: 'a remembered client that is a remembered base client or its extension',
      code: `import { PrismaClient } from '@prisma/client';
${remember}
const base = remember('prisma', () => new PrismaClient());
const prisma = remember('replicas', () => {
  if (!process.env.REPLICA_URL) return base;
  return base.$extends({}) as unknown as typeof base;
});
export async function rename(id: string, name: string) {
  await prisma.$transaction(async (tx) => {
    await tx.team.update({ where: { id }, data: { name } });
    await base.auditEntry.create({ data: { teamId: id } });
  });
}`,
      output: `import { PrismaClient } from '@prisma/client';
${remember}
const base = remember('prisma', () => new PrismaClient());
const prisma = remember('replicas', () => {
  if (!process.env.REPLICA_URL) return base;
  return base.$extends({}) as unknown as typeof base;
});
export async function rename(id: string, name: string) {
  await prisma.$transaction(async (tx) => {
    await tx.team.update({ where: { id }, data: { name } });
    await tx.auditEntry.create({ data: { teamId: id } });
  });
}`,
      errors: [{ messageId: 'secondConnection' as const, line: 17 }],
    },
  ],
});

runRuleTests('no-io-in-transaction: client wrappers', noIoInTransaction, {
  valid: [
    {
      name: 'a transaction on what a non-caching helper returns is no client (hard negative)',
      code: `import { PrismaClient } from '@prisma/client';
${traced}
const prisma = traced('prisma', () => new PrismaClient()) as unknown as PrismaClient;
export async function notify(id: string) {
  await prisma.$transaction(async (tx) => {
    await fetch('https://hooks.example.com/' + id);
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'fetch inside the transaction of a remembered client',
      code: `import { PrismaClient } from '@prisma/client';
${remember}
const prisma = remember('prisma', () => new PrismaClient());
export async function notify(id: string) {
  await prisma.$transaction(async (tx) => {
    await tx.order.update({ where: { id }, data: { notified: true } });
    await fetch('https://hooks.example.com/' + id);
  });
}`,
      errors: [{ messageId: 'ioWhileHeld' as const, line: 13 }],
    },
  ],
});

runRuleTests('no-query-in-loop: client wrappers', noQueryInLoop, {
  valid: [
    {
      name: 'a remember whose callback returns a plain object (hard negative)',
      code: `${remember}
const store = remember('store', () => ({ user: { findUnique: async (_: unknown) => null } }));
export async function load(ids: string[]) {
  for (const id of ids) await store.user.findUnique({ where: { id } });
}`,
    },
  ],
  invalid: [
    {
      name: 'a remembered client queried once per id',
      code: `import { PrismaClient } from '@prisma/client';
${remember}
const prisma = remember('prisma', () => new PrismaClient());
export async function load(ids: string[]) {
  for (const id of ids) await prisma.user.findUnique({ where: { id } });
}`,
      errors: [{ messageId: 'queryInLoop' as const, line: 11 }],
    },
  ],
});

runRuleTests('no-leaked-connection: client wrappers', noLeakedConnection, {
  valid: [
    {
      name: 'a remembered connection is kept for the process, not leaked per call (hard negative)',
      code: `import { Pool } from 'pg';
${remember}
const pool = new Pool({ max: 5 });
export async function ping() {
  const client = await remember('client', () => pool.connect());
  return client.query('select 1');
}`,
    },
  ],
  invalid: [
    {
      name: 'a client checked out of a remembered pool and never released',
      code: `import { Pool } from 'pg';
${remember}
const pool = remember('pool', () => new Pool({ max: 5 }));
export async function ping() {
  const client = await pool.connect();
  return client.query('select 1');
}`,
      errors: [{ messageId: 'neverReleased' as const, line: 11, suggestions: [
        { messageId: 'wrapInTryFinally' as const, data: { name: 'client', release: 'client.release()' }, output: `import { Pool } from 'pg';
${remember}
const pool = remember('pool', () => new Pool({ max: 5 }));
export async function ping() {
  const client = await pool.connect();
  try {
    return client.query('select 1');
  } finally {
    client.release();
  }
}` },
      ] }],
    },
  ],
});

runRuleTests('no-pool-per-request: client wrappers', noPoolPerRequest, {
  valid: [
    {
      name: 'a pool remembered inside a route handler is built once',
      code: `import express from 'express';
import { Pool } from 'pg';
${remember}
const app = express();
app.get('/ping', async (req, res) => {
  const pool = remember('pool', () => new Pool({ max: 5 }));
  res.json(await pool.query('select 1'));
});`,
    },
  ],
  invalid: [
    {
      name: 'a pool built by a non-caching helper inside a route handler (hard negative)',
      code: `import express from 'express';
import { Pool } from 'pg';
${traced}
const app = express();
app.get('/ping', async (req, res) => {
  traced('pool', () => new Pool({ max: 5 }));
  res.json({ ok: true });
});`,
      errors: [{ messageId: 'poolPerRequest' as const, line: 9 }],
    },
  ],
});
