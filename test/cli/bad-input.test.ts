/** Bad input: each case is one line on stderr naming the problem, exit code 2, never a stack trace. */
import { beforeAll, describe, expect, test } from 'vitest';

import type { CliResult } from './run-cli.js';

import { runCli } from './run-cli.js';

const cases: readonly { readonly name: string; readonly args: readonly string[]; readonly message: RegExp }[] = [
  { name: 'a missing path', args: ['scan', 'fixtures/cli/no-such-repo'], message: /path not found: fixtures\/cli\/no-such-repo/ },
  { name: 'a folder with no source files', args: ['scan', 'fixtures/cli/bad-input/no-sources'], message: /No files matching "fixtures\/cli\/bad-input\/no-sources" were found: no \.ts, .* file outside/ },
  { name: 'a source file where a directory is needed', args: ['scan', 'fixtures/cli/clean/src/accounts.ts'], message: /not a directory: .*accounts\.ts/ },
  { name: 'a tsconfig that is not valid JSON', args: ['scan', 'fixtures/cli/bad-input/broken-tsconfig'], message: /invalid tsconfig .*broken-tsconfig\/tsconfig\.json: line \d+/ },
  { name: 'a --project that does not exist', args: ['scan', 'fixtures/cli/clean', '--project', 'fixtures/cli/plain-js'], message: /tsconfig not found: .*plain-js\/tsconfig\.json/ },
  { name: 'an unknown flag', args: ['scan', '--frobnicate'], message: /unknown option: --frobnicate/ },
  { name: 'an unknown format', args: ['scan', 'fixtures/cli/clean', '--format', 'xml'], message: /unknown format: xml \(expected text, json, sarif, github\)/ },
  { name: 'a flag missing its value', args: ['scan', 'fixtures/cli/clean', '--format'], message: /--format needs a value/ },
  { name: 'a non-numeric --max-warnings', args: ['scan', 'fixtures/cli/clean', '--max-warnings', 'many'], message: /--max-warnings must be an integer/ },
  { name: 'an invalid rule level in the config file', args: ['scan', 'fixtures/cli/bad-input/invalid-config'], message: /invalid config file .*poolguard\.config\.json: rules\.no-leaked-connection must be "off", "warn", "error"/ },
  { name: 'a rule option outside its schema', args: ['scan', 'fixtures/cli/clean', '--config', 'fixtures/cli/bad-input/invalid-rule-options.json'], message: /invalid config file .*invalid-rule-options\.json: rules\.no-unbounded-pool\[1\]\.maxPoolSize must be a positive integer, got 0/ },
  { name: 'invalid settings under the package.json key', args: ['scan', 'fixtures/cli/bad-input/invalid-settings'], message: /invalid config file .*package\.json: poolguard\.settings\.maxPoolSize must be a positive integer, got "twenty"/ },
  { name: 'a --config file that does not exist', args: ['scan', 'fixtures/cli/clean', '--config', 'fixtures/cli/none.json'], message: /cannot read config file .*none\.json: no such file/ },
  { name: 'an output path that cannot be written', args: ['scan', 'fixtures/cli/clean', '--output', 'fixtures/cli/no-such-dir/report.json'], message: /cannot write output .*report\.json: its directory does not exist/ },
  { name: 'a baseline that is not a baseline', args: ['scan', 'fixtures/cli/clean', '--baseline', 'fixtures/cli/clean/package.json'], message: /invalid baseline .*package\.json/ },
  { name: 'baseline and write-baseline together', args: ['scan', '--baseline', 'a.json', '--write-baseline', 'b.json'], message: /cannot be used together/ },
  { name: 'a format the pools command does not have', args: ['pools', 'fixtures/cli/clean', '--format', 'sarif'], message: /unknown format: sarif \(expected text, json\)/ },
  { name: 'an option of another command', args: ['scan', 'fixtures/cli/clean', '--replicas', '3'], message: /--replicas does not apply to `poolguard scan`/ },
];

const results = new Map<string, CliResult>();

beforeAll(async () => {
  for (const entry of cases) results.set(entry.name, await runCli(entry.args));
});

describe.each(cases)('$name', ({ name, message }) => {
  test('exits 2 with one line naming the problem', () => {
    const result = results.get(name);
    expect(result?.exitCode).toBe(2);
    expect(result?.stdout).toBe('');
    expect(result?.stderr).toMatch(/^poolguard: [^\n]+\n$/);
    expect(result?.stderr).toMatch(message);
    expect(result?.stderr).not.toMatch(/\n\s+at /);
  });
});
