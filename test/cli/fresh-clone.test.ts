/**
 * A monorepo as a fresh clone has it: no node_modules anywhere above it (so it is copied to a temporary
 * folder), tsconfig presets that are not installed, a package tsconfig that includes one file, workspace
 * packages imported by name whose package.json points at an unbuilt dist/, a `paths` alias from a base
 * config above the scanned folder, and JavaScript with JSDoc types.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { ProjectAnalysis } from '../../src/cli/analyze-project.js';

import { analyzeProject } from '../../src/cli/analyze-project.js';
import { cliFixtures, declarationCache } from './run-cli.js';

let clone: string;
let whole: ProjectAnalysis;
let apiOnly: ProjectAnalysis;
let workerOnly: ProjectAnalysis;

beforeAll(() => {
  clone = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-fresh-clone-'));
  fs.cpSync(path.join(cliFixtures, 'fresh-clone'), clone, { recursive: true });
  whole = analyzeProject({ path: clone, declarationCache });
  apiOnly = analyzeProject({ path: path.join(clone, 'packages/api'), declarationCache });
  workerOnly = analyzeProject({ path: path.join(clone, 'packages/worker'), declarationCache });
});

afterAll(() => {
  fs.rmSync(clone, { recursive: true, force: true });
});

const found = (analysis: ProjectAnalysis): string[] => analysis.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`);

describe('an extends that cannot be resolved', () => {
  test('is a warning naming the tsconfig and the missing base, and the scan goes on', () => {
    expect(whole.warnings).toEqual([
      expect.stringMatching(/^tsconfig \S*packages\/api\/tsconfig\.json: its "extends" base "@tsconfig\/node20\/tsconfig\.json" cannot be resolved \(not installed, or missing\); scanning with the options the file sets and defaults for the rest$/),
    ]);
  });

  test('a preset that is a workspace package is read from its folder, without a warning', () => {
    expect(workerOnly.warnings).toEqual([]);
  });
});

describe('every file of the clone', () => {
  test('is analysed, skipped by the import prefilter, or skipped with a reason', () => {
    const present = listSourceFiles(clone).length;
    expect(present).toBe(17);
    expect(whole.filesAnalyzed).toBe(14);
    expect(whole.filesWithoutDatabaseImports).toBe(3);
    expect(whole.filesSkipped).toEqual([]);
    expect(whole.filesAnalyzed + whole.filesWithoutDatabaseImports + whole.filesSkipped.length).toBe(present);
  });

  test('a file no tsconfig includes is analysed: its unbounded pool is reported', () => {
    expect(found(whole)).toContain('packages/api/src/reports.ts:4 no-unbounded-pool');
  });

  test('a JavaScript file beside the TypeScript is analysed', () => {
    expect(found(whole)).toContain('packages/api/src/jobs/export.js:11 no-leaked-connection');
  });
});

describe('workspace packages resolve without install', () => {
  test('an N+1 through `import { prisma } from "@acme/db"` whose main points at an unbuilt dist/', () => {
    expect(found(whole)).toContain('packages/api/src/fields.ts:6 no-query-in-loop');
  });

  test('an N+1 through a helper the workspace package re-exports', () => {
    expect(found(whole)).toContain('packages/worker/src/greet.ts:6 no-query-in-loop');
    expect(found(whole)).toContain('packages/worker/src/remind.ts:5 no-query-in-loop');
  });

  test('a client class a workspace package re-exports from an uninstalled library (`export * from \'@prisma/client\'`)', () => {
    expect(found(whole)).toContain('packages/feeds/src/refresh.ts:8 no-io-in-transaction');
  });

  test('a relative import into a referenced project that was never built reaches its source', () => {
    expect(found(whole)).toContain('packages/billing/src/charge.ts:5 no-query-in-loop');
  });

  test('a tsconfig `paths` alias inherited from the base config above the package', () => {
    expect(found(whole)).toContain('packages/api/src/audit.ts:5 no-query-in-loop');
  });

  test('scanning one package alone still resolves the workspace from the root', () => {
    expect(found(apiOnly)).toEqual([
      'src/audit.ts:5 no-query-in-loop',
      'src/fields.ts:6 no-query-in-loop',
      'src/jobs/export.js:11 no-leaked-connection',
      'src/reports.ts:4 no-unbounded-pool',
    ]);
    expect(found(workerOnly)).toEqual(['src/greet.ts:6 no-query-in-loop', 'src/remind.ts:5 no-query-in-loop']);
  });

  test('files of other packages reached through an import are not reported from a package scan', () => {
    expect(apiOnly.findings.every((finding) => !finding.file.startsWith('..'))).toBe(true);
    expect(apiOnly.filesAnalyzed + apiOnly.filesWithoutDatabaseImports).toBe(listSourceFiles(path.join(clone, 'packages/api')).length);
  });
});

function listSourceFiles(directory: string): string[] {
  return fs
    .readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(?:[cm]?[jt]s|tsx|jsx)$/.test(file) && !file.endsWith('.d.ts'));
}
