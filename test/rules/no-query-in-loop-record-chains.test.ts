/**
 * no-query-in-loop: a loop that walks a chain of records (a record's parent, its parent, …) runs one lookup per
 * link; pages, polls, retries and reloads of the same record are not chains.
 */
import type { RuleTests } from '../helpers/rule-testers.js';

import rule from '../../rules/no-query-in-loop.js';
import { runRuleTests } from '../helpers/rule-testers.js';

const mongooseJob = `import mongoose from 'mongoose';
const Job = mongoose.model('Job', new mongoose.Schema({ parentId: String, parent: String, status: String }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
`;

const sequelizeDoc = `import { Model } from 'sequelize';
class Doc extends Model {
  declare id: string;
  declare parentDocumentId: string | null;
}
`;

const tests: RuleTests<typeof rule> = {
  valid: [
    {
      name: 'polls and retries: waiting for a record to appear, a bounded retry, the same record reloaded until it changes or goes, a free name',
      code: `${mongooseJob}
export async function waitReady() {
  while (!(await Job.findOne({ status: 'ready' }))) await sleep(100);
}
export async function retry(id: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const job = await Job.findOne({ _id: id });
    if (job) return job;
    await sleep(100);
  }
  return null;
}
export async function waitDone(id: string) {
  let job = await Job.findById(id);
  while (job && job.status !== 'done') {
    await sleep(1000);
    job = await Job.findById(job._id);
  }
  return job;
}
export async function freeName(base: string) {
  let name = base;
  let n = 1;
  let taken = await Job.findOne({ name });
  while (taken) {
    name = \`\${base}-\${n++}\`;
    taken = await Job.findOne({ name });
  }
  return name;
}
export async function waitGone(id: string) {
  let job = await Job.findOne({ _id: id });
  while (job) {
    await sleep(1000);
    job = await Job.findOne({ _id: job._id });
  }
}`,
    },
    {
      name: 'pages: a cursor or an offset walks batches of rows, and the key of a one-record lookup that is not the walked variable',
      code: `import knex from 'knex';
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
export async function all() {
  const out = [];
  let cursor: number | undefined = 0;
  while (cursor !== undefined) {
    const page = await db('events').where('id', '>', cursor).orderBy('id').limit(100);
    out.push(...page);
    cursor = page.length === 100 ? page[page.length - 1].id : undefined;
  }
  let offset = 0;
  while (true) {
    const rows = await db('events').limit(100).offset(offset);
    if (!rows.length) break;
    out.push(...rows);
    offset += 100;
  }
  return out;
}
export async function latest(id: number) {
  let row = await db('events').where({ id }).first();
  while (row) {
    if (row.final) return row;
    row = await db('events').where({ id: row.id }).first();
  }
  return null;
}`,
    },
    {
      name: 'a Prisma cursor page: findMany reads a batch, not the next link',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function everything() {
  const out = [];
  let cursor: string | undefined;
  do {
    const page = await prisma.event.findMany({ take: 100, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}) });
    out.push(...page);
    cursor = page.at(-1)?.id;
  } while (cursor);
  return out;
}`,
    },
  ],
  invalid: [
    {
      name: 'Mongoose: a job and its ancestors, a do…while to the root, and a walk that stops at the first ancestor that matches',
      code: `${mongooseJob}
export async function ancestry(id: string) {
  const out = [];
  let job = await Job.findOne({ _id: id });
  while (job) {
    out.push(job);
    job = await Job.findOne({ _id: job.parentId });
  }
  return out;
}
export async function root(id: string) {
  let node = await Job.findById(id);
  do {
    node = node!.parent ? await Job.findById(node!.parent).lean() : null;
  } while (node?.parent);
  return node;
}
export async function nearestFailed(id: string) {
  let job = await Job.findById(id);
  while (job != null) {
    if (job.status === 'failed') return job;
    job = await Job.findById(job.parent);
  }
  return null;
}`,
      errors: [
        { messageId: 'queryInRecordChain', line: 10 },
        { messageId: 'queryInRecordChain', line: 17 },
        { messageId: 'queryInRecordChain', line: 25 },
      ],
    },
    {
      name: 'Sequelize: walking parent ids up the tree, the key read from the record the previous lookup loaded',
      code: `${sequelizeDoc}
export async function scope(documentId: string) {
  const ids = [documentId];
  let parentId = (await Doc.findByPk(documentId))?.parentDocumentId;
  while (parentId) {
    ids.push(parentId);
    const parent = await Doc.findByPk(parentId, { attributes: ['id', 'parentDocumentId'] });
    if (!parent) break;
    parentId = parent.parentDocumentId;
  }
  return ids;
}`,
      errors: [{ messageId: 'queryInRecordChain', line: 12 }],
    },
    {
      name: 'Prisma: a for loop whose step looks up the parent, and a do…while through findUnique',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function path(start: { id: string; parentId: string | null }) {
  const out = [];
  for (let n: { id: string; parentId: string | null } | null = start; n; n = await prisma.folder.findUnique({ where: { id: n.parentId ?? '' } })) {
    out.push(n.id);
  }
  let cur = await prisma.folder.findUnique({ where: { id: start.id } });
  do {
    out.push(cur?.id);
    cur = await prisma.folder.findUnique({ where: { id: cur?.parentId ?? '' } });
  } while (cur);
  return out;
}`,
      errors: [{ messageId: 'queryInRecordChain', line: 5 }, { messageId: 'queryInRecordChain', line: 11 }],
    },
    {
      name: 'knex and a queue: first() keyed by the row the loop holds; a queue popped per element stays a plain loop finding',
      code: `import knex from 'knex';
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
export async function ancestors(id: number) {
  const out = [];
  let row = await db('nodes').where({ id }).first();
  while (row?.parent_id) {
    row = await db('nodes').where({ id: row.parent_id }).first();
    out.push(row);
  }
  return out;
}
export async function parents(queue: { parent_id: number }[]) {
  const out = [];
  while (queue.length) {
    const node = queue.shift()!;
    out.push(await db('nodes').where({ id: node.parent_id }).first());
  }
  return out;
}`,
      errors: [{ messageId: 'queryInRecordChain', line: 7 }, { messageId: 'queryInLoop', line: 16 }],
    },
  ],
};

runRuleTests('no-query-in-loop record chains', rule, tests);
