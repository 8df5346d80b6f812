/**
 * Which tsconfigs of a scan load as one program. A monorepo's packages mostly extend one base config; loaded one
 * program each, every package parses, binds and checks again the workspace packages it imports (vendure: 37
 * programs, each source parsed 4.5 times), and a handler in one package is not seen by the program that analyses
 * the pool it builds in another. Configs
 * whose options agree on everything the checker sees load together, as `tsc -p` of a root tsconfig including them
 * all would. They may differ in output and diagnostics-only options, which change no type and no resolution.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { ts as tsTypes } from 'ts-morph';

import { ts } from '../ts-morph-compiler.js';

import type { ParsedTsconfig } from './read-tsconfig.js';

export interface ProgramGroup {
  /** In scan order. */
  readonly configs: readonly ParsedTsconfig[];
  /** The first config's, with the type roots every config of the group sees. */
  readonly options: tsTypes.CompilerOptions;
}

/** Emit and report-only options: what is written and which errors are reported, never a type or a resolution. */
const outputOnlyOptions = new Set([
  'assumeChangesOnlyAffectDirectDependencies',
  'composite',
  'configFilePath',
  'declaration',
  'declarationDir',
  'declarationMap',
  'diagnostics',
  'disableReferencedProjectLoad',
  'disableSolutionSearching',
  'disableSourceOfProjectReferenceRedirect',
  'emitBOM',
  'emitDeclarationOnly',
  'emitDecoratorMetadata',
  'explainFiles',
  'extendedDiagnostics',
  'forceConsistentCasingInFileNames',
  'generateCpuProfile',
  'generateTrace',
  'incremental',
  'inlineSourceMap',
  'inlineSources',
  'listEmittedFiles',
  'listFiles',
  'listFilesOnly',
  'mapRoot',
  'newLine',
  'noEmit',
  'noEmitHelpers',
  'noEmitOnError',
  'noErrorTruncation',
  'noImplicitOverride',
  'noImplicitReturns',
  'noPropertyAccessFromIndexSignature',
  'noUnusedLocals',
  'noUnusedParameters',
  'outDir',
  'outFile',
  'pathsBasePath',
  'plugins',
  'preserveConstEnums',
  'preserveWatchOutput',
  'pretty',
  'removeComments',
  'rootDir',
  'skipDefaultLibCheck',
  'skipLibCheck',
  'sourceMap',
  'sourceRoot',
  'stripInternal',
  'traceResolution',
  'tsBuildInfoFile',
]);

interface InternalTypeScript {
  readonly sourceFileAffectingCompilerOptions?: readonly { readonly name: string }[];
}

/** Options that change how a file parses or binds always count, whatever the list above says. */
const sourceAffectingOptions = new Set((ts as unknown as InternalTypeScript).sourceFileAffectingCompilerOptions?.map((option) => option.name) ?? []);

/** Groups configs with equal checker-visible options, in the order of each group's first config. */
export function groupByProgramOptions(configs: readonly ParsedTsconfig[]): ProgramGroup[] {
  const groups = new Map<string, ParsedTsconfig[]>();
  for (const config of configs) {
    const key = getProgramOptionsKey(config.options);
    const group = groups.get(key);
    if (group) group.push(config);
    else groups.set(key, [config]);
  }
  return [...groups.values()].map((group) => ({ configs: group, options: getGroupOptions(group) }));
}

/** Equal for two option sets exactly when a program of either would see the same types and resolve the same way. */
export function getProgramOptionsKey(options: tsTypes.CompilerOptions): string {
  const entries: [string, unknown][] = Object.keys(options)
    .filter((name) => sourceAffectingOptions.has(name) || !outputOnlyOptions.has(name))
    .sort()
    .map((name) => [name, options[name]]);
  // `paths` without `baseUrl` are relative to the tsconfig that set them.
  if (options.paths && options.baseUrl === undefined) entries.push(['pathsBasePath', options.pathsBasePath]);
  return JSON.stringify(entries);
}

/**
 * Without `typeRoots`, every `node_modules/@types` above a tsconfig is a type root, whose packages are global types
 * of the program. A package that installs its own (another `@types/node`, `@types/ws`) would add them to every other
 * package's globals, beside the shared ones: the group keeps the roots all its configs see, as `tsc -p` of a root
 * tsconfig would. Imports still resolve each package's own `@types`, from the importing file.
 */
function getGroupOptions(configs: readonly ParsedTsconfig[]): tsTypes.CompilerOptions {
  const options = configs[0]!.options;
  if (configs.length === 1 || options.typeRoots !== undefined) return options;
  const [first, ...others] = configs.map((config) => getDefaultTypeRoots(config.options.configFilePath));
  if (others.every((roots) => roots.join('\0') === first!.join('\0'))) return options;
  return { ...options, typeRoots: first!.filter((root) => others.every((roots) => roots.includes(root))) };
}

function getDefaultTypeRoots(configFilePath: unknown): string[] {
  if (typeof configFilePath !== 'string') return [];
  const roots: string[] = [];
  for (let directory = path.dirname(configFilePath); ; directory = path.dirname(directory)) {
    const typesDirectory = path.join(directory, 'node_modules', '@types');
    if (fs.existsSync(typesDirectory)) roots.push(typesDirectory);
    if (path.dirname(directory) === directory) return roots;
  }
}
