/**
 * tsconfig `paths` applied to an import without looking at the disk: on a fresh clone an alias may name a folder a
 * code generator has not written yet (`@/generated/db` → `src/generated/db`), so the compiler leaves it unresolved.
 */
import path from 'node:path';

/** The compiler options that map aliases. `pathsBasePath` is where TypeScript resolves `paths` without a `baseUrl`:
 * the folder of the tsconfig that set them. */
export interface PathAliasOptions {
  readonly paths?: Readonly<Record<string, readonly string[]>>;
  readonly baseUrl?: string;
  readonly pathsBasePath?: unknown;
}

/** Per options object (a config's, read once per change), the targets of each specifier asked: every import of every
 * module an untyped lint reads asks again. */
const mappedByOptions = new WeakMap<PathAliasOptions, Map<string, readonly string[]>>();

/** The absolute paths an aliased specifier maps to, in the order `paths` lists them, as TypeScript picks the
 * pattern: an exact key first, else the matching wildcard key with the longest prefix. */
export function mapPathAlias(specifier: string, options: PathAliasOptions): readonly string[] {
  let mapped = mappedByOptions.get(options);
  if (!mapped) {
    mapped = new Map();
    mappedByOptions.set(options, mapped);
  }
  let targets = mapped.get(specifier);
  if (!targets) {
    targets = findAliasTargets(specifier, options);
    mapped.set(specifier, targets);
  }
  return targets;
}

function findAliasTargets(specifier: string, options: PathAliasOptions): readonly string[] {
  const { paths } = options;
  const base = options.baseUrl ?? options.pathsBasePath;
  if (!paths || typeof base !== 'string' || specifier.startsWith('.')) return [];
  let chosen: { readonly substitutions: readonly string[]; readonly matched: string; readonly prefixLength: number } | undefined;
  for (const [pattern, substitutions] of Object.entries(paths)) {
    const star = pattern.indexOf('*');
    if (star < 0) {
      if (pattern === specifier) {
        chosen = { substitutions, matched: '', prefixLength: Infinity };
        break;
      }
      continue;
    }
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (specifier.length < prefix.length + suffix.length || !specifier.startsWith(prefix) || !specifier.endsWith(suffix)) continue;
    if (!chosen || prefix.length > chosen.prefixLength) {
      chosen = { substitutions, matched: specifier.slice(prefix.length, specifier.length - suffix.length), prefixLength: prefix.length };
    }
  }
  return chosen ? chosen.substitutions.map((substitution) => path.resolve(base, substitution.replace('*', chosen.matched))) : [];
}
