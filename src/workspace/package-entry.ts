/**
 * Where an import of a workspace package lands in its source, as it would after install and build:
 * `exports` (subpaths, conditions, `*` patterns), `source`, `types`, `module`, `main`. A target inside an
 * unbuilt build folder (`dist/index.js`) maps back to the source it is built from (`src/index.ts`), and
 * `src/index.ts` or `index.ts` is the fallback. Pure: `isFile` answers for the disk.
 */
import path from 'node:path';

/** Condition names tried first to last: source-facing ones before the built ones. */
const conditionOrder = ['source', 'typescript', 'development', 'types', 'import', 'module', 'require', 'node', 'default'];
const buildFolders = new Set(['dist', 'build', 'lib', 'out', 'esm', 'cjs', 'types', 'dts']);
const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const declarationPattern = /\.d\.[cm]?ts$/;

export interface PackageManifest {
  readonly [key: string]: unknown;
}

/**
 * The file `subpath` (`.` or `./client`) of the package in `directory` resolves to: a source file when
 * one exists, else a declaration file, else undefined.
 */
export function resolvePackageEntry(directory: string, manifest: PackageManifest, subpath: string, isFile: (file: string) => boolean): string | undefined {
  const targets = [...getExportTargets(manifest.exports, subpath)];
  if (subpath === '.') {
    for (const field of ['source', 'types', 'typings', 'module', 'main']) {
      const value = manifest[field];
      if (typeof value === 'string') targets.push(value);
    }
    targets.push('./src/index', './index');
  } else {
    targets.push(subpath, `./src/${subpath.slice(2)}`);
  }
  let declaration: string | undefined;
  let script: string | undefined;
  for (const target of targets) {
    for (const candidate of getSourceCandidates(path.resolve(directory, target), directory)) {
      const found = probe(candidate, isFile);
      if (!found) continue;
      if (declarationPattern.test(found)) declaration ??= found;
      // `shared/demo` → a root `demo.js` stub (`module.exports = require('./dist/demo')`) beside `src/demo/`: for a
      // subpath, TypeScript source anywhere the subpath may live wins over a JavaScript file.
      else if (subpath !== '.' && scriptPattern.test(found)) script ??= found;
      else return found;
    }
  }
  return script ?? declaration;
}

const scriptPattern = /\.[cm]?jsx?$/;

/** The string targets `exports` gives for a subpath, most source-like condition first. */
function getExportTargets(exportsField: unknown, subpath: string): string[] {
  if (exportsField === undefined || exportsField === null) return [];
  if (typeof exportsField === 'string' || Array.isArray(exportsField)) return subpath === '.' ? flattenConditions(exportsField) : [];
  if (typeof exportsField !== 'object') return [];
  const entries = Object.entries(exportsField as Record<string, unknown>);
  if (!entries.some(([key]) => key.startsWith('.'))) return subpath === '.' ? flattenConditions(exportsField) : [];
  const exact = entries.find(([key]) => key === subpath);
  if (exact) return flattenConditions(exact[1]);
  // `./*` patterns: the longest prefix wins, as in Node.
  let best: { prefix: string; suffix: string; value: unknown } | undefined;
  for (const [key, value] of entries) {
    const star = key.indexOf('*');
    if (star === -1) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= prefix.length + suffix.length && (!best || prefix.length > best.prefix.length)) {
      best = { prefix, suffix, value };
    }
  }
  if (!best) return [];
  const match = subpath.slice(best.prefix.length, subpath.length - best.suffix.length);
  return flattenConditions(best.value).map((target) => target.replace(/\*/g, match));
}

function flattenConditions(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(flattenConditions);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort((a, b) => rank(a) - rank(b));
  return keys.flatMap((key) => flattenConditions(record[key]));
}

function rank(condition: string): number {
  const index = conditionOrder.indexOf(condition);
  return index === -1 ? conditionOrder.length : index;
}

/** The target itself, and where its source would be when it sits in a build folder: dist/x.js → src/x, lib/x, x
 * (`lib` holds the sources of packages that build `lib` into `dist`). */
function getSourceCandidates(target: string, directory: string): string[] {
  const relative = path.relative(directory, target);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return [];
  const segments = relative.split(path.sep);
  const candidates: string[] = [];
  if (segments.length > 1 && buildFolders.has(segments[0] ?? '')) {
    const rest = segments.slice(1).join(path.sep).replace(/\.d\.[cm]?ts$|\.[cm]?js$/, '');
    candidates.push(path.join(directory, 'src', rest));
    if (segments[0] !== 'lib') candidates.push(path.join(directory, 'lib', rest));
    candidates.push(path.join(directory, rest));
  }
  candidates.push(target);
  return candidates;
}

/** The file a specifier-like path names: itself, with a source extension, its `.js` swapped for `.ts`, or its index. */
function probe(candidate: string, isFile: (file: string) => boolean): string | undefined {
  const hasSourceExtension = /\.(?:[cm]?[jt]sx?)$/.test(candidate);
  if (hasSourceExtension && !/\.[cm]?js$/.test(candidate) && isFile(candidate)) return candidate;
  const base = candidate.replace(/\.d\.[cm]?ts$|\.[cm]?jsx?$/, '');
  const swapped = /\.mjs$/.test(candidate) ? ['.mts'] : /\.cjs$/.test(candidate) ? ['.cts'] : [];
  for (const extension of [...swapped, ...sourceExtensions]) if (isFile(base + extension)) return base + extension;
  if (hasSourceExtension && isFile(candidate)) return candidate;
  for (const extension of sourceExtensions) {
    const index = path.join(candidate, `index${extension}`);
    if (isFile(index)) return index;
  }
  if (isFile(`${base}.d.ts`)) return `${base}.d.ts`;
  return undefined;
}
