/**
 * Sequelize model loaders as sequelize-cli generates them (`models/index.js` collecting `require(file)(sequelize,
 * DataTypes)` by name), Sequelize 4/5 ones (`sequelize.import(file)`) and hand-written ones (a recursive loader
 * exporting `{ sequelize, models }`): their members are models. Hard negatives: a loader over a folder whose modules
 * define no model, one that passes a project object rather than the Sequelize instance, and a project loader's own
 * `import`. Expected findings are the `// expect:` comments of the fixture.
 */
import path from 'node:path';

import { expect, test } from 'vitest';

import { analyzeProject } from '../../src/cli/analyze-project.js';
import { cliFixtures, declarationCache, readExpectedFindings, toFoundFindings } from './run-cli.js';

const fixture = path.join(cliFixtures, 'model-loader');


test('queries through the models a loader collects are recognised, and only those', () => {
  const analysis = analyzeProject({ path: fixture, declarationCache });
  const found = toFoundFindings(analysis.findings);
  expect(found).toEqual(readExpectedFindings(fixture, '.js'));
  expect(found.length).toBeGreaterThan(1);
});
