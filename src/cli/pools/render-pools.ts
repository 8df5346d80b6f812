/** The inventory as text (for people) or JSON (for scripts). */
import type { FleetVerdict } from './fleet-verdict.js';
import type { LimitEntry, PoolEntry, PoolInventory } from './list-pools.js';

export function renderJson(inventory: PoolInventory, fleet: FleetVerdict | undefined): string {
  return `${JSON.stringify({ pools: inventory.pools, perProcess: inventory.perProcess, ...(fleet ? { fleet } : {}) }, null, 2)}\n`;
}

export function renderText(inventory: PoolInventory, fleet: FleetVerdict | undefined): string {
  const lines: string[] = [];
  const files = new Set(inventory.pools.map((pool) => pool.file)).size;
  lines.push(inventory.pools.length === 0 ? 'No connection pools found.' : `${inventory.pools.length} connection pool(s) in ${files} file(s)`);
  for (const pool of inventory.pools) lines.push('', ...renderPool(pool));
  lines.push('', `Per process: ${describeTotal(inventory)}`);
  if (fleet) lines.push(describeFleet(fleet, inventory));
  return `${lines.join('\n')}\n`;
}

function renderPool(pool: PoolEntry): string[] {
  const lines = [`${pool.file}:${pool.line}:${pool.column}  ${pool.noun} (${pool.library})`];
  lines.push(`  max connections  ${describeLimit(pool.max, 'unbounded')}`);
  lines.push(`  acquire timeout  ${describeLimit(pool.acquireTimeout, 'waits forever')}`);
  lines.push(`  wait queue       ${describeLimit(pool.queue, 'unbounded')}`);
  if (pool.perRequest) lines.push(`  built ${pool.perRequest}: the process holds one per request`);
  return lines;
}

function describeLimit(limit: LimitEntry, unlimitedText: string): string {
  const option = limit.option ? `\`${limit.option}\`` : 'the option';
  const unit = limit.unit === 'ms' ? ' ms' : limit.unit === 's' ? ' s' : '';
  if (limit.source === 'not-configurable') return `${unlimitedText} (the library has no option for it)`;
  if (limit.source === 'unknown') return limit.env ? `unknown (from ${limit.env}, no fallback)` : 'unknown (not statically known)';
  const value = limit.unlimited ? unlimitedText : limit.value !== null ? `${limit.value}${unit}` : limit.note ?? 'computed';
  switch (limit.source) {
    case 'option': return `${value} (option ${option})`;
    case 'url': return `${value} (URL parameter ${option})`;
    case 'env-fallback': return `${value} (fallback while ${limit.env ?? 'the variable'} is unset, ${option})`;
    default: return `${value} (library default)`;
  }
}

function describeTotal(inventory: PoolInventory): string {
  const total = inventory.perProcess;
  if (total.unbounded) return 'unbounded (a pool without a size limit, or one built per request)';
  const unknown = total.unknown > 0 ? ` plus ${total.unknown} pool(s) of unknown size` : '';
  return `at most ${total.known} connection(s)${unknown}`;
}

function describeFleet(fleet: FleetVerdict, inventory: PoolInventory): string {
  const allowed = fleet.dbMaxConnections - fleet.headroom;
  const limit = `the database allows ${fleet.dbMaxConnections}, ${allowed} after keeping ${fleet.headroom} free`;
  switch (fleet.status) {
    case 'fits': return `Fleet: ${fleet.replicas} replica(s) × ${inventory.perProcess.known} = ${fleet.total ?? 0} connection(s); ${limit}: fits.`;
    case 'exceeds': return `Fleet: ${fleet.replicas} replica(s) × ${inventory.perProcess.known} = ${fleet.replicas * inventory.perProcess.known}${fleet.total === null ? ' or more' : ''} connection(s); ${limit}: DOES NOT FIT.`;
    case 'unbounded': return `Fleet: ${fleet.replicas} replica(s) × unbounded; ${limit}: DOES NOT FIT (bound every pool first).`;
    default: return `Fleet: ${fleet.replicas} replica(s) × ${inventory.perProcess.known} + pools of unknown size; ${limit}: cannot tell (set the sizes statically or give them fallbacks).`;
  }
}
