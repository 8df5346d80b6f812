/** `poolguard pools`: the inventory of fixtures/projects/pools-inventory, its JSON and text, and the fleet verdict. */
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { runPools } from '../../src/cli/pools/run-pools.js';
import { judgeFleet } from '../../src/cli/pools/fleet-verdict.js';
import { listPools } from '../../src/cli/pools/list-pools.js';
import { fixturesRoot } from '../helpers/rule-testers.js';
import { declarationCache, runCli } from './run-cli.js';

const project = path.join(fixturesRoot, 'projects/pools-inventory');

describe('listPools', () => {
  const inventory = listPools({ path: project, declarationCache });

  it('lists every pool with its library, sorted by file', () => {
    expect(inventory.pools.map((pool) => `${pool.file}:${pool.line} ${pool.library}`)).toEqual([
      'src/mysql-pool.ts:5 mysql2',
      'src/pg-pool.ts:3 pg',
      'src/workers.ts:6 generic-pool',
    ]);
  });

  it('reads an option written in the call', () => {
    const pg = inventory.pools.find((pool) => pool.library === 'pg');
    expect(pg?.max).toEqual({ value: 20, unlimited: false, source: 'option', option: 'max', unit: 'connections' });
    expect(pg?.acquireTimeout).toEqual({ value: 5000, unlimited: false, source: 'option', option: 'connectionTimeoutMillis', unit: 'ms' });
  });

  it('says when the library has no option for a limit', () => {
    const pg = inventory.pools.find((pool) => pool.library === 'pg');
    expect(pg?.queue).toEqual({ value: null, unlimited: true, source: 'not-configurable' });
  });

  it('follows a config object imported from another file', () => {
    const mysql = inventory.pools.find((pool) => pool.library === 'mysql2');
    expect(mysql?.max).toMatchObject({ value: 15, source: 'option', option: 'connectionLimit' });
    expect(mysql?.queue).toMatchObject({ value: 50, source: 'option', option: 'queueLimit' });
  });

  it('uses the fallback of an environment variable and names the variable', () => {
    const workers = inventory.pools.find((pool) => pool.library === 'generic-pool');
    expect(workers?.max).toMatchObject({ value: 5, source: 'env-fallback', env: 'BROWSERS' });
  });

  it('sums the maxima per process', () => {
    expect(inventory.perProcess).toEqual({ known: 40, unbounded: false, unknown: 0 });
  });
});

describe('judgeFleet', () => {
  it('fits with 10 % headroom', () => {
    expect(judgeFleet({ known: 40, unbounded: false, unknown: 0 }, 4, 200)).toEqual({ replicas: 4, dbMaxConnections: 200, headroom: 20, total: 160, status: 'fits' });
  });

  it('exceeds when replicas × max passes the limit less the headroom', () => {
    expect(judgeFleet({ known: 40, unbounded: false, unknown: 0 }, 5, 200).status).toBe('exceeds');
  });

  it('keeps at least 3 connections free', () => {
    expect(judgeFleet({ known: 10, unbounded: false, unknown: 0 }, 2, 22).status).toBe('exceeds');
  });

  it('cannot fit an unbounded pool', () => {
    expect(judgeFleet({ known: 10, unbounded: true, unknown: 0 }, 1, 1000).status).toBe('unbounded');
  });

  it('cannot tell when a size is unknown and the known part fits', () => {
    expect(judgeFleet({ known: 10, unbounded: false, unknown: 1 }, 2, 1000).status).toBe('unknown');
  });
});

describe('runPools', () => {
  it('prints the inventory as text and exits 0 when the fleet fits', () => {
    const result = runPools({ path: project, format: 'text', replicas: 4, dbMaxConnections: 200, declarationCache });
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('src/pg-pool.ts:3:21  pg Pool (pg)');
    expect(result.output).toContain('max connections  5 (fallback while BROWSERS is unset, `max`)');
    expect(result.output).toContain('Per process: at most 40 connection(s)');
    expect(result.output).toContain('Fleet: 4 replica(s) × 40 = 160 connection(s); the database allows 200, 180 after keeping 20 free: fits.');
  });

  it('exits 1 when the fleet does not fit, with the verdict in JSON', () => {
    const result = runPools({ path: project, format: 'json', replicas: 5, dbMaxConnections: 200, declarationCache });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.output) as { pools: unknown[]; perProcess: { known: number }; fleet: { status: string; total: number } };
    expect(report.pools).toHaveLength(3);
    expect(report.perProcess.known).toBe(40);
    expect(report.fleet).toMatchObject({ status: 'exceeds', total: 200 });
  });

  it('exits 0 with no database limit to compare with', () => {
    const result = runPools({ path: project, format: 'json', declarationCache });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.output)).not.toHaveProperty('fleet');
  });
});

describe('poolguard pools', () => {
  it('runs as a command with --replicas and --db-max-connections', async () => {
    const result = await runCli(['pools', project, '--replicas', '5', '--db-max-connections', '200']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('DOES NOT FIT');
  });
});
