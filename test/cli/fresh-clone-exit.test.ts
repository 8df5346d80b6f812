/** What a user sees when a tsconfig's `extends` base is not installed: a warning on stderr, not exit 2. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import type { CliResult } from './run-cli.js';

import { cliFixtures, ensureBuilt, spawnCli } from './run-cli.js';

let clone: string;
let missingBase: CliResult;
let brokenJson: CliResult;

beforeAll(async () => {
  ensureBuilt();
  clone = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-fresh-clone-'));
  fs.cpSync(path.join(cliFixtures, 'fresh-clone'), clone, { recursive: true });
  const broken = path.join(clone, 'packages/broken');
  fs.mkdirSync(broken);
  fs.writeFileSync(path.join(broken, 'tsconfig.json'), '{ "compilerOptions": { "strict": true, } ');
  [missingBase, brokenJson] = await Promise.all([spawnCli(['scan', 'packages/api', '--format', 'json'], { cwd: clone }), spawnCli(['scan', 'packages/broken'], { cwd: clone })]);
});

afterAll(() => {
  fs.rmSync(clone, { recursive: true, force: true });
});

test('a missing extends base is one warning line, and the findings decide the exit code', () => {
  expect(missingBase.stderr).toBe(
    'poolguard: warning: tsconfig packages/api/tsconfig.json: its "extends" base "@tsconfig/node20/tsconfig.json" cannot be resolved (not installed, or missing); scanning with the options the file sets and defaults for the rest\n',
  );
  expect(missingBase.exitCode).toBe(1);
  expect((JSON.parse(missingBase.stdout) as { findings: unknown[] }).findings).toHaveLength(4);
});

test('a scanned tsconfig that is not valid JSON is still exit 2', () => {
  expect(brokenJson.exitCode).toBe(2);
  expect(brokenJson.stderr).toMatch(/^poolguard: invalid tsconfig packages\/broken\/tsconfig\.json: /);
});
