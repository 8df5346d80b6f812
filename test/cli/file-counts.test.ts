/** The summary's file counts: a file that does not parse is skipped, and counted once, as skipped. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { ensureBuilt, parseJsonReport, runCli } from './run-cli.js';

let directory: string;

beforeAll(() => {
  ensureBuilt();
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-counts-'));
  const leaking = (name: string): string => [
    "import { Pool } from 'pg';",
    'const pool = new Pool({ max: 5, connectionTimeoutMillis: 1000 });',
    `export async function ${name}() {`,
    '  const client = await pool.connect();',
    "  await client.query('SELECT 1');",
    '  client.release();',
    '}',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(directory, 'accounts.ts'), leaking('accounts'));
  fs.writeFileSync(path.join(directory, 'orders.ts'), leaking('orders'));
  // A binary file with a source extension (a video transport stream, an asset misnamed `.ts`).
  fs.writeFileSync(path.join(directory, 'clip.ts'), Buffer.from([0x47, 0x00, 0x11, 0x10, 0x00, 0x42, 0xf0, 0x25, 0x00, 0x01, 0xc1, 0x00, 0x00, 0xff, 0x01]));
});

afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

test('a binary .ts file is skipped, not analysed: every file is counted once', async () => {
  const result = await runCli(['scan', directory, '--format', 'json']);
  const report = parseJsonReport(result);
  expect(report.summary.filesSkipped.map((skipped) => skipped.file)).toEqual(['clip.ts']);
  expect(report.summary.filesAnalyzed).toBe(2);
  expect(new Set(report.findings.map((finding) => finding.file))).toEqual(new Set(['accounts.ts', 'orders.ts']));
});

test('the text summary says the same', async () => {
  const result = await runCli(['scan', directory]);
  expect(result.stdout).toMatch(/2 files analysed, 1 file skipped\b/);
});
