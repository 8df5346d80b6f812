/**
 * JavaScript class mixins: `const postsTrait = (Base) => class extends Base { … }`, applied over a base class by a
 * function composer (`_.flow([feedsTrait, postsTrait])(AdapterBase)`) or by nesting (`postsTrait(feedsTrait(Base))`).
 * The checker cannot see past `extends Base` (a parameter), but `this` in a trait's method is an instance of each
 * class the trait's compositions build: `this.x` that the trait does not declare is that class's member, from a
 * trait applied after it, one applied before it, or the base class.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { functionComposers } from '../../knowledge/function-composers.js';
import { createContextMemo } from './context-memo.js';
import { getTransitiveImporters } from './import-graph.js';
import { getImportBinding } from './imported-names.js';
import { getSymbol } from './symbols.js';
import { getReturnedExpressions, skipOuterExpressions } from './syntax.js';

/** A class built from a base class and traits (in the order they are applied); `base` undefined when it is not a
 * class the code declares. */
export interface Composition {
  readonly base: ts.ClassLikeDeclaration | undefined;
  readonly traits: readonly ts.ClassExpression[];
  /** The outermost call that builds it. */
  readonly node: ts.CallExpression;
}

const maxDepth = 8;
const compositionsByFile = createContextMemo<ts.SourceFile, readonly Composition[]>();
const membersByTrait = createContextMemo<ts.ClassExpression, Map<string, ts.Declaration | undefined>>();

/**
 * The declaration `this.name` means in a trait's method when the checker cannot tell: found in every composition that
 * applies the trait, and the same in each (the most derived class's member wins, as at run time). Undefined when the
 * trait is applied nowhere we see, or the compositions disagree.
 */
export function findComposedMember(access: ts.PropertyAccessExpression, context: AnalysisContext): ts.Declaration | undefined {
  const { ts } = context;
  if (access.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const trait = getEnclosingTrait(access, context);
  if (!trait) return undefined;
  const name = access.name.text;
  const members = membersByTrait.get(context, trait, () => new Map());
  if (members.has(name)) return members.get(name);
  members.set(name, undefined);
  let found: ts.Declaration | undefined;
  const compositions = findCompositionsOf(trait, context);
  for (const composition of compositions) {
    const member = findMember(composition, name, context);
    if (!member || (found && found !== member)) {
      found = undefined;
      break;
    }
    found = member;
  }
  members.set(name, found);
  return found;
}

/** The trait class whose method `node` is in (arrow functions keep `this`; other functions have their own). */
function getEnclosingTrait(node: ts.Node, context: AnalysisContext): ts.ClassExpression | undefined {
  const { ts } = context;
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current.parent) && (ts.isMethodDeclaration(current) || ts.isConstructorDeclaration(current) || ts.isAccessor(current) || ts.isPropertyDeclaration(current))) {
      return ts.isClassExpression(current.parent) && isTraitClass(current.parent, context) ? current.parent : undefined;
    }
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current) || ts.isSourceFile(current)) return undefined;
  }
  return undefined;
}

/** `(Base) => class extends Base {…}`: the class extends a parameter of the function that returns it. */
function isTraitClass(node: ts.ClassExpression, context: AnalysisContext): boolean {
  return getTraitFunction(node, context) !== undefined;
}

function getTraitFunction(node: ts.ClassExpression, context: AnalysisContext): ts.FunctionLikeDeclaration | undefined {
  const { ts } = context;
  const base = node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  if (!base || !ts.isIdentifier(base)) return undefined;
  const parameter = getSymbol(base, context)?.valueDeclaration;
  if (!parameter || !ts.isParameter(parameter)) return undefined;
  const fn = parameter.parent;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn) && !ts.isFunctionDeclaration(fn)) return undefined;
  const returned = getReturnedExpressions(fn, ts);
  return returned.length === 1 && returned[0] !== undefined && skipOuterExpressions(returned[0], ts) === node ? fn : undefined;
}

/** The trait class a function value returns: `postsTrait` (imported, or a local constant) → its class. */
function getTraitClassOf(expression: ts.Expression, context: AnalysisContext): ts.ClassExpression | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  let fn: ts.Node | undefined = node;
  if (ts.isIdentifier(node)) {
    const declaration = getSymbol(node, context)?.valueDeclaration;
    fn = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer, ts) : declaration;
  }
  if (!fn || (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn) && !ts.isFunctionDeclaration(fn))) return undefined;
  const returned = getReturnedExpressions(fn, ts);
  const only = returned.length === 1 && returned[0] ? skipOuterExpressions(returned[0], ts) : undefined;
  return only && ts.isClassExpression(only) && getTraitFunction(only, context) === fn ? only : undefined;
}

/** The compositions that apply the trait, in its own file and the files that import it. */
function findCompositionsOf(trait: ts.ClassExpression, context: AnalysisContext): Composition[] {
  const file = trait.getSourceFile();
  const fileNames = getTransitiveImporters(file.fileName, context) ?? new Set([file.fileName]);
  const found: Composition[] = [];
  for (const fileName of fileNames) {
    const sourceFile = context.program.getSourceFile(fileName);
    if (!sourceFile) continue;
    for (const composition of getFileCompositions(sourceFile, context)) {
      if (composition.traits.includes(trait)) found.push(composition);
    }
  }
  return found;
}

/** Every outermost composition in a file, memoized per program and file. */
export function getFileCompositions(sourceFile: ts.SourceFile, context: AnalysisContext): readonly Composition[] {
  return compositionsByFile.get(context, sourceFile, () => {
    const { ts } = context;
    const found: Composition[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const composition = readComposition(node, context, 0);
        if (composition) {
          found.push(composition);
          return;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return found;
  });
}

/** The class an expression builds by composition (`_.flow([a, b])(Base)`, `b(a(Base))`), when it is one. */
export function readComposition(node: ts.Expression, context: AnalysisContext, depth: number): Composition | undefined {
  const { ts } = context;
  const call = skipOuterExpressions(node, ts);
  if (!ts.isCallExpression(call) || call.arguments.length !== 1 || depth > maxDepth) return undefined;
  const argument = call.arguments[0];
  if (!argument || ts.isSpreadElement(argument)) return undefined;
  const callee = skipOuterExpressions(call.expression, ts);
  let applied: ts.ClassExpression[] | undefined;
  if (ts.isCallExpression(callee)) {
    const composer = getComposer(callee.expression, context);
    if (!composer) return undefined;
    const listed = callee.arguments.length === 1 && callee.arguments[0] && ts.isArrayLiteralExpression(skipOuterExpressions(callee.arguments[0], ts))
      ? (skipOuterExpressions(callee.arguments[0], ts) as ts.ArrayLiteralExpression).elements
      : callee.arguments;
    const traits = listed.map((element) => (ts.isSpreadElement(element) ? undefined : getTraitClassOf(element, context)));
    // A function we cannot read as a trait may build anything: no composition then.
    if (traits.length === 0 || traits.some((trait) => trait === undefined)) return undefined;
    applied = composer.appliesFirst === 'first' ? (traits as ts.ClassExpression[]) : (traits as ts.ClassExpression[]).reverse();
  } else {
    const trait = getTraitClassOf(callee, context);
    if (!trait) return undefined;
    applied = [trait];
  }
  const inner = readComposition(argument, context, depth + 1);
  const base = inner ? inner.base : getClassDeclaration(argument, context);
  return { base, traits: [...(inner?.traits ?? []), ...applied], node: call };
}

function getComposer(expression: ts.Expression, context: AnalysisContext): (typeof functionComposers)[number] | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
    const binding = getImportBinding(node.expression, context);
    if (!binding || (binding.name !== 'default' && binding.name !== 'namespace')) return undefined;
    return functionComposers.find((composer) => composer.module === binding.module && composer.name === node.name.text);
  }
  if (!ts.isIdentifier(node)) return undefined;
  const binding = getImportBinding(node, context);
  if (!binding) return undefined;
  const name = binding.name === 'namespace' ? 'default' : binding.name;
  return functionComposers.find((composer) => composer.module === binding.module && composer.name === name);
}

/** The class a name declares or holds (`class Base {}`, `const Base = class {}`). */
export function getClassDeclaration(expression: ts.Expression, context: AnalysisContext): ts.ClassLikeDeclaration | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (ts.isClassExpression(node)) return node;
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = getSymbol(node, context)?.valueDeclaration;
  if (!declaration) return undefined;
  if (ts.isClassDeclaration(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const initializer = skipOuterExpressions(declaration.initializer, ts);
    return ts.isClassExpression(initializer) ? initializer : undefined;
  }
  return undefined;
}

/** The member the composed class has by that name: the last trait applied that declares it, else the base's. */
function findMember(composition: Composition, name: string, context: AnalysisContext): ts.Declaration | undefined {
  for (const trait of [...composition.traits].reverse()) {
    const member = getOwnMember(trait, name, context);
    if (member) return member;
  }
  let base = composition.base;
  for (let depth = 0; base && depth < maxDepth; depth += 1) {
    const member = getOwnMember(base, name, context);
    if (member) return member;
    const extended = base.heritageClauses?.find((clause) => clause.token === context.ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    base = extended ? getClassDeclaration(extended, context) : undefined;
  }
  return undefined;
}

/** A method, field or accessor the class declares, or JavaScript's `this.name = …` in its constructor. */
function getOwnMember(node: ts.ClassLikeDeclaration, name: string, context: AnalysisContext): ts.Declaration | undefined {
  const { ts } = context;
  for (const member of node.members) {
    if ((ts.isMethodDeclaration(member) || ts.isPropertyDeclaration(member) || ts.isAccessor(member)) && member.name && ts.isIdentifier(member.name) && member.name.text === name) {
      return member;
    }
  }
  const constructor = node.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member));
  let assigned: ts.PropertyAccessExpression | undefined;
  const visit = (child: ts.Node): void => {
    if (assigned || ts.isFunctionDeclaration(child) || ts.isFunctionExpression(child) || ts.isClassLike(child)) return;
    if (ts.isBinaryExpression(child) && child.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(child.left)
      && child.left.expression.kind === ts.SyntaxKind.ThisKeyword && child.left.name.text === name) {
      assigned = child.left;
      return;
    }
    ts.forEachChild(child, visit);
  };
  if (constructor?.body) visit(constructor.body);
  return assigned;
}
