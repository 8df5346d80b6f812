/**
 * `poolguard scan --fix` and `--fix-dry-run`, in process. No shipped rule has an autofix yet (pool and leak
 * rewrites are suggestions), so one test double promotes `no-unbounded-pool`'s suggestion to a fix: that
 * exercises apply → write → analyse again → report, and the diff, on real analysis output.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import Ajv from 'ajv';
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import type { Detector } from '../../src/analysis/core/detector.js';

import { parseArguments } from '../../src/cli/arguments.js';
import { scan } from '../../src/cli/scan-command.js';
import { repositoryRoot } from '../cli/run-cli.js';

const require = createRequire(import.meta.url);
const promoteSuggestions = vi.hoisted(() => ({ enabled: false }));

vi.mock('../../src/analysis/detectors.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/analysis/detectors.js')>();
  const withFix = (detector: Detector): Detector => (sourceFile, context, options) =>
    detector(sourceFile, context, options).map((finding) => {
      const edits = promoteSuggestions.enabled ? finding.suggestions?.[0]?.edits : undefined;
      return edits ? { ...finding, fix: edits } : finding;
    });
  const unbounded = original.detectors['no-unbounded-pool'];
  return { ...original, detectors: { ...original.detectors, ...(unbounded ? { 'no-unbounded-pool': withFix(unbounded) } : {}) } };
});

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-cli-fix-'));
afterAll(() => fs.rmSync(temporary, { recursive: true, force: true }));

const poolSource = `import pg from 'pg';

export const pool = new pg.Pool({ max: 10 });
`;
const leakSource = `import { pool } from './pool.js';

export async function count(): Promise<number> {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT count(*) AS n FROM orders');
  client.release();
  return Number(rows[0].n);
}
`;

function createProject(): string {
  const root = fs.mkdtempSync(path.join(temporary, 'project-'));
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "fix-fixture", "private": true, "type": "module" }\n');
  fs.writeFileSync(
    path.join(root, 'tsconfig.json'),
    '{ "compilerOptions": { "target": "es2022", "module": "nodenext", "strict": true, "noEmit": true, "skipLibCheck": true, "types": ["node"] }, "include": ["src"] }\n',
  );
  fs.writeFileSync(path.join(root, 'src/pool.ts'), poolSource);
  fs.writeFileSync(path.join(root, 'src/orders.ts'), leakSource);
  fs.symlinkSync(path.join(repositoryRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

let stdout = '';
let stderr = '';
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  promoteSuggestions.enabled = false;
});

interface JsonFinding {
  readonly ruleId: string;
  readonly fix?: { readonly range: [number, number]; readonly text: string };
  readonly suggestions?: readonly { readonly messageId: string; readonly desc: string; readonly fix: { readonly range: [number, number]; readonly text: string } }[];
}

const run = (args: readonly string[]): Promise<number> => scan(parseArguments(args), { stdout: process.stdout, stderr: process.stderr, env: process.env });
const findingsOf = (text: string): readonly JsonFinding[] => (JSON.parse(text) as { findings: JsonFinding[] }).findings;

describe('with the shipped rules (suggestions only)', () => {
  test('--fix writes nothing, says so, and reports every finding with its suggestions', async () => {
    const root = createProject();
    const exitCode = await run(['scan', root, '--fix', '--format', 'json']);
    expect(exitCode).toBe(1);
    expect(stderr).toContain('poolguard: no safe fixes to apply\n');
    expect(fs.readFileSync(path.join(root, 'src/pool.ts'), 'utf8')).toBe(poolSource);
    expect(fs.readFileSync(path.join(root, 'src/orders.ts'), 'utf8')).toBe(leakSource);
    const findings = findingsOf(stdout);
    expect(findings.map((finding) => finding.ruleId).sort()).toEqual(['poolguard/no-leaked-connection', 'poolguard/no-unbounded-pool']);
    const pool = findings.find((finding) => finding.ruleId === 'poolguard/no-unbounded-pool');
    const start = poolSource.indexOf('max: 10') + 'max: 10'.length;
    expect(pool?.fix).toBeUndefined();
    expect(pool?.suggestions).toEqual([{ messageId: 'setLimit', desc: 'Set `connectionTimeoutMillis: 10000`.', fix: { range: [start, start], text: ', connectionTimeoutMillis: 10_000' } }]);
  });

  test('--fix-dry-run prints an empty diff and writes nothing', async () => {
    const root = createProject();
    const report = path.join(root, 'report.json');
    expect(await run(['scan', root, '--fix-dry-run', '--format', 'json', '--output', report])).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('no safe fixes to apply (dry run: nothing written)');
    expect(findingsOf(fs.readFileSync(report, 'utf8'))).toHaveLength(2);
  });
});

describe('with a rule that has a safe fix (test double)', () => {
  test('--fix-dry-run prints the unified diff from the scanned directory and writes nothing', async () => {
    promoteSuggestions.enabled = true;
    const root = createProject();
    // Paths are from the current directory when the scanned one is inside it, so the diff applies from there.
    const cwd = process.cwd();
    process.chdir(temporary);
    const relative = path.basename(root);
    try {
      expect(await run(['scan', relative, '--fix-dry-run'])).toBe(1);
    } finally {
      process.chdir(cwd);
    }
    expect(stdout).toBe(
      [
        `--- a/${relative}/src/pool.ts`,
        `+++ b/${relative}/src/pool.ts`,
        '@@ -1,3 +1,3 @@',
        " import pg from 'pg';",
        ' ',
        '-export const pool = new pg.Pool({ max: 10 });',
        '+export const pool = new pg.Pool({ max: 10, connectionTimeoutMillis: 10_000 });',
        '',
      ].join('\n'),
    );
    expect(stderr).toContain('poolguard: 1 safe fix in 1 file (dry run: nothing written)');
    expect(fs.readFileSync(path.join(root, 'src/pool.ts'), 'utf8')).toBe(poolSource);
  });

  test('--fix writes the fix, analyses again and reports only what has no fix', async () => {
    promoteSuggestions.enabled = true;
    const root = createProject();
    expect(await run(['scan', root])).toBe(1);
    expect(stdout).toMatch(/✖ 2 problems \(2 errors, 0 warnings\) — 2 files analysed, 1 fixable with --fix\n$/);
    stdout = '';
    expect(await run(['scan', root, '--fix', '--format', 'json'])).toBe(1);
    expect(stderr).toContain('poolguard: 1 safe fix in 1 file\n');
    expect(fs.readFileSync(path.join(root, 'src/pool.ts'), 'utf8')).toBe(poolSource.replace('{ max: 10 }', '{ max: 10, connectionTimeoutMillis: 10_000 }'));
    expect(findingsOf(stdout).map((finding) => finding.ruleId)).toEqual(['poolguard/no-leaked-connection']);
  });

  test('SARIF carries the fix and the suggestion as fixes, and stays valid SARIF 2.1.0', async () => {
    promoteSuggestions.enabled = true;
    const root = createProject();
    await run(['scan', root, '--format', 'sarif']);
    const log = JSON.parse(stdout) as { runs: { results: { ruleId: string; fixes?: unknown[] }[] }[] };
    const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
    ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json') as object);
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object);
    validate(log);
    expect(validate.errors ?? []).toEqual([]);
    const replacement = { deletedRegion: { startLine: 3, startColumn: 42, endLine: 3, endColumn: 42 }, insertedContent: { text: ', connectionTimeoutMillis: 10_000' } };
    const change = { artifactLocation: { uri: 'src/pool.ts', uriBaseId: '%SRCROOT%' }, replacements: [replacement] };
    expect(log.runs[0]?.results.find((result) => result.ruleId === 'no-unbounded-pool')?.fixes).toEqual([
      { description: { text: 'Safe fix (applied by `poolguard scan --fix`)' }, artifactChanges: [change], properties: { kind: 'fix' } },
      { description: { text: 'Set `connectionTimeoutMillis: 10000`.' }, artifactChanges: [change], properties: { kind: 'suggestion' } },
    ]);
    // The leak's try/finally rewrite moves code: it is offered as a suggestion, never as a safe fix.
    const leakFixes = log.runs[0]?.results.find((result) => result.ruleId === 'no-leaked-connection')?.fixes as { properties: { kind: string } }[] | undefined;
    expect(leakFixes?.map((fix) => fix.properties.kind)).toEqual(['suggestion']);
  });
});

test('--fix and --fix-dry-run exclude each other and --write-baseline', () => {
  expect(() => parseArguments(['scan', '--fix', '--fix-dry-run'])).toThrow('--fix and --fix-dry-run cannot be used together');
  expect(() => parseArguments(['scan', '--fix', '--write-baseline', 'b.json'])).toThrow('--fix and --write-baseline cannot be used together');
  expect(() => parseArguments(['pools', '--fix'])).toThrow('--fix does not apply to `poolguard pools`');
});
