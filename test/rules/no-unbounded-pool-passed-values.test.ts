/** no-unbounded-pool: an option read from a parameter takes the values the visible callers pass (through
 * destructuring, defaults, nested calls and `new`), and tarn's rejection of an acquire timeout of 0. */
import type { InvalidCase, ValidCase } from '../helpers/rule-testers.js';

import rule from '../../rules/no-unbounded-pool.js';
import { runRuleTests } from '../helpers/rule-testers.js';

const builder = (timeout: string, guard = '') => `import knex from 'knex';
export function createDb({ timeoutMs }: { timeoutMs: number }) {${guard}
  return knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { max: 10, acquireTimeoutMillis: ${timeout} } });
}`;

const valid: ValidCase<typeof rule>[] = [
  {
    name: 'a default the callers do not override',
    code: `import knex from 'knex';
export function createDb({ timeoutMs = 60000 }: { timeoutMs?: number } = {}) {
  return knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { max: 10, acquireTimeoutMillis: timeoutMs } });
}
export const db = createDb();
export const other = createDb({});`,
  },
  {
    name: 'a caller passing a computed value (hard negative)',
    code: `${builder('timeoutMs')}
declare function configuredTimeout(): number;
export const db = createDb({ timeoutMs: configuredTimeout() });`,
  },
  {
    name: '0 replaced by `|| 30000` where the value is read (hard negative)',
    code: `${builder('timeoutMs || 30000')}
export const db = createDb({ timeoutMs: 60000 });
export const migrations = createDb({ timeoutMs: 0 });`,
  },
  {
    name: '0 replaced by a ternary on the parameter (hard negative)',
    code: `${builder('timeoutMs > 0 ? timeoutMs : 30000')}
export const migrations = createDb({ timeoutMs: 0 });`,
  },
  {
    name: 'the builder rejects 0 itself before use (hard negative)',
    code: `${builder('timeoutMs', `
  if (timeoutMs <= 0) throw new Error('timeoutMs must be positive');`)}
export const migrations = createDb({ timeoutMs: 0 });`,
  },
  {
    name: 'every caller passes a positive timeout',
    code: `${builder('timeoutMs')}
export const db = createDb({ timeoutMs: 60000 });
export const jobs = createDb({ timeoutMs: 5000 });`,
  },
];

const invalid: InvalidCase<typeof rule>[] = [
  {
    name: 'a literal acquire timeout of 0: tarn rejects it',
    code: `import knex from 'knex';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { max: 10, acquireTimeoutMillis: 0 } });`,
    errors: [{ messageId: 'rejectedValue', line: 2, data: { option: 'pool.acquireTimeoutMillis', written: 0, bound: 0, via: '', noun: 'knex pool', fix: ' (`|| …`: a `?? …` keeps 0)' } }],
  },
  {
    name: '`?? 30000` keeps a 0 that a caller passes',
    code: `${builder('timeoutMs ?? 30000')}
export const db = createDb({ timeoutMs: 60000 });
export const migrations = createDb({ timeoutMs: 0 });`,
    errors: [{ messageId: 'rejectedValue', line: 3, data: { option: 'pool.acquireTimeoutMillis', written: 0, bound: 0, noun: 'knex pool', fix: ' (`|| …`: a `?? …` keeps 0)',
      via: ' (passed by `createDb(…)` in file.ts on line 6)' } }],
  },
  {
    name: 'three hops: a class constructor with a default, a config builder, and one caller passing 0',
    code: `import knex from 'knex';
import type { Knex } from 'knex';
function poolConfig({ timeoutMs }: { timeoutMs: number }): Knex.Config {
  return { client: 'pg', connection: process.env.DATABASE_URL, pool: { max: 10, acquireTimeoutMillis: timeoutMs } };
}
export class Database {
  knex: Knex;
  constructor({ timeoutMs } = { timeoutMs: 60000 }) {
    const config = poolConfig({ timeoutMs });
    this.knex = knex(config);
  }
}
export const db = new Database();
export const migrations = new Database({ timeoutMs: 0 });`,
    errors: [{ messageId: 'rejectedValue', line: 4, data: { option: 'pool.acquireTimeoutMillis', written: 0, bound: 0, noun: 'knex pool', fix: ' (`|| …`: a `?? …` keeps 0)',
      via: ' (passed by `new Database(…)` in file.ts on line 14)' } }],
  },
  {
    name: 'a positional parameter: pg waits forever when a caller passes 0',
    code: `import { Pool } from 'pg';
export function createPool(timeout: number) {
  return new Pool({ max: 10, connectionTimeoutMillis: timeout });
}
export const api = createPool(5000);
export const worker = createPool(0);`,
    errors: [{ messageId: 'waitsForever', line: 3 }],
  },
];

runRuleTests('no-unbounded-pool: values callers pass', rule, { valid, invalid });
