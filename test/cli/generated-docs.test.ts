/** docs/cli.md's option table and schema.json are generated from one source each: fail when stale. */
import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from 'vitest';

import { formatOptionTable } from '../../src/cli/arguments.js';
import { getConfigSchema } from '../../src/cli/config/config-schema.js';
import { replaceGeneratedSection } from '../../src/cli/generated-section.js';
import { repositoryRoot } from './run-cli.js';

test('docs/cli.md has the current option table (run `npm run generate`)', () => {
  const markdown = fs.readFileSync(path.join(repositoryRoot, 'docs/cli.md'), 'utf8');
  expect(markdown).toBe(replaceGeneratedSection(markdown, 'options', formatOptionTable()));
});

test('schema.json is the current configuration schema (run `npm run generate`)', () => {
  const committed: unknown = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'schema.json'), 'utf8'));
  expect(committed).toEqual(getConfigSchema());
});

test('schema.json accepts the fixture configurations and rejects the broken one', async () => {
  const { default: Ajv } = await import('ajv');
  const validate = new Ajv({ allErrors: true }).compile(getConfigSchema());
  const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'fixtures/cli', file), 'utf8'));
  expect(validate(read('configured/poolguard.config.json'))).toBe(true);
  expect(validate(read('configured/warnings-only.config.json'))).toBe(true);
  expect(validate((read('package-config/package.json') as { poolguard: unknown }).poolguard)).toBe(true);
  expect(validate(read('bad-input/invalid-config/poolguard.config.json'))).toBe(false);
});
