/**
 * Generated association accessors (Sequelize's `user.getPosts()`) exist only for declared associations: when
 * the record's model class is visible, a name that merely looks like one (`user.getFlag()`) is not a query.
 */
import type * as ts from 'typescript';

import type { ObjectDefinition } from '../../knowledge/library-definition.js';
import type { AnalysisContext } from '../core/analysis-context.js';

import { containsNode, skipOuterExpressions } from '../core/syntax.js';

const accessorPrefix = /^(get|count|has|set|add|create|remove)/;

/**
 * `true`: the model declares an association this accessor belongs to; `false`: the model class is visible and
 * declares none (or writes the method itself); `undefined`: the model class is not visible.
 */
export function isDeclaredAssociationAccessor(record: ts.Expression, name: string, object: ObjectDefinition, context: AnalysisContext): boolean | undefined {
  const declaredBy = object.queryMethodsDeclaredBy;
  if (!declaredBy) return undefined;
  const model = findModelClass(record, context, 0);
  if (!model) return undefined;
  const { ts } = context;
  const member = model.members.find((candidate) => candidate.name !== undefined && ts.isIdentifier(candidate.name) && candidate.name.text === name);
  if (member) return !hasBody(member, ts);
  const suffix = name.replace(accessorPrefix, '').toLowerCase();
  const matches = (alias: string): boolean => {
    const lower = alias.toLowerCase();
    return lower === suffix || lower === `${suffix}s` || `${lower}s` === suffix || lower === `${suffix}es` || lower.replace(/ies$/, 'y') === suffix;
  };
  for (const candidate of model.members) {
    if (!ts.isPropertyDeclaration(candidate) || !ts.isIdentifier(candidate.name)) continue;
    const decorated = (ts.getDecorators(candidate) ?? []).some((decorator) => {
      const expression = ts.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression;
      return ts.isIdentifier(expression) && declaredBy.decorators.includes(expression.text);
    });
    if (decorated && matches(candidate.name.text)) return true;
  }
  const declares = (node: ts.Node): boolean => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || !declaredBy.calls.includes(node.expression.name.text)) return false;
    const [target, options] = node.arguments;
    const alias = options && ts.isObjectLiteralExpression(options) ? options.properties.find((property) => property.name
      && ts.isIdentifier(property.name) && property.name.text === 'as') : undefined;
    const aliasText = alias && ts.isPropertyAssignment(alias) && ts.isStringLiteralLike(alias.initializer) ? alias.initializer.text
      : target && ts.isIdentifier(skipOuterExpressions(target, ts)) ? (skipOuterExpressions(target, ts) as ts.Identifier).text : undefined;
    return aliasText !== undefined && aliasText !== '' && matches(aliasText);
  };
  return containsNode(model.getSourceFile(), declares, ts);
}

function hasBody(member: ts.ClassElement, typescript: typeof ts): boolean {
  if (typescript.isMethodDeclaration(member)) return member.body !== undefined;
  if (typescript.isPropertyDeclaration(member)) {
    const initializer = member.initializer;
    return initializer !== undefined && (typescript.isArrowFunction(initializer) || typescript.isFunctionExpression(initializer));
  }
  return typescript.isGetAccessorDeclaration(member);
}

/** The project class a record comes from: `User` in `const user = await User.scope('x').findByPk(id)`. */
function findModelClass(expression: ts.Expression, context: AnalysisContext, steps: number): ts.ClassDeclaration | undefined {
  const { ts } = context;
  if (steps > 4) return undefined;
  let node = skipOuterExpressions(expression, ts);
  if (ts.isAwaitExpression(node)) node = skipOuterExpressions(node.expression, ts);
  if (ts.isIdentifier(node)) {
    const declaration = getSymbol(node, context)?.valueDeclaration;
    if (!declaration) return undefined;
    if (ts.isClassDeclaration(declaration)) return declaration;
    if (ts.isVariableDeclaration(declaration)) {
      const statement = declaration.parent.parent;
      if ((ts.isForOfStatement(statement) || ts.isForInStatement(statement)) && statement.initializer === declaration.parent) {
        return findModelClass(statement.expression, context, steps + 1);
      }
      return declaration.initializer ? findModelClass(declaration.initializer, context, steps + 1) : undefined;
    }
    if (ts.isParameter(declaration)) {
      const call = declaration.parent.parent;
      if (declaration.parent.parameters[0] !== declaration || !call || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
      return findModelClass(call.expression.expression, context, steps + 1);
    }
    return undefined;
  }
  // Down the chain to its root: `User.scope('x').findByPk(id)` → `User`.
  while (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node)) {
    node = skipOuterExpressions(ts.isCallExpression(node) ? node.expression : node.expression, ts);
  }
  return ts.isIdentifier(node) && node !== expression ? findModelClass(node, context, steps + 1) : undefined;
}

function getSymbol(node: ts.Node, context: AnalysisContext): ts.Symbol | undefined {
  try {
    const symbol = context.checker.getSymbolAtLocation(node);
    return symbol && symbol.flags & context.ts.SymbolFlags.Alias && context.typed ? context.checker.getAliasedSymbol(symbol) : symbol;
  } catch {
    return undefined;
  }
}
