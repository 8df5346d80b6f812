/**
 * Child processes and containers awaited inside a transaction: `promisify(exec)` and `util.promisify(execFile)`,
 * `spawn`/`exec` inside an awaited promise, execa (and its `$` tag), dockerode's pull, createContainer and a container's
 * start, wait and logs. Hard negatives in the same files: a promisified function that does no I/O (`randomBytes`),
 * `execSync` and `execaSync` (synchronous: they block the process, not this rule's problem), a `spawn` left running,
 * a dockerode `getContainer` handle (no request), and a command after the commit. Expected findings are the
 * `// expect:` comments of the fixture; one scan for every check.
 */
import path from 'node:path';

import { beforeAll, expect, test } from 'vitest';

import type { ProjectAnalysis } from '../../src/cli/analyze-project.js';

import { analyzeProject } from '../../src/cli/analyze-project.js';
import { cliFixtures, declarationCache, readExpectedFindings, toFoundFindings } from './run-cli.js';

const fixture = path.join(cliFixtures, 'slow-processes');
let analysis: ProjectAnalysis;

beforeAll(() => {
  analysis = analyzeProject({ path: fixture, declarationCache, rules: ['no-io-in-transaction'] });
});


test('child processes and Docker calls awaited in a transaction are reported, and only those', () => {
  expect(toFoundFindings(analysis.findings)).toEqual(readExpectedFindings(fixture));
});

test('the messages say what the wait is', () => {
  const message = (text: string) => analysis.findings.find((finding) => finding.message.startsWith(text))?.message ?? '';
  expect(message('`execAsync(…)`')).toContain('(a child process)');
  expect(message('`$`…``')).toContain('(a child process)');
  expect(message('`container.wait()`')).toContain('(a Docker API call)');
});
