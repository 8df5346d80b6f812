/** Prisma's PostgreSQL driver adapter: Prisma 7 pools through the `pg.Pool` it builds or is given.
 * https://www.prisma.io/docs/orm/prisma-client/setup-and-configuration/databases-connections/connection-pool */
import type { LibraryDefinition } from '../library-definition.js';

import { pgPoolLimits } from '../pool-limits.js';

export const prismaAdapterPg = {
  name: '@prisma/adapter-pg',
  docs: 'https://www.prisma.io/docs/orm/prisma-client/setup-and-configuration/databases-connections/connection-pool',
  typePackages: ['@prisma/adapter-pg'],
  modules: { '@prisma/adapter-pg': { PrismaPg: { constructs: 'PrismaPg' } } },
  objects: {
    // `new PrismaPg(poolConfig | connectionString)` builds a `pg.Pool` with pg's defaults; `new PrismaPg(pool)` wraps one.
    PrismaPg: { pool: { noun: 'PrismaPg adapter pool', options: { argument: 0 }, closedBy: [], limits: pgPoolLimits } },
  },
} as const satisfies LibraryDefinition;
