import rule from '../../rules/no-query-in-loop.js';
import { runRuleTests } from '../helpers/rule-testers.js';

// A helper that keeps one loaded value in a module variable or a field (`if (roles) return roles; … roles = …`)
// runs its query on the first call only: calling it per element is no N+1.

const pool = `import { Pool } from 'pg';

const pool = new Pool({ max: 5, connectionTimeoutMillis: 5_000 });`;

runRuleTests('no-query-in-loop: memoised values', rule, {
  valid: [
    {
      name: 'a module variable the helper fills and returns when set',
      code: `${pool}
let roles: string[] | null = null;
async function loadRoles(): Promise<string[]> {
  if (roles) return roles;
  const { rows } = await pool.query<{ name: string }>('SELECT name FROM roles');
  roles = rows.map((row) => row.name);
  return roles;
}
export async function allowed(names: string[]) {
  const result: boolean[] = [];
  for (const name of names) result.push((await loadRoles()).includes(name));
  return result;
}`,
    },
    {
      name: 'a field the method fills, tested against null',
      code: `${pool}
export class Settings {
  private loaded: Record<string, string> | null = null;
  async all(): Promise<Record<string, string>> {
    if (this.loaded !== null) return this.loaded;
    const { rows } = await pool.query<{ key: string; value: string }>('SELECT key, value FROM settings');
    this.loaded = Object.fromEntries(rows.map((row) => [row.key, row.value]));
    return this.loaded;
  }
  async values(keys: string[]) {
    const result: string[] = [];
    for (const key of keys) result.push((await this.all())[key] ?? '');
    return result;
  }
}`,
    },
    {
      name: 'a variable before the loop, loaded on the first pass that needs it',
      code: `${pool}
export async function qualifies(rules: { kind: string; ids: number[] }[], productIds: number[]) {
  let links: { product_id: number; collection_id: number }[] | undefined;
  for (const rule of rules) {
    if (rule.kind !== 'collection') continue;
    if (!links) {
      links = (await pool.query('SELECT * FROM product_collection WHERE product_id = ANY($1)', [productIds])).rows;
    }
    if (!links.some((link) => rule.ids.includes(link.collection_id))) return false;
  }
  return true;
}`,
    },
  ],
  invalid: [
    {
      name: 'a guard on a module variable the helper never fills (hard negative)',
      code: `${pool}
let roles: string[] | null = null;
async function loadRoles(): Promise<string[]> {
  if (roles) return roles;
  const { rows } = await pool.query<{ name: string }>('SELECT name FROM roles');
  return rows.map((row) => row.name);
}
export async function allowed(names: string[]) {
  const result: boolean[] = [];
  for (const name of names) result.push((await loadRoles()).includes(name));
  return result;
}`,
      errors: [{ messageId: 'queryInLoop', line: 12, column: 48, endLine: 12, endColumn: 59 }],
    },
    {
      name: 'a helper that only resets the variable (hard negative)',
      code: `${pool}
let current: string | null = null;
async function reload(): Promise<string> {
  if (current) return current;
  current = null;
  const { rows } = await pool.query<{ name: string }>('SELECT name FROM roles LIMIT 1');
  return rows[0]?.name ?? '';
}
export async function names(ids: string[]) {
  const result: string[] = [];
  for (const id of ids) result.push(id + (await reload()));
  return result;
}`,
      errors: [{ messageId: 'queryInLoop', line: 13, column: 49, endLine: 13, endColumn: 57 }],
    },
    {
      name: 'a loop that clears the variable loads again on each pass (hard negative)',
      code: `${pool}
export async function qualifies(rules: { kind: string; ids: number[] }[], productIds: number[]) {
  let links: { collection_id: number }[] | undefined;
  for (const rule of rules) {
    if (!links) {
      links = (await pool.query('SELECT * FROM product_collection WHERE product_id = ANY($1)', [productIds])).rows;
    }
    if (!links.some((link) => rule.ids.includes(link.collection_id))) return false;
    links = undefined;
  }
  return true;
}`,
      errors: [{ messageId: 'queryInLoop', line: 8 }],
    },
  ],
});
