/**
 * A database object handed to a class in an options object: `new OrderRepo({ db: trx })` and `new AuditRepo({ trx })`
 * inside a transaction run on the transaction (no finding); the root handed over the same ways does take a second
 * connection. Two pg pools: a class built with the queue's pool by shorthand (`new Scheduler({ db })`, destructured
 * in the constructor) or read through `options.db` is another pool than the orders client (no finding); one built
 * with the orders pool is the same pool. Expected findings are the `// expect:` comments of the fixture.
 */
import path from 'node:path';

import { expect, test } from 'vitest';

import { analyzeProject } from '../../src/cli/analyze-project.js';
import { cliFixtures, declarationCache, readExpectedFindings, toFoundFindings } from './run-cli.js';

test('a class built with an options object is tied to the pool or transaction it is given', () => {
  const fixture = path.join(cliFixtures, 'constructor-options');
  const analysis = analyzeProject({ path: fixture, declarationCache, rules: ['no-query-outside-transaction', 'no-io-in-transaction'] });
  expect(toFoundFindings(analysis.findings)).toEqual(readExpectedFindings(fixture));
});
