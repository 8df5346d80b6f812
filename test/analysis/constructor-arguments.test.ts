/**
 * getConstructorArguments: what every `new` of a class passes for a constructor parameter, in the class's file and
 * the files that import it; nothing when a subclass may construct it with anything, or a `new` passes nothing for it.
 */
import ts from 'typescript';
import { expect, test } from 'vitest';

import { getConstructorArguments } from '../../src/analysis/core/constructor-arguments.js';
import { createInMemoryContext } from '../helpers/in-memory-context.js';

const repository = 'export class Repository {\n  constructor(private readonly db: unknown) {}\n}\n';

/** The texts of what each `new` passes for `db`, or undefined. */
function passedForDb(files: Record<string, string>): string[] | undefined {
  const context = createInMemoryContext({ '/app/repository.ts': repository, ...files });
  const sourceFile = context.program.getSourceFile('/app/repository.ts')!;
  const declaration = sourceFile.statements.find(ts.isClassDeclaration)!;
  const constructor = declaration.members.find(ts.isConstructorDeclaration)!;
  return getConstructorArguments(constructor.parameters[0]!, context)?.map((argument) => argument.getText());
}

test('the arguments of every new, in the files that import the class', () => {
  expect(passedForDb({
    '/app/orders.ts': "import { Repository } from './repository';\nexport const orders = new Repository(ordersPool);\ndeclare const ordersPool: unknown;\n",
    '/app/users.ts': "import { Repository } from './repository';\nexport const users = new Repository(usersPool);\ndeclare const usersPool: unknown;\n",
  })).toEqual(['ordersPool', 'usersPool']);
});

test('a subclass, declared or as an expression, may construct the class with anything: no answer', () => {
  const orders = "import { Repository } from './repository';\nexport const orders = new Repository(pool);\ndeclare const pool: unknown;\n";
  expect(passedForDb({ '/app/orders.ts': orders })).toEqual(['pool']);
  expect(passedForDb({ '/app/orders.ts': orders, '/app/cached.ts': "import { Repository } from './repository';\nexport class Cached extends Repository {}\n" })).toBeUndefined();
  expect(passedForDb({ '/app/orders.ts': orders, '/app/cached.ts': "import { Repository } from './repository';\nexport const make = () => class extends Repository {};\n" })).toBeUndefined();
  // A subclass of another class changes nothing.
  expect(passedForDb({ '/app/orders.ts': orders, '/app/other.ts': 'class Base {}\nexport class Other extends Base {}\n' })).toEqual(['pool']);
});

test('a new that passes nothing, or spreads, for the parameter: no answer', () => {
  expect(passedForDb({ '/app/orders.ts': "import { Repository } from './repository';\nexport const orders = new Repository();\n" })).toBeUndefined();
  expect(passedForDb({ '/app/orders.ts': "import { Repository } from './repository';\nexport const orders = new Repository(...args);\ndeclare const args: [unknown];\n" })).toBeUndefined();
});
