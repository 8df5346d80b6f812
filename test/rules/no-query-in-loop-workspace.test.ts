/** Untyped linting follows an import of a workspace package by name to its source, as it follows relative imports. */
import path from 'node:path';

import rule from '../../rules/no-query-in-loop.js';
import { createUntypedRuleTester, fixturesRoot } from '../helpers/rule-testers.js';

const worker = path.join(fixturesRoot, 'cli/fresh-clone/packages/worker/src');

createUntypedRuleTester().run('no-query-in-loop (untyped, workspace imports)', rule, {
  valid: [
    {
      name: 'a workspace helper that does not query',
      filename: path.join(worker, 'file.ts'),
      code: `import { formatName } from '@acme/api/src/format';
export function names(people: { first: string; last: string }[]) {
  const result: string[] = [];
  for (const person of people) result.push(formatName(person.first, person.last));
  return result;
}`,
    },
    {
      name: 'a package that is not in the workspace is not followed',
      filename: path.join(worker, 'file.ts'),
      code: `import { findUser } from '@other/db';
export async function load(ids: string[]) {
  for (const id of ids) await findUser(id);
}`,
    },
  ],
  invalid: [
    {
      name: 'a helper re-exported by the workspace package whose main points at an unbuilt dist/',
      filename: path.join(worker, 'file.ts'),
      code: `import { logEvent } from '@acme/db';
export async function load(names: string[]) {
  for (const name of names) await logEvent(name);
}`,
      errors: [{ messageId: 'queryInLoop', line: 3, column: 35, endLine: 3, endColumn: 49 }],
    },
  ],
});
