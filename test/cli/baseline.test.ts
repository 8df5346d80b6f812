/** Baseline round trip: record today's findings, then only new ones count, across line shifts and fixes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import type { CliResult, JsonReport } from './run-cli.js';

import { copyFixture, parseJsonReport, runCli } from './run-cli.js';

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-baseline-'));
const baselineFile = path.join(temporary, 'poolguard-baseline.json');

let written: CliResult;
let recorded: number;
let unchanged: JsonReport;
let unchangedRun: CliResult;
let edited: JsonReport;
let editedRun: CliResult;

beforeAll(async () => {
  const original = copyFixture('baseline', path.join(temporary, 'original'));
  const changed = copyFixture('baseline', path.join(temporary, 'changed'));
  written = await runCli(['scan', original, '--write-baseline', baselineFile]);
  recorded = (JSON.parse(fs.readFileSync(baselineFile, 'utf8')) as { entries: unknown[] }).entries.length;
  // Unrelated edits shift every line; touchPayment gets fixed; a new leak appears at the end.
  const file = path.join(changed, 'src/legacy.ts');
  const source = fs.readFileSync(file, 'utf8')
    .replace("import pg from 'pg';", "/**\n * Legacy billing helpers.\n * Kept for the v1 API.\n */\nimport pg from 'pg';")
    .replace(
      "  const client = await pool.connect();\n  await client.query('UPDATE payments SET touched_at = now() WHERE id = $1', [id]);\n  client.release();",
      "  const client = await pool.connect();\n  try {\n    await client.query('UPDATE payments SET touched_at = now() WHERE id = $1', [id]);\n  } finally {\n    client.release();\n  }",
    );
  fs.writeFileSync(file, `${source}\nexport async function touchRefund(id: number): Promise<void> {\n  const client = await pool.connect();\n  await client.query('UPDATE refunds SET touched_at = now() WHERE id = $1', [id]);\n  client.release();\n}\n`);
  unchangedRun = await runCli(['scan', original, '--baseline', baselineFile, '--format', 'json']);
  editedRun = await runCli(['scan', changed, '--baseline', baselineFile, '--format', 'json']);
  unchanged = parseJsonReport(unchangedRun);
  edited = parseJsonReport(editedRun);
});

afterAll(() => fs.rmSync(temporary, { recursive: true, force: true }));

test('--write-baseline records every finding and exits 0', () => {
  expect(written.exitCode).toBe(0);
  expect(written.stdout).toBe('');
  expect(recorded).toBeGreaterThanOrEqual(2);
});

test('the unchanged code has nothing new: all suppressed, none fixed, exit 0', () => {
  expect(unchangedRun.exitCode).toBe(0);
  expect(unchanged.findings).toEqual([]);
  expect(unchanged.summary.baseline).toEqual({ suppressed: recorded, fixed: 0 });
});

test('after line shifts, a fix and a new leak: only the new leak is reported, the fix counted', () => {
  expect(edited.findings).toHaveLength(1);
  expect(edited.findings[0]?.line).toBeGreaterThan(30);
  expect(edited.summary.baseline).toEqual({ suppressed: recorded - 1, fixed: 1 });
  expect(editedRun.exitCode).toBe(1);
});
