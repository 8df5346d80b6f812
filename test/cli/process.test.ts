/**
 * The built binary as a process: what in-process tests cannot see. Exit statuses 0, 1 and 2; the report on
 * stdout and everything else on stderr; no colour and no progress line on pipes, both on a terminal.
 */
import { spawnSync } from 'node:child_process';

import { beforeAll, describe, expect, test } from 'vitest';

import type { CliResult } from './run-cli.js';

import { cliBinary, ensureBuilt, parseJsonReport, repositoryRoot, spawnCli } from './run-cli.js';

let clean: CliResult;
let findings: CliResult;
let tooManyWarnings: CliResult;
let badInput: CliResult;
let pools: CliResult;

/** Each process loads the compiler and the rules: slow on a busy machine. */
const processTimeout = 240_000;

beforeAll(async () => {
  ensureBuilt();
  [clean, findings, tooManyWarnings, badInput, pools] = await Promise.all([
    spawnCli(['scan', 'fixtures/cli/clean']),
    spawnCli(['scan', 'fixtures/cli/configured']),
    spawnCli(['scan', 'fixtures/cli/configured', '--config', 'fixtures/cli/configured/warnings-only.config.json', '--max-warnings', '0', '--format', 'json']),
    spawnCli(['scan', 'fixtures/cli/no-such-repo']),
    spawnCli(['pools', 'fixtures/projects/pools-inventory', '--replicas', '5', '--db-max-connections', '200']),
  ]);
}, processTimeout);

test('no finding: exit 0, the summary on stdout, nothing on stderr', () => {
  expect(clean).toEqual({ exitCode: 0, stdout: '✔ No problems (1 file analysed)\n', stderr: '' });
});

test('error findings: exit 1, the report on stdout without colour on a pipe, nothing on stderr', () => {
  expect(findings.exitCode).toBe(1);
  expect(findings.stdout).toMatch(/^✖ \d+ problems/m);
  expect(findings.stdout).not.toContain('\u001B[');
  expect(findings.stderr).toBe('');
});

test('more warnings than --max-warnings: exit 1, the JSON report on stdout, the reason on stderr', () => {
  expect(tooManyWarnings.exitCode).toBe(1);
  expect(parseJsonReport(tooManyWarnings).summary.warningCount).toBeGreaterThan(0);
  expect(tooManyWarnings.stderr).toMatch(/^poolguard: \d+ warning\(s\), more than --max-warnings 0\n$/);
});

test('bad input: exit 2, one line on stderr, nothing on stdout', () => {
  expect(badInput).toEqual({ exitCode: 2, stdout: '', stderr: 'poolguard: path not found: fixtures/cli/no-such-repo\n' });
});

test('the pools command: exit 1 when the fleet does not fit', () => {
  expect(pools.exitCode).toBe(1);
  expect(pools.stdout).toContain('DOES NOT FIT');
  expect(pools.stderr).toBe('');
});

// util-linux `script` runs the binary under a pseudo-terminal (stdout and stderr both go to it).
const hasScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!hasScript)('on a terminal', () => {
  test('exit 1; the text report is coloured and the progress line is shown, then cleared', () => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(cliBinary)} scan fixtures/cli/configured`;
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm' };
    for (const name of ['FORCE_COLOR', 'NO_COLOR', 'GITHUB_ACTIONS']) delete env[name];
    const result = spawnSync('script', ['-qefc', command, '/dev/null'], { cwd: repositoryRoot, env, encoding: 'utf8', timeout: processTimeout });
    expect(result.status).toBe(1);
    const output = result.stdout;
    expect(output).toContain('\u001B[31merror\u001B[39m');
    expect(output).toMatch(/poolguard: (loading|analysing)/);
    expect(output).toContain('\r\u001B[2K');
  }, processTimeout);
});
