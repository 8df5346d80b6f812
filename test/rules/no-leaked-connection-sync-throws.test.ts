import rule from '../../rules/no-leaked-connection.js';
import { runRuleTests } from '../helpers/rule-testers.js';

// Synchronous throws between acquiring and the `try` that releases (issue 8, shape 11): calls known to throw on
// bad input are exception edges; other synchronous calls (logging, formatting) are not.

const pgClient = { name: 'client', noun: 'client', acquire: 'pool.connect()', release: 'client.release()' };
const moveIntoTry = (output: string) => [{ messageId: 'moveIntoTry' as const, data: { name: 'client', release: 'client.release()' }, output }];

runRuleTests('no-leaked-connection: synchronous throws', rule, {
  valid: [
    {
      name: 'logging and formatting between the acquisition and the try (hard negative)',
      code: `import { Pool } from 'pg';
const pool = new Pool();
const log = { info: (message: string) => console.log(message) };
function describe(id: number) {
  return \`order \${id}\`;
}
export async function ship(id: number) {
  const client = await pool.connect();
  log.info(describe(id));
  console.log(String(id).padStart(8, '0'));
  try {
    await client.query('UPDATE orders SET shipped = true WHERE id = $1', [id]);
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'JSON.parse inside the try',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function save(body: string) {
  const client = await pool.connect();
  try {
    await client.query('INSERT INTO events (payload) VALUES ($1)', [JSON.parse(body)]);
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'JSON.parse before the acquisition',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function save(body: string) {
  const payload = JSON.parse(body);
  const client = await pool.connect();
  try {
    await client.query('INSERT INTO events (payload) VALUES ($1)', [payload]);
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'a validation helper that catches its own throw (hard negative)',
      code: `import { Pool } from 'pg';
const pool = new Pool();
function readLimit(raw: string): number {
  try {
    const value = JSON.parse(raw);
    if (typeof value !== 'number') throw new TypeError('limit');
    return value;
  } catch {
    return 10;
  }
}
export async function recent(raw: string) {
  const client = await pool.connect();
  const limit = readLimit(raw);
  try {
    return await client.query('SELECT * FROM events LIMIT $1', [limit]);
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'an async helper that throws is not a synchronous throw when not awaited (hard negative)',
      code: `import { Pool } from 'pg';
const pool = new Pool();
async function audit(id: number) {
  if (id < 0) throw new RangeError('id');
}
export async function touch(id: number) {
  const client = await pool.connect();
  void audit(id).catch(() => undefined);
  try {
    await client.query('UPDATE users SET seen_at = now() WHERE id = $1', [id]);
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'an exhaustiveness check taking never (hard negative)',
      code: `import { Pool } from 'pg';
const pool = new Pool();
function assertNever(value: never): never {
  throw new Error(\`unexpected \${String(value)}\`);
}
export async function apply(kind: 'a' | 'b') {
  const client = await pool.connect();
  let table: string;
  switch (kind) {
    case 'a': table = 'alpha'; break;
    case 'b': table = 'beta'; break;
    default: assertNever(kind);
  }
  try {
    await client.query(\`DELETE FROM \${table}\`);
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'a zod safeParse, which returns its error (hard negative)',
      code: `import { Pool } from 'pg';
import { z } from 'zod';
const pool = new Pool();
const Order = z.object({ id: z.number() });
export async function load(input: unknown) {
  const client = await pool.connect();
  const parsed = Order.safeParse(input);
  try {
    return parsed.success ? await client.query('SELECT * FROM orders WHERE id = $1', [parsed.data.id]) : undefined;
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'a checking helper given only values written in the call (hard negative)',
      code: `import { Pool } from 'pg';
const pool = new Pool();
class Update {
  private data: Record<string, unknown> = {};
  constructor(private readonly table: string) {}
  given(data: Record<string, unknown>) {
    if (typeof data !== 'object' || data === null) throw new TypeError('data must be an object');
    this.data = data;
    return this;
  }
  text() {
    return \`UPDATE \${this.table} SET \${Object.keys(this.data).join(', ')}\`;
  }
}
export async function unlink(id: number) {
  const client = await pool.connect();
  const update = new Update('product').given({ variant_group_id: null, visible: false });
  try {
    await client.query(update.text(), [id]);
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'a TypeORM query runner, which connects on its first query, before a checking helper (hard negative)',
      code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
function tableName(raw: string): string {
  if (!/^\\w+$/.test(raw)) throw new Error('invalid table name');
  return raw;
}
export async function count(raw: string) {
  const runner = dataSource.createQueryRunner();
  const table = tableName(raw);
  try {
    return await runner.query(\`SELECT count(*) FROM \${table}\`);
  } finally {
    await runner.release();
  }
}`,
    },
    {
      name: 'a local function named parse that does not throw (hard negative)',
      code: `import { Pool } from 'pg';
const pool = new Pool();
const schema = { parse: (input: string) => input.trim() };
export async function load(input: string) {
  const client = await pool.connect();
  const name = schema.parse(input);
  try {
    return await client.query('SELECT * FROM users WHERE name = $1', [name]);
  } finally {
    client.release();
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'JSON.parse between the acquisition and the try',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function save(body: string) {
  const client = await pool.connect();
  const payload = JSON.parse(body);
  try {
    await client.query('INSERT INTO events (payload) VALUES ($1)', [payload]);
  } finally {
    client.release();
  }
}`,
      errors: [{ messageId: 'leakOnException' as const, data: { ...pgClient, call: 'JSON.parse(…)', line: 5 }, line: 4, column: 24, endLine: 4, endColumn: 38,
        suggestions: moveIntoTry(`import { Pool } from 'pg';
const pool = new Pool();
export async function save(body: string) {
  const client = await pool.connect();
  try {
    const payload = JSON.parse(body);
    await client.query('INSERT INTO events (payload) VALUES ($1)', [payload]);
  } finally {
    client.release();
  }
}`) }],
    },
    {
      name: 'a validation function that throws',
      code: `import { Pool } from 'pg';
const pool = new Pool();
function requireId(raw: unknown): number {
  if (typeof raw !== 'number') throw new TypeError('id must be a number');
  return raw;
}
export async function remove(raw: unknown) {
  const client = await pool.connect();
  const id = requireId(raw);
  try {
    await client.query('DELETE FROM orders WHERE id = $1', [id]);
  } finally {
    client.release();
  }
}`,
      errors: [{ messageId: 'leakOnException' as const, data: { ...pgClient, call: 'requireId(…)', line: 9 }, line: 8, column: 24, endLine: 8, endColumn: 38,
        suggestions: moveIntoTry(`import { Pool } from 'pg';
const pool = new Pool();
function requireId(raw: unknown): number {
  if (typeof raw !== 'number') throw new TypeError('id must be a number');
  return raw;
}
export async function remove(raw: unknown) {
  const client = await pool.connect();
  try {
    const id = requireId(raw);
    await client.query('DELETE FROM orders WHERE id = $1', [id]);
  } finally {
    client.release();
  }
}`) }],
    },
    {
      name: 'a throw two helpers down, released only after the query',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 5 });
function fail(field: string): never {
  throw new Error(\`\${field} is required\`);
}
class Orders {
  private check(order: { id?: number }) {
    return order.id ?? fail('id');
  }
  async insert(order: { id?: number }) {
    const conn = await pool.getConnection();
    this.check(order);
    conn.release();
  }
}
export const orders = new Orders();`,
      errors: [{ messageId: 'leakOnException' as const, data: { name: 'conn', noun: 'connection', acquire: 'pool.getConnection()', release: 'conn.release()', call: 'this.check(…)', line: 12 }, line: 11, column: 24, endLine: 11, endColumn: 44, suggestions: [
        { messageId: 'wrapInTryFinally' as const, data: { name: 'conn', release: 'conn.release()' }, output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ connectionLimit: 5 });
function fail(field: string): never {
  throw new Error(\`\${field} is required\`);
}
class Orders {
  private check(order: { id?: number }) {
    return order.id ?? fail('id');
  }
  async insert(order: { id?: number }) {
    const conn = await pool.getConnection();
    try {
      this.check(order);
    } finally {
      conn.release();
    }
  }
}
export const orders = new Orders();` },
      ] }],
    },
    {
      name: 'a zod schema parse between the acquisition and the try',
      code: `import { Pool } from 'pg';
import { z } from 'zod';
const pool = new Pool();
const Order = z.object({ id: z.number() }).strict();
export async function load(input: unknown) {
  const client = await pool.connect();
  const { id } = Order.parse(input);
  try {
    return await client.query('SELECT * FROM orders WHERE id = $1', [id]);
  } finally {
    client.release();
  }
}`,
      errors: [{ messageId: 'leakOnException' as const, data: { ...pgClient, call: 'Order.parse(…)', line: 7 }, line: 6, column: 24, endLine: 6, endColumn: 38,
        suggestions: moveIntoTry(`import { Pool } from 'pg';
import { z } from 'zod';
const pool = new Pool();
const Order = z.object({ id: z.number() }).strict();
export async function load(input: unknown) {
  const client = await pool.connect();
  try {
    const { id } = Order.parse(input);
    return await client.query('SELECT * FROM orders WHERE id = $1', [id]);
  } finally {
    client.release();
  }
}`) }],
    },
    {
      name: 'node:assert in a callback acquisition before the release',
      code: `import assert from 'node:assert';
import mysql from 'mysql';
const pool = mysql.createPool({ connectionLimit: 5 });
export function rename(id: number, name: string) {
  pool.getConnection((err, connection) => {
    if (err) return;
    assert.ok(name.length > 0, 'name');
    connection.query('UPDATE users SET name = ? WHERE id = ?', [name, id], () => connection.release());
  });
}`,
      errors: [{ messageId: 'leakOnException' as const, data: { name: 'connection', noun: 'connection', acquire: 'pool.getConnection(…)', release: 'connection.release()', call: 'assert.ok(…)', line: 7 }, line: 5, column: 3, endLine: 9, endColumn: 5 }],
    },
  ],
});
