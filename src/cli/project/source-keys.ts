/**
 * The keys under which the programs of one scan share parsed (and bound) files. The language service's document
 * registry keys a file by every option that can change how it parses or binds. Most of those matter only for a file
 * that is not a module by its own syntax, or only for diagnostics, so a monorepo whose packages differ in `target`,
 * `module` or `strict` would parse and bind each imported workspace package once per package, and every library
 * declaration once per `target`. A scan shares more, where the tree, its symbols and its imports come out the same:
 * - declaration files: by language class (see below); their strictness comes from their own syntax;
 * - a source file with an `import` or `export` (a module whatever the options say, and always strict): by the options
 *   that add imports the compiler records on the file (`importHelpers`, the JSX runtime), module detection, and
 *   `noFallthroughCasesInSwitch` (the binder marks fallthrough clauses for it);
 * - any other source file (a script): by every option the registry keys by, as the registry does.
 * The format the file is read in (`impliedNodeFormat`) and the JSDoc mode are part of every key.
 */
import type { ts as tsTypes } from 'ts-morph';

import { ts } from '../ts-morph-compiler.js';

interface InternalTypeScript {
  readonly sourceFileAffectingCompilerOptions?: readonly { readonly name: string }[];
}

/** Options a module's parse and bind depend on (see above). */
const moduleAffectingOptions = ['jsx', 'jsxImportSource', 'importHelpers', 'moduleDetection', 'noFallthroughCasesInSwitch'] as const;

/** The options the document registry keys parsed files by, and `strict` (which implies `alwaysStrict`); without that
 * internal list, every option. */
export function getScriptOptionsKey(options: tsTypes.CompilerOptions): string {
  const names = (ts as unknown as InternalTypeScript).sourceFileAffectingCompilerOptions?.map((option) => option.name);
  const keyed = names ? [...names, 'strict'] : Object.keys(options).sort();
  return `script${JSON.stringify(keyed.map((name) => [name, options[name]]))}`;
}

export function getModuleOptionsKey(options: tsTypes.CompilerOptions): string {
  return `module${JSON.stringify(moduleAffectingOptions.map((name) => [name, options[name]]))}`;
}

/**
 * The scanner reads every target from ES2015 on alike (its identifier tables change only at ES2015; target-dependent
 * regular expression errors are the checker's), so those targets parse the same.
 */
export function getLanguageClass(languageVersion: tsTypes.ScriptTarget): string {
  return languageVersion >= ts.ScriptTarget.ES2015 && languageVersion !== ts.ScriptTarget.JSON ? 'es2015+' : String(languageVersion);
}

/** A module by its own syntax: the parser set its module indicator to an `import` or `export`, not to `true` (forced
 * by module detection or the file's format). */
export function isModuleBySyntax(sourceFile: tsTypes.SourceFile): boolean {
  const indicator = (sourceFile as { externalModuleIndicator?: unknown }).externalModuleIndicator;
  return typeof indicator === 'object' && indicator !== null;
}

/**
 * Groups whose programs can share parsed sources, one after another: the cache keeps a source only while the next
 * program can use it. Stable: groups keep their order within a cluster, and clusters the order of their first group.
 * A workspace package's sources are shared by the programs that import it with the same module options and module
 * resolution (which decides the format the files are read in).
 */
export function orderForSharedSources<T>(groups: readonly T[], optionsOf: (group: T) => tsTypes.CompilerOptions): T[] {
  const clusterOf = (group: T): string => {
    const options = optionsOf(group);
    const language = options.target === undefined ? 'default' : getLanguageClass(options.target);
    return JSON.stringify([getModuleOptionsKey(options), language, options.moduleResolution ?? null]);
  };
  const first = new Map<string, number>();
  const clusters = groups.map((group, index) => {
    const cluster = clusterOf(group);
    if (!first.has(cluster)) first.set(cluster, index);
    return { group, index, rank: first.get(cluster) as number };
  });
  return clusters.sort((a, b) => a.rank - b.rank || a.index - b.index).map(({ group }) => group);
}
