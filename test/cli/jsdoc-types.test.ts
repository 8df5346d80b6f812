/**
 * The scan parses JSDoc as tsc does: in JavaScript, where it says types (`@param {import('pg').Pool} pool`), and not in
 * TypeScript, where the compiler reads annotations only. Expected findings are the `// expect:` comments of the fixture.
 */
import path from 'node:path';

import { expect, test } from 'vitest';

import { analyzeProject } from '../../src/cli/analyze-project.js';
import { cliFixtures, declarationCache, readExpectedFindings, toFoundFindings } from './run-cli.js';

test('a JavaScript parameter typed in JSDoc is a pool; the same comment in TypeScript types nothing', () => {
  const fixture = path.join(cliFixtures, 'jsdoc-types');
  const analysis = analyzeProject({ path: fixture, declarationCache });
  expect(toFoundFindings(analysis.findings)).toEqual([...readExpectedFindings(fixture, '.js'), ...readExpectedFindings(fixture)].sort());
  expect(analysis.findings).toHaveLength(1);
});
