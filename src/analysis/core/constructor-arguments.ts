/**
 * What a class is constructed with: the argument each `new` of it passes for a constructor parameter, in its own
 * file and the files that import it, also through a class composed over it (`new (_.flow(traits)(Base))(knex)`).
 * JavaScript hands a service its database this way (`constructor(database) { this.database = database }`).
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { createContextMemo } from './context-memo.js';
import { getFileNodes } from './file-nodes.js';
import { getTransitiveImporters } from './import-graph.js';
import { getClassDeclaration, readComposition } from './mixins.js';
import { getSymbol } from './symbols.js';
import { skipOuterExpressions } from './syntax.js';

const argumentsByParameter = createContextMemo<ts.ParameterDeclaration, readonly ts.Expression[] | undefined>();

/**
 * The expressions every `new` of the parameter's class passes in its place; undefined when one passes nothing for it
 * (or spreads), when a subclass or a trait with a constructor of its own may pass anything, or when no `new` is
 * seen.
 */
export function getConstructorArguments(parameter: ts.ParameterDeclaration, context: AnalysisContext): readonly ts.Expression[] | undefined {
  return argumentsByParameter.get(context, parameter, () => findConstructorArguments(parameter, context));
}

function findConstructorArguments(parameter: ts.ParameterDeclaration, context: AnalysisContext): readonly ts.Expression[] | undefined {
  const { ts } = context;
  const constructor = parameter.parent;
  if (!ts.isConstructorDeclaration(constructor) || !ts.isClassDeclaration(constructor.parent) || parameter.dotDotDotToken) return undefined;
  const owner = constructor.parent;
  const index = constructor.parameters.indexOf(parameter);
  const file = owner.getSourceFile();
  const fileNames = getTransitiveImporters(file.fileName, context) ?? new Set([file.fileName]);
  const passed: ts.Expression[] = [];
  for (const fileName of fileNames) {
    const sourceFile = context.program.getSourceFile(fileName);
    if (!sourceFile) continue;
    const { news, subclasses } = getFileNodes(sourceFile, ts);
    if (subclasses.some((node) => extendsClass(node, owner, context))) return undefined;
    for (const node of news) {
      if (!constructs(node.expression, owner, context)) continue;
      const argumentList = node.arguments ?? [];
      if (argumentList.slice(0, index + 1).some((argument) => ts.isSpreadElement(argument))) return undefined;
      const argument = argumentList[index];
      if (!argument) return undefined;
      passed.push(argument);
    }
  }
  return passed.length > 0 ? passed : undefined;
}

/** The expression names the class, or a class composed over it whose traits add no constructor. */
function constructs(expression: ts.Expression, owner: ts.ClassDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (getClassDeclaration(node, context) === owner) return true;
  let built: ts.Expression | undefined = node;
  if (ts.isIdentifier(node)) {
    const declaration = getSymbol(node, context)?.valueDeclaration;
    built = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
  }
  const composition = built ? readComposition(built, context, 0) : undefined;
  return composition?.base === owner && !composition.traits.some((trait) => trait.members.some((member) => ts.isConstructorDeclaration(member)));
}

/** A subclass: its `new`s construct the class too, with whatever its constructor passes on. */
function extendsClass(node: ts.ClassLikeDeclaration, owner: ts.ClassDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  const base = node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  return base !== undefined && getClassDeclaration(base, context) === owner;
}
