/**
 * getGeneratedClientModule: an import is the generated client when it names the output folder that the schema of the
 * importer's own package declares; the same specifier from another folder, or another path in the same package, is not.
 */
import { expect, test } from 'vitest';

import { getKnowledge } from '../../src/analysis/core/analysis-context.js';
import { getGeneratedClientModule } from '../../src/analysis/core/generated-clients.js';
import { useTempDirectory } from '../helpers/temp-directory.js';

const { write } = useTempDirectory('poolguard-generated-clients-');
const knowledge = getKnowledge({});
const schema = (output: string): string => `generator client {\n  provider = "prisma-client-js"\n  output   = "${output}"\n}\n`;

write('with-client/package.json', '{ "name": "with-client" }');
write('with-client/prisma/schema.prisma', schema('../src/db'));
const withClient = write('with-client/src/jobs.ts', '');
write('other/package.json', '{ "name": "other" }');
write('other/prisma/schema.prisma', schema('../src/elsewhere'));
const other = write('other/src/jobs.ts', '');

test('the same specifier from a folder whose schema does not name it is not the client', () => {
  expect(getGeneratedClientModule('./db', withClient, knowledge)?.library.name).toBe('@prisma/client');
  expect(getGeneratedClientModule('./db', other, knowledge)).toBeUndefined();
  expect(getGeneratedClientModule('./db', withClient, knowledge)?.library.name).toBe('@prisma/client');
});

test('another path of the same package is not the client, the output folder is', () => {
  expect(getGeneratedClientModule('./elsewhere', withClient, knowledge)).toBeUndefined();
  expect(getGeneratedClientModule('./elsewhere', other, knowledge)?.library.name).toBe('@prisma/client');
  expect(getGeneratedClientModule('./db/client', withClient, knowledge)?.library.name).toBe('@prisma/client');
});
