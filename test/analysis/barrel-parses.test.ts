/**
 * Untyped analysis follows an imported helper through barrels (`export * from './spec'`) and parses only the modules whose
 * text can declare the name: a barrel that re-exports hundreds of schema modules does not cost hundreds of parses per lint.
 */
import path from 'node:path';

import ts from 'typescript';
import { expect, test } from 'vitest';

import type { TypeScript } from '../../src/analysis/core/analysis-context.js';

import { getAnalysisContext } from '../../src/analysis/core/analysis-context.js';
import { getLintedModule } from '../../src/analysis/core/module-files.js';
import { findImportedFunction } from '../../src/analysis/core/untyped-imports.js';
import { useTempDirectory } from '../helpers/temp-directory.js';

const { directory, write } = useTempDirectory('poolguard-barrel-parses-');

/** The compiler, counting the files it parses. */
function countingTypeScript(): { typescript: TypeScript; parsed: string[] } {
  const parsed: string[] = [];
  const typescript = new Proxy(ts, {
    get: (target, key, receiver): unknown => {
      if (key !== 'createSourceFile') return Reflect.get(target, key, receiver) as unknown;
      return (fileName: string, ...rest: Parameters<typeof ts.createSourceFile> extends [string, ...infer Rest] ? Rest : never) => {
        parsed.push(path.relative(directory, fileName));
        return ts.createSourceFile(fileName, ...rest);
      };
    },
  }) as unknown as TypeScript;
  return { typescript, parsed };
}

test('the barrel walk parses the barrels and the module that declares the function, not every module re-exported', () => {
  const schemas = Array.from({ length: 12 }, (_, index) => `schema-${index}`);
  for (const schema of schemas) write(`api/spec/${schema}.ts`, `export const ${schema.replace('-', '')} = { type: 'object' } as const;\n`);
  write('api/spec/index.ts', schemas.map((schema) => `export * from './${schema}';`).join('\n') + "\nexport * from './users';\n");
  write('api/spec/users.ts', "import { pool } from '../../db';\nexport async function findUser(id: number) {\n  return pool.query('SELECT 1', [id]);\n}\n");
  write('api/index.ts', "export * from './spec';\n");
  const reportText = "import { findUser } from './api';\nexport async function report(ids: number[]) {\n  for (const id of ids) await findUser(id);\n}\n";
  const report = write('report.ts', reportText);

  const { typescript, parsed } = countingTypeScript();
  const linted = getLintedModule(typescript, ts.createSourceFile(report, reportText, ts.ScriptTarget.Latest, true));
  const context = getAnalysisContext(typescript, linted.program, false, {});
  const call = linted.sourceFile.statements.flatMap((statement) => (ts.isFunctionDeclaration(statement) ? [statement] : []))[0];
  let callee: ts.Expression | undefined;
  call?.forEachChild(function visit(node): void {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'findUser') callee = node.expression;
    node.forEachChild(visit);
  });

  const found = callee && findImportedFunction(callee, context);
  expect(found?.fn.getSourceFile().fileName).toBe(path.join(directory, 'api/spec/users.ts'));
  expect(parsed.sort()).toEqual(['api/index.ts', 'api/spec/index.ts', 'api/spec/users.ts']);
});

test('a method the exported object does not declare itself (a model\'s inherited `findByPk`) costs no parse of its module', () => {
  write('models/base.ts', "import { Model } from 'sequelize';\nexport class Base extends Model {}\n");
  write('models/user.ts', "import { Base } from './base';\nexport class User extends Base {\n  static async active() {\n    return User.findAll({ where: { active: true } });\n  }\n}\n");
  write('models/index.ts', "export { User } from './user';\n");
  const text = "import { User } from './models';\nexport async function load(ids: number[]) {\n  for (const id of ids) await User.findByPk(id);\n  return User.active();\n}\n";
  const file = write('load.ts', text);

  const { typescript, parsed } = countingTypeScript();
  const linted = getLintedModule(typescript, ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  const context = getAnalysisContext(typescript, linted.program, false, {});
  const callees = new Map<string, ts.Expression>();
  linted.sourceFile.forEachChild(function visit(node): void {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) callees.set(node.expression.name.text, node.expression);
    node.forEachChild(visit);
  });

  expect(findImportedFunction(callees.get('findByPk') as ts.Expression, context)).toBeUndefined();
  // The barrel is read for its re-export; `user.ts` never mentions `findByPk`.
  expect(parsed).toEqual(['models/index.ts']);
  // A method it declares is found, in the module that declares it.
  expect(findImportedFunction(callees.get('active') as ts.Expression, context)?.fn.getSourceFile().fileName).toBe(path.join(directory, 'models/user.ts'));
  expect(parsed).toEqual(['models/index.ts', 'models/user.ts']);
});
