/** Does the fleet fit the database: replicas × connections per process, against max connections with headroom? */
import type { PoolTotal } from './list-pools.js';

export interface FleetVerdict {
  readonly replicas: number;
  readonly dbMaxConnections: number;
  /** Connections kept free for administration, migrations and failover: 10 % of the limit, at least 3. */
  readonly headroom: number;
  /** Connections the fleet may open, when known. */
  readonly total: number | null;
  readonly status: 'fits' | 'exceeds' | 'unbounded' | 'unknown';
}

export function judgeFleet(perProcess: PoolTotal, replicas: number, dbMaxConnections: number): FleetVerdict {
  const headroom = Math.max(3, Math.ceil(dbMaxConnections * 0.1));
  const allowed = dbMaxConnections - headroom;
  const known = replicas * perProcess.known;
  if (perProcess.unbounded) return { replicas, dbMaxConnections, headroom, total: null, status: 'unbounded' };
  // Pools of unknown size can only add connections: a known part already over the limit is over.
  if (known > allowed) return { replicas, dbMaxConnections, headroom, total: perProcess.unknown > 0 ? null : known, status: 'exceeds' };
  if (perProcess.unknown > 0) return { replicas, dbMaxConnections, headroom, total: null, status: 'unknown' };
  return { replicas, dbMaxConnections, headroom, total: known, status: 'fits' };
}
