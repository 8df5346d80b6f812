/** Prisma Client (generated; imported from `@prisma/client` or the generator's output path). https://www.prisma.io/docs/orm/prisma-client */
import type { CallDefinition, LibraryDefinition } from '../library-definition.js';

import { prismaEnginePoolLimits } from '../pool-limits.js';

const query: CallDefinition = { query: true };
/** Model queries return a lazy PrismaPromise: sent when awaited or `.then`-ed, or by `$transaction([…])`. */
const lazyQuery: CallDefinition = { query: true, returns: 'PrismaPromise' };
/** The result promise also has the fluent relation API: `findUnique(…).posts()` runs another query. */
const fluent: CallDefinition = { query: true, returns: 'FluentQuery' };
/** The client's dataloader merges same-tick `findUnique`/`findUniqueOrThrow` calls into one query. */
const fluentBatched: CallDefinition = { ...fluent, batchedInSameTick: true };
const one: CallDefinition = { ...fluent, oneRecord: true };
const oneBatched: CallDefinition = { ...fluentBatched, oneRecord: true };
/** Many rows in one statement: in a loop, one call per chunk is the batching. */
const bulk: CallDefinition = { ...lazyQuery, bulk: true };

export const prisma = {
  name: '@prisma/client',
  docs: 'https://www.prisma.io/docs/orm/prisma-client/queries/query-optimization-performance',
  typePackages: ['@prisma/client', '.prisma'],
  modulePatterns: ['(^|/)generated/prisma(/client)?$', '^\\.prisma/client'],
  // Prisma 7's `prisma-client` generator (and `prisma-client-js` with `output`) write the client into a project folder.
  // https://www.prisma.io/docs/orm/prisma-schema/overview/generators
  generatedClient: {
    providers: ['prisma-client', 'prisma-client-js'],
    configFiles: ['prisma.config.ts', 'prisma.config.mts', 'prisma.config.js', 'prisma.config.mjs'],
    packageJsonKey: 'prisma',
    defaultSchemas: ['prisma/schema.prisma', 'schema.prisma', 'prisma/schema'],
    schemaExtension: '.prisma',
    entryPoints: ['', 'client', 'index', 'edge', 'default'],
  },
  modules: { '@prisma/client': { PrismaClient: { constructs: 'PrismaClient' } } },
  objects: {
    PrismaClient: {
      typeNamesAnywhere: true,
      methods: {
        // `$transaction(async (tx) => …)` is interactive; `$transaction([…])` sends a batch and holds nothing meanwhile.
        $transaction: { callbackParameters: ['PrismaClient'], transaction: { handleParameter: 0 } },
        $queryRaw: query, $executeRaw: query, $queryRawUnsafe: query, $executeRawUnsafe: query,
        $connect: {}, $disconnect: {},
        // An extended client shares its base client's engine and pool.
        $extends: { returns: 'PrismaClient' },
      },
      // `` prisma.$queryRaw`SELECT …` `` is the documented form: the raw methods are template tags too.
      properties: { $queryRaw: 'RawQueryTag', $executeRaw: 'RawQueryTag' },
      otherProperties: 'ModelDelegate',
      // Prisma 7 pools in the driver adapter (`adapter: new PrismaPg(…)`, checked on its own); Prisma ≤ 6 in
      // the engine, configured by URL parameters.
      pool: {
        noun: 'PrismaClient',
        openedBy: ['$connect'],
        options: { argument: 0, urls: ['datasourceUrl', 'datasources.*.url'], clientProperties: ['adapter', 'accelerateUrl'] },
        closedBy: ['$disconnect'],
        limits: prismaEnginePoolLimits,
      },
    },
    ModelDelegate: {
      typeNames: [],
      methods: {
        findUnique: oneBatched, findUniqueOrThrow: oneBatched, findFirst: one, findFirstOrThrow: one, findMany: lazyQuery,
        create: { ...fluent, kind: 'create' }, createMany: bulk, createManyAndReturn: bulk, update: { ...fluent, kind: 'update' },
        updateMany: { ...lazyQuery, kind: 'update' }, upsert: { ...fluent, kind: 'upsert' }, delete: { ...fluent, kind: 'delete' },
        deleteMany: { ...lazyQuery, kind: 'delete' }, count: lazyQuery, aggregate: lazyQuery, groupBy: lazyQuery,
      },
    },
    RawQueryTag: { typeNames: [], tag: lazyQuery },
    PrismaPromise: { typeNames: [], awaitRunsQuery: true },
    FluentQuery: { typeNames: [], awaitRunsQuery: true, otherMethods: query },
  },
  // Computed fields are computed when read, per record: https://www.prisma.io/docs/orm/prisma-client/client-extensions/result
  resultExtensions: {
    method: '$extends',
    component: 'result',
    allModels: '$allModels',
    compute: 'compute',
    definers: ['defineExtension'],
    advice: 'compute it from rows loaded up front instead: `include` the relation in the list query (one join), or load the related rows in one `findMany({ where: { id: { in: ids } } })`',
  },
  transactions: {
    handleReplacesRoot: true,
    joinAdvice: 'use the transaction client `{{handle}}` instead of `{{root}}`',
  },
  batchAdvice: 'load them in one query with `findMany({ where: { id: { in: ids } } })` or `include` the relation, or write them with `createMany`',
  chainAdvice: 'load the whole chain in one `$queryRaw` with a recursive CTE (`WITH RECURSIVE`), or keep the ancestors\' ids on each row and load them with one `findMany({ where: { id: { in: ids } } })`',
  batchAdviceByKind: {
    create: 'collect the rows and write them with one `createMany({ data: rows })` (`skipDuplicates` for upserts of new rows)',
    update: 'when every row gets the same change, use one `updateMany({ where: { id: { in: ids } }, data })`',
    delete: 'delete them with one `deleteMany({ where: { id: { in: ids } } })`',
    // Prisma has no bulk upsert, and `createMany` cannot update a row that exists.
    upsert: 'Prisma has no bulk upsert, so when the rows are all new write them with one `createMany({ data: rows, skipDuplicates: true })`, and when some exist use one `INSERT … ON CONFLICT (…) DO UPDATE` through `$executeRaw`, or at least one `$transaction([…])` of the upserts (one connection, still one statement each)',
  },
} as const satisfies LibraryDefinition;
