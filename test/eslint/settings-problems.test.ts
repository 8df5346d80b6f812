/** Settings and rule options are checked against their JSON schemas: one line per problem, naming the setting. */
import { expect, test } from 'vitest';

import type { Schema } from '../../src/schema-problems.js';

import plugin from '../../src/index.js';
import { settingsSchema } from '../../src/knowledge/user-settings.js';
import { getSchemaProblems } from '../../src/schema-problems.js';

const settingsProblems = (value: unknown): string[] => getSchemaProblems(value, settingsSchema, { where: 'settings.poolguard', noun: 'setting' });

test('valid settings have no problems', () => {
  expect(settingsProblems({
    resources: [{ module: '@acme/db', acquire: 'Database#checkout', releaseBy: ['checkin'], noun: 'handle' }, { module: 'lib/db', acquire: 'take', release: ['give'] }],
    queries: [{ module: 'lib/db', functions: ['loadUser', 'Repo#find'] }],
    batched: [],
    slowCalls: [{ module: './payments', functions: ['charge'] }],
    maxPoolSize: 20,
  })).toEqual([]);
});

test('the settings object itself must be an object', () => {
  expect(settingsProblems(5)).toEqual(['settings.poolguard must be an object, got 5']);
  expect(settingsProblems([])).toEqual(['settings.poolguard must be an object, got an array']);
});

test('unknown keys inside an entry, missing keys and wrong item types are each named', () => {
  expect(settingsProblems({
    resources: [{ module: '@acme/db', acquire: 'checkout', release: ['release'], kind: 'pool' }, 'db'],
    queries: [{ functions: ['loadUser', 3] }],
    slowCalls: { module: 'x' },
    maxPoolSize: 2.5,
  })).toEqual([
    'settings.poolguard.resources[0].kind is not a known setting (expected one of module, acquire, release, releaseBy, noun)',
    'settings.poolguard.resources[1] must be an object, got "db"',
    'settings.poolguard.queries[0].functions[1] must be a string, got 3',
    'settings.poolguard.queries[0].module is required',
    'settings.poolguard.slowCalls must be an array of objects, got an object',
    'settings.poolguard.maxPoolSize must be a positive integer, got 2.5',
  ]);
});

test('a resource needs a way to be released', () => {
  expect(settingsProblems({ resources: [{ module: '@acme/db', acquire: 'checkout' }] })).toEqual(['settings.poolguard.resources[0] needs release or releaseBy']);
});

test("a rule's options are checked against its meta.schema", () => {
  const [schema] = (plugin.rules['no-unbounded-pool']?.meta?.schema ?? []) as Schema[];
  const optionProblems = (value: unknown): string[] => getSchemaProblems(value, schema ?? {}, { where: 'rules.no-unbounded-pool[1]', noun: 'option' });
  expect(optionProblems({ maxPoolSize: 10, reportUnknown: true })).toEqual([]);
  expect(optionProblems({ maxPoolSize: 0, reportUnknown: 'yes', max: 3 })).toEqual([
    'rules.no-unbounded-pool[1].maxPoolSize must be a positive integer, got 0',
    'rules.no-unbounded-pool[1].reportUnknown must be a boolean, got "yes"',
    'rules.no-unbounded-pool[1].max is not a known option (expected one of maxPoolSize, reportUnknown)',
  ]);
});
