import rule from '../../rules/no-query-in-loop.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../helpers/rule-testers.js';

// ORM clients the way applications hold them (issue 8): a subclass of the library's client, injected by type.

const subclasses = {
  valid: [
    {
      name: 'injected Prisma subclass, one query for all ids',
      code: `import { PrismaClient } from '@prisma/client';
class PrismaService extends PrismaClient {}
export class Orders {
  constructor(private readonly prismaService: PrismaService) {}
  async close(ids: string[]) {
    await this.prismaService.order.updateMany({ where: { id: { in: ids } }, data: { closed: true } });
  }
}`,
    },
    {
      name: 'a project class with the same name as a library kind but no library base (hard negative)',
      code: `class PrismaClient {
  order = { update: async (_: unknown) => undefined };
}
export class Orders {
  constructor(private readonly prisma: PrismaClient) {}
  async close(ids: string[]) {
    for (const id of ids) await this.prisma.order.update({ where: { id } });
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'injected Prisma subclass updated once per id',
      code: `import { PrismaClient } from '@prisma/client';
class PrismaService extends PrismaClient {}
export class Orders {
  constructor(private readonly prismaService: PrismaService) {}
  async close(ids: string[]) {
    for (const id of ids) {
      await this.prismaService.order.update({ where: { id }, data: { closed: true } });
    }
  }
}`,
      errors: [{ messageId: 'queryInLoop' as const, line: 7, column: 13, endLine: 7, endColumn: 87 }],
    },
    {
      name: 'a pg Pool subclass queried once per element, JavaScript with JSDoc',
      filename: 'script.js',
      code: `const { Pool } = require('pg');
class Db extends Pool {}
/** @param {Db} db */
async function names(db, ids) {
  const result = [];
  for (const id of ids) result.push(await db.query('SELECT name FROM users WHERE id = $1', [id]));
  return result;
}
module.exports = { names };`,
      errors: [{ messageId: 'queryInLoop' as const, line: 6, column: 43, endLine: 6, endColumn: 97 }],
    },
  ],
};

createUntypedRuleTester().run('no-query-in-loop shapes: subclasses (untyped)', rule, subclasses);
createTypedRuleTester().run('no-query-in-loop shapes: subclasses (typed)', rule, subclasses);

// CommonJS hands out a library's default export itself: `require('knex')(config)`, `new (require('sequelize'))(url)`.

const commonJsDefaults = {
  valid: [
    {
      name: 'a required knex queried once for all ids',
      filename: 'script.js',
      code: `const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });
async function load(ids) {
  return knex('users').whereIn('id', ids);
}
module.exports = { load };`,
    },
    {
      name: 'a required project module named like a library is not the library (hard negative)',
      filename: 'script.js',
      code: `const knex = require('./knex')({ client: 'pg' });
async function load(ids) {
  for (const id of ids) await knex('users').where({ id });
}
module.exports = { load };`,
    },
  ],
  invalid: [
    {
      name: 'a required knex called with its config, queried once per id',
      filename: 'script.js',
      code: `const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });
async function load(ids) {
  for (const id of ids) await knex('users').where({ id });
}
module.exports = { load };`,
      errors: [{ messageId: 'queryInLoop' as const, line: 3, column: 31, endLine: 3, endColumn: 58 }],
    },
    {
      name: 'a Sequelize instance built from the required module itself',
      filename: 'script.js',
      code: `const Sequelize = require('sequelize');
const sequelize = new Sequelize(process.env.DATABASE_URL, { pool: { max: 5, acquire: 10000 } });
async function touch(ids) {
  for (const id of ids) await sequelize.query('UPDATE users SET seen = now() WHERE id = ?', { replacements: [id] });
}
module.exports = { touch };`,
      errors: [{ messageId: 'queryInLoop' as const, line: 4, column: 31, endLine: 4, endColumn: 116 }],
    },
  ],
};

createUntypedRuleTester().run('no-query-in-loop shapes: CommonJS default exports (untyped)', rule, commonJsDefaults);
createTypedRuleTester().run('no-query-in-loop shapes: CommonJS default exports (typed)', rule, commonJsDefaults);
