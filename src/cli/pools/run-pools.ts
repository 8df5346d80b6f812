/** `poolguard pools`: the inventory, its rendering and the fleet verdict as one call the CLI wires up. */
import type { PoolGuardSettings } from '../../knowledge/user-settings.js';
import type { DeclarationCache } from '../project/declaration-cache.js';

import { judgeFleet } from './fleet-verdict.js';
import { listPools } from './list-pools.js';
import { renderJson, renderText } from './render-pools.js';

export interface RunPoolsOptions {
  readonly path: string;
  readonly format: 'text' | 'json';
  /** Processes that run the code; default 1 when only the database limit is given. */
  readonly replicas?: number;
  /** The database's connection limit (Postgres `max_connections`). */
  readonly dbMaxConnections?: number;
  readonly settings?: PoolGuardSettings;
  /** Library declarations parsed by an earlier run of the same process. */
  readonly declarationCache?: DeclarationCache;
  /** Called between the programs of the scan (see AnalyzeProjectOptions). */
  readonly betweenPrograms?: () => void;
}

/** Exit code 1 when a database limit is given and the fleet does not provably fit under it. */
export function runPools(options: RunPoolsOptions): { output: string; exitCode: number } {
  const inventory = listPools({
    path: options.path,
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.declarationCache ? { declarationCache: options.declarationCache } : {}),
    ...(options.betweenPrograms ? { betweenPrograms: options.betweenPrograms } : {}),
  });
  const fleet = options.dbMaxConnections === undefined ? undefined : judgeFleet(inventory.perProcess, options.replicas ?? 1, options.dbMaxConnections);
  const output = options.format === 'json' ? renderJson(inventory, fleet) : renderText(inventory, fleet);
  return { output, exitCode: fleet && fleet.status !== 'fits' ? 1 : 0 };
}
