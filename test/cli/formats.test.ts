/** The four formats on one fixture: each against the others, SARIF against the SARIF 2.1.0 schema, and snapshots. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { CliResult, JsonReport } from './run-cli.js';

import { parseJsonReport, runCli } from './run-cli.js';

const require = createRequire(import.meta.url);
const fixture = 'fixtures/cli/configured';
const prefix = `${fixture}/`;
const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-formats-'));
const sarifFile = path.join(temporary, 'report.sarif');

interface SarifLog {
  readonly runs: readonly {
    readonly tool: { readonly driver: { readonly rules: readonly { readonly id: string; readonly helpUri: string; readonly properties: { readonly tags: readonly string[] } }[] } };
    readonly results: readonly {
      readonly ruleId: string;
      readonly level: string;
      readonly message: { readonly text: string };
      readonly locations: readonly { readonly physicalLocation: { readonly artifactLocation: { readonly uri: string }; readonly region: Record<string, number> } }[];
      readonly relatedLocations?: readonly unknown[];
      readonly codeFlows?: readonly unknown[];
      readonly partialFingerprints: Record<string, string>;
    }[];
  }[];
}

let json: JsonReport;
let text: CliResult;
let sarifRun: CliResult;
let github: CliResult;

beforeAll(async () => {
  json = parseJsonReport(await runCli(['scan', fixture, '--format', 'json']));
  text = await runCli(['scan', fixture]);
  sarifRun = await runCli(['scan', fixture, '-f', 'sarif', '-o', sarifFile]);
  github = await runCli(['scan', fixture, '--format', 'github']);
});

afterAll(() => fs.rmSync(temporary, { recursive: true, force: true }));

test('the fixture has errors and warnings to report', () => {
  expect(json.summary.errorCount).toBeGreaterThan(0);
  expect(json.summary.warningCount).toBeGreaterThan(0);
});

describe('json', () => {
  test('has the stable finding fields, files relative to the scanned directory', () => {
    for (const finding of json.findings) {
      expect(finding).toEqual(
        expect.objectContaining({
          // As in ESLint's JSON output: the plugin prefix.
          ruleId: expect.stringMatching(/^poolguard\/no-[a-z-]+$/),
          file: expect.stringMatching(/^src\/[\w/.-]+$/),
          line: expect.any(Number),
          column: expect.any(Number),
          endLine: expect.any(Number),
          endColumn: expect.any(Number),
          message: expect.any(String),
          severity: expect.stringMatching(/^(error|warning)$/),
        }),
      );
    }
  });

  test('applies the configured severities', () => {
    expect(json.findings.filter((finding) => finding.ruleId === 'poolguard/no-query-in-loop').every((finding) => finding.severity === 'warning')).toBe(true);
  });

  test('matches the snapshot', async () => {
    await expect(JSON.stringify(json, null, 2)).toMatchFileSnapshot('__snapshots__/configured.json');
  });
});

describe('text', () => {
  test('groups by file with a code frame and ends with a summary line', () => {
    for (const file of new Set(json.findings.map((finding) => finding.file))) expect(text.stdout).toContain(`\n${file}\n`.slice(text.stdout.startsWith(file) ? 1 : 0));
    expect(text.stdout).toMatch(/^ {4}> +\d+ \| /m);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toMatch(/^✖ \d+ problems \(\d+ errors?, \d+ warnings?\) — 2 files analysed, 1 without database imports, 3 suppressed by comments$/);
  });

  test('has no colour when stdout is not a terminal', () => {
    expect(text.stdout).not.toContain('\u001B[');
  });

  test('matches the snapshot', async () => {
    await expect(text.stdout).toMatchFileSnapshot('__snapshots__/configured.txt');
  });
});

describe('github', () => {
  test('one annotation per finding, from the repository root (the current directory)', () => {
    const annotations = github.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).toEqual(
      json.findings.map(
        (finding) =>
          `::${finding.severity} file=${prefix}${finding.file},line=${finding.line},col=${finding.column},endLine=${finding.endLine},endColumn=${finding.endColumn},title=${finding.ruleId}::${finding.message}`,
      ),
    );
  });

  test('matches the snapshot', async () => {
    await expect(github.stdout).toMatchFileSnapshot('__snapshots__/configured.github.txt');
  });
});

describe('sarif', () => {
  const sarifText = (): string => fs.readFileSync(sarifFile, 'utf8');
  const log = (): SarifLog => JSON.parse(sarifText()) as SarifLog;

  test('is valid SARIF 2.1.0', () => {
    const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
    ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json') as object);
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object);
    const valid = validate(log());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('describes every rule with docs link and CWE tag', () => {
    const rules = log().runs[0]?.tool.driver.rules ?? [];
    expect(rules.map((rule) => rule.id)).toContain('no-leaked-connection');
    for (const rule of rules) expect(rule.helpUri).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
    expect(rules.find((rule) => rule.id === 'no-leaked-connection')?.properties.tags).toContain('external/cwe/cwe-772');
    expect(rules.find((rule) => rule.id === 'no-query-in-loop')?.properties.tags).toContain('external/cwe/cwe-1050');
  });

  test('has one result per JSON finding, with the same location, level and fingerprint', () => {
    const results = log().runs[0]?.results ?? [];
    expect(
      results.map((result) => ({
        ruleId: result.ruleId,
        file: result.locations[0]?.physicalLocation.artifactLocation.uri,
        region: result.locations[0]?.physicalLocation.region,
        level: result.level,
        message: result.message.text,
        fingerprint: Object.values(result.partialFingerprints)[0],
      })),
    ).toEqual(
      json.findings.map((finding) => ({
        // SARIF names a rule within the poolguard tool; JSON as ESLint does, with the plugin prefix.
        ruleId: finding.ruleId.replace(/^poolguard\//, ''),
        file: prefix + finding.file,
        region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
        level: finding.severity,
        message: finding.message,
        fingerprint: finding.fingerprint,
      })),
    );
  });

  test('turns related locations into relatedLocations and a code flow', () => {
    const results = log().runs[0]?.results ?? [];
    for (const [index, finding] of json.findings.entries()) {
      expect(results[index]?.relatedLocations?.length ?? 0).toBe(finding.related?.length ?? 0);
      expect(results[index]?.codeFlows?.length ?? 0).toBe(finding.related?.length ? 1 : 0);
    }
  });

  test('--output writes the report to the file and nothing to stdout', () => {
    expect(sarifRun.stdout).toBe('');
    expect(sarifRun.exitCode).toBe(1);
  });

  test('matches the snapshot', async () => {
    const { version } = require('../../package.json') as { version: string };
    const stable = sarifText().replaceAll(`ersion": "${version}"`, 'ersion": "<package version>"');
    await expect(stable).toMatchFileSnapshot('__snapshots__/configured.sarif');
  });
});
