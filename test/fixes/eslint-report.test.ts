/** How a finding's fix and suggestions reach ESLint: `fix` and `suggest` of the report, with edits merged as
 * ESLint merges a report's fixes, and unusable edits (overlapping, outside the text) dropped, never thrown. */
import type { TSESLint } from '@typescript-eslint/utils';

import { Linter } from 'eslint';
import { describe, expect, test } from 'vitest';

import type { Detector } from '../../src/analysis/core/detector.js';
import type { Finding } from '../../src/analysis/core/finding.js';

import { createRule } from '../../src/eslint/create-rule.js';
import { createListeners } from '../../src/eslint/report-findings.js';

type MessageId = 'problem' | 'addBound';

function lintWith(code: string, findings: (text: string) => Omit<Finding<MessageId>, 'ruleId' | 'fileName'>[]) {
  const detector: Detector<MessageId> = (sourceFile) => findings(sourceFile.text).map((finding) => ({ ...finding, ruleId: 'test', fileName: sourceFile.fileName }));
  const rule = createRule<[], MessageId>({
    name: 'test',
    meta: {
      type: 'problem',
      fixable: 'code',
      hasSuggestions: true,
      docs: { description: 'test', recommended: true, requiresTypeChecking: false },
      messages: { problem: 'A problem.', addBound: 'Set `{{option}}`.' },
      schema: [],
    },
    defaultOptions: [],
    create: (context) => createListeners(context, detector),
  });
  const config = { files: ['**/*.ts'], plugins: { t: { rules: { test: rule as unknown as TSESLint.LooseRuleDefinition } } }, rules: { 't/test': 'error' as const } };
  const linter = new Linter({ configType: 'flat' });
  return { messages: linter.verify(code, config as Linter.Config, 'a.ts'), fixed: linter.verifyAndFix(code, config as Linter.Config, 'a.ts') };
}

// The import makes the file one that can hold a finding: a file with no database import gets none.
const header = "import { Pool } from 'pg';\n";
const code = `${header}const pool = new Pool({});\n`;
const declaration = header.length;
const braces = code.indexOf('{}');

describe('a fix', () => {
  test('becomes the report fix; its edits are merged into one replacement', () => {
    // Reported until fixed: ESLint lints the fixed text again.
    const { messages, fixed } = lintWith(code, (text) => text !== code ? [] : [
      { messageId: 'problem', data: {}, start: declaration, end: declaration + 5, fix: [{ start: braces + 1, end: braces + 1, text: ' max: 10 ' }, { start: declaration, end: declaration + 5, text: 'let' }] },
    ]);
    expect(messages[0]?.fix).toEqual({ range: [declaration, braces + 1], text: `let pool = new Pool({ max: 10 ` });
    expect(fixed.output).toBe(`${header}let pool = new Pool({ max: 10 });\n`);
  });

  test('with overlapping edits is dropped, and the finding is still reported', () => {
    const { messages } = lintWith(code, () => [{ messageId: 'problem', data: {}, start: declaration, end: declaration + 5, fix: [{ start: declaration, end: declaration + 5, text: 'a' }, { start: declaration + 3, end: declaration + 8, text: 'b' }] }]);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.fix).toBeUndefined();
  });
});

describe('suggestions', () => {
  test('become the report suggestions with their own messages; they are never applied by a fix run', () => {
    const { messages, fixed } = lintWith(code, () => [
      {
        messageId: 'problem',
        data: {},
        start: declaration,
        end: declaration + 5,
        suggestions: [
          { messageId: 'addBound', data: { option: 'max' }, edits: [{ start: braces + 1, end: braces + 1, text: ' max: 10 ' }] },
          { messageId: 'addBound', data: { option: 'outside' }, edits: [{ start: 0, end: 999, text: '' }] },
        ],
      },
    ]);
    expect(messages[0]?.suggestions).toEqual([{ messageId: 'addBound', data: { option: 'max' }, desc: 'Set `max`.', fix: { range: [braces + 1, braces + 1], text: ' max: 10 ' } }]);
    expect(fixed.fixed).toBe(false);
  });
});
