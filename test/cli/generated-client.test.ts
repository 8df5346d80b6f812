/**
 * A Prisma client generated into a project folder (`generator client { output = … }`), on a fresh clone where that
 * folder does not exist yet: the schema (named by prisma.config.ts, or at the default place) says which import paths
 * are the client, whatever the folder is called and whether it is imported by a relative path or a tsconfig `paths`
 * alias, and which belong to another generator.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import type { ProjectAnalysis } from '../../src/cli/analyze-project.js';

import { analyzeProject } from '../../src/cli/analyze-project.js';
import { cliFixtures, declarationCache } from './run-cli.js';

let clone: string;
let analysis: ProjectAnalysis;

beforeAll(() => {
  // Copied out of the repository so that no node_modules above it holds a generated client.
  clone = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-generated-client-'));
  fs.cpSync(path.join(cliFixtures, 'generated-client'), clone, { recursive: true });
  analysis = analyzeProject({ path: clone, declarationCache });
});

afterAll(() => {
  fs.rmSync(clone, { recursive: true, force: true });
});

const found = (): string[] => analysis.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`).sort();

test('a client from a schema folder named by prisma.config.ts, re-exported and built by a factory, is seen by every rule', () => {
  expect(found()).toContain('packages/app/src/invoices.ts:6 no-query-outside-transaction');
  expect(found()).toContain('packages/app/src/invoices.ts:9 no-query-in-loop');
});

test('a prisma-client-js output named in the default schema file is the client', () => {
  expect(found()).toContain('packages/legacy/src/jobs.ts:7 no-query-in-loop');
});

test('a client folder reached through a tsconfig `paths` alias is the client', () => {
  expect(found()).toContain('packages/web/src/posts.ts:6 no-query-in-loop');
});

test('another generator\'s output folder is not the client, by a relative path or an alias', () => {
  expect(found().filter((finding) => finding.startsWith('packages/app/src/schemas.ts'))).toEqual([]);
  expect(found().filter((finding) => finding.startsWith('packages/web/src/checks.ts'))).toEqual([]);
  expect(found()).toHaveLength(4);
});
