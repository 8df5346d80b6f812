/**
 * The cheap prefilter: a file whose imports (followed through the program, local files and declaration
 * files alike) never reach a database module holds no database call, so its type checking is skipped.
 * The CLI skips such files; typed ESLint gives them no findings before any checker work. A file that queries
 * through and releases one variable is kept too: its own release is evidence (no-leaked-connection).
 */
import type * as typescript from 'typescript';

import type { AnalysisContext } from './analysis-context.js';
import type { ModuleFilter } from './database-imports.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import type { PathAliasOptions } from './path-aliases.js';

import { getRequiredSpecifiers } from './commonjs-exports.js';
import { createContextMemo } from './context-memo.js';
import { mayDeclareDatabaseTypes } from './declared-types.js';
import { getDatabaseModule } from './generated-clients.js';
import { getModuleImports } from './import-graph.js';
import { textQueriesAndReleasesOneVariable } from './resource-vocabulary.js';
import { resolveImportedFile } from './untyped-imports.js';

const reachingFiles = createContextMemo<typescript.Program, ReadonlySet<string> | 'all'>();

/** Typed: can some chain of the file's imports reach a database module (computed once per program)? */
export function reachesDatabase(sourceFile: typescript.SourceFile, context: AnalysisContext): boolean {
  const reaching = getReachingFiles(context);
  return reaching === 'all' || reaching.has(sourceFile.fileName) || context.program.getSourceFile(sourceFile.fileName) !== sourceFile;
}

/** {@link getFilesReachingDatabase} for the context's program, computed once per program. */
export function getReachingFiles(context: AnalysisContext): ReadonlySet<string> | 'all' {
  return reachingFiles.get(context, context.program, () => getFilesReachingDatabase(context.program, context));
}

/**
 * Can the program hold a database call anywhere? Not when no file reaches a database module (no import, `require`
 * or library declaration names one, and no file queries through a variable it releases) and no declared type can
 * name a database object: resolution then has nothing to start from, syntactic or typed (a frontend's program). A
 * whole-program pass asks this before building the checker.
 */
export function mayHoldDatabaseCalls(context: AnalysisContext): boolean {
  const reaching = getReachingFiles(context);
  return reaching === 'all' || reaching.size > 0 || mayDeclareDatabaseTypes(context);
}

const programsImporting = createContextMemo<ModuleFilter, boolean>();
const filesImporting = new WeakMap<ModuleFilter, WeakMap<typescript.SourceFile, boolean>>();

/**
 * Typed: does some file of the program (a declaration file included) import, re-export or require a database module
 * that `filter` lets through? Only so can a name of the program stand for one of its exports: resolution maps an import's
 * specifier to the module, and the checker follows aliases only through the program's files. Also when an import the
 * compiler left unresolved names a project file on disk (a workspace package a fresh clone has not linked): resolution
 * reads re-exports there (findReexportedModule). Once per program, each file's answer kept with its tree, as an editor's
 * re-lint builds a new program around mostly the same files.
 */
export function programImportsModule(context: AnalysisContext, filter: ModuleFilter): boolean {
  return programsImporting.get(context, filter, () => {
    let byFile = filesImporting.get(filter);
    if (!byFile) {
      byFile = new WeakMap();
      filesImporting.set(filter, byFile);
    }
    for (const sourceFile of context.program.getSourceFiles()) {
      let answer = byFile.get(sourceFile);
      if (answer === undefined) {
        answer = fileImportsModule(sourceFile, context, filter);
        byFile.set(sourceFile, answer);
      }
      if (answer) return true;
    }
    return false;
  });
}

function fileImportsModule(sourceFile: typescript.SourceFile, context: AnalysisContext, filter: ModuleFilter): boolean {
  const { program, knowledge } = context;
  const unresolved = { from: sourceFile.fileName, aliases: program.getCompilerOptions() };
  const matches = (specifier: string): boolean => {
    const module = getSpecifierModule(specifier, knowledge, unresolved);
    return module !== undefined && filter(module.exports);
  };
  const imports = getModuleImports(program, sourceFile);
  if (!imports || imports.some(({ specifier }) => matches(specifier))) return true;
  if (sourceFile.isDeclarationFile) return false;
  return imports.some(({ specifier, resolved }) => !resolved && readsProjectFile(specifier, sourceFile.fileName))
    || getRequiredSpecifiers(sourceFile.text).some(matches);
}

function readsProjectFile(specifier: string, containingFile: string): boolean {
  try {
    return resolveImportedFile(specifier, containingFile) !== undefined;
  } catch {
    return true;
  }
}

/**
 * The files of the program from which some chain of imports reaches a database module. A file whose class
 * implements or extends a type from another module reaches back into it: a call through that interface or
 * abstract method may run the class's queries (`meta.listMembers()` with `meta: MetaStore`).
 */
export function getFilesReachingDatabase(program: typescript.Program, context: Pick<AnalysisContext, 'ts' | 'knowledge'>): ReadonlySet<string> | 'all' {
  const { knowledge } = context;
  const importers = new Map<string, string[]>();
  const reaching = new Set<string>();
  // Kept for their own sake only: importing such a file reaches no database module.
  const ownEvidence: string[] = [];
  const specifiers = getDatabaseSpecifiers(knowledge);
  for (const sourceFile of program.getSourceFiles()) {
    const imports = getModuleImports(program, sourceFile);
    if (!imports) return 'all';
    const facts = getFileFacts(sourceFile, knowledge);
    if (facts.libraryDeclaration || facts.requiresDatabase) reaching.add(sourceFile.fileName);
    else if (facts.ownEvidence) ownEvidence.push(sourceFile.fileName);
    for (const { specifier, resolved } of imports) {
      // An unresolved relative or aliased import may name a generated client's folder that a fresh clone lacks.
      let database = resolved ? specifiers.get(specifier) : undefined;
      if (database === undefined) {
        database = isDatabaseSpecifier(specifier, knowledge, resolved ? undefined : { from: sourceFile.fileName, aliases: program.getCompilerOptions() });
        if (resolved) specifiers.set(specifier, database);
      }
      if (database) reaching.add(sourceFile.fileName);
      if (!resolved) continue;
      const list = importers.get(resolved) ?? [];
      list.push(sourceFile.fileName);
      importers.set(resolved, list);
    }
  }
  const queue = [...reaching];
  for (let fileName = queue.pop(); fileName !== undefined; fileName = queue.pop()) {
    const sourceFile = fileName.includes('/node_modules/') ? undefined : program.getSourceFile(fileName);
    const implemented = sourceFile ? getImplementedModules(sourceFile, program, context.ts) : [];
    for (const importer of [...(importers.get(fileName) ?? []), ...implemented]) {
      if (!reaching.has(importer)) {
        reaching.add(importer);
        queue.push(importer);
      }
    }
  }
  for (const fileName of ownEvidence) reaching.add(fileName);
  return reaching;
}

/**
 * The project modules whose interfaces the file's top-level classes implement, or whose abstract classes they
 * extend (imported names only): the types a call can dispatch through to this file's methods.
 */
function getImplementedModules(sourceFile: typescript.SourceFile, program: typescript.Program, ts: typeof typescript): string[] {
  const implemented = new Set<string>();
  const extended = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isClassDeclaration(statement)) continue;
    for (const clause of statement.heritageClauses ?? []) {
      for (const type of clause.types) {
        let expression = type.expression;
        while (ts.isPropertyAccessExpression(expression)) expression = expression.expression;
        if (ts.isIdentifier(expression)) (clause.token === ts.SyntaxKind.ImplementsKeyword ? implemented : extended).add(expression.text);
      }
    }
  }
  if (implemented.size === 0 && extended.size === 0) return [];
  const resolvedBySpecifier = new Map((getModuleImports(program, sourceFile) ?? []).map((entry) => [entry.specifier, entry.resolved]));
  const modules: string[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause || !ts.isStringLiteralLike(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    const bindings = clause.namedBindings;
    const bound = [clause.name, ...(bindings && ts.isNamedImports(bindings) ? bindings.elements.map((element) => element.name) : [bindings?.name])];
    const names = bound.filter((name): name is typescript.Identifier => name !== undefined).map((name) => name.text);
    const resolved = names.some((name) => implemented.has(name) || extended.has(name)) ? resolvedBySpecifier.get(statement.moduleSpecifier.text) : undefined;
    if (!resolved || resolved.includes('/node_modules/')) continue;
    // A concrete base class's methods run its own code; only an abstract one dispatches down to this file.
    const text = program.getSourceFile(resolved)?.text ?? '';
    if (names.some((name) => implemented.has(name)) || names.some((name) => extended.has(name) && new RegExp(`abstract\\s+class\\s+${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text))) {
      modules.push(resolved);
    }
  }
  return modules;
}

/** What a file's name and text say, whatever program holds it: an editor's re-lint builds a new program around mostly
 * the same source files. */
interface FileFacts {
  /** A declaration file of a known library. */
  readonly libraryDeclaration: boolean;
  /** Source that requires a database module. */
  readonly requiresDatabase: boolean;
  /** Source that queries through and releases one variable of its own. */
  readonly ownEvidence: boolean;
}

const factsByKnowledge = new WeakMap<KnowledgeIndex, WeakMap<typescript.SourceFile, FileFacts>>();
const specifiersByKnowledge = new WeakMap<KnowledgeIndex, Map<string, boolean>>();

function getFileFacts(sourceFile: typescript.SourceFile, knowledge: KnowledgeIndex): FileFacts {
  let byFile = factsByKnowledge.get(knowledge);
  if (!byFile) {
    byFile = new WeakMap();
    factsByKnowledge.set(knowledge, byFile);
  }
  let facts = byFile.get(sourceFile);
  if (!facts) {
    const source = !sourceFile.isDeclarationFile;
    const requires = source && requiresDatabase(sourceFile.text, knowledge);
    facts = {
      libraryDeclaration: isLibraryDeclaration(sourceFile.fileName, knowledge),
      requiresDatabase: requires,
      ownEvidence: source && !requires && textQueriesAndReleasesOneVariable(sourceFile.text, knowledge),
    };
    byFile.set(sourceFile, facts);
  }
  return facts;
}

/** Whether a resolved import's specifier names a database module (no file or alias involved), per knowledge base. */
function getDatabaseSpecifiers(knowledge: KnowledgeIndex): Map<string, boolean> {
  let specifiers = specifiersByKnowledge.get(knowledge);
  if (!specifiers) {
    specifiers = new Map();
    specifiersByKnowledge.set(knowledge, specifiers);
  }
  return specifiers;
}

/** `require('pg')` in a .ts file is not among the compiler's imports. */
function requiresDatabase(text: string, knowledge: KnowledgeIndex): boolean {
  return getRequiredSpecifiers(text).some((specifier) => isDatabaseSpecifier(specifier, knowledge));
}

function isDatabaseSpecifier(specifier: string, knowledge: KnowledgeIndex, unresolved?: UnresolvedImport): boolean {
  return getSpecifierModule(specifier, knowledge, unresolved) !== undefined;
}

interface UnresolvedImport {
  readonly from: string;
  readonly aliases: PathAliasOptions;
}

/** The database module a specifier names (for an unresolved one, a generated client's folder too), or, for a deep
 * import of a library's package (`pg/lib/client`), the package's. */
function getSpecifierModule(specifier: string, knowledge: KnowledgeIndex, unresolved?: UnresolvedImport): ReturnType<KnowledgeIndex['getModule']> {
  const module = unresolved ? getDatabaseModule(specifier, unresolved.from, knowledge, unresolved.aliases) : knowledge.getModule(specifier);
  if (module) return module;
  const packageName = /^(@[^/]+\/[^/]+|[^./][^/]*)/.exec(specifier)?.[1];
  return packageName !== undefined && packageName !== specifier ? knowledge.getModule(packageName) : undefined;
}

function isLibraryDeclaration(fileName: string, knowledge: KnowledgeIndex): boolean {
  if (!fileName.includes('/node_modules/')) return false;
  return knowledge.libraries.some((library) => knowledge.isLibraryFile(library, fileName));
}
