/**
 * Top-level functions whose code no analysis of other code reads, and that read nothing of the file's other code: an
 * editor's re-lint keeps their findings while another such function is edited (`function-reuse.ts`). A function is
 * self-contained when it names no value the file itself declares (imports, globals and the file's shared clients only,
 * and types of any kind), and does nothing through those names that another function's analysis could see: it assigns
 * or increments only its own names; an outside name is read, or called through a chain (`app.route('/x').get(…)`) whose
 * calls pass no function and no outside name (no `app.use(handler)` registering code, no `new Service(pool)` feeding a
 * class's fields); `new` only of globals; a function it defines is only called, kept in a variable, or handed to an
 * array or promise method (`rows.map((row) => row.id)`), never to anything that could register it; no `this`, `super`,
 * class, decorator, `delete`, JSX, `import()`, `import.meta`, `require` or `eval`. Type positions are not read: a type
 * changes nothing another function's analysis sees.
 *
 * A shared client is a module-level `const` built by a call or `new` of an import, a global or another shared client,
 * or read from one's member, with no function or class in its initializer (`const pool = new Pool({ max: 5 })`,
 * `const db = drizzle(pool)`, `const prisma = globalThis.prisma ?? new PrismaClient()`): used as an import is, its
 * meaning is its declaration, which an edit inside a function leaves as it was.
 */
import type * as ts from 'typescript';

import type { TypeScript } from '../analysis/core/analysis-context.js';

/** The names a file's top level declares: values other code can reach (`declared`), import bindings (`imported`), and
 * the declared names that hold a shared client (`shared`). */
export interface TopLevelNames {
  readonly declared: ReadonlySet<string>;
  readonly imported: ReadonlySet<string>;
  readonly shared: ReadonlySet<string>;
}

export function getTopLevelNames(sourceFile: ts.SourceFile, ts: TypeScript): TopLevelNames {
  const declared = new Set<string>();
  const imported = new Set<string>();
  const constants: ts.VariableDeclaration[] = [];
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) imported.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) imported.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) imported.add(element.name.text);
    } else if (ts.isImportEqualsDeclaration(statement)) {
      imported.add(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addBinding(declaration.name);
      if (statement.declarationList.flags & ts.NodeFlags.Const) constants.push(...statement.declarationList.declarations);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      declared.add(statement.name.text);
    } else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) {
      declared.add(statement.name.text);
    }
  }
  // A name both imported and declared (a merged namespace) counts as declared.
  for (const name of declared) imported.delete(name);
  return { declared, imported, shared: getSharedClients(constants, declared, ts) };
}

/** The constants that hold a shared client, in order: one may be built from an earlier one (`drizzle(pool)`). A name
 * declared twice (a merged namespace, a function of the same name) is none. */
function getSharedClients(constants: readonly ts.VariableDeclaration[], declared: ReadonlySet<string>, ts: TypeScript): ReadonlySet<string> {
  const shared = new Set<string>();
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const { name } of constants) if (ts.isIdentifier(name)) (seen.has(name.text) ? twice : seen).add(name.text);
  const isOutside = (root: ts.Identifier): boolean => !declared.has(root.text) || shared.has(root.text);
  for (const { name, initializer } of constants) {
    if (!ts.isIdentifier(name) || twice.has(name.text) || !initializer || containsFunctionOrClass(initializer, ts)) continue;
    const value = skipOuterExpressions(initializer, ts);
    // `globalThis.prisma ?? new PrismaClient()`: a client kept across reloads.
    const parts = ts.isBinaryExpression(value) && (value.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || value.operatorToken.kind === ts.SyntaxKind.BarBarToken)
      ? [value.left, value.right] : [value];
    if (parts.every((part) => isBuiltFromOutside(skipOuterExpressions(part, ts), isOutside, ts))) shared.add(name.text);
  }
  return shared;
}

/** A call or `new` of, or a member read from, an import, a global or a shared client (`new Pool()`, `mysql.createPool()`,
 * `globalThis.db`, `(globalThis as any).db`). */
function isBuiltFromOutside(value: ts.Expression, isOutside: (root: ts.Identifier) => boolean, ts: TypeScript): boolean {
  const built = ts.isCallExpression(value) || ts.isNewExpression(value);
  let root: ts.Expression = built ? value.expression : value;
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || (built && ts.isCallExpression(root)) || ts.isNonNullExpression(root)
    || ts.isParenthesizedExpression(root) || ts.isAsExpression(root)) {
    root = root.expression;
  }
  if (!built && root === value) return false;
  return ts.isIdentifier(root) && isOutside(root);
}

function skipOuterExpressions(expression: ts.Expression, ts: TypeScript): ts.Expression {
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
  return node;
}

function containsFunctionOrClass(node: ts.Node, ts: TypeScript): boolean {
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return true;
  return ts.forEachChild(node, (child) => containsFunctionOrClass(child, ts) || undefined) ?? false;
}

const forbiddenKinds = [
  'ThisKeyword',
  'SuperKeyword',
  'ImportKeyword',
  'MetaProperty',
  'Decorator',
  'ClassDeclaration',
  'ClassExpression',
  'WithStatement',
  'DeleteExpression',
  'ExpressionWithTypeArguments',
  'JsxElement',
  'JsxSelfClosingElement',
  'JsxFragment',
  'ModuleDeclaration',
  'ImportEqualsDeclaration',
  'EnumDeclaration',
] as const;
const forbiddenKindsByTypeScript = new WeakMap<TypeScript, ReadonlySet<ts.SyntaxKind>>();
const forbiddenGlobals = new Set(['require', 'eval', 'module', 'exports']);
/** Methods that call the function they are given and keep nothing of it: arrays' and promises'. */
const callbackMethods = new Set(['map', 'filter', 'forEach', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast',
  'findLastIndex', 'flatMap', 'sort', 'toSorted', 'then', 'catch', 'finally']);

/** Is the function (its parameters and body) self-contained, given its file's top-level names? */
export function isSelfContained(fn: ts.FunctionDeclaration, names: TopLevelNames, ts: TypeScript): boolean {
  let kinds = forbiddenKindsByTypeScript.get(ts);
  if (!kinds) {
    kinds = new Set(forbiddenKinds.map((kind) => ts.SyntaxKind[kind]));
    forbiddenKindsByTypeScript.set(ts, kinds);
  }
  const forbidden = kinds;
  const localFunctions = getLocalFunctionNames(fn, ts);
  const scopes = new Map<ts.Node, ReadonlySet<string>>();
  const isDeclaredWithin = (identifier: ts.Identifier): boolean => isDeclaredInScopes(identifier, fn, scopes, ts);
  let contained = true;
  const visit = (node: ts.Node): void => {
    if (!contained) return;
    if (forbidden.has(node.kind)) {
      contained = false;
      return;
    }
    if (ts.isTypeNode(node)) return;
    if (node !== fn && ts.isFunctionLike(node) && !isKeptFunction(node, ts)) {
      contained = false;
      return;
    }
    if (ts.isIdentifier(node) && isReference(node, ts)) {
      const harmless = isDeclaredWithin(node)
        ? !localFunctions.has(node.text) || isCalledOrIterated(node, ts)
        : isHarmlessOutsideName(node, isDeclaredWithin, names, localFunctions, ts);
      if (!harmless) {
        contained = false;
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const parameter of fn.parameters) visit(parameter);
  if (fn.body) visit(fn.body);
  return contained;
}

/** The names of the functions a function defines: its function declarations and variables holding a function literal. */
function getLocalFunctionNames(fn: ts.FunctionDeclaration, ts: TypeScript): ReadonlySet<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && node !== fn && node.name) names.add(node.name.text);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isFunctionLike(skipParentheses(node.initializer, ts))) {
      names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return names;
}

/** A function literal kept where only this function can call it: a declaration, a variable's value, an array or promise
 * method's callback. */
function isKeptFunction(node: ts.SignatureDeclaration, ts: TypeScript): boolean {
  if (ts.isFunctionDeclaration(node)) return true;
  let child: ts.Node = node;
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (ts.isVariableDeclaration(parent) && parent.initializer === child) return true;
  return ts.isCallExpression(parent) && parent.arguments.includes(child as ts.Expression) && isCallbackMethodCall(parent, ts);
}

/** A local function's name where it is called, or handed to an array or promise method. */
function isCalledOrIterated(identifier: ts.Identifier, ts: TypeScript): boolean {
  const parent = identifier.parent;
  if (ts.isCallExpression(parent) && parent.expression === identifier) return true;
  return ts.isCallExpression(parent) && parent.arguments.includes(identifier) && isCallbackMethodCall(parent, ts);
}

function isCallbackMethodCall(call: ts.CallExpression, ts: TypeScript): boolean {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && callbackMethods.has(callee.name.text);
}

function skipParentheses(expression: ts.Expression, ts: TypeScript): ts.Expression {
  let node = expression;
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

/**
 * An import or global read, or called through a chain of member accesses, calls and awaits whose calls pass nothing from
 * outside the function and no function; never written, and built with `new` only when a global.
 */
function isHarmlessOutsideName(
  identifier: ts.Identifier,
  isDeclaredWithin: (identifier: ts.Identifier) => boolean,
  names: TopLevelNames,
  localFunctions: ReadonlySet<string>,
  ts: TypeScript,
): boolean {
  const name = identifier.text;
  if ((names.declared.has(name) && !names.shared.has(name)) || forbiddenGlobals.has(name)) return false;
  let top: ts.Expression = identifier;
  for (let parent = top.parent; ; parent = top.parent) {
    if (((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === top)
      || ts.isNonNullExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAwaitExpression(parent)
      || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) {
      top = parent;
    } else if (ts.isCallExpression(parent) && parent.expression === top) {
      if (!parent.arguments.every((argument) => carriesNothingOutside(argument, isDeclaredWithin, localFunctions, ts))) return false;
      top = parent;
    } else if (ts.isTaggedTemplateExpression(parent) && parent.tag === top) {
      if (!carriesNothingOutside(parent.template, isDeclaredWithin, localFunctions, ts)) return false;
      top = parent;
    } else if (ts.isNewExpression(parent) && parent.expression === top) {
      if (names.imported.has(name) || names.declared.has(name) || top !== identifier || !(parent.arguments ?? []).every((argument) => carriesNothingOutside(argument, isDeclaredWithin, localFunctions, ts))) return false;
      top = parent;
    } else {
      break;
    }
  }
  return !isWritten(top, ts);
}

/** Is the expression assigned to, incremented, or a target of a destructuring assignment or `for … in/of`? */
function isWritten(expression: ts.Expression, ts: TypeScript): boolean {
  let node: ts.Node = expression;
  for (let parent = node.parent; ; node = parent, parent = parent.parent) {
    if (ts.isBinaryExpression(parent)) return parent.left === node && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
    if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent))) {
      return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
    }
    if ((ts.isForInStatement(parent) || ts.isForOfStatement(parent))) return parent.initializer === node;
    // Inside an array or object literal, the literal may be a destructuring target.
    if (ts.isArrayLiteralExpression(parent) || ts.isObjectLiteralExpression(parent) || ts.isShorthandPropertyAssignment(parent)
      || ts.isPropertyAssignment(parent) || ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent) || ts.isParenthesizedExpression(parent)) {
      continue;
    }
    return false;
  }
}

/** No function, no name from outside the function and none of its own functions: an argument that cannot hand code or
 * an outside object along. */
function carriesNothingOutside(
  argument: ts.Node,
  isDeclaredWithin: (identifier: ts.Identifier) => boolean,
  localFunctions: ReadonlySet<string>,
  ts: TypeScript,
): boolean {
  let clean = true;
  const visit = (node: ts.Node): void => {
    if (!clean || ts.isTypeNode(node)) return;
    if (ts.isFunctionLike(node) || (ts.isIdentifier(node) && isReference(node, ts) && (!isDeclaredWithin(node) || localFunctions.has(node.text)))) {
      clean = false;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(argument);
  return clean;
}

/** An identifier that names a variable (not a property, label or declared name). */
function isReference(identifier: ts.Identifier, ts: TypeScript): boolean {
  const parent = identifier.parent;
  if ((ts.isPropertyAccessExpression(parent) && parent.name === identifier) || (ts.isQualifiedName(parent) && parent.right === identifier)) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent)
    || ts.isPropertySignature(parent)) && parent.name === identifier) {
    return false;
  }
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent))
    && parent.name === identifier) {
    return false;
  }
  if (ts.isBindingElement(parent) && (parent.name === identifier || parent.propertyName === identifier)) return false;
  if ((ts.isBreakOrContinueStatement(parent) || ts.isLabeledStatement(parent)) && parent.label === identifier) return false;
  return true;
}

/** Does a declaration inside the function, in a scope around the identifier, bind its name? Each scope's names are
 * listed once per check. */
function isDeclaredInScopes(identifier: ts.Identifier, fn: ts.FunctionDeclaration, scopes: Map<ts.Node, ReadonlySet<string>>, ts: TypeScript): boolean {
  for (let scope: ts.Node | undefined = identifier.parent; scope; scope = scope.parent) {
    let declared = scopes.get(scope);
    if (!declared) {
      declared = getScopeNames(scope, ts);
      scopes.set(scope, declared);
    }
    if (declared.has(identifier.text)) return true;
    if (scope === fn) return false;
  }
  return false;
}

const noNames: ReadonlySet<string> = new Set();

/** The names a scope node declares: a block's `let`, `const` and functions, a `for` head, a `catch` variable, a
 * function's parameters, its own name (a function expression) and every `var` of its body. */
function getScopeNames(scope: ts.Node, ts: TypeScript): ReadonlySet<string> {
  const names = new Set<string>();
  const addList = (list: ts.VariableDeclarationList): void => {
    for (const declaration of list.declarations) addBinding(declaration.name, names, ts);
  };
  if (ts.isBlock(scope) || ts.isCaseBlock(scope)) {
    const statements = ts.isBlock(scope) ? scope.statements : scope.clauses.flatMap((clause) => [...clause.statements]);
    for (const statement of statements) {
      if (ts.isVariableStatement(statement)) addList(statement.declarationList);
      if (ts.isFunctionDeclaration(statement) && statement.name) names.add(statement.name.text);
    }
  } else if (ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) {
    if (scope.initializer && ts.isVariableDeclarationList(scope.initializer)) addList(scope.initializer);
  } else if (ts.isCatchClause(scope)) {
    if (scope.variableDeclaration) addBinding(scope.variableDeclaration.name, names, ts);
  } else if (ts.isFunctionLike(scope)) {
    if (ts.isFunctionExpression(scope) && scope.name) names.add(scope.name.text);
    for (const parameter of scope.parameters) addBinding(parameter.name, names, ts);
    const body = (scope as ts.FunctionLikeDeclaration).body;
    if (body) addVars(body, names, ts);
  }
  return names.size > 0 ? names : noNames;
}

function addBinding(binding: ts.BindingName, names: Set<string>, ts: TypeScript): void {
  if (ts.isIdentifier(binding)) names.add(binding.text);
  else for (const element of binding.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name, names, ts);
}

/** `var` anywhere in a function's body, not inside a nested function (hoisted to the function). */
function addVars(body: ts.Node, names: Set<string>, ts: TypeScript): void {
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped)) {
      for (const declaration of node.declarations) addBinding(declaration.name, names, ts);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
}
