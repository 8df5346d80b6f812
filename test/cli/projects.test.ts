/** Project loading: solution tsconfig with references, a plain JS repo, --project, a tsconfig as the path. */
import { beforeAll, describe, expect, test } from 'vitest';

import type { CliResult, JsonReport } from './run-cli.js';

import { parseJsonReport, runCli } from './run-cli.js';

let monorepo: JsonReport;
let plainJs: JsonReport;
let workerOnly: JsonReport;
let tsconfigAsPath: JsonReport;
let clean: CliResult;
let brokenWorkspaces: CliResult;
let workspaces: JsonReport;

beforeAll(async () => {
  monorepo = parseJsonReport(await runCli(['scan', 'fixtures/cli/monorepo', '--format', 'json']));
  plainJs = parseJsonReport(await runCli(['scan', 'fixtures/cli/plain-js', '--format', 'json']));
  workerOnly = parseJsonReport(await runCli(['scan', 'fixtures/cli/monorepo', '--project', 'fixtures/cli/monorepo/packages/worker', '--format', 'json']));
  tsconfigAsPath = parseJsonReport(await runCli(['scan', 'fixtures/cli/monorepo/packages/api/tsconfig.json', '--format', 'json']));
  clean = await runCli(['scan', 'fixtures/cli/clean']);
  brokenWorkspaces = await runCli(['scan', 'fixtures/cli/bad-input']);
  workspaces = parseJsonReport(await runCli(['scan', 'fixtures/cli/workspaces', '--format', 'json']));
});

const files = (report: JsonReport): string[] => [...new Set(report.findings.map((finding) => finding.file))];

describe('a monorepo whose solution tsconfig references one project per workspace', () => {
  test('loads every referenced project', () => {
    expect(files(monorepo)).toContain('packages/api/src/orders.ts');
    expect(files(monorepo)).toContain('packages/worker/src/jobs.ts');
  });

  test('reports a file included by two projects once', () => {
    const shared = monorepo.findings.filter((finding) => finding.file === 'packages/shared/database.ts');
    expect(shared.length).toBeGreaterThan(0);
    expect(new Set(shared.map((finding) => `${finding.ruleId}:${finding.line}:${finding.column}`)).size).toBe(shared.length);
  });

  test('skips what the repository .gitignore ignores', () => {
    expect(files(monorepo).some((file) => file.includes('generated/'))).toBe(false);
  });

  test('counts each analysed file once', () => {
    expect(monorepo.summary.filesAnalyzed).toBe(3);
    expect(monorepo.summary.filesWithoutDatabaseImports).toBe(1);
  });

  test('honours eslint-disable-next-line in the CLI', () => {
    expect(monorepo.findings.some((finding) => finding.file === 'packages/api/src/orders.ts' && finding.line === 15)).toBe(false);
    expect(monorepo.summary.suppressedByComments).toBe(1);
  });
});

describe('a monorepo without a root tsconfig: one per workspace, and loose files beside them', () => {
  test('finds every workspace tsconfig and the files no tsconfig covers', () => {
    expect(files(workspaces)).toEqual(['packages/billing/src/charge.ts', 'packages/legacy/export.js', 'packages/orders/src/ship.ts']);
  });

  test('analyses a file reached from two workspaces once', () => {
    expect(workspaces.summary.filesAnalyzed).toBe(5);
  });
});

describe('a plain JavaScript repository without tsconfig', () => {
  test('scans .js, .mjs and .cjs files', () => {
    expect(files(plainJs)).toEqual(expect.arrayContaining(['src/users.js', 'scripts/seed.cjs']));
  });

  test('skips build output', () => {
    expect(files(plainJs).some((file) => file.startsWith('build/'))).toBe(false);
  });

  test('skips a file that does not parse, counts it, and goes on', () => {
    expect(plainJs.summary.filesSkipped).toEqual([{ file: 'src/half-written.js', reason: expect.stringMatching(/^does not parse \(line \d+/) }]);
    expect(plainJs.summary.filesAnalyzed).toBe(4);
  });
});

describe('choosing the project', () => {
  test('--project loads only that tsconfig, paths stay relative to the scanned directory', () => {
    expect(files(workerOnly).every((file) => file.startsWith('packages/worker/') || file.startsWith('packages/shared/'))).toBe(true);
    expect(files(workerOnly)).toContain('packages/worker/src/jobs.ts');
  });

  test('a tsconfig file as the path scans its directory', () => {
    expect(files(tsconfigAsPath)).toContain('src/orders.ts');
    expect(files(tsconfigAsPath).some((file) => file.startsWith('src/generated/'))).toBe(false);
  });
});

test('a clean repository exits 0 with a summary line', () => {
  expect(clean.exitCode).toBe(0);
  expect(clean.stdout).toBe('✔ No problems (1 file analysed)\n');
  expect(clean.stderr).toBe('');
});

test('a broken tsconfig found while walking a tree is a warning, and its files are still scanned', () => {
  expect(brokenWorkspaces.exitCode).toBe(0);
  expect(brokenWorkspaces.stderr.trimEnd().split('\n')).toEqual([
    expect.stringMatching(/^poolguard: warning: invalid tsconfig .*broken-tsconfig\/tsconfig\.json: line \d+: .*; its files are scanned with default compiler options$/),
    expect.stringMatching(/^poolguard: warning: tsconfig .*missing-extends\/tsconfig\.json: its "extends" base ".*tsconfig\.base\.json" cannot be resolved \(not installed, or missing\); scanning with the options the file sets and defaults for the rest$/),
  ]);
  expect(brokenWorkspaces.stdout).toBe('✔ No problems (0 files analysed, 4 without database imports)\n');
});
