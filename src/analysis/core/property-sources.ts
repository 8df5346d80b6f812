/**
 * Where a property of an object comes from, read from the source when the checker cannot say (the object's type
 * is `any` because the package that types it is not installed): the type an interface or type literal writes for
 * it, or the value an object literal gives it. Followed through type aliases, intersections, interface
 * `extends`, wrappers such as `Awaited<ReturnType<typeof createContext>>`, `typeof` a function (what it returns),
 * spreads, variables and `require` of a project module (its `module.exports`).
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { contextTypeWrappers } from '../../knowledge/frameworks.js';
import { getRequiredModuleExports, isRequireCall } from './commonjs-exports.js';
import { getSymbol } from './symbols.js';
import { getFunctionValue, getReturnedExpressions, isFunctionWithBody, skipOuterExpressions } from './syntax.js';

/** A written type, a value, or a name declared by a shorthand property (`{ db }`), whose value is the variable's. */
export type PropertySource =
  | { readonly type: ts.TypeNode }
  | { readonly expression: ts.Expression }
  | { readonly shorthand: ts.ShorthandPropertyAssignment };

const maxSteps = 16;
const wrappers = new Set(contextTypeWrappers);

/** The source of property `name` of the object `owner` describes, if the source says. */
export function findPropertySource(owner: PropertySource, name: string, context: AnalysisContext): PropertySource | undefined {
  return inSource(owner, name, context, { steps: 0 });
}

interface Budget {
  steps: number;
}

function inSource(owner: PropertySource, name: string, context: AnalysisContext, budget: Budget): PropertySource | undefined {
  if ('type' in owner) return inType(owner.type, name, context, budget);
  if ('expression' in owner) return inExpression(owner.expression, name, context, budget);
  const declaration = getShorthandValueSymbol(owner.shorthand, context)?.declarations?.[0];
  return declaration ? inDeclaration(declaration, name, context, budget) : undefined;
}

/** The variable a shorthand property (`{ db }`) takes its value from (its own symbol is the property's). */
export function getShorthandValueSymbol(shorthand: ts.ShorthandPropertyAssignment, context: AnalysisContext): ts.Symbol | undefined {
  try {
    return context.checker.getShorthandAssignmentValueSymbol(shorthand);
  } catch {
    return undefined;
  }
}

function inType(node: ts.TypeNode, name: string, context: AnalysisContext, budget: Budget): PropertySource | undefined {
  const { ts } = context;
  if (++budget.steps > maxSteps) return undefined;
  if (ts.isParenthesizedTypeNode(node)) return inType(node.type, name, context, budget);
  if (ts.isTypeLiteralNode(node)) return inMembers(node.members, name, context);
  if (ts.isIntersectionTypeNode(node)) return firstOf(node.types, (member) => inType(member, name, context, budget));
  if (ts.isTypeQueryNode(node)) return inDeclarations(getSymbol(node.exprName, context)?.declarations, name, context, budget, true);
  if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) {
    const typeName = ts.isTypeReferenceNode(node) ? node.typeName : node.expression;
    const argument = node.typeArguments?.[0];
    if (argument && wrappers.has(getLastName(typeName, ts))) return inType(argument, name, context, budget);
    const declarations = getSymbol(typeName, context)?.declarations ?? [];
    return firstOf(declarations, (declaration) => {
      if (ts.isTypeAliasDeclaration(declaration)) return inType(declaration.type, name, context, budget);
      if (!ts.isInterfaceDeclaration(declaration)) return undefined;
      const heritage = declaration.heritageClauses?.flatMap((clause) => clause.types) ?? [];
      return inMembers(declaration.members, name, context) ?? firstOf(heritage, (base) => inType(base, name, context, budget));
    });
  }
  return undefined;
}

function inMembers(members: ts.NodeArray<ts.TypeElement>, name: string, context: AnalysisContext): PropertySource | undefined {
  const { ts } = context;
  for (const member of members) {
    if (ts.isPropertySignature(member) && member.type && getPropertyName(member.name, ts) === name) return { type: member.type };
  }
  return undefined;
}

function inExpression(expression: ts.Expression, name: string, context: AnalysisContext, budget: Budget): PropertySource | undefined {
  const { ts } = context;
  if (++budget.steps > maxSteps) return undefined;
  const node = skipOuterExpressions(expression, ts);
  if (ts.isAwaitExpression(node)) return inExpression(node.expression, name, context, budget);
  if (ts.isConditionalExpression(node)) {
    return inExpression(node.whenTrue, name, context, budget) ?? inExpression(node.whenFalse, name, context, budget);
  }
  if (ts.isObjectLiteralExpression(node)) {
    // A later property or spread overrides an earlier one.
    for (const property of [...node.properties].reverse()) {
      if (ts.isSpreadAssignment(property)) {
        const spread = inExpression(property.expression, name, context, budget);
        if (spread) return spread;
        continue;
      }
      if (!property.name || getPropertyName(property.name, ts) !== name) continue;
      if (ts.isPropertyAssignment(property)) return { expression: property.initializer };
      if (ts.isShorthandPropertyAssignment(property)) return { shorthand: property };
      return undefined;
    }
    return undefined;
  }
  if (ts.isIdentifier(node)) return inDeclarations(getSymbol(node, context)?.declarations, name, context, budget, false);
  if (isRequireCall(node, ts)) {
    const exported = getRequiredModuleExports(node, context);
    return exported ? inExpression(exported, name, context, budget) : undefined;
  }
  if (ts.isCallExpression(node)) return inDeclarations(getSymbol(node.expression, context)?.declarations, name, context, budget, true);
  return undefined;
}

/** A variable's object (its written type, else its initializer), or with `returned`, what a function returns. */
function inDeclarations(
  declarations: readonly ts.Declaration[] | undefined,
  name: string,
  context: AnalysisContext,
  budget: Budget,
  returned: boolean,
): PropertySource | undefined {
  return firstOf(declarations ?? [], (declaration) => {
    const fn = getFunction(declaration, context);
    if (fn) return returned ? firstOf(getReturnedExpressions(fn, context.ts), (value) => inExpression(value, name, context, budget)) : undefined;
    return inDeclaration(declaration, name, context, budget);
  });
}

function inDeclaration(declaration: ts.Declaration, name: string, context: AnalysisContext, budget: Budget): PropertySource | undefined {
  const { ts } = context;
  if (!ts.isVariableDeclaration(declaration) && !ts.isParameter(declaration)) return undefined;
  if (declaration.type) return inType(declaration.type, name, context, budget);
  return declaration.initializer ? inExpression(declaration.initializer, name, context, budget) : undefined;
}

function getFunction(declaration: ts.Declaration, context: AnalysisContext): ts.FunctionLikeDeclaration | undefined {
  const { ts } = context;
  if (isFunctionWithBody(declaration, ts)) return declaration;
  return ts.isVariableDeclaration(declaration) ? getFunctionValue(declaration.initializer, ts) : undefined;
}

function getLastName(name: ts.EntityName | ts.Expression, typescript: typeof ts): string {
  if (typescript.isIdentifier(name)) return name.text;
  if (typescript.isQualifiedName(name)) return name.right.text;
  return typescript.isPropertyAccessExpression(name) ? name.name.text : '';
}

function getPropertyName(name: ts.PropertyName, typescript: typeof ts): string | undefined {
  return typescript.isIdentifier(name) || typescript.isStringLiteralLike(name) ? name.text : undefined;
}

function firstOf<T, R>(items: readonly T[], find: (item: T) => R | undefined): R | undefined {
  for (const item of items) {
    const found = find(item);
    if (found !== undefined) return found;
  }
  return undefined;
}
