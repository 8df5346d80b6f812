/**
 * A pool built at module scope in an app whose development server reloads modules (Next.js): every reload
 * evaluates the module again and builds another pool, while the old one keeps its connections. Reported only
 * where the evidence is clear: the package is an app of such a framework (its package.json depends on it, or its
 * config file sits at the root), and the module is one the framework loads (a route or page, or a module one of
 * them imports, as far as the program shows). The `globalThis` cache is the fix and is not reported, nor is a
 * pool built in an `if` or behind `??`.
 */
import path from 'node:path';

import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { ModuleScopeClient } from './module-scope-clients.js';

import { hotReloadFrameworks } from '../../knowledge/frameworks.js';
import { getTransitiveImporters } from '../core/import-graph.js';
import { getPackageInfo, hasAnyFile } from '../core/package-root.js';
import { isScriptOrTest } from '../core/scripts-and-tests.js';
import { getModuleScopeClients } from './module-scope-clients.js';

export interface HotReloadedClient {
  readonly client: ModuleScopeClient;
  readonly framework: string;
}

export function findHotReloadedClients(sourceFile: ts.SourceFile, context: AnalysisContext): HotReloadedClient[] {
  const clients = getModuleScopeClients(sourceFile, context);
  if (clients.length === 0) return [];
  const info = getPackageInfo(sourceFile.fileName);
  if (!info) return [];
  // The framework first: its answer is kept per package, while the script and test globs are matched per file.
  const framework = hotReloadFrameworks.find((candidate) => info.dependencies.has(candidate.dependency) || hasAnyFile(info.root, candidate.configFiles));
  if (!framework || isScriptOrTest(sourceFile.fileName, info.root)) return [];
  const isEntry = (fileName: string): boolean => {
    const relative = path.relative(info.root, fileName).split(path.sep).join('/');
    if (relative.startsWith('../') || isScriptOrTest(fileName, info.root)) return false;
    return framework.entryFolders.some((folder) => relative.startsWith(`${folder}/`))
      || framework.entryModules.includes(relative.replace(/\.[cm]?[jt]sx?$/, ''));
  };
  const importers = getTransitiveImporters(sourceFile.fileName, context) ?? new Set([sourceFile.fileName]);
  if (![...importers].some(isEntry)) return [];
  return clients.map((client) => ({ client, framework: framework.name }));
}
