/**
 * Untyped linting sees one file. To follow a helper imported from a relative module (`import { userRepo }
 * from './user-repo'`) or from a workspace package by name (`import { userRepo } from '@acme/db'`, found
 * from the workspace's manifests on disk, no install needed), read and parse that module on its own, as
 * eslint-plugin-import does, and find the function there. Typed linting and the CLI never need this: their checker follows imports.
 */
import path from 'node:path';

import type * as ts from 'typescript';

import type { AnalysisContext, TypeScript } from './analysis-context.js';
import type { DiskMemo } from './disk-memo.js';

import { resolveWorkspaceImport } from '../../workspace/workspace-map.js';
import type { ModuleFile } from './module-files.js';

import { getAnalysisContext } from './analysis-context.js';
import { getCommonJsExports, getRequiredBinding, getRequiredSpecifiers, isRequireCall } from './commonjs-exports.js';
import { createContextMemo } from './context-memo.js';
import { createKnowledgeDiskMemo } from './disk-memo.js';
import { getFileNodes } from './file-nodes.js';
import { createFileSyntaxMemo } from './file-syntax-memo.js';
import { loadModule as loadModuleFile, mayDeclareName, mayDeclareValue, mayReexport, refreshText, resolveRelative } from './module-files.js';
import { getSymbolAt } from './symbols.js';
import { climbOuterExpressions } from './syntax.js';
import { mapConfiguredAlias } from './tsconfig-aliases.js';

export interface ImportedFunction {
  readonly fn: ts.FunctionLikeDeclaration;
  /** The context of the imported module's own one-file program. */
  readonly context: AnalysisContext;
}

/**
 * The function `callee` (`load`, `repo.load`) names in a relative module, when untyped analysis can find it; only in a
 * module `mayHold` lets through (read from its text, before the module is parsed).
 */
export function findImportedFunction(
  callee: ts.Expression,
  context: AnalysisContext,
  mayHold: (fileName: string) => boolean = () => true,
): ImportedFunction | undefined {
  try {
    const imported = getImportedCallee(callee, context);
    return imported && findCallee(imported, mayHold, context);
  } catch {
    return undefined;
  }
}

/** A question about an imported function (findImportedFunction), and where its answers are kept. */
export interface ImportedFunctionQuestion<T> {
  /** Answers by module, export name and member, across linted files (disk-memo.ts); null: none. */
  readonly memo: DiskMemo<T | null>;
  readonly mayHold?: (fileName: string) => boolean;
  /** Must hold nothing of the module's tree, which the answer outlives. */
  readonly answer: (imported: ImportedFunction) => T | undefined;
  /** False when this answer depended on where the question came from (a lookup cut short), so it is not kept. */
  readonly mayRemember?: () => boolean;
}

/**
 * The answer to a question about the function `callee` names in a project module, kept across linted files: each file
 * that calls an imported helper asks again, while the module's tree may have left the cache (module-files.ts), and
 * finding the function again costs a parse and a bind.
 */
export function answerForImportedFunction<T>(callee: ts.Expression, context: AnalysisContext, question: ImportedFunctionQuestion<T>): T | undefined {
  let imported: ImportedCallee | undefined;
  try {
    imported = getImportedCallee(callee, context);
  } catch {
    return undefined;
  }
  if (!imported) return undefined;
  // The module changed on disk since its answer was kept: the answer goes.
  refreshText(imported.fileName);
  const key = `${imported.fileName}\0${imported.name}\0${imported.member ?? ''}`;
  const known = question.memo.get(key);
  if (known !== undefined) return known ?? undefined;
  let found: ImportedFunction | undefined;
  try {
    found = findCallee(imported, question.mayHold ?? (() => true), context);
  } catch {
    return undefined;
  }
  const answer = found && question.answer(found);
  if (question.mayRemember?.() ?? true) question.memo.set(key, answer ?? null);
  return answer;
}

interface ImportedCallee {
  readonly fileName: string;
  /** The name the module exports it under. */
  readonly name: string;
  /** `load` in `repo.load()`. */
  readonly member: string | undefined;
}

/** The function an imported callee names, looked for only in a module `mayHold` lets through. */
function findCallee(imported: ImportedCallee, mayHold: (fileName: string) => boolean, context: AnalysisContext): ImportedFunction | undefined {
  return mayHold(imported.fileName) ? findInModule(imported.fileName, imported.name, imported.member, context, maxReExports) : undefined;
}

/** The module and export a callee (`load`, `repo.load`) names, when it is imported from a project module. */
function getImportedCallee(callee: ts.Expression, context: AnalysisContext): ImportedCallee | undefined {
  const { ts } = context;
  if (context.typed) return undefined;
  const root = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
  const member = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (!ts.isIdentifier(root)) return undefined;
  const imported = getImport(root, context);
  return imported && { ...imported, member };
}

/** The name the whole of a module goes by, as `require()` hands it out: what it assigns to `module.exports`. */
export const requiredModule = 'module.exports';

/** Barrel files (`export { findUser } from './users'`, `export * from './users'`) followed this many times. */
const maxReExports = 3;

function findInModule(fileName: string, name: string, member: string | undefined, context: AnalysisContext, budget: number): ImportedFunction | undefined {
  // `repo.load`: the module declaring `repo` must mention `load` too (findExportedFunction reads its own declarations), so
  // a model whose `findByPk` is inherited from a library's class is not parsed for each of its methods a file calls.
  const mayHold = (module: string, exportedName: string): boolean => mayDeclareName(module, exportedName) && (member === undefined || mayDeclareName(module, member));
  const found = findInBarrels(fileName, name, context, budget, (sourceFile, exportedName) => findExportedFunction(sourceFile, exportedName, member, context.ts), mayHold);
  return found && { fn: found.node, context: found.context };
}

/** What `find` picks from the module's own exports, or from the modules its barrel re-exports the name from. */
function findInBarrels<T extends ts.Node>(
  fileName: string,
  name: string,
  context: AnalysisContext,
  budget: number,
  find: (sourceFile: ts.SourceFile, name: string) => T | undefined,
  mayHold: (fileName: string, name: string) => boolean = () => true,
): { node: T; context: AnalysisContext } | undefined {
  const { ts } = context;
  // Read from the text first: a module that can hold neither the name nor a barrel's re-export need not be parsed.
  const holds = mayHold(fileName, name);
  if (!holds && (budget <= 0 || !mayReexport(fileName))) return undefined;
  const module = loadModule(fileName, context);
  if (!module) return undefined;
  const node = holds ? find(module.sourceFile, name) : undefined;
  if (node) return { node, context: getAnalysisContext(ts, module.program, false, context.settings) };
  if (budget <= 0) return undefined;
  for (const statement of module.sourceFile.statements) {
    if (!ts.isExportDeclaration(statement) || statement.isTypeOnly || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const specifier = statement.moduleSpecifier.text;
    if (!specifier.startsWith('.')) continue;
    const exportedName = getReexportedName(statement, name, ts);
    if (exportedName === undefined) continue;
    const target = resolveRelative(path.dirname(fileName), specifier);
    const found = target ? findInBarrels(target, exportedName, context, budget - 1, find, mayHold) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * The value an import names in a relative module or a workspace package (`export const db = knex(…)`,
 * `export default new PrismaClient()`), with the context of that module's own one-file program, so untyped
 * analysis can tell what the imported object is; only in a module `mayHold` lets through (before it is parsed).
 */
export function findImportedValue(
  specifier: string,
  name: string,
  containingFile: string,
  context: AnalysisContext,
  mayHold: (fileName: string) => boolean = () => true,
): { expression: ts.Expression; context: AnalysisContext } | undefined {
  if (context.typed || name === 'namespace') return undefined;
  try {
    const fileName = resolveImportedFile(specifier, containingFile, context.ts);
    const found = fileName && mayHold(fileName) ? findInBarrels(fileName, name, context, maxReExports, (sourceFile, exportedName) => findExportedValue(sourceFile, exportedName, context.ts), mayDeclareValue) : undefined;
    return found && { expression: found.node, context: found.context };
  } catch {
    return undefined;
  }
}

/**
 * The database module a project module passes a name on from: a workspace package whose index says
 * `export * from '@prisma/client'` (or `export { PrismaClient } from …`), through relative barrels. Read from disk,
 * so it works where the library itself is not installed and the checker cannot follow the re-export.
 * `isDatabaseModule` is the same test in every call of a context: the walk's answers are remembered per context.
 */
export function findReexportedModule(
  specifier: string,
  name: string,
  containingFile: string,
  context: AnalysisContext,
  isDatabaseModule: (specifier: string, containingFile: string) => boolean,
): { specifier: string; name: string; containingFile: string } | undefined {
  if (isDatabaseModule(specifier, containingFile)) return undefined;
  try {
    // Typed, the checker follows aliases itself: only a fresh clone's untyped lint needs them read here.
    const fileName = resolveImportedFile(specifier, containingFile, context.typed ? undefined : context.ts);
    return fileName ? findReexport(fileName, name, context, isDatabaseModule, maxReExports) : undefined;
  } catch {
    return undefined;
  }
}

type Reexport = { specifier: string; name: string; containingFile: string } | undefined;

/**
 * A monorepo's packages import many names from one workspace package's barrel, from many folders: the walk through its
 * barrels depends only on the module, the name and the budget left, so it is made once per program; untyped, where each
 * linted file has a program of its own, once across linted files while the modules' texts hold (disk-memo.ts).
 */
const reexports = createContextMemo<string, Reexport>();
const getUntypedReexports = createKnowledgeDiskMemo<Reexport | null>();

function findReexport(
  fileName: string,
  name: string,
  context: AnalysisContext,
  isDatabaseModule: (specifier: string, containingFile: string) => boolean,
  budget: number,
): Reexport {
  const key = `${fileName}\0${name}\0${budget}`;
  const walk = (): Reexport => walkReexports(fileName, name, context, isDatabaseModule, budget);
  if (context.typed) return reexports.get(context, key, walk);
  // The module changed on disk since its answer was kept: the answer goes (as resolve.ts's resolveModuleExport does).
  refreshText(fileName);
  const memo = getUntypedReexports(context.knowledge);
  const known = memo.get(key);
  if (known !== undefined) return known ?? undefined;
  const found = walk();
  memo.set(key, found ?? null);
  return found;
}

function walkReexports(
  fileName: string,
  name: string,
  context: AnalysisContext,
  isDatabaseModule: (specifier: string, containingFile: string) => boolean,
  budget: number,
): Reexport {
  const { ts } = context;
  // Most modules re-export nothing: their text says so, and they need not be parsed for it.
  const programFile = context.typed ? context.program.getSourceFile(fileName) : undefined;
  const module = programFile || mayReexport(fileName) ? loadModule(fileName, context) : undefined;
  if (!module) return undefined;
  for (const statement of module.sourceFile.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const exportedName = getReexportedName(statement, name, ts);
    if (exportedName === undefined) continue;
    const target = statement.moduleSpecifier.text;
    if (isDatabaseModule(target, fileName)) return { specifier: target, name: exportedName, containingFile: fileName };
    if (budget > 0 && target.startsWith('.')) {
      const next = resolveRelative(path.dirname(fileName), target);
      const found = next ? findReexport(next, exportedName, context, isDatabaseModule, budget - 1) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** Does a relative module or workspace package the file imports or requires hold database code (untyped: its own imports say)? */
export function importsDatabaseCode(sourceFile: ts.SourceFile, context: AnalysisContext, holdsDatabaseCode: (fileName: string) => boolean): boolean {
  for (const fileName of getImportedFiles(sourceFile, context.ts, { valuesOnly: true })) {
    try {
      if (holdsDatabaseCode(fileName)) return true;
    } catch {
      continue;
    }
  }
  return false;
}

/** Reads the modules the file imports from disk again (once per disk check, module-files.ts), so that a change to one
 * since the file's last analysis is seen. */
export function refreshImportedModules(sourceFile: ts.SourceFile, ts: TypeScript): void {
  for (const fileName of getImportedFiles(sourceFile, ts)) refreshText(fileName);
}

/** The files the file's imports and requires name (resolveImportedFile), in order; one the disk cannot tell is skipped. */
function* getImportedFiles(sourceFile: ts.SourceFile, ts: TypeScript, options: { valuesOnly?: boolean } = {}): Generator<string> {
  for (const specifier of getImportSpecifiers(sourceFile, ts, options)) {
    let fileName: string | undefined;
    try {
      fileName = resolveImportedFile(specifier, sourceFile.fileName, ts);
    } catch {
      continue;
    }
    if (fileName) yield fileName;
  }
}

/**
 * The file a relative specifier, a workspace package's name (`@acme/db`) or (given `ts`) an alias of the nearest
 * tsconfig (`@/lib/db`) names, found on disk.
 */
export function resolveImportedFile(specifier: string, containingFile: string, ts?: TypeScript): string | undefined {
  const directory = path.dirname(containingFile);
  if (specifier.startsWith('.')) return resolveRelative(directory, specifier);
  const inWorkspace = resolveWorkspaceImport(specifier, containingFile);
  if (inWorkspace !== undefined || !ts) return inWorkspace;
  for (const target of mapConfiguredAlias(specifier, containingFile, ts)) {
    // From the target's own folder, so every importer of `@/lib/db` shares one lookup.
    const found = resolveRelative(path.dirname(target), `./${path.basename(target)}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * `export const name = …` (or a `const` exported by name or as default): its initializer. CommonJS too: `module.exports`
 * is what `require()` hands out, and an ES module's default import of a module that exports no default;
 * `exports.name = …` and the properties of `module.exports = { … }` are its names. A CommonJS export of a variable is
 * the variable's name (`module.exports = db`, `{ models }`): resolved by name, its declaration says what fills it (a
 * model loader's collection is `{}` when declared).
 */
function findExportedValue(sourceFile: ts.SourceFile, name: string, ts: TypeScript): ts.Expression | undefined {
  const declarations = new Map<string, ts.VariableDeclaration>();
  let defaultExport: ts.Expression | undefined;
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer) declarations.set(declaration.name.text, declaration);
      }
    }
    if (ts.isExportAssignment(statement)) defaultExport = statement.expression;
  }
  const commonJs = getCommonJsExports(sourceFile, ts);
  if (name === requiredModule || (name === 'default' && !defaultExport)) return commonJs.whole;
  const exported = commonJs.named.get(name);
  if (exported) return toExportedValue(exported, declarations, ts);
  const target = name === 'default' ? defaultExport : declarations.get(name)?.initializer;
  if (target && ts.isIdentifier(target)) return declarations.get(target.text)?.initializer ?? target;
  return target;
}

/** The value `exports.name = value` or `module.exports = { name: value }` exports; for `{ name }`, the variable's name. */
function toExportedValue(
  exported: ts.Expression | ts.ObjectLiteralElementLike,
  declarations: ReadonlyMap<string, ts.VariableDeclaration>,
  ts: TypeScript,
): ts.Expression | undefined {
  if (ts.isMethodDeclaration(exported) || ts.isAccessor(exported) || ts.isSpreadAssignment(exported)) return undefined;
  if (ts.isPropertyAssignment(exported)) return exported.initializer;
  if (ts.isShorthandPropertyAssignment(exported)) {
    const declared = declarations.get(exported.name.text)?.name;
    return declared && ts.isIdentifier(declared) ? declared : undefined;
  }
  return exported;
}

/** The specifiers of the file's import declarations (`valuesOnly`: not `import type`), then of its `require()` calls. */
export function getImportSpecifiers(sourceFile: ts.SourceFile, ts: TypeScript, { valuesOnly = false } = {}): string[] {
  const imported = sourceFile.statements.flatMap((statement) =>
    ts.isImportDeclaration(statement) && ts.isStringLiteralLike(statement.moduleSpecifier) && !(valuesOnly && statement.importClause?.isTypeOnly)
      ? [statement.moduleSpecifier.text] : []);
  return [...imported, ...getRequiredSpecifiers(sourceFile.text)];
}

/** Does the file import (or require) a relative module, a workspace package or a tsconfig alias, which untyped analysis can read
 * from disk? Relative specifiers first: they are read off the text, while the others look for the workspace and config on disk. */
export function hasFollowableImport(sourceFile: ts.SourceFile, context: Pick<AnalysisContext, 'ts'>): boolean {
  const specifiers = getImportSpecifiers(sourceFile, context.ts);
  return specifiers.some((specifier) => specifier.startsWith('.')) || specifiers.some((specifier) => {
    try {
      return resolveImportedFile(specifier, sourceFile.fileName, context.ts) !== undefined;
    } catch {
      return false;
    }
  });
}

function getImport(identifier: ts.Identifier, context: AnalysisContext): { fileName: string; name: string } | undefined {
  const { ts } = context;
  // Most callees are no import: the file's syntax says so before the checker is asked for the name's symbol.
  if (!getImportBindingNames(identifier.getSourceFile(), ts).has(identifier.text)) return undefined;
  const declaration = getSymbolAt(identifier, context)?.declarations?.[0];
  if (!declaration) return undefined;
  let importDeclaration: ts.ImportDeclaration | ts.JSDocImportTag | undefined;
  let name: string | undefined;
  if (ts.isImportSpecifier(declaration)) {
    importDeclaration = declaration.parent.parent.parent;
    name = (declaration.propertyName ?? declaration.name).text;
  } else if (ts.isImportClause(declaration)) {
    importDeclaration = declaration.parent;
    name = 'default';
  }
  const required = importDeclaration ? undefined : getRequiredBinding(declaration, ts);
  if (required) name = required.name ?? requiredModule;
  const specifier = importDeclaration?.moduleSpecifier ?? required?.call.arguments[0];
  if (!name || !specifier || !ts.isStringLiteralLike(specifier)) return undefined;
  const fileName = resolveImportedFile(specifier.text, identifier.getSourceFile().fileName, ts);
  return fileName ? { fileName, name } : undefined;
}

/** The names the file's imports and `require()` declarations bind (`import { a as b }`: `b`; `const { a } = require(…)`). */
const getImportBindingNames = createFileSyntaxMemo((sourceFile, ts): ReadonlySet<string> => {
  const names = new Set<string>();
  const addBound = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBound(element.name);
  };
  for (const statement of sourceFile.statements) {
    const clause = ts.isImportDeclaration(statement) ? statement.importClause : undefined;
    if (clause?.name) names.add(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    else if (bindings) for (const element of bindings.elements) names.add(element.name.text);
  }
  for (const call of getFileNodes(sourceFile, ts).calls) {
    if (!isRequireCall(call, ts)) continue;
    const owner = climbOuterExpressions(call, ts).parent;
    if (owner && ts.isVariableDeclaration(owner)) addBound(owner.name);
  }
  return names;
});

/** The module's tree, and its one-file program when an analysis needs one. Typed, the program holds the project's modules already. */
function loadModule(fileName: string, context: AnalysisContext): ModuleFile | undefined {
  const programFile = context.typed ? context.program.getSourceFile(fileName) : undefined;
  return programFile ? { sourceFile: programFile, program: context.program } : loadModuleFile(fileName, context.ts);
}

/**
 * `export function name`, `export const name = { member() {} }`, `export const name = new Class()`, `export default`;
 * and CommonJS's `exports.name = …`, `module.exports = { name }`, `module.exports = { member() {} }`.
 */
function findExportedFunction(sourceFile: ts.SourceFile, name: string, member: string | undefined, ts: TypeScript): ts.FunctionLikeDeclaration | undefined {
  const declarations = new Map<string, ts.Node>();
  let defaultExport: ts.Node | undefined;
  for (const statement of sourceFile.statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      declarations.set(statement.name.text, statement);
      if (statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword)) defaultExport = statement;
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) declarations.set(declaration.name.text, declaration);
      }
    }
    if (ts.isExportAssignment(statement)) defaultExport = statement.expression;
  }
  const commonJs = getCommonJsExports(sourceFile, ts);
  let target: ts.Node | undefined = name === requiredModule ? commonJs.whole
    : name === 'default' ? defaultExport ?? commonJs.whole
    : commonJs.named.get(name) ?? declarations.get(name);
  if (target && ts.isShorthandPropertyAssignment(target)) target = declarations.get(target.name.text);
  if (target && ts.isIdentifier(target)) target = declarations.get(target.text);
  if (!target) return undefined;
  if (member === undefined) return toFunction(target, ts);
  // `module.exports = { query(…) {…} }` and `module.exports = new Users()` are the value itself.
  const initializer = ts.isVariableDeclaration(target) ? target.initializer : ts.isObjectLiteralExpression(target) || ts.isNewExpression(target) ? target : undefined;
  if (initializer) {
    if (ts.isObjectLiteralExpression(initializer)) {
      for (const property of initializer.properties) {
        if (property.name && ts.isIdentifier(property.name) && property.name.text === member) return toFunction(property, ts);
      }
    }
    if (ts.isNewExpression(initializer) && ts.isIdentifier(initializer.expression)) target = declarations.get(initializer.expression.text);
  }
  if (target && ts.isClassDeclaration(target)) {
    for (const classMember of target.members) {
      if (classMember.name && ts.isIdentifier(classMember.name) && classMember.name.text === member) return toFunction(classMember, ts);
    }
  }
  return undefined;
}

function toFunction(node: ts.Node, ts: TypeScript): ts.FunctionLikeDeclaration | undefined {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)) && node.body) return node;
  const initializer = ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node) ? node.initializer : undefined;
  return initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) ? initializer : undefined;
}

/** The name `export … from` takes from its module to export as `name` (`name` itself for `export *`), if it exports `name`. */
function getReexportedName(statement: ts.ExportDeclaration, name: string, typescript: typeof ts): string | undefined {
  if (!statement.exportClause) return name;
  if (!typescript.isNamedExports(statement.exportClause)) return undefined;
  const element = statement.exportClause.elements.find((candidate) => candidate.name.text === name);
  return element ? (element.propertyName ?? element.name).text : undefined;
}
