/** Seeds, scripts, migrations and tests: warnings by default, marked in JSON and SARIF; `scriptsAndTests` in the
 * config file changes the globs and the severity, and a bad value is a one-line usage error. */
import os from 'node:os';

import { describe, expect, it, test } from 'vitest';

import type { ReportedFinding } from '../../src/cli/analyze-project.js';
import type { Severity } from '../../src/cli/rule-catalog.js';
import type { ScriptsAndTestsSetting } from '../../src/cli/scripts-and-tests.js';
import type { CliResult } from './run-cli.js';

import { loadConfig } from '../../src/cli/config/load-config.js';
import { applyScriptsAndTests } from '../../src/cli/scripts-and-tests.js';
import { parseJsonReport, runCli } from './run-cli.js';

const fixture = 'fixtures/cli/scripts-and-tests';
const withConfig = (name: string): string[] => ['--config', `${fixture}/${name}.config.json`];

function summarise(result: CliResult): string[] {
  return parseJsonReport(result).findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.severity} ${finding.scriptsAndTests ?? '-'}`);
}

test('by default, findings in seeds and test files are warnings naming the glob they matched; the request path stays an error', async () => {
  const result = await runCli(['scan', fixture, '--format', 'json']);
  expect(summarise(result)).toEqual([
    'seeds/users.ts:6 poolguard/no-query-in-loop warning **/{seed,seeds,seeder,seeders,seeding,scripts,migration,migrations}/**',
    'src/tag-counts.test.ts:5 poolguard/no-leaked-connection warning **/*.{test,spec,e2e-spec,e2e}.{js,jsx,cjs,mjs,ts,tsx,cts,mts}',
    'src/tag-counts.ts:7 poolguard/no-query-in-loop error -',
  ]);
  expect(result.exitCode).toBe(1);
});

describe('the scriptsAndTests setting', () => {
  const finding = (file: string, severity: Severity = 'error'): ReportedFinding =>
    ({ ruleId: 'no-query-in-loop', messageId: 'queryInLoop', file, line: 1, column: 1, endLine: 1, endColumn: 2, message: 'm', severity, fingerprint: file });
  const findings = [finding('seeds/users.ts'), finding('src/a.test.ts'), finding('src/a.ts'), finding('scripts/backfill.ts', 'warning')];
  const load = (name: string): ScriptsAndTestsSetting => loadConfig(fixture, `${fixture}/${name}.config.json`).scriptsAndTests;
  const summary = (setting: ScriptsAndTestsSetting): string[] =>
    applyScriptsAndTests(findings, setting).map((entry) => `${entry.file} ${entry.severity} ${entry.scriptsAndTests ?? '-'}`);

  it('"severity": "off" drops them', () => {
    expect(summary(load('off'))).toEqual(['src/a.ts error -']);
  });

  it('"files" replaces the default globs; "severity": "error" keeps each rule\'s own severity but still marks the file', () => {
    expect(summary(load('error'))).toEqual(['seeds/users.ts error seeds/**', 'src/a.test.ts error -', 'src/a.ts error -', 'scripts/backfill.ts warning -']);
  });

  it('"files": [] treats scripts and tests like any other code', () => {
    expect(summary(load('none'))).toEqual(['seeds/users.ts error -', 'src/a.test.ts error -', 'src/a.ts error -', 'scripts/backfill.ts warning -']);
  });

  it('without a config file, the default globs at "warn"', () => {
    expect(summary(loadConfig(os.tmpdir()).scriptsAndTests).map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      'seeds/users.ts warning',
      'src/a.test.ts warning',
      'src/a.ts error',
      'scripts/backfill.ts warning',
    ]);
  });
});

test('SARIF carries the matched glob in the result properties', async () => {
  const result = await runCli(['scan', fixture, '--format', 'sarif']);
  const sarif = JSON.parse(result.stdout) as { runs: { results: { level: string; properties?: { scriptsAndTests?: string } }[] }[] };
  const results = sarif.runs[0]?.results ?? [];
  expect(results.map((entry) => [entry.level, entry.properties?.scriptsAndTests ?? null])).toEqual([
    ['warning', '**/{seed,seeds,seeder,seeders,seeding,scripts,migration,migrations}/**'],
    ['warning', '**/*.{test,spec,e2e-spec,e2e}.{js,jsx,cjs,mjs,ts,tsx,cts,mts}'],
    ['error', null],
  ]);
});

test('a bad value is a one-line error naming the key, exit 2', async () => {
  const result = await runCli(['scan', fixture, ...withConfig('bad')]);
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toBe(`poolguard: invalid config file ${fixture}/bad.config.json: scriptsAndTests.severity must be "off", "warn" or "error" (or 0, 1, 2), got "loud"\n`);
});
