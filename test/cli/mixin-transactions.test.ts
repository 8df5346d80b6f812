/**
 * JavaScript mixins (`(Base) => class extends Base {…}` composed by `_.flow([...])(AdapterBase)`) whose base is built
 * with a knex instance (`new Adapter(connect())`): a trait's `this.database.transaction(…)` holds a connection of
 * that pool, and a helper of another trait that queries `this.database` takes a second one. Hard negatives: the
 * helper given `trx`, the root used after the transaction resolved, a transaction on the second database the base is
 * given, and a trait composed nowhere. Expected findings are the `// expect:` comments of the fixture.
 */
import path from 'node:path';

import { expect, test } from 'vitest';

import { analyzeProject } from '../../src/cli/analyze-project.js';
import { cliFixtures, declarationCache, readExpectedFindings, toFoundFindings } from './run-cli.js';

const fixture = path.join(cliFixtures, 'mixin-transactions');


test('a trait queries the root its composed class was built with while another trait holds its transaction', () => {
  const analysis = analyzeProject({ path: fixture, declarationCache });
  const found = toFoundFindings(analysis.findings);
  expect(found).toEqual(readExpectedFindings(fixture, '.js'));
  const helper = analysis.findings.find((finding) => finding.message.startsWith('`this.getNamedFeed()`'));
  expect(helper?.message).toContain('on `this.database` (feeds.js:5)');
  const direct = analysis.findings.find((finding) => finding.message.startsWith('`this.database(…).insert(…)`'));
  expect(direct?.message).toContain('use `trx(…).insert(…)`');
});
