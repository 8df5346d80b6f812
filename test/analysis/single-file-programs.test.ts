/** Untyped one-file programs: module files share a checker, and every file's names resolve as its own program's would. */
import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { createSingleFileProgram } from '../../src/analysis/core/analysis-context.js';

const typescript = ts as unknown as TypeScript;

function parse(fileName: string, text: string): ts.SourceFile {
  return typescript.createSourceFile(fileName, text, typescript.ScriptTarget.Latest, true);
}

/** The declaration kinds the checker gives for the last mention of `name` in the file. */
function declarationKinds(sourceFile: ts.SourceFile, name: string): ts.SyntaxKind[] {
  const program = createSingleFileProgram(typescript, sourceFile);
  let last: ts.Identifier | undefined;
  const visit = (node: ts.Node): void => {
    if (typescript.isIdentifier(node) && node.text === name) last = node;
    typescript.forEachChild(node, visit);
  };
  visit(sourceFile);
  return program.getTypeChecker().getSymbolAtLocation(last!)?.declarations?.map((declaration) => declaration.kind) ?? [];
}

/**
 * Starts the shared checker's next batch of files, so the files a test creates next share one checker whatever this
 * worker ran before (test files share the module's state, and a batch ends every 8 files).
 */
function startNewBatch(): void {
  const checkerOf = (index: number): ts.TypeChecker => createSingleFileProgram(typescript, parse(`/project/warm-${index}.ts`, `export const warm = ${index};\n`)).getTypeChecker();
  const current = checkerOf(0);
  for (let index = 1; index <= 64 && checkerOf(index) === current; index += 1);
}

test('module files share a checker, and each resolves its own names', () => {
  startNewBatch();
  const first = parse('/project/first.ts', "import { Pool } from 'pg';\nexport const pool = new Pool();\nexport const use = () => pool;\n");
  const second = parse('/project/second.js', "const pg = require('pg');\nfunction make() { return new pg.Pool(); }\nconst pool = make();\nmodule.exports = () => pool;\n");
  const firstProgram = createSingleFileProgram(typescript, first);
  const secondProgram = createSingleFileProgram(typescript, second);
  expect(secondProgram.getTypeChecker()).toBe(firstProgram.getTypeChecker());
  expect(firstProgram.getSourceFiles()).toEqual([first]);
  expect(secondProgram.getSourceFile('/project/second.js')).toBe(second);
  expect(declarationKinds(first, 'pool')).toEqual([typescript.SyntaxKind.VariableDeclaration]);
  expect(declarationKinds(second, 'pool')).toEqual([typescript.SyntaxKind.VariableDeclaration]);
  expect(declarationKinds(second, 'make')).toEqual([typescript.SyntaxKind.FunctionDeclaration]);
  // What the analyses do not read comes from a program of the file's own.
  expect(firstProgram.getRootFileNames()).toEqual(['/project/first.ts']);
  expect(firstProgram.getSyntacticDiagnostics(first)).toEqual([]);
});

test("a script's declarations, global in its own program, still resolve", () => {
  const script = parse('/project/script.js', 'var pool = createPool();\nfunction query() { return pool; }\n');
  expect(declarationKinds(script, 'pool')).toEqual([typescript.SyntaxKind.VariableDeclaration]);
});

test('a global augmentation of a module file still resolves', () => {
  const augmenting = parse('/project/global-db.ts', "import { Pool } from 'pg';\ndeclare global { var db: Pool; }\nexport const use = () => db;\n");
  expect(declarationKinds(augmenting, 'db')).toEqual([typescript.SyntaxKind.VariableDeclaration]);
});

test('a new checker after a batch of files', () => {
  const checkers = new Set<ts.TypeChecker>();
  for (let index = 0; index < 70; index += 1) {
    checkers.add(createSingleFileProgram(typescript, parse(`/project/batch-${index}.ts`, `export const value${index} = ${index};\n`)).getTypeChecker());
  }
  // Batches of 8, the first one maybe begun by an earlier test.
  expect(checkers.size).toBeGreaterThanOrEqual(9);
  expect(checkers.size).toBeLessThanOrEqual(10);
});

test('a module that imports itself gets its own program, which resolves the import; one importing a namesake elsewhere shares', () => {
  startNewBatch();
  const neighbour = createSingleFileProgram(typescript, parse('/project/neighbour.ts', 'export const value = 1;\n'));
  const selfImports = {
    '/project/api/users.ts': "import { helper } from './users';\nexport function helper() {}\nhelper;\n",
    '/project/api/orders.js': "const { helper } = require('../api/orders.js');\nexports.helper = function helper() {};\nhelper;\n",
    '/project/api/index.ts': "import { helper } from '.';\nexport function helper() {}\nhelper;\n",
  };
  for (const [fileName, text] of Object.entries(selfImports)) {
    const sourceFile = parse(fileName, text);
    const program = createSingleFileProgram(typescript, sourceFile);
    expect(program.getTypeChecker(), fileName).not.toBe(neighbour.getTypeChecker());
    if (fileName.endsWith('.ts')) {
      const checker = program.getTypeChecker();
      const alias = checker.getSymbolAtLocation((sourceFile.statements[2] as ts.ExpressionStatement).expression)!;
      expect(checker.getAliasedSymbol(alias).declarations?.map((declaration) => declaration.kind), fileName).toEqual([typescript.SyntaxKind.FunctionDeclaration]);
    }
  }
  const namesakes = {
    '/project/controllers/users.js': "const users = require('../users');\nconst helpers = require('./helpers');\nmodule.exports = () => users.list();\n",
    '/project/controllers/orders.ts': "import { list } from '../orders';\nimport api from '../api/orders';\nexport const get = () => list(api);\n",
  };
  for (const [fileName, text] of Object.entries(namesakes)) {
    expect(createSingleFileProgram(typescript, parse(fileName, text)).getTypeChecker(), fileName).toBe(neighbour.getTypeChecker());
  }
});
