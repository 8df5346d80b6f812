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

test('mayBeNarrowed reads the mentions under the scope, as a walk of it through the namespace would', async () => {
  const { mayBeNarrowed } = await import('../../src/analysis/core/narrowing.js');
  const text = 'const rows = load();\nexport function kept() { const rows = load(); if (rows) return 1; }\nexport function other() { return rows; }\n';
  const sourceFile = typescript.createSourceFile('/app/c.ts', text, typescript.ScriptTarget.Latest, true);
  const [outer, kept, other] = sourceFile.statements;
  if (!outer || !kept || !other || !typescript.isVariableStatement(outer) || !typescript.isFunctionDeclaration(kept) || !typescript.isFunctionDeclaration(other)) throw new Error('unexpected');
  const outerName = outer.declarationList.declarations[0]?.name;
  const keptBody = kept.body;
  const keptName = keptBody && typescript.isVariableStatement(keptBody.statements[0] as ts.Node) ? (keptBody.statements[0] as ts.VariableStatement).declarationList.declarations[0]?.name : undefined;
  if (!outerName || !typescript.isIdentifier(outerName) || !keptBody || !keptName || !typescript.isIdentifier(keptName)) throw new Error('unexpected');
  const hiding = createHidingNamespace(typescript, new Set([kept]));
  // The file scope: the mention in `kept` counts, unless a re-lint hides `kept` from walks of the file.
  expect(mayBeNarrowed(outerName, sourceFile, typescript)).toBe(true);
  expect(mayBeNarrowed(outerName, sourceFile, hiding)).toBe(false);
  // A scope inside the hidden statement is walked whole; a scope without the narrowing mention has none.
  expect(mayBeNarrowed(keptName, keptBody, hiding)).toBe(true);
  expect(mayBeNarrowed(outerName, other, typescript)).toBe(false);
});

test('calling a name narrows it only through an optional call; passing it to a call statement may', () => {
  const narrowed = (body: string): boolean => {
    const sourceFile = typescript.createSourceFile('/app/calls.ts', `import { load } from "./b";\ndeclare function check(value: unknown): void;\n${body}\n`, typescript.ScriptTarget.Latest, true);
    return mayBeNarrowedInFile('load', sourceFile, typescript);
  };
  expect(narrowed('load(1);\nexport const loaded = await load(2);\nif (load(3)) load(4);')).toBe(false);
  expect(narrowed('if (load?.()) console.log(1);')).toBe(true);
  expect(narrowed('check(load);')).toBe(true);
  expect(narrowed('if (load) load(1);')).toBe(true);
});

test('a method call on a name of no union type narrows it as an assertion statement or a predicate in a condition', () => {
  const narrowed = (body: string): boolean => {
    const sourceFile = typescript.createSourceFile('/app/methods.ts', `declare const type: { isUnion(): boolean; kind: number };\n${body}\n`, typescript.ScriptTarget.Latest, true);
    return mayBeNarrowedInFile('type', sourceFile, typescript);
  };
  // A member read or a method's result returned or stored narrows nothing here.
  expect(narrowed('if (type.kind === 1) console.log(1);\nexport function f() { return type.isUnion(); }\nexport const u = type.isUnion();')).toBe(false);
  // `isUnion(): this is UnionType` narrows `type` where the call is a condition; `asserts this is T`, as a statement.
  expect(narrowed('if (type.isUnion()) console.log(1);')).toBe(true);
  expect(narrowed('export const t = type.isUnion() && type;')).toBe(true);
  expect(narrowed('export const t = !type.isUnion() ? 1 : 2;')).toBe(true);
  expect(narrowed('type.isUnion();')).toBe(true);
});
