/**
 * Calls through an interface or an abstract method (`this.orders.save(order)` with `orders: OrderRepository`): the
 * methods of the project's classes that implement it. Dependency injection hands the caller one of them, so each is
 * a function the call may run. Test files' fakes are left out: they stand in for the real one only in tests.
 *
 * An interface that no class names in `implements` is implemented structurally: a client class of another workspace
 * package handed to a constructor that takes the interface. With type information, the project classes whose
 * instances are assignable to it count, for interfaces of at least three members (a small one such as `{ send() }`
 * is satisfied by unrelated classes).
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { createContextMemo } from './context-memo.js';
import { mayNameProjectFunction } from './declared-names.js';
import { isBuiltInMember } from './plain-values.js';
import { getSymbol, getSymbolAt } from './symbols.js';
import { getFunctionValue, skipOuterExpressions } from './syntax.js';

/** More implementations than this: a plugin point, not an injected service; the call says little about which runs. */
const maxImplementations = 4;
const minStructuralMembers = 3;

interface ClassIndex {
  /** Classes and interfaces by the symbols their heritage clauses name. */
  readonly byHeritage: Map<ts.Symbol, (ts.ClassLikeDeclaration | ts.InterfaceDeclaration)[]>;
  /** Named classes by the names of their methods. */
  readonly byMethod: Map<string, ts.ClassDeclaration[]>;
}

const indexes = new WeakMap<AnalysisContext, ClassIndex>();
/** Structural implementations by interface, then by method name. */
const structuralMemo = createContextMemo<ts.Symbol, Map<string, readonly ts.ClassLikeDeclaration[]>>();

/** The bodies a call through an interface or abstract member may run, or none when the callee has a body itself. */
export function getImplementations(call: ts.CallExpression, context: AnalysisContext): ts.FunctionLikeDeclaration[] {
  const { ts } = context;
  const callee = skipOuterExpressions(call.expression, ts);
  // Only a project class's method can be found, and only by the called name: without one, the checker is not asked.
  if (!ts.isPropertyAccessExpression(callee) || isBuiltInMember(callee, context) || !mayNameProjectFunction(callee.name.text, context)) return [];
  const member = getSymbolAt(callee.name, context);
  const declarations = member?.declarations ?? [];
  if (!member || declarations.length === 0 || declarations.some((declaration) => hasBody(declaration, ts))) return [];
  const owners = new Set<ts.Symbol>();
  for (const declaration of declarations) {
    const owner = declaration.parent;
    const abstract = ts.isMethodDeclaration(declaration) && ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Abstract;
    if ((ts.isInterfaceDeclaration(owner) || (abstract && ts.isClassDeclaration(owner))) && owner.name) {
      const symbol = getSymbolAt(owner.name, context);
      if (symbol) owners.add(symbol);
    }
  }
  let classes = [...owners].flatMap((owner) => getImplementingClasses(owner, context));
  if (classes.length === 0 && context.typed) classes = [...owners].flatMap((owner) => getStructuralImplementations(owner, member.name, context));
  if (classes.length === 0 || classes.length > maxImplementations) return [];
  return classes.map((implementation) => findMethod(implementation, member.name, ts)).filter((fn): fn is ts.FunctionLikeDeclaration => fn !== undefined);
}

function hasBody(declaration: ts.Declaration, typescript: typeof ts): boolean {
  if (typescript.isMethodDeclaration(declaration) || typescript.isFunctionDeclaration(declaration)) return declaration.body !== undefined;
  if (typescript.isPropertyDeclaration(declaration) || typescript.isPropertyAssignment(declaration)) return declaration.initializer !== undefined;
  return false;
}

function findMethod(owner: ts.ClassLikeDeclaration, name: string, typescript: typeof ts): ts.FunctionLikeDeclaration | undefined {
  for (const element of owner.members) {
    if (!element.name || !(typescript.isIdentifier(element.name) || typescript.isStringLiteral(element.name)) || element.name.text !== name) continue;
    if (typescript.isMethodDeclaration(element) && element.body) return element;
    const value = typescript.isPropertyDeclaration(element) ? getFunctionValue(element.initializer, typescript) : undefined;
    if (value) return value;
  }
  return undefined;
}

/**
 * Classes that name the interface or abstract class in `implements` or `extends`, and the classes extending those;
 * through interfaces that extend it too (`interface Store extends UserStore, OrderStore`, `class PgStore implements Store`).
 */
function getImplementingClasses(owner: ts.Symbol, context: AnalysisContext): ts.ClassLikeDeclaration[] {
  const { ts } = context;
  const index = getIndex(context).byHeritage;
  const found: ts.ClassLikeDeclaration[] = [];
  const queue = [owner];
  const seen = new Set<ts.Symbol>();
  while (queue.length > 0 && found.length <= maxImplementations) {
    const next = queue.shift() as ts.Symbol;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const implementation of index.get(next) ?? []) {
      if (ts.isClassLike(implementation)) found.push(implementation);
      const symbol = implementation.name && getSymbolAt(implementation.name, context);
      if (symbol) queue.push(symbol);
    }
  }
  return found;
}

/** Project classes (outside declaration files and tests) whose instances an interface with no nominal
 * implementation accepts, among those that have the called method. */
function getStructuralImplementations(owner: ts.Symbol, methodName: string, context: AnalysisContext): readonly ts.ClassLikeDeclaration[] {
  const byMethod = structuralMemo.get(context, owner, () => new Map());
  let found = byMethod.get(methodName);
  if (!found) {
    found = findStructuralImplementations(owner, methodName, context);
    byMethod.set(methodName, found);
  }
  return found;
}

function findStructuralImplementations(owner: ts.Symbol, methodName: string, context: AnalysisContext): ts.ClassLikeDeclaration[] {
  const { ts, checker } = context;
  // Only the project's own interfaces: the standard library's (`Array#map`) and packages' are not injected services.
  const declaration = owner.declarations?.find((candidate) => ts.isInterfaceDeclaration(candidate));
  if (!declaration || !ts.isInterfaceDeclaration(declaration) || declaration.members.length < minStructuralMembers) return [];
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile || /[\\/]node_modules[\\/]/.test(file.fileName)) return [];
  const found: ts.ClassLikeDeclaration[] = [];
  try {
    const target = checker.getDeclaredTypeOfSymbol(owner);
    for (const candidate of getIndex(context).byMethod.get(methodName) ?? []) {
      if (found.length > maxImplementations) break;
      const symbol = candidate.name && getSymbolAt(candidate.name, context);
      if (!symbol || ts.getCombinedModifierFlags(candidate) & ts.ModifierFlags.Abstract) continue;
      if (checker.isTypeAssignableTo(checker.getDeclaredTypeOfSymbol(symbol), target)) found.push(candidate);
    }
  } catch {
    return [];
  }
  return found;
}

/** Every project class and interface (outside declaration files, dependencies and tests) by the symbols its heritage
 * clauses name, and every class by its methods' names. */
function getIndex(context: AnalysisContext): ClassIndex {
  let index = indexes.get(context);
  if (index) return index;
  index = { byHeritage: new Map(), byMethod: new Map() };
  indexes.set(context, index);
  const { ts } = context;
  for (const sourceFile of context.program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile || /[\\/]node_modules[\\/]/.test(sourceFile.fileName) || isTestFile(sourceFile)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node)) addHeritage(node, index, context);
      if (ts.isBlock(node) || ts.isClassLike(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isModuleDeclaration(node)
        || ts.isVariableStatement(node) || ts.isVariableDeclarationList(node) || ts.isVariableDeclaration(node) || ts.isExportAssignment(node)) {
        ts.forEachChild(node, visit);
      }
    };
    visit(sourceFile);
  }
  return index;
}

function addHeritage(node: ts.ClassLikeDeclaration | ts.InterfaceDeclaration, index: ClassIndex, context: AnalysisContext): void {
  const { ts } = context;
  for (const clause of node.heritageClauses ?? []) {
    for (const type of clause.types) {
      const symbol = getSymbol(type.expression, context);
      if (!symbol) continue;
      const list = index.byHeritage.get(symbol) ?? [];
      list.push(node);
      index.byHeritage.set(symbol, list);
    }
  }
  if (!ts.isClassDeclaration(node) || !node.name) return;
  for (const element of node.members) {
    if (!ts.isMethodDeclaration(element) || !element.body || !element.name || !(ts.isIdentifier(element.name) || ts.isStringLiteral(element.name))) continue;
    const list = index.byMethod.get(element.name.text) ?? [];
    if (!list.includes(node)) list.push(node);
    index.byMethod.set(element.name.text, list);
  }
}

function isTestFile(sourceFile: ts.SourceFile): boolean {
  return /\.(test|spec)\.[cm]?[jt]sx?$|[\\/](__tests__|__mocks__|test|tests)[\\/]/.test(sourceFile.fileName);
}
