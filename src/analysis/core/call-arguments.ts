/**
 * What the visible callers pass for a parameter: every call of a project function (and every `new` of a class, for
 * its constructor's parameters) in its own file and the files that import it. A value computed from a parameter
 * takes the values those callers pass (`getDbConfig({ timeoutMs: 0 })`, three calls up).
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { createContextMemo } from './context-memo.js';
import { getTransitiveImporters } from './import-graph.js';
import { getClassDeclaration } from './mixins.js';
import { getSymbol } from './symbols.js';
import { climbOuterExpressions } from './syntax.js';

/** One call and what it passes in the parameter's place (`undefined`: nothing, so the default applies). */
export interface PassedArgument {
  readonly call: ts.CallExpression | ts.NewExpression;
  readonly argument: ts.Expression | undefined;
}

const argumentsByParameter = createContextMemo<ts.ParameterDeclaration, readonly PassedArgument[] | undefined>();
const identifiersByFile = createContextMemo<ts.SourceFile, ReadonlyMap<string, readonly ts.Identifier[]>>();

/**
 * The arguments every visible call passes for `parameter`; undefined when the function is used any other way than
 * called (handed on as a callback, stored), when a call spreads its arguments, when a subclass may call the
 * constructor with anything, or when no call is seen.
 */
export function getPassedArguments(parameter: ts.ParameterDeclaration, context: AnalysisContext): readonly PassedArgument[] | undefined {
  return argumentsByParameter.get(context, parameter, () => findPassedArguments(parameter, context));
}

function findPassedArguments(parameter: ts.ParameterDeclaration, context: AnalysisContext): readonly PassedArgument[] | undefined {
  const { ts } = context;
  const fn = parameter.parent;
  if (parameter.dotDotDotToken || !ts.isFunctionLike(fn)) return undefined;
  const index = fn.parameters.indexOf(parameter);
  const named = getNamedCallable(fn, context);
  if (!named) return undefined;
  const file = fn.getSourceFile();
  const fileNames = getTransitiveImporters(file.fileName, context) ?? new Set([file.fileName]);
  const passed: PassedArgument[] = [];
  for (const fileName of fileNames) {
    const sourceFile = context.program.getSourceFile(fileName);
    if (!sourceFile) continue;
    for (const identifier of getIdentifiers(sourceFile, context).get(named.name.text) ?? []) {
      if (identifier === named.name || !refersTo(identifier, named, context)) continue;
      // `db.createDb(config)` through a namespace import calls it too.
      const reference = ts.isPropertyAccessExpression(identifier.parent) && identifier.parent.name === identifier ? identifier.parent : identifier;
      const outer = climbOuterExpressions(reference, ts);
      const parent = outer.parent;
      const isCall = (ts.isCallExpression(parent) && !named.isClass) || (ts.isNewExpression(parent) && named.isClass);
      if (isCall && parent.expression === outer) {
        const call = parent;
        const list = call.arguments ?? [];
        if (list.slice(0, index + 1).some((argument) => ts.isSpreadElement(argument))) return undefined;
        passed.push({ call, argument: list[index] });
      } else if (ts.isClassLike(parent) || ts.isExpressionWithTypeArguments(parent)) {
        return undefined; // a subclass constructs it with whatever its own constructor passes
      } else if (!isDeclarationOnly(parent, ts)) {
        return undefined;
      }
    }
  }
  return passed.length > 0 ? passed : undefined;
}

interface NamedCallable {
  readonly name: ts.Identifier;
  readonly symbol: ts.Symbol;
  readonly isClass: boolean;
}

/** `function f(…)`, `const f = (…) => …`, or the constructor of `class C`: the name its callers call it by. */
function getNamedCallable(fn: ts.SignatureDeclaration, context: AnalysisContext): NamedCallable | undefined {
  const { ts } = context;
  let name: ts.Identifier | undefined;
  let isClass = false;
  if (ts.isFunctionDeclaration(fn)) name = fn.name;
  else if (ts.isConstructorDeclaration(fn) && ts.isClassDeclaration(fn.parent)) {
    name = fn.parent.name;
    isClass = true;
  } else if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
    const outer = climbOuterExpressions(fn, ts);
    if (ts.isVariableDeclaration(outer.parent) && outer.parent.initializer === outer && ts.isIdentifier(outer.parent.name)) name = outer.parent.name;
  }
  const symbol = name ? getSymbol(name, context) : undefined;
  return name && symbol ? { name, symbol, isClass } : undefined;
}

function refersTo(identifier: ts.Identifier, named: NamedCallable, context: AnalysisContext): boolean {
  if (named.isClass) {
    const declaration = getClassDeclaration(identifier, context);
    return declaration !== undefined && declaration.name === named.name;
  }
  return getSymbol(identifier, context) === named.symbol;
}

/** Imports, exports and type positions: they name the function without calling it or handing it on. */
function isDeclarationOnly(parent: ts.Node, typescript: typeof ts): boolean {
  return typescript.isImportSpecifier(parent) || typescript.isImportClause(parent) || typescript.isExportSpecifier(parent)
    || typescript.isExportAssignment(parent) || typescript.isTypeQueryNode(parent) || typescript.isTypeReferenceNode(parent)
    || typescript.isNamespaceImport(parent);
}

/** Identifiers of a file by name, memoized per program and file. */
function getIdentifiers(sourceFile: ts.SourceFile, context: AnalysisContext): ReadonlyMap<string, readonly ts.Identifier[]> {
  return identifiersByFile.get(context, sourceFile, () => {
    const { ts } = context;
    const found = new Map<string, ts.Identifier[]>();
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) {
        const list = found.get(node.text);
        if (list) list.push(node);
        else found.set(node.text, [node]);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return found;
  });
}
