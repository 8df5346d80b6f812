/** TypeORM 1.x: data sources, query runners, managers, repositories. https://typeorm.io/docs/query-runner */
import type { CallDefinition, LibraryDefinition } from '../library-definition.js';

import { typeOrmPoolLimits } from '../pool-limits.js';

const query: CallDefinition = { query: true };
const one: CallDefinition = { query: true, oneRecord: true };
/** Each takes one entity or an array of them. */
const create: CallDefinition = { query: true, kind: 'create' };
const remove: CallDefinition = { query: true, kind: 'delete' };

const repositoryQueries = {
  find: query, findBy: query, findOne: one, findOneBy: one, findOneOrFail: one, findOneByOrFail: one,
  findAndCount: query, findAndCountBy: query, count: query, countBy: query, exists: query, existsBy: query,
  save: create, insert: create, update: { query: true, kind: 'update' as const }, upsert: create, delete: remove, remove, softDelete: remove,
  softRemove: remove, restore: query, increment: query, decrement: query, query, sum: query, average: query,
  minimum: query, maximum: query, preload: query, findByIds: query,
};

export const typeorm = {
  name: 'typeorm',
  docs: 'https://typeorm.io/docs/query-runner',
  typePackages: ['typeorm'],
  modules: {
    typeorm: {
      DataSource: { constructs: 'DataSource' },
      // TypeORM 0.2's names for the same object, and its global accessors.
      Connection: { constructs: 'DataSource' },
      getConnection: { returns: 'DataSource' },
      getManager: { returns: 'EntityManager' },
      getRepository: { returns: 'Repository' },
    },
  },
  objects: {
    DataSource: {
      typeNames: ['DataSource', 'Connection'],
      methods: {
        createQueryRunner: { returns: 'QueryRunner', acquires: { resource: 'result' } },
        transaction: { callbackParameters: ['EntityManager'], transaction: { handleParameter: 0 } },
        getRepository: { returns: 'Repository' },
        createQueryBuilder: { returns: 'QueryBuilder' },
        query,
        initialize: {},
        destroy: {},
      },
      properties: { manager: 'EntityManager' },
      pool: { noun: 'TypeORM DataSource', openedBy: ['initialize'], options: { argument: 0 }, closedBy: ['destroy'], limitsByOption: { option: 'type', values: typeOrmPoolLimits } },
    },
    QueryRunner: {
      methods: { query, connect: {}, startTransaction: {}, commitTransaction: {}, rollbackTransaction: {} },
      properties: { manager: 'EntityManager' },
      // The runner is lazy: connect() takes the connection, and the documented pattern opens the
      // transaction before its try block.
      // Destroying the DataSource closes its driver's pool and releases every connected runner.
      resource: {
        noun: 'query runner', releasedBy: ['release'], setupMethods: ['connect', 'startTransaction'], disposable: true, connectsOnFirstUse: true,
        transaction: { beginMethods: ['startTransaction'], endMethods: ['commitTransaction', 'rollbackTransaction'], statements: true },
        finallyRelease: { method: 'release', awaited: true }, releasedByClosingOwner: ['destroy'],
      },
    },
    EntityManager: {
      methods: {
        ...repositoryQueries,
        transaction: { callbackParameters: ['EntityManager'], transaction: { handleParameter: 0 } },
        getRepository: { returns: 'Repository' },
        withRepository: { returns: 'Repository' },
        createQueryBuilder: { returns: 'QueryBuilder' },
      },
      properties: { connection: 'DataSource', dataSource: 'DataSource' },
    },
    Repository: {
      typeNames: ['Repository', 'TreeRepository', 'MongoRepository'],
      methods: { ...repositoryQueries, createQueryBuilder: { returns: 'QueryBuilder' } },
      properties: { manager: 'EntityManager' },
    },
    QueryBuilder: {
      typeNames: ['SelectQueryBuilder', 'InsertQueryBuilder', 'UpdateQueryBuilder', 'DeleteQueryBuilder', 'QueryBuilder'],
      methods: {
        getMany: query, getOne: query, getOneOrFail: query, getRawMany: query, getRawOne: query,
        getManyAndCount: query, getCount: query, getExists: query, execute: query, stream: query,
        // RelationQueryBuilder: `.relation('lines').of(entity).add(…)` / `.loadMany()`
        loadOne: query, loadMany: query, add: query, remove: query, addAndRemove: query,
      },
      otherMethods: { returns: 'QueryBuilder' },
    },
  },
  transactions: {
    handleReplacesRoot: ['getRepository', 'query', 'createQueryBuilder'],
    joinAdvice: 'run it through the transaction\'s entity manager: `{{handle}}.getRepository(…)` or `{{handle}}.…` instead of `{{root}}`',
    resourceJoinAdvice: 'run it through the query runner\'s entity manager: `{{handle}}.manager.getRepository(…)` or `{{handle}}.manager.…` instead of `{{root}}`',
  },
  batchAdvice: 'load them in one query with `findBy({ id: In(ids) })`, or load the relation with `relations`',
  chainAdvice: 'load the whole chain in one query with a recursive CTE (`WITH RECURSIVE`) or a tree entity\'s `findAncestors`, or keep the ancestors\' ids on each row and load them with one `findBy({ id: In(ids) })`',
  batchAdviceByKind: {
    create: 'collect the entities and write them with one `save(entities)`, `insert(rows)` or `upsert(rows, …)` call',
    update: 'when every row gets the same change, update them in one statement with `update({ id: In(ids) }, changes)`; otherwise collect the entities and `save(entities)` once',
    delete: 'delete them in one statement with `delete({ id: In(ids) })`, or `remove(entities)` once',
  },
  lazyRelationDecorators: ['ManyToOne', 'OneToMany', 'OneToOne', 'ManyToMany'],
} as const satisfies LibraryDefinition;
