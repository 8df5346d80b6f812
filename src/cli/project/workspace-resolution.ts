/**
 * Module resolution for a fresh clone: the compiler's own resolution first (tsconfig `paths`, relative
 * files, whatever is installed), then, for a bare specifier it could not resolve, the workspace package
 * of that name read from disk (see src/workspace), so imports between workspace packages reach their
 * source without `npm install`.
 */
import path from 'node:path';

import type { ts as tsTypes } from 'ts-morph';

import { ts } from '../ts-morph-compiler.js';

import { resolveWorkspaceImport } from '../../workspace/workspace-map.js';

/**
 * One resolution cache for every program of a scan, as `tsc --build` shares one between projects: the cache keeps
 * its answers per set of resolution-affecting options (and `paths` base), so a monorepo's packages with the same
 * options resolve another package's imports once, not once per program that loads its sources.
 */
export function createResolutionCache(): tsTypes.ModuleResolutionCache {
  const host = ts.createCompilerHost({});
  return ts.createModuleResolutionCache(host.getCurrentDirectory(), (fileName) => host.getCanonicalFileName(fileName));
}

export function useWorkspaceResolution(host: tsTypes.CompilerHost, options: tsTypes.CompilerOptions, cache: tsTypes.ModuleResolutionCache): void {
  cache.update(options);
  // The program asks the host for it: without, each file's module format lookup reads the package.json files above
  // it again (a fresh clone's root manifest once per source file), as no resolution cache would remember them.
  host.getModuleResolutionCache = () => cache;
  host.resolveModuleNameLiterals = (moduleLiterals, containingFile, redirectedReference, compilerOptions, containingSourceFile) =>
    moduleLiterals.map((literal) => {
      const mode = ts.getModeForUsageLocation(containingSourceFile, literal, compilerOptions);
      const resolved = ts.resolveModuleName(literal.text, containingFile, compilerOptions, host, cache, redirectedReference, mode);
      if (resolved.resolvedModule || literal.text.startsWith('.')) return resolved;
      const fileName = resolveWorkspaceImport(literal.text, containingFile);
      if (!fileName) return resolved;
      return { ...resolved, resolvedModule: { resolvedFileName: fileName, extension: getExtension(fileName), isExternalLibraryImport: false, resolvedUsingTsExtension: false } };
    });
}

function getExtension(fileName: string): tsTypes.Extension {
  if (/\.d\.ts$/.test(fileName)) return ts.Extension.Dts;
  if (/\.d\.mts$/.test(fileName)) return ts.Extension.Dmts;
  if (/\.d\.cts$/.test(fileName)) return ts.Extension.Dcts;
  const byExtension: Record<string, tsTypes.Extension> = {
    '.ts': ts.Extension.Ts,
    '.tsx': ts.Extension.Tsx,
    '.mts': ts.Extension.Mts,
    '.cts': ts.Extension.Cts,
    '.js': ts.Extension.Js,
    '.jsx': ts.Extension.Jsx,
    '.mjs': ts.Extension.Mjs,
    '.cjs': ts.Extension.Cjs,
  };
  return byExtension[path.extname(fileName)] ?? ts.Extension.Ts;
}
