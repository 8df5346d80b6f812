/** Small questions about the syntax tree that every analysis asks: wrappers around an expression, the function
 * around a node, whether a subtree holds something. */
import type * as ts from 'typescript';

/** Wrappers that do not change a value: parentheses, `as`, `!`, `satisfies` and `<T>` assertions. */
export function isOuterExpression(
  node: ts.Node,
  typescript: typeof ts,
): node is ts.ParenthesizedExpression | ts.AsExpression | ts.NonNullExpression | ts.SatisfiesExpression | ts.TypeAssertion {
  return getKinds(typescript).outer.has(node.kind);
}

interface Kinds {
  readonly outer: ReadonlySet<ts.SyntaxKind>;
  readonly functionWithBody: ReadonlySet<ts.SyntaxKind>;
}

/**
 * The kinds behind the tests every analysis asks most (for each wrapper around each expression): one set lookup instead
 * of a call through the namespace for each kind, a large object that a property lookup searches by name. Per namespace,
 * since SyntaxKind numbers differ between TypeScript versions (ts-morph bundles its own).
 */
const kindsByNamespace = new WeakMap<typeof ts, Kinds>();
let lastNamespace: typeof ts | undefined;
let lastKinds: Kinds | undefined;

function getKinds(typescript: typeof ts): Kinds {
  if (typescript === lastNamespace && lastKinds) return lastKinds;
  let kinds = kindsByNamespace.get(typescript);
  if (!kinds) {
    const { SyntaxKind } = typescript;
    kinds = {
      outer: new Set([SyntaxKind.ParenthesizedExpression, SyntaxKind.AsExpression, SyntaxKind.NonNullExpression, SyntaxKind.SatisfiesExpression,
        SyntaxKind.TypeAssertionExpression]),
      functionWithBody: new Set([SyntaxKind.FunctionDeclaration, SyntaxKind.FunctionExpression, SyntaxKind.ArrowFunction, SyntaxKind.MethodDeclaration,
        SyntaxKind.Constructor, SyntaxKind.GetAccessor, SyntaxKind.SetAccessor]),
    };
    kindsByNamespace.set(typescript, kinds);
  }
  lastNamespace = typescript;
  lastKinds = kinds;
  return kinds;
}

/** `null` or `undefined` written out (inside parentheses or a cast too). */
export function isNullishLiteral(node: ts.Expression, typescript: typeof ts): boolean {
  const inner = skipOuterExpressions(node, typescript);
  return inner.kind === typescript.SyntaxKind.NullKeyword || (typescript.isIdentifier(inner) && inner.text === 'undefined');
}

/** `() => …` or `function () { … }` written as the value (inside parentheses or a cast too): an initialiser that gives a
 * variable, property or field a body of its own. */
export function getFunctionValue(node: ts.Expression | undefined, typescript: typeof ts): ts.ArrowFunction | ts.FunctionExpression | undefined {
  const value = node && skipOuterExpressions(node, typescript);
  return value && (typescript.isArrowFunction(value) || typescript.isFunctionExpression(value)) ? value : undefined;
}

/** The function a declaration gives a name: a function or method with a body, or a variable, property or field whose value
 * is one. */
export function getDeclaredFunction(declaration: ts.Node, typescript: typeof ts): ts.FunctionLikeDeclaration | undefined {
  if ((typescript.isFunctionDeclaration(declaration) || typescript.isMethodDeclaration(declaration)) && declaration.body) return declaration;
  if (typescript.isVariableDeclaration(declaration) || typescript.isPropertyAssignment(declaration) || typescript.isPropertyDeclaration(declaration)) {
    return getFunctionValue(declaration.initializer, typescript);
  }
  return undefined;
}

/** `a.b`, `a?.b` and `a['b']` as object and name. */
export function getMemberName(node: ts.Expression, typescript: typeof ts): { object: ts.Expression; name: string } | undefined {
  if (typescript.isPropertyAccessExpression(node)) return { object: node.expression, name: node.name.text };
  if (typescript.isElementAccessExpression(node) && typescript.isStringLiteralLike(node.argumentExpression)) {
    return { object: node.expression, name: node.argumentExpression.text };
  }
  return undefined;
}

/** Strips the wrappers around an expression, down to the value itself. */
export function skipOuterExpressions(node: ts.Expression, typescript: typeof ts): ts.Expression {
  let current = node;
  while (isOuterExpression(current, typescript)) current = current.expression;
  return current;
}

/** `t`, and `ctx` of `ctx.transaction` or `options.ctx.transaction`: the variable a chain of property reads starts from. */
export function getRootIdentifier(node: ts.Expression, typescript: typeof ts): ts.Identifier | undefined {
  let current = skipOuterExpressions(node, typescript);
  while (typescript.isPropertyAccessExpression(current)) current = skipOuterExpressions(current.expression, typescript);
  return typescript.isIdentifier(current) ? current : undefined;
}

/** Climbs out of the wrappers around a node (and out of `await` too when asked), up to the outermost one. */
export function climbOuterExpressions(node: ts.Node, typescript: typeof ts, throughAwait = false): ts.Node {
  let current = node;
  while (current.parent && (isOuterExpression(current.parent, typescript) || (throughAwait && typescript.isAwaitExpression(current.parent)))) {
    current = current.parent;
  }
  return current;
}

/** Where the value of a node goes: the parent of its outermost wrapper. */
export function getOuterParent(node: ts.Node, typescript: typeof ts): ts.Node {
  return climbOuterExpressions(node, typescript).parent;
}

/** A call whose value nobody takes (`helper();`, `void helper();`): a promise it returns is never waited on. */
export function isResultDiscarded(node: ts.Expression, typescript: typeof ts): boolean {
  const parent = getOuterParent(node, typescript);
  return typescript.isExpressionStatement(parent) || typescript.isVoidExpression(parent);
}

/** The expressions a function returns (not those of nested functions). */
export function getReturnedExpressions(fn: ts.FunctionLikeDeclaration, typescript: typeof ts): ts.Expression[] {
  const body = fn.body;
  if (!body) return [];
  if (!typescript.isBlock(body)) return [body];
  const returned: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (typescript.isReturnStatement(node) && node.expression) returned.push(node.expression);
    if (typescript.isFunctionLike(node) || typescript.isClassLike(node)) return;
    typescript.forEachChild(node, visit);
  };
  typescript.forEachChild(body, visit);
  return returned;
}

/** A function with a body: declaration, expression, arrow, method, constructor or accessor (not a signature or a
 * function type). */
export function isFunctionWithBody(node: ts.Node, typescript: typeof ts): node is ts.FunctionLikeDeclaration {
  return getKinds(typescript).functionWithBody.has(node.kind);
}

export interface EnclosingFunctionOptions {
  /** Code in a class body outside its methods does not run as part of the function around the class: field
   * initializers run per construction, static blocks once when the class is defined. `'class'`: no function
   * for anything in a class outside its methods (nor for its heritage clauses and decorators); `'static-block'`:
   * none for a static block's code only. Default: climb through classes. */
  readonly stopAt?: 'class' | 'static-block';
}

/** The nearest function around a node (not the node itself); undefined at module scope. */
export function getEnclosingFunction(node: ts.Node, typescript: typeof ts, options: EnclosingFunctionOptions = {}): ts.FunctionLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionWithBody(current, typescript)) return current;
    if (typescript.isSourceFile(current)) return undefined;
    if (options.stopAt === 'class' && typescript.isClassLike(current)) return undefined;
    if (options.stopAt === 'static-block' && typescript.isClassStaticBlockDeclaration(current)) return undefined;
  }
  return undefined;
}

/** Does `root`, or a node under it, satisfy `predicate`? Searched in source order up to the first match; the
 * children of a node `stopAt` accepts (a nested function, say) are not searched, the node itself is. */
export function containsNode(root: ts.Node, predicate: (node: ts.Node) => boolean, typescript: typeof ts, stopAt?: (node: ts.Node) => boolean): boolean {
  const visit = (node: ts.Node): boolean => predicate(node) || (stopAt?.(node) !== true && typescript.forEachChild(node, visit) === true);
  return visit(root);
}

/** Is `node` under `ancestor` (not the node itself)? */
export function isInside(node: ts.Node, ancestor: ts.Node): boolean {
  if (node.pos < ancestor.pos || node.end > ancestor.end) return false;
  for (let current = node.parent; current; current = current.parent) {
    if (current === ancestor) return true;
  }
  return false;
}

/** `=`, `??=` and `||=`: the assignments whose value is their right-hand side's (when they assign). */
export function isAssignmentOperator(operator: ts.SyntaxKind, typescript: typeof ts): boolean {
  return operator === typescript.SyntaxKind.EqualsToken || operator === typescript.SyntaxKind.QuestionQuestionEqualsToken
    || operator === typescript.SyntaxKind.BarBarEqualsToken;
}

/** Every plain `this.<name> = value` under `root` (a class, say), in source order, nested functions included. */
export function findThisAssignments(root: ts.Node, name: string, typescript: typeof ts): { target: ts.PropertyAccessExpression; value: ts.Expression }[] {
  const found: { target: ts.PropertyAccessExpression; value: ts.Expression }[] = [];
  const visit = (node: ts.Node): void => {
    if (typescript.isBinaryExpression(node) && node.operatorToken.kind === typescript.SyntaxKind.EqualsToken) {
      const target = skipOuterExpressions(node.left, typescript);
      if (typescript.isPropertyAccessExpression(target) && target.expression.kind === typescript.SyntaxKind.ThisKeyword && target.name.text === name) {
        found.push({ target, value: node.right });
      }
    }
    typescript.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/** A JavaScript file (`.js`, `.jsx`, `.cjs`, `.mjs`), whose names carry no declared types: JSDoc, CommonJS and inference decide. */
export function isJavaScriptFile(fileName: string): boolean {
  return /\.[cm]?jsx?$/.test(fileName);
}
