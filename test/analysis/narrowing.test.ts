/** mayBeNarrowedInFile: kept per file, so it reads the whole file even when asked through a re-lint's hiding namespace. */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { createHidingNamespace } from '../../src/analysis/core/hidden-statements.js';
import { mayBeNarrowedInFile } from '../../src/analysis/core/narrowing.js';

const typescript = ts as unknown as TypeScript;

test('a name narrowed only in a hidden statement is narrowed in the file', () => {
  const sourceFile = typescript.createSourceFile('/app/a.ts', 'import { load } from "./b";\nexport function kept() { if (load) return 1; }\nexport function other() { return load(); }\n', typescript.ScriptTarget.Latest, true);
  const kept = sourceFile.statements[1];
  if (!kept) throw new Error('no statement');
  const hiding = createHidingNamespace(typescript, new Set([kept]));
  expect(mayBeNarrowedInFile('load', sourceFile, hiding)).toBe(true);
  expect(mayBeNarrowedInFile('load', sourceFile, typescript)).toBe(true);
  expect(mayBeNarrowedInFile('other', sourceFile, typescript)).toBe(false);
});
