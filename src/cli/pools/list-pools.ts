/** `listPools`: every pool the code builds, with its effective size, acquire timeout and queue bound, and where
 * each value comes from. Uses the scan's project loading (analyzeProject with no rules). */
import type * as typescript from 'typescript';

import type { AnalysisContext } from '../../analysis/core/analysis-context.js';
import type { LimitReading, PoolSite } from '../../analysis/pools/pool-sites.js';
import type { LimitDefinition, PoolLimits } from '../../knowledge/pool-definition.js';
import type { PoolGuardSettings } from '../../knowledge/user-settings.js';
import type { DeclarationCache } from '../project/declaration-cache.js';

import path from 'node:path';

import { getPerRequestConstruction } from '../../analysis/pools/per-request-construction.js';
import { getPoolConfiguration, getPoolSites, isMoot, readLimit, worstReading } from '../../analysis/pools/pool-sites.js';
import { analyzeProject } from '../analyze-project.js';

/** Where a value comes from: an option (or URL parameter), the library default, the fallback of an environment
 * variable, nothing known, or nothing to set (the library has no such option). */
export type ValueSource = 'option' | 'url' | 'default' | 'env-fallback' | 'unknown' | 'not-configurable';

export interface LimitEntry {
  /** The effective number, or null when unlimited or unknown. */
  readonly value: number | null;
  readonly unlimited: boolean;
  readonly source: ValueSource;
  readonly option?: string;
  readonly env?: string;
  readonly unit?: string;
  /** Non-numeric default as the library states it (`num_physical_cpus * 2 + 1`). */
  readonly note?: string;
}

export interface PoolEntry {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly library: string;
  readonly noun: string;
  readonly max: LimitEntry;
  readonly acquireTimeout: LimitEntry;
  readonly queue: LimitEntry;
  /** Set when the pool is built per request, per item or per call: the process then holds many of them. */
  readonly perRequest?: string;
}

export interface PoolTotal {
  /** Sum of the known maxima. */
  readonly known: number;
  /** Some pool has no size bound (or is built per request). */
  readonly unbounded: boolean;
  /** Pools whose size cannot be read statically. */
  readonly unknown: number;
}

export interface PoolInventory {
  readonly root: string;
  readonly pools: readonly PoolEntry[];
  readonly perProcess: PoolTotal;
}

export function listPools(options: { path: string; settings?: PoolGuardSettings; declarationCache?: DeclarationCache; betweenPrograms?: () => void }): PoolInventory {
  const pools: PoolEntry[] = [];
  let root = path.resolve(options.path);
  const analysis = analyzeProject({
    path: options.path,
    rules: [],
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.declarationCache ? { declarationCache: options.declarationCache } : {}),
    ...(options.betweenPrograms ? { betweenPrograms: options.betweenPrograms } : {}),
    visitFile: (sourceFile, context) => {
      for (const site of getPoolSites(sourceFile, context)) {
        const entry = toEntry(site, sourceFile, context);
        if (entry) pools.push({ ...entry, file: sourceFile.fileName });
      }
    },
  });
  root = analysis.root;
  const relative = pools.map((pool) => ({ ...pool, file: path.relative(root, pool.file).split(path.sep).join('/') }));
  relative.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return { root, pools: relative, perProcess: sumPools(relative) };
}

function toEntry(site: PoolSite, sourceFile: typescript.SourceFile, context: AnalysisContext): Omit<PoolEntry, 'file'> | undefined {
  if (site.pool.singleConnection || site.factory?.takesOptions === false) return undefined;
  let configuration: ReturnType<typeof getPoolConfiguration>;
  try {
    configuration = getPoolConfiguration(site, context);
  } catch {
    configuration = { type: 'unknown' };
  }
  if (configuration.type === 'wraps' || (site.pool.wrapsOnly && !site.pool.limits)) return undefined;
  const limits: PoolLimits | undefined = configuration.type === 'known' ? configuration.limits : undefined;
  const read = (limit: LimitDefinition | undefined): LimitEntry => {
    if (configuration.type !== 'known' || !limits) return { value: null, unlimited: false, source: 'unknown' };
    if (!limit) return { value: null, unlimited: true, source: 'not-configurable' };
    if (isMoot(configuration, limit)) return { value: 0, unlimited: false, source: 'option', option: limit.moot?.option ?? '', ...(limit.unit ? { unit: limit.unit } : {}) };
    const reading = worstReading(readLimit(configuration, limit, context));
    return reading ? toLimitEntry(reading, limit) : { value: null, unlimited: false, source: 'unknown' };
  };
  const start = sourceFile.getLineAndCharacterOfPosition(site.node.getStart());
  const perRequest = getPerRequestConstruction(site, context)?.reason;
  return {
    line: start.line + 1,
    column: start.character + 1,
    library: site.library.name,
    noun: site.pool.noun,
    max: read(limits?.size),
    acquireTimeout: read(limits?.acquireTimeout),
    queue: read(limits?.queue),
    ...(perRequest ? { perRequest } : {}),
  };
}

function toLimitEntry(reading: LimitReading, limit: LimitDefinition): LimitEntry {
  const source: ValueSource = reading.status === 'unknown' ? 'unknown' : reading.source;
  return {
    value: reading.status === 'bounded' ? reading.value ?? null : null,
    unlimited: reading.status === 'unlimited',
    source,
    ...(reading.option ?? limit.options[0] ?? limit.urlParameters?.[0] ? { option: reading.option ?? limit.options[0] ?? limit.urlParameters?.[0] ?? '' } : {}),
    ...(reading.env ? { env: reading.env } : {}),
    ...(limit.unit ? { unit: limit.unit } : {}),
    ...(reading.status === 'computed' && limit.defaultText ? { note: limit.defaultText } : {}),
  };
}

function sumPools(pools: readonly PoolEntry[]): PoolTotal {
  let known = 0;
  let unbounded = false;
  let unknown = 0;
  for (const pool of pools) {
    if (pool.perRequest || pool.max.unlimited) unbounded = true;
    else if (pool.max.value === null) unknown += 1;
    else known += pool.max.value;
  }
  return { known, unbounded, unknown };
}
