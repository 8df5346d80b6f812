#!/usr/bin/env node
/**
 * Writes the generated parts of the CLI docs from their single sources (after a build: it reads dist/):
 * - docs/cli.md, between the `options` markers: the option table of src/cli/arguments.ts;
 * - schema.json: the configuration file's JSON schema from src/cli/config/config-schema.ts.
 * test/cli/generated-docs.test.ts renders both again from src/ and fails when a committed file is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { formatOptionTable } = await import(path.join(root, 'dist/src/cli/arguments.js'));
const { getConfigSchema } = await import(path.join(root, 'dist/src/cli/config/config-schema.js'));
const { replaceGeneratedSection } = await import(path.join(root, 'dist/src/cli/generated-section.js'));

const cliDoc = path.join(root, 'docs/cli.md');
fs.writeFileSync(cliDoc, replaceGeneratedSection(fs.readFileSync(cliDoc, 'utf8'), 'options', formatOptionTable()));
fs.writeFileSync(path.join(root, 'schema.json'), `${JSON.stringify(getConfigSchema(), null, 2)}\n`);
console.log('wrote docs/cli.md (options) and schema.json');
