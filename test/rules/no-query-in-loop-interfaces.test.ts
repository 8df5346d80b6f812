/** no-query-in-loop through a store interface (issue 8): the call dispatches to the project's implementations, at most four. */
import type { RuleTests } from '../helpers/rule-testers.js';

import rule from '../../rules/no-query-in-loop.js';
import { runRuleTests } from '../helpers/rule-testers.js';

const store = `import { Pool } from 'pg';
interface Membership { userId: string; role: string }
export interface TeamStore {
  listMembers(teamId: string): Promise<Membership[]>;
  teamName(teamId: string): string;
}
export class PgTeamStore implements TeamStore {
  private readonly names = new Map<string, string>();
  constructor(private readonly pool: Pool) {}
  async listMembers(teamId: string): Promise<Membership[]> {
    const { rows } = await this.pool.query('SELECT user_id, role FROM members WHERE team_id = $1', [teamId]);
    return rows;
  }
  teamName(teamId: string): string {
    return this.names.get(teamId) ?? teamId;
  }
}
`;

const tests: RuleTests<typeof rule> = {
  valid: [
    {
      name: 'a store method whose implementation does not query (hard negative)',
      code: `${store}
export function labels(store: TeamStore, teams: { id: string }[]) {
  const out: string[] = [];
  for (const team of teams) out.push(store.teamName(team.id));
  return out;
}`,
    },
    {
      name: 'a store method over a constant list of two teams (hard negative)',
      code: `${store}
export async function staff(store: TeamStore) {
  const out = [];
  for (const team of ['admins', 'support']) out.push(...(await store.listMembers(team)));
  return out;
}`,
    },
    {
      name: 'a store method read through a cache the loop fills once per team (hard negative)',
      code: `${store}
const cache = new Map<string, Membership[]>();
export async function owners(store: TeamStore, teams: { id: string }[]) {
  const out = [];
  for (const team of teams) {
    if (!cache.has(team.id)) cache.set(team.id, await store.listMembers(team.id));
    out.push(cache.get(team.id));
  }
  return out;
}`,
    },
    {
      name: 'an interface with more implementations than an injected service has: a plugin point (hard negative)',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export interface Source { load(id: string): Promise<unknown> }
export class A implements Source { async load(id: string) { return (await pool.query('SELECT 1 WHERE $1', [id])).rows; } }
export class B implements Source { async load(id: string) { return (await pool.query('SELECT 2 WHERE $1', [id])).rows; } }
export class C implements Source { async load(id: string) { return (await pool.query('SELECT 3 WHERE $1', [id])).rows; } }
export class D implements Source { async load(id: string) { return (await pool.query('SELECT 4 WHERE $1', [id])).rows; } }
export class E implements Source { async load(id: string) { return (await pool.query('SELECT 5 WHERE $1', [id])).rows; } }
export async function loadAll(source: Source, ids: string[]) {
  for (const id of ids) await source.load(id);
}`,
    },
    {
      name: 'a strategy interface with an in-memory implementation beside the SQL one: which runs is configuration (hard negative)',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export interface SessionCache { forget(id: string): Promise<void> }
export class SqlSessionCache implements SessionCache {
  async forget(id: string) { await pool.query('DELETE FROM sessions WHERE id = $1', [id]); }
}
export class MemorySessionCache implements SessionCache {
  private readonly entries = new Map<string, unknown>();
  async forget(id: string) { this.entries.delete(id); }
}
export async function forgetAll(cache: SessionCache, ids: string[]) {
  for (const id of ids) await cache.forget(id);
}`,
    },
  ],
  invalid: [
    {
      name: 'every implementation of the interface queries',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export interface Ledger { balance(account: string): Promise<number> }
export class PrimaryLedger implements Ledger {
  async balance(account: string) { return (await pool.query('SELECT balance FROM accounts WHERE id = $1', [account])).rows[0].balance; }
}
export class ReplicaLedger implements Ledger {
  async balance(account: string) { return (await pool.query('SELECT balance FROM accounts_replica WHERE id = $1', [account])).rows[0].balance; }
}
export async function balances(ledger: Ledger, accounts: string[]) {
  const out: number[] = [];
  for (const account of accounts) out.push(await ledger.balance(account));
  return out;
}`,
      errors: [{ messageId: 'queryInLoop', line: 12 }],
    },
    {
      name: 'for-of awaiting a store interface method whose implementation queries',
      code: `${store}
export async function blocking(store: TeamStore, teams: { id: string; owned: boolean }[]) {
  const found: string[] = [];
  for (const team of teams) {
    if (!team.owned) continue;
    const members = await store.listMembers(team.id);
    if (members.length > 1) found.push(team.id);
  }
  return found;
}`,
      errors: [{ messageId: 'queryInLoop', line: 23, column: 27, endLine: 23, endColumn: 53 }],
    },
    {
      name: 'Promise.all over rows mapping to a store interface method whose implementation queries',
      code: `${store}
export async function withMembers(store: TeamStore, teams: { id: string }[]) {
  return Promise.all(teams.map(async (team) => ({ team, members: await store.listMembers(team.id) })));
}`,
      errors: [{ messageId: 'queryInFanOut', line: 20, column: 72, endLine: 20, endColumn: 98 }],
    },
  ],
};

runRuleTests('no-query-in-loop through interfaces', rule, tests);
