/** Lookup tables over the knowledge base: which library a module specifier or a declared type belongs to. */
import type { LibraryDefinition, ModuleExports, ObjectDefinition } from '../../knowledge/library-definition.js';

export interface ObjectKind {
  readonly library: LibraryDefinition;
  readonly name: string;
  readonly object: ObjectDefinition;
}

export interface KnowledgeIndex {
  readonly libraries: readonly LibraryDefinition[];
  /** The library and export table for an import specifier, if it is a database module. */
  getModule(specifier: string): { readonly library: LibraryDefinition; readonly exports: ModuleExports } | undefined;
  /** Object kinds that declare this type name. */
  getKindsByTypeName(typeName: string): readonly ObjectKind[];
  /** The object kind `name` of `library`. */
  getKind(library: LibraryDefinition, name: string): ObjectKind | undefined;
  /** Does a declaration file at this path belong to the library (its package, or a path its patterns match)? */
  isLibraryFile(library: LibraryDefinition, fileName: string): boolean;
}

const indexes = new WeakMap<readonly LibraryDefinition[], KnowledgeIndex>();

/** Builds (once per library list) the lookup tables. */
export function getKnowledgeIndex(libraries: readonly LibraryDefinition[]): KnowledgeIndex {
  let index = indexes.get(libraries);
  if (!index) {
    index = createKnowledgeIndex(libraries);
    indexes.set(libraries, index);
  }
  return index;
}

function createKnowledgeIndex(libraries: readonly LibraryDefinition[]): KnowledgeIndex {
  const modules = new Map<string, { library: LibraryDefinition; exports: ModuleExports }>();
  const patterns: { pattern: RegExp; library: LibraryDefinition; exports: ModuleExports }[] = [];
  const byTypeName = new Map<string, ObjectKind[]>();
  const kinds = new Map<LibraryDefinition, Map<string, ObjectKind>>();
  for (const library of libraries) {
    const firstExports = Object.values(library.modules)[0] ?? {};
    for (const [specifier, exports] of Object.entries(library.modules)) {
      if (!modules.has(specifier)) modules.set(specifier, { library, exports });
    }
    for (const source of library.modulePatterns ?? []) {
      patterns.push({ pattern: new RegExp(source), library, exports: firstExports });
    }
    const libraryKinds = new Map<string, ObjectKind>();
    kinds.set(library, libraryKinds);
    for (const [name, object] of Object.entries(library.objects)) {
      const kind = { library, name, object };
      libraryKinds.set(name, kind);
      for (const typeName of object.typeNames ?? [name]) {
        const list = byTypeName.get(typeName) ?? [];
        list.push(kind);
        byTypeName.set(typeName, list);
      }
    }
  }
  const packagePatterns = new Map<LibraryDefinition, RegExp[]>(
    libraries.map((library) => [library, (library.modulePatterns ?? []).map((source) => new RegExp(source))]),
  );
  return {
    libraries,
    getModule(specifier) {
      return modules.get(specifier) ?? patterns.find((entry) => entry.pattern.test(specifier));
    },
    getKindsByTypeName(typeName) {
      return byTypeName.get(typeName) ?? [];
    },
    getKind(library, name) {
      return kinds.get(library)?.get(name);
    },
    isLibraryFile(library, fileName) {
      const normalized = fileName.replace(/\\/g, '/');
      for (const name of library.typePackages) {
        if (normalized.includes(`/node_modules/${name}/`)) return true;
      }
      const withoutExtension = normalized.replace(/(\.d)?\.[cm]?[jt]sx?$/, '');
      return (packagePatterns.get(library) ?? []).some((pattern) => pattern.test(withoutExtension));
    },
  };
}
