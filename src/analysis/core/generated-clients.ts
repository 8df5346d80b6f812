/**
 * Clients a code generator writes into a project folder (Prisma's `generator client { output = "../generated/prisma" }`),
 * read from the schema files on disk: on a fresh clone the folder is not generated, so an import of it resolves to
 * nothing, and only the schema says that the path is the library's client (and not a type or validator generator's
 * output). Both hosts have the disk; answers are cached for the process and a schema is read again when it changes.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { GeneratedClientDefinition, LibraryDefinition, ModuleExports } from '../../knowledge/library-definition.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import type { PathAliasOptions } from './path-aliases.js';

import { findPackageRoot } from './package-root.js';
import { mapPathAlias } from './path-aliases.js';

interface GeneratorOutput {
  readonly provider: string;
  /** The output folder, absolute, without a trailing slash. */
  readonly folder: string;
}

interface SchemaRead {
  readonly mtimeMs: number;
  /** When the file's time was last compared: every import asks, so the disk is asked at most once a second. */
  checkedAt: number;
  readonly outputs: readonly GeneratorOutput[];
}

/** Package roots above which no further package is searched for the schema. */
const maxPackageLevels = 3;
const schemaReads = new Map<string, SchemaRead>();
const schemaFiles = new Map<string, readonly string[]>();

/**
 * The database module a relative import names when its path is a generator's output folder (or an entry point in
 * it): `{ library, exports }` of the library whose generator writes there. `null` when a schema of the package says the
 * folder belongs to another generator, so that a name pattern does not guess otherwise; undefined when no schema says.
 */
export function getGeneratedClientModule(
  specifier: string,
  containingFile: string,
  knowledge: KnowledgeIndex,
  aliases?: PathAliasOptions,
): { readonly library: LibraryDefinition; readonly exports: ModuleExports } | null | undefined {
  const relative = specifier.startsWith('.');
  if (!relative && !aliases) return undefined;
  const directory = path.dirname(containingFile);
  const unschemed = relative ? getUnschemedImports(knowledge) : undefined;
  const key = `${directory}\0${specifier}`;
  if (unschemed?.has(key)) return undefined;
  const targets = relative ? [path.resolve(directory, specifier)] : aliases ? mapPathAlias(specifier, aliases) : [];
  let decided: null | undefined;
  let schemas = false;
  for (const target of targets.map((full) => full.replace(/\\/g, '/').replace(/\.[cm]?[jt]sx?$/, ''))) {
    for (const library of knowledge.libraries) {
      const definition = library.generatedClient;
      if (!definition) continue;
      const files = getSchemaFilesAround(target, definition);
      if (files.length > 0) schemas = true;
      for (const output of files.flatMap((file) => readSchema(file))) {
        const entry = getEntryPoint(target, output.folder);
        if (entry === undefined) continue;
        if (!definition.providers.includes(output.provider)) {
          decided = null;
          continue;
        }
        if (!definition.entryPoints.includes(entry)) continue;
        const exports = Object.values(library.modules)[0];
        if (exports) return { library, exports };
      }
    }
  }
  if (unschemed && !schemas) unschemed.add(key);
  return decided;
}

/**
 * Per knowledge base, the relative imports (folder and specifier) around whose target no package has a schema: nothing
 * is generated there for the process, since the package roots and schema lists are cached for it, and every import of
 * every module a prefilter reads asks again.
 */
const unschemedImports = new WeakMap<KnowledgeIndex, Set<string>>();

function getUnschemedImports(knowledge: KnowledgeIndex): Set<string> {
  let imports = unschemedImports.get(knowledge);
  if (!imports) {
    imports = new Set();
    unschemedImports.set(knowledge, imports);
  }
  return imports;
}

/** `''` for the folder itself, `client` for `<folder>/client`, `models/user` deeper; undefined outside it. */
function getEntryPoint(target: string, folder: string): string | undefined {
  if (target === folder) return '';
  return target.startsWith(`${folder}/`) ? target.slice(folder.length + 1) : undefined;
}

/** Per generator and target: the schema files of the nearest package around the target that has any. The package roots
 * and schema lists this reads are cached for the process, so its answer is too. */
const schemaFilesAround = new WeakMap<GeneratedClientDefinition, Map<string, readonly string[]>>();

function getSchemaFilesAround(target: string, definition: GeneratedClientDefinition): readonly string[] {
  let byTarget = schemaFilesAround.get(definition);
  if (!byTarget) {
    byTarget = new Map();
    schemaFilesAround.set(definition, byTarget);
  }
  let files = byTarget.get(target);
  if (!files) {
    files = findSchemaFilesAround(target, definition);
    byTarget.set(target, files);
  }
  return files;
}

function findSchemaFilesAround(target: string, definition: GeneratedClientDefinition): readonly string[] {
  let fileName = `${target}/index.ts`;
  for (let level = 0; level < maxPackageLevels; level++) {
    const root = findPackageRoot(fileName);
    if (!root) return [];
    const files = getSchemaFiles(root, definition);
    if (files.length > 0) return files;
    fileName = root;
  }
  return [];
}

/** The schema files of a package: those its config or package.json names, else the default locations. */
function getSchemaFiles(root: string, definition: GeneratedClientDefinition): readonly string[] {
  const cached = schemaFiles.get(root);
  if (cached) return cached;
  const locations = [...getConfiguredSchemas(root, definition), ...definition.defaultSchemas.map((location) => path.join(root, location))];
  let files: string[] = [];
  for (const location of locations) {
    files = listSchemaFiles(location, definition.schemaExtension, 2);
    if (files.length > 0) break;
  }
  schemaFiles.set(root, files);
  return files;
}

function getConfiguredSchemas(root: string, definition: GeneratedClientDefinition): string[] {
  const found: string[] = [];
  for (const name of definition.configFiles) {
    const text = readText(path.join(root, name));
    const schema = text ? /\bschema\s*:\s*(['"`])([^'"`\n]+)\1/.exec(text)?.[2] : undefined;
    if (schema) found.push(path.resolve(root, schema));
  }
  const manifest = readText(path.join(root, 'package.json'));
  if (manifest) {
    try {
      const section: unknown = (JSON.parse(manifest) as Record<string, unknown>)[definition.packageJsonKey];
      const schema = section && typeof section === 'object' ? (section as Record<string, unknown>).schema : undefined;
      if (typeof schema === 'string') found.push(path.resolve(root, schema));
    } catch {
      // A manifest that is not JSON names no schema.
    }
  }
  return found;
}

/** A schema file, or the schema files of a folder (and its subfolders, `depth` deep). */
function listSchemaFiles(location: string, extension: string, depth: number): string[] {
  try {
    const stat = fs.statSync(location, { throwIfNoEntry: false });
    if (!stat) return [];
    if (stat.isFile()) return location.endsWith(extension) ? [location] : [];
    if (!stat.isDirectory() || depth < 0) return [];
    return fs.readdirSync(location, { withFileTypes: true })
      .filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.'))
      .flatMap((entry) => listSchemaFiles(path.join(location, entry.name), extension, entry.isDirectory() ? depth - 1 : depth));
  } catch {
    return [];
  }
}

/** The generator blocks of one schema file (read again when it changes). */
function readSchema(file: string): readonly GeneratorOutput[] {
  const now = Date.now();
  const recent = schemaReads.get(file);
  if (recent && now - recent.checkedAt < 1000) return recent.outputs;
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return [];
  }
  if (recent?.mtimeMs === mtimeMs) {
    recent.checkedAt = now;
    return recent.outputs;
  }
  const text = (readText(file) ?? '').replace(/\/\/.*$/gm, '');
  const outputs: GeneratorOutput[] = [];
  for (const block of text.matchAll(/\bgenerator\s+\w+\s*\{([^}]*)\}/g)) {
    const body = block[1] ?? '';
    const provider = /\bprovider\s*=\s*"([^"]*)"/.exec(body)?.[1];
    const output = /\boutput\s*=\s*"([^"]*)"/.exec(body)?.[1];
    if (provider && output) outputs.push({ provider, folder: path.resolve(path.dirname(file), output).replace(/\\/g, '/').replace(/\/$/, '') });
  }
  schemaReads.set(file, { mtimeMs, checkedAt: now, outputs });
  return outputs;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The database module an import specifier names from `containingFile`: a generated client's folder as its schema
 * says (reached by a relative path or a tsconfig `paths` alias), else the knowledge base's modules and patterns. */
export function getDatabaseModule(
  specifier: string,
  containingFile: string,
  knowledge: KnowledgeIndex,
  aliases?: PathAliasOptions,
): { readonly library: LibraryDefinition; readonly exports: ModuleExports } | undefined {
  const generated = getGeneratedClientModule(specifier, containingFile, knowledge, aliases);
  return generated === null ? undefined : generated ?? knowledge.getModule(specifier);
}
