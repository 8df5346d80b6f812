/**
 * Sequelize model loaders as sequelize-cli generates them (`models/index.js` collecting `require(file)(sequelize,
 * DataTypes)` by name), Sequelize 4/5 ones (`sequelize.import(file)`) and hand-written ones (a recursive loader
 * exporting `{ sequelize, models }`): their members are models. Hard negatives: a loader over a folder whose modules
 * define no model, one that passes a project object rather than the Sequelize instance, and a project loader's own
 * `import`. Expected findings are the `// expect:` comments of the fixture.
 */
import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from 'vitest';

import { analyzeProject } from '../../src/cli/analyze-project.js';
import { cliFixtures, declarationCache } from './run-cli.js';

const fixture = path.join(cliFixtures, 'model-loader');

function expectations(directory: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(directory, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.js')) continue;
    fs.readFileSync(path.join(directory, entry), 'utf8').split('\n').forEach((line, index) => {
      const match = /\/\/ expect: (\S+)/.exec(line);
      if (match) found.push(`${entry}:${index + 1} ${match[1]}`);
    });
  }
  return found.sort();
}

test('queries through the models a loader collects are recognised, and only those', () => {
  const analysis = analyzeProject({ path: fixture, declarationCache });
  const found = analysis.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`).sort();
  expect(found).toEqual(expectations(fixture));
  expect(found.length).toBeGreaterThan(1);
});
