/** Prisma Client (generated; imported from `@prisma/client` or the generator's output path). https://www.prisma.io/docs/orm/prisma-client */
import type { CallDefinition, LibraryDefinition } from '../library-definition.js';

const query: CallDefinition = { query: true };

export const prisma = {
  name: '@prisma/client',
  docs: 'https://www.prisma.io/docs/orm/prisma-client/queries/query-optimization-performance',
  typePackages: ['@prisma/client', '.prisma'],
  modulePatterns: ['(^|/)generated/prisma(/client)?$', '^\\.prisma/client'],
  modules: { '@prisma/client': { PrismaClient: { constructs: 'PrismaClient' } } },
  objects: {
    PrismaClient: {
      typeNamesAnywhere: true,
      methods: {
        $transaction: { callbackParameters: ['PrismaClient'] },
        $queryRaw: query, $executeRaw: query, $queryRawUnsafe: query, $executeRawUnsafe: query,
        $connect: {}, $disconnect: {},
      },
      otherProperties: 'ModelDelegate',
    },
    ModelDelegate: {
      typeNames: [],
      methods: {
        findUnique: query, findUniqueOrThrow: query, findFirst: query, findFirstOrThrow: query, findMany: query,
        create: query, createMany: query, update: query, updateMany: query, upsert: query, delete: query,
        deleteMany: query, count: query, aggregate: query, groupBy: query,
      },
    },
  },
  batchAdvice: 'load them in one query with `findMany({ where: { id: { in: ids } } })` or `include` the relation, or write them with `createMany`',
} as const satisfies LibraryDefinition;
