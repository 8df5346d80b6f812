/** MikroORM. https://mikro-orm.io/docs/transactions */
import type { CallDefinition, LibraryDefinition, ModuleExports } from '../library-definition.js';

import { mikroOrmKnexLimits, mikroOrmPoolLimits, mikroOrmPostgresLimits } from '../pool-limits.js';

const query: CallDefinition = { query: true };
/** Queries whose result holds entities, whose references and collections load lazily. */
const entityQuery: CallDefinition = { query: true, yields: 'Entity' };
const oneEntity: CallDefinition = { ...entityQuery, oneRecord: true };
const exports = { MikroORM: { constructs: 'MikroORM', members: { init: { returns: 'MikroORM' } } } } as const satisfies ModuleExports;

export const mikroOrm = {
  name: '@mikro-orm/core',
  docs: 'https://mikro-orm.io/docs/transactions',
  typePackages: ['@mikro-orm/core', '@mikro-orm/knex', '@mikro-orm/sql', '@mikro-orm/postgresql', '@mikro-orm/mysql', '@mikro-orm/mariadb', '@mikro-orm/sqlite', '@mikro-orm/mssql'],
  modules: {
    '@mikro-orm/core': exports,
    '@mikro-orm/postgresql': exports,
    '@mikro-orm/mysql': exports,
    '@mikro-orm/mariadb': exports,
    '@mikro-orm/sqlite': exports,
    '@mikro-orm/mssql': exports,
  },
  objects: {
    MikroORM: {
      properties: { em: 'EntityManager' },
      methods: { close: {} },
      pool: {
        noun: 'MikroORM instance',
        openedBy: ['init'],
        createdBy: [{ call: 'init' }],
        options: { argument: 0 },
        closedBy: ['close'],
        limits: mikroOrmPoolLimits,
        limitsByModule: { '@mikro-orm/postgresql': mikroOrmPostgresLimits },
        // 7 replaced knex with kysely and the drivers' own pools.
        limitsBeforeMajor: { major: 7, packages: ['@mikro-orm/core', '@mikro-orm/postgresql', '@mikro-orm/knex'], limits: mikroOrmKnexLimits },
      },
    },
    EntityManager: {
      typeNames: ['EntityManager', 'SqlEntityManager'],
      methods: {
        begin: { acquires: { resource: 'receiver' } },
        transactional: { callbackParameters: ['EntityManager'], transaction: { handleParameter: 0 } },
        fork: { returns: 'EntityManager' },
        getRepository: { returns: 'EntityRepository' },
        find: entityQuery, findOne: oneEntity, findOneOrFail: oneEntity, findAll: entityQuery, findAndCount: query, count: query,
        flush: query, persistAndFlush: query, nativeInsert: query, nativeUpdate: query, nativeDelete: query,
        upsert: query, populate: query, refresh: query,
      },
      resource: { noun: 'transaction', releasedBy: ['commit', 'rollback'], settledBy: { commit: 'commit', rollback: 'rollback' }, transaction: 'always' },
    },
    Reference: {
      typeNames: ['Reference', 'ScalarReference'],
      methods: { load: query, loadOrFail: query, loadProperty: query },
    },
    Collection: {
      methods: { init: query, load: query, loadItems: query, loadCount: query, matching: query },
    },
    EntityRepository: {
      methods: {
        find: entityQuery, findOne: oneEntity, findOneOrFail: oneEntity, findAll: entityQuery, findAndCount: query, count: query,
        upsert: query, populate: query,
      },
    },
    // An entity a query returned: its relation properties are references or collections.
    Entity: { typeNames: [], otherProperties: 'EntityRelation' },
    EntityRelation: {
      typeNames: [],
      methods: { load: query, loadOrFail: query, loadProperty: query, init: query, loadItems: query, loadCount: query, matching: query },
    },
  },
  // The global `orm.em` resolves to the current transaction's context; a fork does not.
  transactions: {
    implicitJoinExceptVia: ['fork'],
    handleReplacesRoot: true,
    joinAdvice: 'use the transactional entity manager `{{handle}}` instead of `{{root}}`',
  },
  batchAdvice: 'load them at once with `populate` on the parent query, `em.populate(entities, …)` or a `$in` filter',
} as const satisfies LibraryDefinition;
