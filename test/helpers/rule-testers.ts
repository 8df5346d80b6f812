/**
 * Rule tests run twice: untyped (no type information: imports followed syntactically) and typed
 * (fixtures/rule-tester's tsconfig project, real library types). Every rule test file has the same layout:
 * `valid` and `invalid` for both runs, then `untypedOnly` and `typedOnly` with the reason each case needs
 * its run, then one `runRuleTests` call.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { ESLintUtils, TSESLint } from '@typescript-eslint/utils';

import { RuleTester } from '@typescript-eslint/rule-tester';

import { createTypedCaseParser } from './typed-case-programs.js';

export const fixturesRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
export const ruleTesterRoot = path.join(fixturesRoot, 'rule-tester');

type MessageIdsOf<Rule> = ESLintUtils.InferMessageIdsTypeFromRule<Rule> & string;
type OptionsOf<Rule> = ESLintUtils.InferOptionsTypeFromRule<Rule> & readonly unknown[];

export type ValidCase<Rule> = ValidTestCase<OptionsOf<Rule>>;
export type InvalidCase<Rule> = InvalidTestCase<MessageIdsOf<Rule>, OptionsOf<Rule>>;

export interface RuleCases<Rule> {
  readonly valid: readonly ValidCase<Rule>[];
  readonly invalid: readonly InvalidCase<Rule>[];
}

export interface RuleTests<Rule> extends RuleCases<Rule> {
  /** Cases only the untyped run can show, e.g. a file outside the typed project. */
  readonly untypedOnly?: RuleCases<Rule>;
  /** Cases that need types: a declared type, another file's code, an imported value. */
  readonly typedOnly?: RuleCases<Rule>;
}

export function createUntypedRuleTester(): RuleTester {
  return new RuleTester({ languageOptions: { parserOptions: {} } });
}

/** Typed: each case's code in the fixtures/rule-tester project, with the program typescript-eslint's project service
 * would build for it (see typed-case-programs.ts). */
export function createTypedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parser: createTypedCaseParser(ruleTesterRoot),
      parserOptions: {
        tsconfigRootDir: ruleTesterRoot,
      },
    },
  });
}

/** `<ruleId> (untyped)` runs the shared and untyped-only cases; `<ruleId> (typed)` the shared and typed-only ones. */
export function runRuleTests<MessageIds extends string, Options extends readonly unknown[], Rule extends TSESLint.RuleModule<MessageIds, Options>>(
  ruleId: string,
  rule: Rule,
  tests: RuleTests<Rule>,
): void {
  const join = (only: RuleCases<Rule> | undefined) => ({ valid: [...tests.valid, ...(only?.valid ?? [])], invalid: [...tests.invalid, ...(only?.invalid ?? [])] });
  createUntypedRuleTester().run(`${ruleId} (untyped)`, rule, join(tests.untypedOnly));
  const typed = join(tests.typedOnly);
  createTypedRuleTester().run(`${ruleId} (typed)`, rule, { valid: byImports(typed.valid), invalid: byImports(typed.invalid) });
}

/**
 * Typed cases grouped by the modules they import, in file order within a group. Each case replaces the
 * typed project's file; a case importing other modules than the one before costs TypeScript a walk of the
 * changed module graph (with typescript-eslint's project service, also a re-parse of those libraries'
 * declarations: no-query-in-loop's file, 51 s → 40 s of CPU).
 */
function byImports<Case extends { readonly code: string }>(cases: readonly Case[]): Case[] {
  const key = (code: string): string => [...code.matchAll(/\bfrom\s+'([^']+)'|\brequire\('([^']+)'\)/g)].map((match) => match[1] ?? match[2]).sort().join(' ');
  return cases.map((testCase, index) => ({ testCase, index, key: key(testCase.code) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index)).map(({ testCase }) => testCase);
}
