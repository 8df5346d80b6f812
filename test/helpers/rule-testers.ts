/** Rule testers: untyped (no type information) and typed (projectService on fixtures/rule-tester). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { RuleTester } from '@typescript-eslint/rule-tester';

export const fixturesRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
export const ruleTesterRoot = path.join(fixturesRoot, 'rule-tester');

export function createUntypedRuleTester(): RuleTester {
  return new RuleTester({ languageOptions: { parserOptions: {} } });
}

export function createTypedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: ruleTesterRoot,
      },
    },
  });
}
