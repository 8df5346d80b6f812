/** The built-in knowledge base: every supported library, sorted by name. */
import type { LibraryDefinition } from './library-definition.js';

import { dataloader } from './libraries/dataloader.js';
import { drizzle } from './libraries/drizzle.js';
import { genericPool } from './libraries/generic-pool.js';
import { knex } from './libraries/knex.js';
import { kysely } from './libraries/kysely.js';
import { mikroOrm } from './libraries/mikro-orm.js';
import { mongodb } from './libraries/mongodb.js';
import { mongoose } from './libraries/mongoose.js';
import { mssql } from './libraries/mssql.js';
import { mysql } from './libraries/mysql.js';
import { mysql2 } from './libraries/mysql2.js';
import { neonServerless } from './libraries/neon-serverless.js';
import { oracledb } from './libraries/oracledb.js';
import { pg } from './libraries/pg.js';
import { postgres } from './libraries/postgres.js';
import { prisma } from './libraries/prisma.js';
import { prismaAdapterPg } from './libraries/prisma-adapter-pg.js';
import { sequelize } from './libraries/sequelize.js';
import { typeorm } from './libraries/typeorm.js';

export const builtInLibraries: readonly LibraryDefinition[] = [
  dataloader,
  drizzle,
  genericPool,
  knex,
  kysely,
  mikroOrm,
  mongodb,
  mongoose,
  mssql,
  mysql,
  mysql2,
  neonServerless,
  oracledb,
  pg,
  postgres,
  prisma,
  prismaAdapterPg,
  sequelize,
  typeorm,
];
