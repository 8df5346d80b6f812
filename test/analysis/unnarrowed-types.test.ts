/**
 * getTypeOf's and getSymbolAt's shortcuts for names the checker types without flow analysis (constructed-types.ts
 * getUnnarrowedNameType, getUnnarrowedMember) give the checker's own answer: on real code (the demo app, the typed
 * fixture projects with the libraries' declarations installed, and PoolGuard's own engine), every expression a shortcut
 * answers is compared with the checker's type or symbol of the same node, in the same program. A shortcut that answers
 * too rarely proves nothing, so each must answer as often as it does today.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { getTypeOf } from '../../src/analysis/core/constructed-types.js';
import { getSymbolAt } from '../../src/analysis/core/symbols.js';

const typescript = ts as unknown as TypeScript;
const root = path.resolve(import.meta.dirname, '../..');

function listTypeScriptFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listTypeScriptFiles(full);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

test('every type and member symbol a shortcut gives is the checker\'s', { timeout: 60_000 }, () => {
  const files = [
    ...listTypeScriptFiles(path.join(root, 'fixtures/demo-app/src')),
    ...listTypeScriptFiles(path.join(root, 'fixtures/projects')),
    ...listTypeScriptFiles(path.join(root, 'src/analysis/core')),
  ];
  const program = typescript.createProgram(files, {
    target: typescript.ScriptTarget.ES2022,
    module: typescript.ModuleKind.NodeNext,
    moduleResolution: typescript.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    esModuleInterop: true,
    noEmit: true,
    types: ['node'],
  });
  const context = getAnalysisContext(typescript, program, true, {});
  const checker = context.checker;
  const askType = checker.getTypeAtLocation.bind(checker);
  const askSymbol = checker.getSymbolAtLocation.bind(checker);
  let asked = false;
  checker.getTypeAtLocation = (node) => {
    asked = true;
    return askType(node);
  };
  checker.getSymbolAtLocation = (node) => {
    asked = true;
    return askSymbol(node);
  };
  // A failed comparison names the node and both answers (printing a checker's type itself throws).
  const expectSame = (type: ts.Type, expected: ts.Type, node: ts.Node): void => {
    expect(type === expected, `${where(node)}: ${checker.typeToString(type)} for ${checker.typeToString(expected)}`).toBe(true);
  };
  const counts = { names: 0, namesAnswered: 0, methods: 0, methodsAnswered: 0, members: 0, membersAnswered: 0 };
  const compare = (node: ts.Node): void => {
    const parent = node.parent;
    const isMember = parent !== undefined && typescript.isPropertyAccessExpression(parent) && parent.name === node;
    if (typescript.isIdentifier(node) && !isMember && typescript.isExpression(node) && !isDeclarationName(node)) {
      counts.names += 1;
      asked = false;
      const type = getTypeOf(node, context);
      if (!asked) {
        counts.namesAnswered += 1;
        expectSame(type, askType(node), node);
      }
    }
    if (typescript.isPropertyAccessExpression(node) && typescript.isIdentifier(node.expression) && typescript.isIdentifier(node.name)) {
      counts.members += 1;
      asked = false;
      const symbol = getSymbolAt(node.name, context);
      if (!asked) {
        counts.membersAnswered += 1;
        const expected = askSymbol(node.name);
        expect(symbol === expected, `${where(node)}: ${describeSymbol(symbol)} for ${describeSymbol(expected)}`).toBe(true);
      }
      counts.methods += 1;
      asked = false;
      const type = getTypeOf(node, context);
      if (!asked) {
        counts.methodsAnswered += 1;
        expectSame(type, askType(node), node);
      }
    }
    typescript.forEachChild(node, compare);
  };
  for (const file of files) {
    const sourceFile = program.getSourceFile(file);
    if (sourceFile) compare(sourceFile);
  }
  // The corpus gives about 630 names, 230 members and 190 methods' types of some 13,800, 3,800 and 3,800: most names in
  // the engine's own code are destructured or mentioned somewhere in a condition.
  expect(counts.namesAnswered).toBeGreaterThan(500);
  expect(counts.membersAnswered).toBeGreaterThan(150);
  expect(counts.methodsAnswered).toBeGreaterThan(100);
});

/** `x` in `const x = …`, `function f(x)`: the name a declaration declares, which no analysis types as a mention. */
function isDeclarationName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (typescript.isVariableDeclaration(parent) || typescript.isParameter(parent) || typescript.isFunctionDeclaration(parent)
    || typescript.isClassDeclaration(parent) || typescript.isBindingElement(parent) || typescript.isImportSpecifier(parent)
    || typescript.isPropertyAssignment(parent) || typescript.isShorthandPropertyAssignment(parent)) && (parent as ts.NamedDeclaration).name === node;
}

function where(node: ts.Node): string {
  const sourceFile = node.getSourceFile();
  const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart());
  return `${path.relative(root, sourceFile.fileName)}:${line + 1} ${node.getText()}`;
}

function describeSymbol(symbol: ts.Symbol | undefined): string {
  return symbol ? `${symbol.name} (${symbol.declarations?.map((declaration) => path.relative(root, declaration.getSourceFile().fileName)).join(', ')})` : 'none';
}
