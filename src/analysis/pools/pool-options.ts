/** Static evaluation of pool options: literals, constants, spreads, imported config objects, ternaries, `??`
 * fallbacks and `process.env` reads, as far as the code shows them. */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';


import { getPassedArguments } from '../core/call-arguments.js';
import { getSymbol, getSymbolAt } from '../core/symbols.js';
import { containsNode, getFunctionValue, getReturnedExpressions, skipOuterExpressions } from '../core/syntax.js';

/** What an expression is known to hold. `fallbackFor`: the value is the fallback used while that environment
 * variable is unset (`Number(process.env.DB_MAX ?? 20)`). `env` on an unknown value: it is read from that variable
 * with no fallback, and `unset` is what it holds while the variable is unset: `undefined` (read as it is) or `NaN`
 * (converted to a number, which is never nullish, so a `??` after the conversion never applies). */
export type Evaluated =
  | { readonly kind: 'number'; readonly value: number; readonly node: ts.Node; readonly fallbackFor?: string; readonly passedBy?: ts.CallExpression | ts.NewExpression }
  | { readonly kind: 'string'; readonly value: string; readonly node: ts.Node; readonly fallbackFor?: string; readonly partial?: boolean }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly node: ts.Node }
  | { readonly kind: 'nullish'; readonly node: ts.Node }
  | { readonly kind: 'object'; readonly properties: ReadonlyMap<string, LazyProperty>; readonly open: boolean; readonly node: ts.Node }
  | { readonly kind: 'choice'; readonly alternatives: readonly Evaluated[]; readonly node: ts.Node }
  | { readonly kind: 'unknown'; readonly node: ts.Node; readonly env?: string; readonly unset?: 'undefined' | 'NaN' };

/** A property of an evaluated object: its node (for reports) and its value, computed on demand. */
export interface LazyProperty {
  readonly node: ts.Node;
  readonly value: () => Evaluated;
}

/** Looked up in an object: not there, or there with this value (and the property that holds it). */
export type Lookup = { readonly found: false } | { readonly found: true; readonly value: Evaluated; readonly property?: ts.Node };

const maxDepth = 24;
/** Marks the unknown parts of a partly known string. */
export const unknownPart = '\u0000';

/** Evaluates an expression; never throws (unknown on anything unexpected). */
export function evaluate(expression: ts.Expression, context: AnalysisContext, depth = 0): Evaluated {
  try {
    return evaluateNode(expression, context, depth);
  } catch {
    return { kind: 'unknown', node: expression };
  }
}

function evaluateNode(expression: ts.Expression, context: AnalysisContext, depth: number): Evaluated {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (depth > maxDepth) return { kind: 'unknown', node };
  const next = depth + 1;
  if (ts.isNumericLiteral(node)) return { kind: 'number', value: Number(node.text), node };
  if (ts.isStringLiteralLike(node)) return { kind: 'string', value: node.text, node };
  if (ts.isTemplateExpression(node)) return evaluateTemplate(node, context, next);
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
    return { kind: 'boolean', value: node.kind === ts.SyntaxKind.TrueKeyword, node };
  }
  if (node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined') || ts.isVoidExpression(node)) {
    return { kind: 'nullish', node };
  }
  if (ts.isPrefixUnaryExpression(node)) return evaluatePrefix(node, context, next);
  if (ts.isObjectLiteralExpression(node)) return evaluateObject(node, context, next);
  if (ts.isIdentifier(node)) return evaluateIdentifier(node, context, next);
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return evaluateMember(node, context, next);
  if (ts.isBinaryExpression(node)) return evaluateBinary(node, context, next);
  if (ts.isConditionalExpression(node)) return evaluateConditional(node, context, next);
  if (ts.isCallExpression(node)) return evaluateCall(node, context, next);
  return { kind: 'unknown', node };
}

function evaluateTemplate(node: ts.TemplateExpression, context: AnalysisContext, depth: number): Evaluated {
  let text = node.head.text;
  let partial = false;
  for (const span of node.templateSpans) {
    const value = evaluate(span.expression, context, depth);
    if (value.kind === 'string' || value.kind === 'number') {
      text += String(value.value);
      partial ||= value.kind === 'string' && value.partial === true;
    } else {
      text += unknownPart;
      partial = true;
    }
    text += span.literal.text;
  }
  return { kind: 'string', value: text, node, partial };
}

function evaluatePrefix(node: ts.PrefixUnaryExpression, context: AnalysisContext, depth: number): Evaluated {
  const { ts } = context;
  const operand = evaluate(node.operand, context, depth);
  if (node.operator === ts.SyntaxKind.MinusToken && operand.kind === 'number') return { ...operand, value: -operand.value, node };
  if (node.operator === ts.SyntaxKind.PlusToken) return toNumber(operand, node);
  if (node.operator === ts.SyntaxKind.ExclamationToken) return { kind: 'unknown', node };
  return { kind: 'unknown', node };
}

function evaluateObject(node: ts.ObjectLiteralExpression, context: AnalysisContext, depth: number): Evaluated {
  const { ts } = context;
  const properties = new Map<string, LazyProperty>();
  let open = false;
  for (const property of node.properties) {
    if (ts.isSpreadAssignment(property)) {
      const spread = evaluate(property.expression, context, depth);
      if (spread.kind === 'object') {
        for (const [key, value] of spread.properties) properties.set(key, value);
        open ||= spread.open;
      } else if (spread.kind !== 'nullish') {
        open = true;
      }
      continue;
    }
    const name = property.name ? getPropertyName(property.name, context) : undefined;
    if (name === undefined) {
      if (ts.isPropertyAssignment(property)) open = true;
      continue;
    }
    if (ts.isPropertyAssignment(property)) {
      properties.set(name, lazy(property, () => evaluate(property.initializer, context, depth)));
    } else if (ts.isShorthandPropertyAssignment(property)) {
      properties.set(name, lazy(property, () => evaluate(property.name, context, depth)));
    } else {
      properties.set(name, lazy(property, () => ({ kind: 'unknown', node: property })));
    }
  }
  return { kind: 'object', properties, open, node };
}

function lazy(node: ts.Node, compute: () => Evaluated): LazyProperty {
  let cached: Evaluated | undefined;
  return { node, value: () => (cached ??= compute()) };
}

function getPropertyName(name: ts.PropertyName, context: AnalysisContext): string | undefined {
  const { ts } = context;
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const value = evaluate(name.expression, context);
    return value.kind === 'string' && !value.partial ? value.value : undefined;
  }
  return undefined;
}

function evaluateIdentifier(node: ts.Identifier, context: AnalysisContext, depth: number): Evaluated {
  const { ts } = context;
  const symbol = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node ? getShorthandValueSymbol(node.parent, context) : getSymbol(node, context);
  for (const declaration of symbol?.declarations ?? []) {
    if (ts.isParameter(declaration) && ts.isIdentifier(declaration.name)) return evaluateParameter(declaration, context, depth);
    if (ts.isVariableDeclaration(declaration) && declaration.initializer && isConstant(declaration, context)) {
      const value = evaluate(declaration.initializer, context, depth);
      return value.kind === 'object' && ts.isIdentifier(declaration.name) ? withMutations(value, declaration, declaration.name, context, depth) : value;
    }
    if (ts.isBindingElement(declaration)) return evaluateBindingElement(declaration, context, depth);
    if (ts.isEnumMember(declaration) && declaration.initializer) return evaluate(declaration.initializer, context, depth);
    if (ts.isEnumDeclaration(declaration)) return evaluateEnum(declaration, context, depth);
    if (ts.isExportAssignment(declaration)) return evaluate(declaration.expression, context, depth);
    if (ts.isPropertyAssignment(declaration)) return evaluate(declaration.initializer, context, depth);
    if (ts.isShorthandPropertyAssignment(declaration) && declaration.name !== node) return evaluate(declaration.name, context, depth);
  }
  return { kind: 'unknown', node };
}

/**
 * `config.max = env.poolSize` after `const config = { … }`: the properties the file assigns count as written. One
 * assigned in the statements beside the declaration holds its value; one assigned anywhere else (in an `if`, a
 * function) may or may not be set, so it is unknown. A mutation the code does not show plainly (`config.pool.max =
 * …`, `config[key] = …`, `Object.assign(config, …)`) makes the whole object unknown.
 */
function withMutations(value: Extract<Evaluated, { kind: 'object' }>, declaration: ts.VariableDeclaration, name: ts.Identifier, context: AnalysisContext, depth: number): Evaluated {
  const { ts } = context;
  const statement = declaration.parent.parent;
  const siblings = ts.isVariableStatement(statement) ? statement.parent : undefined;
  const properties = new Map(value.properties);
  let opaque = false;
  const isName = (node: ts.Expression): boolean => {
    const inner = skipOuterExpressions(node, ts);
    return ts.isIdentifier(inner) && inner.text === name.text && getSymbol(inner, context) === getSymbol(name, context);
  };
  const visit = (node: ts.Node): void => {
    if (opaque) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const target = skipOuterExpressions(node.left, ts);
      if ((ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && isName(target.expression)) {
        const key = ts.isPropertyAccessExpression(target) ? target.name.text
          : ts.isStringLiteralLike(target.argumentExpression) ? target.argumentExpression.text : undefined;
        if (key === undefined) {
          opaque = true;
          return;
        }
        const plain = node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isExpressionStatement(node.parent) && node.parent.parent === siblings;
        const right = node.right;
        properties.set(key, lazy(target, () => (plain ? evaluate(right, context, depth) : { kind: 'unknown', node: right })));
      } else if (containsMember(target)) {
        opaque = true;
        return;
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'assign'
      && node.arguments[0] !== undefined && isName(node.arguments[0])) {
      opaque = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  // `config.pool.max = 5`: a deeper member of the object.
  const containsMember = (target: ts.Expression): boolean => {
    let current = target;
    while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
      if (isName(current.expression)) return true;
      current = skipOuterExpressions(current.expression, ts);
    }
    return false;
  };
  visit(declaration.getSourceFile());
  if (opaque) return { kind: 'unknown', node: value.node };
  return properties.size === value.properties.size && [...properties].every(([key, property]) => value.properties.get(key) === property)
    ? value : { ...value, properties };
}

/** `const`, or a `let`/`var` never assigned again in its file. */
function evaluateEnum(declaration: ts.EnumDeclaration, context: AnalysisContext, depth: number): Evaluated {
  const properties = new Map<string, LazyProperty>();
  for (const member of declaration.members) {
    const name = getPropertyName(member.name, context);
    const initializer = member.initializer;
    if (name !== undefined && initializer) properties.set(name, lazy(member, () => evaluate(initializer, context, depth)));
  }
  return { kind: 'object', properties, open: false, node: declaration };
}

function isConstant(declaration: ts.VariableDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list)) return false;
  if (list.flags & ts.NodeFlags.Const) return true;
  if (!ts.isIdentifier(declaration.name)) return false;
  const name = declaration.name.text;
  return !containsNode(declaration.getSourceFile(), (node) => ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment
    && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(node.left) && node.left.text === name, ts);
}

function evaluateBindingElement(element: ts.BindingElement, context: AnalysisContext, depth: number): Evaluated {
  const { ts } = context;
  const pattern = element.parent;
  if (!ts.isObjectBindingPattern(pattern)) return { kind: 'unknown', node: element };
  const keyNode = element.propertyName ?? element.name;
  const key = ts.isIdentifier(keyNode) || ts.isStringLiteralLike(keyNode) ? keyNode.text : undefined;
  const owner = pattern.parent;
  if (key && ts.isVariableDeclaration(owner) && owner.initializer && isProcessEnv(owner.initializer, context)) {
    const read: Evaluated = { kind: 'unknown', node: element, env: key, unset: 'undefined' };
    return element.initializer ? fallback(read, evaluate(element.initializer, context, depth)) : read;
  }
  let source: Evaluated = { kind: 'unknown', node: element };
  if (ts.isVariableDeclaration(owner) && owner.initializer && isConstantPattern(owner, context)) source = evaluate(owner.initializer, context, depth);
  else if (ts.isBindingElement(owner)) source = evaluateBindingElement(owner, context, depth);
  else if (ts.isParameter(owner) && ts.isIdentifier(element.name) && !isAssignedOrTested(element.name, owner.parent, context)) {
    return evaluatePassed(owner, context, depth, (value) => {
      const found = key === undefined ? undefined : lookupKey(value, key);
      if (found?.found && !(found.value.kind === 'nullish' && element.initializer)) return found.value;
      return element.initializer ? evaluate(element.initializer, context, depth) : { kind: 'unknown', node: element };
    });
  }
  const found = key === undefined ? undefined : lookupKey(source, key);
  if (found?.found) {
    if (found.value.kind === 'nullish' && element.initializer) return evaluate(element.initializer, context, depth);
    return found.value;
  }
  if (found && !found.found && element.initializer) return evaluate(element.initializer, context, depth);
  if (isProcessEnv(source.node, context) && key) return { kind: 'unknown', node: element, env: key, unset: 'undefined' };
  if (source.kind === 'unknown' && element.initializer) return fallback(source, evaluate(element.initializer, context, depth));
  return { kind: 'unknown', node: element };
}

/**
 * A parameter takes what the visible callers pass (`getDbConfig({ timeoutMs: 0 })`), or its default when a call
 * passes nothing; unknown when the function reassigns it, tests it in a condition (a guard the evaluation cannot
 * follow), or is used other than by being called.
 */
function evaluateParameter(parameter: ts.ParameterDeclaration, context: AnalysisContext, depth: number): Evaluated {
  if (!context.ts.isIdentifier(parameter.name) || isAssignedOrTested(parameter.name, parameter.parent, context)) return { kind: 'unknown', node: parameter };
  return evaluatePassed(parameter, context, depth, (value) => value);
}

/** Each visible call's value for the parameter (the default when it passes nothing), read by `read`; numbers keep the
 * call that passes them (the first one met, nearest the literal). */
function evaluatePassed(parameter: ts.ParameterDeclaration, context: AnalysisContext, depth: number, read: (value: Evaluated) => Evaluated): Evaluated {
  const passed = getPassedArguments(parameter, context);
  if (!passed) return { kind: 'unknown', node: parameter };
  const alternatives = passed.map(({ call, argument }) => {
    const given = argument && !isUndefinedLiteral(argument, context) ? evaluate(argument, context, depth) : undefined;
    const value = given ?? (parameter.initializer ? evaluate(parameter.initializer, context, depth) : { kind: 'nullish' as const, node: call });
    return markPassedBy(read(value), call);
  });
  return alternatives.length === 1 && alternatives[0] ? alternatives[0] : { kind: 'choice', alternatives, node: parameter };
}

function markPassedBy(value: Evaluated, call: ts.CallExpression | ts.NewExpression): Evaluated {
  if (value.kind === 'number') return value.passedBy ? value : { ...value, passedBy: call };
  if (value.kind === 'choice') return { ...value, alternatives: value.alternatives.map((alternative) => markPassedBy(alternative, call)) };
  return value;
}

function isUndefinedLiteral(node: ts.Expression, context: AnalysisContext): boolean {
  const inner = skipOuterExpressions(node, context.ts);
  return (context.ts.isIdentifier(inner) && inner.text === 'undefined') || context.ts.isVoidExpression(inner);
}

/** A parameter (or a name destructured from one) assigned, or tested in a condition, in its function. */
function isAssignedOrTested(name: ts.Identifier, fn: ts.SignatureDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  const symbol = getSymbolAt(name, context);
  if (!symbol || !ts.isFunctionLike(fn) || !('body' in fn) || !fn.body) return true;
  return containsNode(fn.body, (node) => {
    if (!ts.isIdentifier(node) || node.text !== name.text || getSymbolAt(node, context) !== symbol) return false;
    for (let current: ts.Node = node; current !== fn; current = current.parent) {
      const parent = current.parent;
      if (ts.isBinaryExpression(parent) && parent.left === current && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment
        && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
        return true;
      }
      if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && parent.operator !== ts.SyntaxKind.ExclamationToken) return true;
      if ((ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) && parent.expression === current) return true;
      if (ts.isConditionalExpression(parent) && parent.condition === current) return true;
      if ((ts.isForStatement(parent) && parent.condition === current) || (ts.isSwitchStatement(parent) && parent.expression === current)) return true;
      if (ts.isStatement(current)) break;
    }
    return false;
  }, ts);
}

function getShorthandValueSymbol(property: ts.ShorthandPropertyAssignment, context: AnalysisContext): ts.Symbol | undefined {
  try {
    return context.checker.getShorthandAssignmentValueSymbol(property);
  } catch {
    return undefined;
  }
}

function isConstantPattern(declaration: ts.VariableDeclaration, context: AnalysisContext): boolean {
  const list = declaration.parent;
  return context.ts.isVariableDeclarationList(list) && (list.flags & context.ts.NodeFlags.Const) !== 0;
}

function evaluateMember(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, context: AnalysisContext, depth: number): Evaluated {
  const { ts } = context;
  const key = ts.isPropertyAccessExpression(node)
    ? node.name.text
    : (() => {
        const argument = evaluate(node.argumentExpression, context, depth);
        return argument.kind === 'string' && !argument.partial ? argument.value : undefined;
      })();
  if (key === undefined) return { kind: 'unknown', node };
  if (isProcessEnv(node, context)) return { kind: 'unknown', node };
  if (isProcessEnv(node.expression, context)) return { kind: 'unknown', node, env: key, unset: 'undefined' };
  const owner = evaluate(node.expression, context, depth);
  if (owner.kind === 'unknown' && isEnvLike(owner, context)) return { kind: 'unknown', node, env: key, unset: 'undefined' };
  const found = lookupKey(owner, key);
  if (found.found) return found.value;
  if (owner.kind === 'object' && !owner.open) return { kind: 'nullish', node };
  return { kind: 'unknown', node };
}

/** `process.env`, `import.meta.env`, `Bun.env`, or a const alias of one. */
function isProcessEnv(node: ts.Node, context: AnalysisContext): boolean {
  const { ts } = context;
  const target = ts.isExpression(node) ? skipOuterExpressions(node, ts) : node;
  if (ts.isPropertyAccessExpression(target) && target.name.text === 'env') {
    const owner = skipOuterExpressions(target.expression, ts);
    if (ts.isIdentifier(owner) && (owner.text === 'process' || owner.text === 'Bun' || owner.text === 'Deno')) return true;
    if (ts.isMetaProperty(owner)) return true;
  }
  return false;
}

function isEnvLike(value: Evaluated, context: AnalysisContext): boolean {
  const { ts } = context;
  const node = value.node;
  if (isProcessEnv(node, context)) return true;
  if (ts.isIdentifier(node)) {
    const declaration = getSymbol(node, context)?.declarations?.[0];
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) return isProcessEnv(declaration.initializer, context);
    if (declaration && ts.isBindingElement(declaration) && !declaration.propertyName && ts.isIdentifier(declaration.name) && declaration.name.text === 'env') {
      const owner = declaration.parent.parent;
      return ts.isVariableDeclaration(owner) && owner.initializer !== undefined
        && ts.isIdentifier(skipOuterExpressions(owner.initializer, ts)) && skipOuterExpressions(owner.initializer, ts).getText() === 'process';
    }
  }
  return false;
}

function evaluateBinary(node: ts.BinaryExpression, context: AnalysisContext, depth: number): Evaluated {
  const { ts } = context;
  const operator = node.operatorToken.kind;
  if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
    const left = evaluate(node.left, context, depth);
    const takesRight = (value: Evaluated): boolean | undefined => (operator === ts.SyntaxKind.QuestionQuestionToken ? isNullish(value) : isFalsy(value));
    let right: Evaluated | undefined;
    const choose = (value: Evaluated): Evaluated => {
      const takes = takesRight(value);
      if (takes === false) return value;
      right ??= evaluate(node.right, context, depth);
      return takes === true ? right : fallback(value, right);
    };
    // What each caller passes goes through the fallback on its own: `timeoutMs || 30000` when one passes 0.
    const leaves = flattenChoices(left);
    if (leaves.some(isPassed)) return { kind: 'choice', alternatives: leaves.map(choose), node };
    return choose(left);
  }
  if (operator === ts.SyntaxKind.PlusToken) {
    const left = evaluate(node.left, context, depth);
    const right = evaluate(node.right, context, depth);
    if (left.kind === 'number' && right.kind === 'number') return { kind: 'number', value: left.value + right.value, node };
    if ((left.kind === 'string' || right.kind === 'string')) return { kind: 'string', value: asText(left) + asText(right), node, partial: !isText(left) || !isText(right) || (left.kind === 'string' && left.partial === true) || (right.kind === 'string' && right.partial === true) };
    return { kind: 'unknown', node };
  }
  if (operator === ts.SyntaxKind.AsteriskToken || operator === ts.SyntaxKind.MinusToken || operator === ts.SyntaxKind.SlashToken) {
    const left = evaluate(node.left, context, depth);
    const right = evaluate(node.right, context, depth);
    if (left.kind === 'number' && right.kind === 'number') {
      const value = operator === ts.SyntaxKind.AsteriskToken ? left.value * right.value
        : operator === ts.SyntaxKind.MinusToken ? left.value - right.value : left.value / right.value;
      return { kind: 'number', value, node };
    }
  }
  return { kind: 'unknown', node };
}

function isPassed(value: Evaluated): boolean {
  return value.kind === 'number' && value.passedBy !== undefined;
}

function isText(value: Evaluated): boolean {
  return value.kind === 'string' || value.kind === 'number';
}

function asText(value: Evaluated): string {
  return value.kind === 'string' || value.kind === 'number' ? String(value.value) : unknownPart;
}

/** `left ?? right` where left is not known: right is what runs while the environment does not say. */
function fallback(left: Evaluated, right: Evaluated): Evaluated {
  if (left.kind !== 'unknown') return right.kind === 'unknown' ? right : { kind: 'choice', alternatives: [left, right], node: left.node };
  if ((right.kind === 'number' || right.kind === 'string') && left.env !== undefined) return { ...right, fallbackFor: left.env };
  if (right.kind === 'number' || right.kind === 'string') return right;
  if (right.kind === 'unknown') return { kind: 'unknown', node: right.node, env: left.env ?? right.env };
  return right;
}

function isNullish(value: Evaluated): boolean | undefined {
  if (value.kind === 'nullish') return true;
  if (value.kind === 'unknown' && value.unset === 'NaN') return false;
  if (value.kind === 'unknown' || value.kind === 'choice') return undefined;
  return false;
}

function isFalsy(value: Evaluated): boolean | undefined {
  switch (value.kind) {
    case 'nullish': return true;
    case 'number': return value.value === 0 || Number.isNaN(value.value);
    case 'string': return value.partial ? undefined : value.value === '';
    case 'boolean': return !value.value;
    case 'object': return false;
    default: return undefined;
  }
}

function evaluateConditional(node: ts.ConditionalExpression, context: AnalysisContext, depth: number): Evaluated {
  const whenTrue = evaluate(node.whenTrue, context, depth);
  const whenFalse = evaluate(node.whenFalse, context, depth);
  if (whenTrue.kind === 'unknown') return whenTrue;
  if (whenFalse.kind === 'unknown') return whenFalse;
  if (whenTrue.kind === 'number' && whenFalse.kind === 'number' && whenTrue.value === whenFalse.value) return whenTrue;
  return { kind: 'choice', alternatives: [whenTrue, whenFalse], node };
}

const identityHelpers = new Set(['defineConfig', 'freeze', 'Object.freeze']);

function evaluateCall(node: ts.CallExpression, context: AnalysisContext, depth: number): Evaluated {
  const { ts } = context;
  const callee = skipOuterExpressions(node.expression, ts);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? `${callee.expression.getText()}.${callee.name.text}` : undefined;
  const first = node.arguments[0];
  if ((name === 'Number' || name === 'parseInt' || name === 'parseFloat' || name === 'Number.parseInt' || name === 'Number.parseFloat') && first) {
    return toNumber(evaluate(first, context, depth), node);
  }
  if (name === 'String' && first) {
    const value = evaluate(first, context, depth);
    return value.kind === 'number' ? { kind: 'string', value: String(value.value), node } : value;
  }
  if ((name === 'Math.min' || name === 'Math.max') && node.arguments.length > 0) {
    const values = node.arguments.map((argument) => toNumber(evaluate(argument, context, depth), argument));
    const known = values.filter((value): value is Extract<Evaluated, { kind: 'number' }> => value.kind === 'number');
    // Math.min with one known argument is bounded by it; Math.max needs them all.
    if (name === 'Math.min' && known.length > 0) return { kind: 'number', value: Math.min(...known.map((value) => value.value)), node };
    if (known.length === values.length) return { kind: 'number', value: Math.max(...known.map((value) => value.value)), node };
    return { kind: 'unknown', node };
  }
  if (name !== undefined && (identityHelpers.has(name) || name.endsWith('.freeze')) && first) return evaluate(first, context, depth);
  if (name === 'Object.assign' && node.arguments.length > 0) {
    return mergeObjects(node.arguments.map((argument) => evaluate(argument, context, depth)), node);
  }
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'toString' && node.arguments.length === 0) {
    const value = evaluate(callee.expression, context, depth);
    return value.kind === 'number' ? { kind: 'string', value: String(value.value), node } : value;
  }
  // A project function with a single return: the value it returns (its parameters stay unknown).
  const fn = getLocalFunction(callee, context);
  if (fn?.body) {
    const returns = getReturnedExpressions(fn, context.ts);
    const returned = returns.length === 1 ? returns[0] : undefined;
    if (returned) return evaluate(returned, context, depth);
  }
  return { kind: 'unknown', node };
}

function mergeObjects(values: readonly Evaluated[], node: ts.Node): Evaluated {
  const properties = new Map<string, LazyProperty>();
  let open = false;
  for (const value of values) {
    if (value.kind === 'object') {
      for (const [key, property] of value.properties) properties.set(key, property);
      open ||= value.open;
    } else if (value.kind !== 'nullish') {
      open = true;
    }
  }
  return { kind: 'object', properties, open, node };
}

function getLocalFunction(callee: ts.Expression, context: AnalysisContext): ts.FunctionLikeDeclaration | undefined {
  const { ts } = context;
  if (ts.isFunctionExpression(callee) || ts.isArrowFunction(callee)) return callee;
  if (!ts.isIdentifier(callee)) return undefined;
  for (const declaration of getSymbol(callee, context)?.declarations ?? []) {
    if (ts.isFunctionDeclaration(declaration) && declaration.body) return declaration;
    const value = ts.isVariableDeclaration(declaration) ? getFunctionValue(declaration.initializer, ts) : undefined;
    if (value) return value;
  }
  return undefined;
}

function toNumber(value: Evaluated, node: ts.Node): Evaluated {
  if (value.kind === 'number') return { ...value, node };
  if (value.kind === 'string' && !value.partial) {
    const number = Number.parseFloat(value.value);
    return Number.isNaN(number) ? { kind: 'unknown', node } : { kind: 'number', value: number, node, ...(value.fallbackFor !== undefined ? { fallbackFor: value.fallbackFor } : {}) };
  }
  if (value.kind === 'choice') return { kind: 'choice', alternatives: value.alternatives.map((alternative) => toNumber(alternative, alternative.node)), node };
  if (value.kind === 'unknown') return { kind: 'unknown', node, ...(value.env !== undefined ? { env: value.env, unset: 'NaN' as const } : {}) };
  return { kind: 'unknown', node };
}

/** A key of an evaluated object. `choice` values look the key up in every alternative. */
export function lookupKey(value: Evaluated, key: string): Lookup {
  if (value.kind === 'object') {
    const property = value.properties.get(key);
    if (property) return { found: true, value: property.value(), property: property.node };
    return value.open ? { found: true, value: { kind: 'unknown', node: value.node } } : { found: false };
  }
  if (value.kind === 'choice') {
    const results = value.alternatives.map((alternative) => lookupKey(alternative, key));
    if (results.every((result) => !result.found)) return { found: false };
    const alternatives = results.map((result) => (result.found ? result.value : ({ kind: 'nullish', node: value.node } as const)));
    return { found: true, value: { kind: 'choice', alternatives, node: value.node } };
  }
  if (value.kind === 'nullish') return { found: false };
  return { found: true, value: { kind: 'unknown', node: value.node } };
}

/** A dotted path (`extra.max`; `*` matches every key) looked up in an evaluated object: each match. */
export function lookupPath(value: Evaluated, path: string): Lookup[] {
  let current: Lookup[] = [{ found: true, value }];
  for (const segment of path.split('.')) {
    const nextLookups: Lookup[] = [];
    for (const lookup of current) {
      if (!lookup.found) continue;
      if (segment === '*') {
        if (lookup.value.kind === 'object') {
          for (const property of lookup.value.properties.values()) nextLookups.push({ found: true, value: property.value(), property: property.node });
        }
        continue;
      }
      nextLookups.push(lookupKey(lookup.value, segment));
    }
    current = nextLookups;
  }
  return current;
}

/** Leaves of nested choices. */
export function flattenChoices(value: Evaluated): Evaluated[] {
  return value.kind === 'choice' ? value.alternatives.flatMap((alternative) => flattenChoices(alternative)) : [value];
}

/** Query parameters of a connection URL, case-insensitively by name; undefined when the query is not known. */
export function getUrlParameters(url: string): Map<string, string> | undefined {
  const query = url.indexOf('?');
  const parameters = new Map<string, string>();
  if (query === -1) return url.includes(unknownPart) ? undefined : parameters;
  for (const pair of url.slice(query + 1).split(/[&;]/)) {
    const [name = '', value = ''] = pair.split('=');
    if (name.includes(unknownPart)) return undefined;
    if (!value.includes(unknownPart)) parameters.set(decodeURIComponent(name).toLowerCase(), decodeURIComponent(value));
  }
  return parameters;
}
