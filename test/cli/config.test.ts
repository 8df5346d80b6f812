/** Configuration: rule levels from a file, package.json key found upward, --max-warnings, --quiet, help and version. */
import { createRequire } from 'node:module';

import { beforeAll, expect, test } from 'vitest';

import type { CliResult } from './run-cli.js';

import { parseJsonReport, runCli } from './run-cli.js';

const require = createRequire(import.meta.url);
const fixture = 'fixtures/cli/configured';
const warningsOnly = ['--config', `${fixture}/warnings-only.config.json`];

let warnings: CliResult;
let maxWarnings: CliResult;
let quiet: CliResult;
let packageKey: CliResult;
let help: CliResult;
let version: CliResult;

beforeAll(async () => {
  warnings = await runCli(['scan', fixture, ...warningsOnly, '--format', 'json']);
  maxWarnings = await runCli(['scan', fixture, ...warningsOnly, '--max-warnings', '0', '--format', 'json']);
  quiet = await runCli(['scan', fixture, ...warningsOnly, '--quiet', '--timing']);
  packageKey = await runCli(['scan', 'fixtures/cli/package-config/src', '--format', 'json']);
  help = await runCli(['--help']);
  version = await runCli(['--version']);
});

test('--config replaces the configuration found next to the code; warnings alone exit 0', () => {
  const report = parseJsonReport(warnings);
  expect(report.findings.length).toBeGreaterThan(0);
  expect(report.findings.every((finding) => finding.severity === 'warning')).toBe(true);
  expect(warnings.exitCode).toBe(0);
});

test('rule options in the config file reach the rule', () => {
  const overBudget = parseJsonReport(maxWarnings).findings.filter((finding) => finding.ruleId === 'poolguard/no-unbounded-pool');
  expect(overBudget.length).toBeGreaterThan(0);
  expect(overBudget.every((finding) => finding.message.includes('3'))).toBe(true);
});

test('more warnings than --max-warnings exit 1 and say why', () => {
  expect(maxWarnings.exitCode).toBe(1);
  expect(maxWarnings.stderr).toMatch(/^poolguard: \d+ warning\(s\), more than --max-warnings 0\n$/);
});

test('--max-warnings -1 (the documented "no limit") is accepted as a separate argument', async () => {
  const result = await runCli(['scan', fixture, ...warningsOnly, '--max-warnings', '-1', '--format', 'json']);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  expect(parseJsonReport(result).findings.length).toBeGreaterThan(0);
});

test('--quiet reports errors only', () => {
  expect(quiet.exitCode).toBe(0);
  expect(quiet.stdout).toMatch(/^✔ No problems \(2 files analysed, 1 without database imports, 3 suppressed by comments\)\n$/);
});

test('--timing prints the time per phase on stderr, not on stdout', () => {
  expect(quiet.stderr).toMatch(/^ {2}load +\d+\.\d ms$/m);
  expect(quiet.stderr).toMatch(/^ {2}rule no-leaked-connection +\d+\.\d ms$/m);
  expect(quiet.stderr).toMatch(/^ {2}report +\d+\.\d ms$/m);
  expect(quiet.stdout).not.toContain(' ms');
});

test('the poolguard key of package.json, found upward from the scanned directory, turns a rule off', () => {
  expect(packageKey.exitCode).toBe(0);
  expect(parseJsonReport(packageKey).findings.filter((finding) => finding.ruleId === 'poolguard/no-leaked-connection')).toEqual([]);
});

test('--help lists every option of the table', async () => {
  const { options } = await import('../../src/cli/arguments.js');
  expect(help.exitCode).toBe(0);
  for (const option of options) expect(help.stdout).toContain(`--${option.name}`);
});

test('--version prints the package version', () => {
  expect(version.stdout).toBe(`${(require('../../package.json') as { version: string }).version}\n`);
});
