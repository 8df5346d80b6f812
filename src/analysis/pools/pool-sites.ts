/** Where pools are built or configured, and what their options say about size, acquire wait and queue. */
import type * as ts from 'typescript';

import type { LibraryDefinition } from '../../knowledge/library-definition.js';
import type { LimitDefinition, PoolDefinition, PoolFactoryDefinition, PoolLimits, PoolOptionsLocation } from '../../knowledge/pool-definition.js';
import type { AnalysisContext } from '../core/analysis-context.js';
import type { CallTarget } from '../core/resolve.js';
import type { ModuleFilter } from '../core/database-imports.js';
import type { ObjectKind } from '../core/knowledge-index.js';
import type { Evaluated } from './pool-options.js';

import { createContextMemo } from '../core/context-memo.js';
import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { mayUseDatabase } from '../core/database-imports.js';
import { getDeclaredMajorVersion } from '../core/package-root.js';
import { isMemberCall, mayCallModuleExport } from '../core/plain-calls.js';
import { getCallTarget, resolveExpression } from '../core/resolve.js';
import { getSymbolAt } from '../core/symbols.js';
import { isOuterExpression, skipOuterExpressions } from '../core/syntax.js';
import { evaluate, flattenChoices, getUrlParameters, lookupPath } from './pool-options.js';

/** A call or `new` that builds (or configures) a pool or a standalone connection. */
export interface PoolSite {
  readonly node: ts.CallExpression | ts.NewExpression;
  readonly library: LibraryDefinition;
  readonly kind: ObjectKind;
  readonly pool: PoolDefinition;
  readonly factory?: PoolFactoryDefinition;
  /** Calling it again reuses the process-wide pool (`sql.connect`). */
  readonly shared: boolean;
  /** Span for findings about the whole call: `new Pool`, `mysql.createPool`. */
  readonly callee: { readonly start: number; readonly end: number };
}

/** What a site's options say, or why nothing can be said. */
export type PoolConfiguration =
  | { readonly type: 'wraps' }
  | { readonly type: 'unknown' }
  | { readonly type: 'known'; readonly options?: Evaluated; readonly urls: readonly Evaluated[]; readonly limits?: PoolLimits };

/** One reading of a limit (a ternary gives several). */
export interface LimitReading {
  /** `bounded` (value holds the effective number), `unlimited`, `computed` (bounded, not a constant), `rejected`
   * (building the pool throws on the written value) or `unknown`. */
  readonly status: 'bounded' | 'unlimited' | 'computed' | 'rejected' | 'unknown';
  readonly value?: number;
  /** The value as written, when it is a sentinel (`0`). */
  readonly written?: number;
  readonly source: 'option' | 'url' | 'default' | 'env-fallback' | 'unknown';
  /** The option path or URL parameter that set it. */
  readonly option?: string;
  /** Where it is set (the property or the URL string). */
  readonly node?: ts.Node;
  /** The environment variable it comes from (with no fallback, or the one whose fallback is used). */
  readonly env?: string;
  /** Read from `env` with no fallback: what the pool gets while the variable is unset. */
  readonly whileUnset?: UnsetReading;
  /** The call that passes the value, when it comes from a parameter (`new Database({ timeoutMs: 0 })`). */
  readonly passedBy?: ts.CallExpression | ts.NewExpression;
}

/** `converted`: the value went through `Number()` and is NaN while unset (a `??` after it never applies).
 * `outcome`: what the library then does (from LimitDefinition.whenUnset); absent when not known. */
export interface UnsetReading {
  readonly converted: boolean;
  readonly outcome?: { readonly status: 'bounded' | 'unlimited' | 'computed' | 'rejected' | 'no-connections'; readonly value?: number };
}

const poolSites = createContextMemo<ts.SourceFile, readonly PoolSite[]>();
const moduleScopePoolSites = createContextMemo<ts.SourceFile, readonly PoolSite[]>();
type FactoryIndex = Map<string, { kind: ObjectKind; factory: PoolFactoryDefinition }>;
const factoryIndexes = new WeakMap<readonly LibraryDefinition[], FactoryIndex>();

/**
 * From `node` (the site's construction, or an expression holding it) up through wrappers, `await` and the library's
 * opening call (`new sql.ConnectionPool(cfg).connect()`, `new DataSource(o).initialize()`): the outermost expression
 * that is still the same pool.
 */
export function climbToOpenedPool(node: ts.Node, site: PoolSite, context: AnalysisContext): ts.Node {
  const { ts } = context;
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (isOuterExpression(parent, ts) || ts.isAwaitExpression(parent)) {
      current = parent;
      continue;
    }
    if (ts.isPropertyAccessExpression(parent) && parent.expression === current && ts.isCallExpression(parent.parent) && parent.parent.expression === parent
      && site.pool.openedBy?.includes(parent.name.text)) {
      current = parent.parent;
      continue;
    }
    return current;
  }
}

/** Pool sites of a file, in source order (memoized per context and file). */
export function getPoolSites(sourceFile: ts.SourceFile, context: AnalysisContext): readonly PoolSite[] {
  return poolSites.get(context, sourceFile, () => findPoolSites(sourceFile, context));
}

/** The sites that build a pool of their own, outermost first: not a shared pool (`sql.connect`), not a wrapper
 * around a pool built elsewhere, and not a pool built inside another site's arguments (`drizzle(new Pool())` is one). */
export function getConnectionOpeningSites(sourceFile: ts.SourceFile, context: AnalysisContext): PoolSite[] {
  return selectConnectionOpeningSites(getPoolSites(sourceFile, context), context);
}

/** {@link getConnectionOpeningSites} among the given sites of one file. */
export function selectConnectionOpeningSites(all: readonly PoolSite[], context: AnalysisContext): PoolSite[] {
  const sites = all.filter((site) => !site.shared);
  const counted = sites.filter((site) => opensConnections(site, sites, context));
  return counted.filter((site) => !counted.some((outer) => outer !== site && isInsideArguments(site.node, outer.node)));
}

/** Does this call open connections of its own (not just wrap a pool built elsewhere)? */
function opensConnections(site: PoolSite, sites: readonly PoolSite[], context: AnalysisContext): boolean {
  const nested = sites.some((other) => other !== site && isInsideArguments(other.node, site.node));
  if (site.pool.wrapsOnly) return nested;
  try {
    const configuration = getPoolConfiguration(site, context);
    return configuration.type !== 'wraps' || nested;
  } catch {
    return true;
  }
}

function isInsideArguments(inner: ts.Node, outer: ts.CallExpression | ts.NewExpression): boolean {
  return (outer.arguments ?? []).some((argument) => inner.getStart() >= argument.getStart() && inner.getEnd() <= argument.getEnd());
}

function findPoolSites(sourceFile: ts.SourceFile, context: AnalysisContext): PoolSite[] {
  const { ts } = context;
  const index = getFactoryIndex(context);
  const sites: PoolSite[] = [];
  // A call makes a pool only under a factory's name (`createPool`); a `new` under any. A call whose callee is no member
  // (`knex({ … })`) calls a library's exported factory (an object kind's own call makes no pool), so only a file that
  // can reach such a library's module resolves those.
  const plainCalls = mayCallModuleExport(sourceFile, context, getPlainFactoryFilter(context));
  const calls = getDatabaseCallSites(sourceFile, context).findCalls(getFactoryNames(context), (node) => !ts.isCallExpression(node) || plainCalls || isMemberCall(node, ts));
  for (const { node, target } of calls) {
    if (ts.isTaggedTemplateExpression(node)) continue;
    const site = toPoolSite(node, target, index, context);
    if (site) sites.push(site);
  }
  return sites;
}

function toPoolSite(node: ts.CallExpression | ts.NewExpression, target: CallTarget, index: FactoryIndex, context: AnalysisContext): PoolSite | undefined {
  const { ts } = context;
  let kind: ObjectKind | undefined;
  let factory: PoolFactoryDefinition | undefined;
  if (ts.isNewExpression(node)) {
    kind = target.definition.returns ? context.knowledge.getKind(target.library, target.definition.returns) : undefined;
  } else {
    const entry = index.get(factoryKey(target.library.name, target.receiverKind?.name, target.name));
    if (entry && (!target.definition.returns || entry.kind.name === target.definition.returns || entry.factory.on)) {
      kind = entry.kind;
      factory = entry.factory;
    }
  }
  const pool = kind?.object.pool;
  if (!kind || !pool) return undefined;
  return {
    node,
    library: target.library,
    kind,
    pool,
    ...(factory ? { factory } : {}),
    shared: factory?.shared === true,
    callee: { start: node.getStart(), end: node.expression.getEnd() },
  };
}

/**
 * The pool sites a module-scope client can be among, and the sites inside their arguments: the calls a top-level
 * declaration, `export =` or `exports.x =` holds through wrappers, `await` and method calls
 * (`await new sql.ConnectionPool(cfg).connect()`). Only the sites nested in a site's arguments decide which of them
 * open connections (see {@link selectConnectionOpeningSites}), so the clients come out as from all of the file's
 * sites. The duplicate check asks for other files' clients; when those files' own sites are not known yet (an
 * editor's fresh program after each edit), this spares the checker the rest of every file that names the callee.
 */
export function getModuleScopePoolSites(sourceFile: ts.SourceFile, context: AnalysisContext): readonly PoolSite[] {
  if (!context.typed || poolSites.cacheOf(context).has(sourceFile)) return getPoolSites(sourceFile, context);
  return moduleScopePoolSites.get(context, sourceFile, () => {
    const { ts } = context;
    const sites: PoolSite[] = [];
    // The same gate as the file's call sites: a file that imports nothing calls no library.
    if (!mayUseDatabase(sourceFile, context)) return sites;
    const index = getFactoryIndex(context);
    const resolve = (node: ts.CallExpression | ts.NewExpression): PoolSite | undefined => {
      const target = safeGetCallTarget(node, context);
      const site = target && toPoolSite(node, target, index, context);
      if (site) sites.push(site);
      return site;
    };
    const visitArguments = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) resolve(node);
      ts.forEachChild(node, visitArguments);
    };
    const visitHeld = (node: ts.Expression): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        if (resolve(node)) for (const argument of node.arguments ?? []) visitArguments(argument);
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) visitHeld(node.expression.expression);
      } else if (isOuterExpression(node, ts) || ts.isAwaitExpression(node)) {
        visitHeld(node.expression);
      }
    };
    for (const statement of sourceFile.statements) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) if (declaration.initializer) visitHeld(declaration.initializer);
      } else if (ts.isExportAssignment(statement)) {
        visitHeld(statement.expression);
      } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression)
        && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        visitHeld(statement.expression.right);
      }
    }
    // In source order, enclosing call first, as the file's walk finds them.
    return sites.sort((a, b) => a.node.pos - b.node.pos || b.node.end - a.node.end);
  });
}

function safeGetCallTarget(node: ts.CallExpression | ts.NewExpression, context: AnalysisContext): CallTarget | undefined {
  try {
    return getCallTarget(node, context);
  } catch {
    return undefined;
  }
}

function factoryKey(library: string, on: string | undefined, call: string): string {
  return `${library}\u0000${on ?? ''}\u0000${call}`;
}

function getFactoryIndex(context: AnalysisContext): FactoryIndex {
  const libraries = context.knowledge.libraries;
  let index = factoryIndexes.get(libraries);
  if (!index) {
    index = new Map();
    for (const library of libraries) {
      for (const name of Object.keys(library.objects)) {
        const kind = context.knowledge.getKind(library, name);
        for (const factory of kind?.object.pool?.createdBy ?? []) {
          if (kind) index.set(factoryKey(library.name, factory.on, factory.call), { kind, factory });
        }
      }
    }
    factoryIndexes.set(libraries, index);
  }
  return index;
}

const factoryNames = new WeakMap<FactoryIndex, ReadonlySet<string>>();
const plainFactoryFilters = new WeakMap<FactoryIndex, ModuleFilter | undefined>();

/** The modules of the libraries with a factory called on no receiver (`knex(…)`, `createPool(…)`); undefined for none. */
function getPlainFactoryFilter(context: AnalysisContext): ModuleFilter | undefined {
  const index = getFactoryIndex(context);
  if (!plainFactoryFilters.has(index)) {
    const modules = new Set([...index.values()]
      .filter(({ factory }) => factory.on === undefined)
      .flatMap(({ kind }) => Object.values(kind.library.modules)));
    plainFactoryFilters.set(index, modules.size === 0 ? undefined : (exports) => modules.has(exports));
  }
  return plainFactoryFilters.get(index);
}

function getFactoryNames(context: AnalysisContext): ReadonlySet<string> {
  const index = getFactoryIndex(context);
  let names = factoryNames.get(index);
  if (!names) {
    names = new Set([...index.values()].map(({ factory }) => factory.call));
    factoryNames.set(index, names);
  }
  return names;
}

/** Reads a site's options: the object, the connection URLs, and the limits that apply. */
export function getPoolConfiguration(site: PoolSite, context: AnalysisContext): PoolConfiguration {
  if (site.factory?.takesOptions === false) return { type: 'unknown' };
  const location: PoolOptionsLocation = site.factory?.options ?? site.pool.options ?? {};
  const args = site.node.arguments ?? [];
  const index = location.argument ?? args.length - 1;
  const argument = index >= 0 ? args[index] : undefined;
  const urls: Evaluated[] = [];
  for (const url of location.urls ?? []) {
    const match = /^argument:(\d+)$/.exec(url);
    const urlArgument = match ? args[Number(match[1])] : undefined;
    if (urlArgument && urlArgument !== argument) urls.push(evaluate(urlArgument, context));
  }
  let options: Evaluated | undefined;
  if (argument) {
    if (isPoolValue(argument, context)) return { type: 'wraps' };
    options = evaluate(argument, context);
    if (options.kind === 'object' && location.clientProperties?.some((key) => options?.kind === 'object' && options.properties.has(key))) {
      return { type: 'wraps' };
    }
    // A closed options object without what makes a connection opens nothing (`knex({ client: 'oracledb' })`).
    if (options.kind === 'object' && !options.open && location.connectsWith
      && !location.connectsWith.some((key) => options?.kind === 'object' && options.properties.has(key))) {
      return { type: 'wraps' };
    }
    if (location.path && options.kind === 'object') {
      const [inner] = lookupPath(options, location.path);
      if (!inner?.found) return { type: 'wraps' };
      if (isPoolValue(inner.value.node, context)) return { type: 'wraps' };
      options = inner.value;
    }
    if (options.kind === 'string' || (options.kind === 'unknown' && options.env !== undefined)) {
      urls.push(options);
      options = undefined;
    } else if (options.kind === 'nullish') {
      options = undefined;
    } else if (options.kind !== 'object' && options.kind !== 'choice') {
      return { type: 'unknown' };
    }
  } else if (location.path) {
    return { type: 'wraps' };
  }
  if (options) {
    for (const url of location.urls ?? []) {
      if (url.startsWith('argument:')) continue;
      for (const lookup of lookupPath(options, url)) if (lookup.found) urls.push(lookup.value);
    }
  }
  const limits = chooseLimits(site, options, context);
  return { type: 'known', ...(options ? { options } : {}), urls, ...(limits ? { limits } : {}) };
}

/** An argument that is itself a pool or client (`new PrismaPg(pool)`, `drizzle(client)`). */
function isPoolValue(node: ts.Node, context: AnalysisContext): boolean {
  const { ts } = context;
  if (!ts.isExpression(node)) return false;
  const expression = skipOuterExpressions(node, ts);
  if (ts.isObjectLiteralExpression(expression) || ts.isStringLiteralLike(expression) || ts.isTemplateExpression(expression)) return false;
  try {
    const resolved = resolveExpression(expression, context);
    return resolved?.type === 'object' && resolved.object.pool !== undefined;
  } catch {
    return false;
  }
}

function chooseLimits(site: PoolSite, options: Evaluated | undefined, context: AnalysisContext): PoolLimits | undefined {
  const pool = site.pool;
  if (pool.limitsBeforeMajor) {
    const { major, packages, limits } = pool.limitsBeforeMajor;
    const declared = getDeclaredMajorVersion(site.node.getSourceFile().fileName, packages);
    if (declared !== undefined && declared < major) return limits;
  }
  if (pool.limitsByModule) {
    const module = getImportedModule(site.node.expression, context);
    const limits = module ? pool.limitsByModule[module] : undefined;
    if (limits) return limits;
  }
  if (pool.limitsByOption) {
    if (!options) return undefined;
    const [lookup] = lookupPath(options, pool.limitsByOption.option);
    if (!lookup?.found || lookup.value.kind !== 'string' || lookup.value.partial) return undefined;
    return pool.limitsByOption.values[lookup.value.value];
  }
  return pool.limits;
}

/** The module specifier the callee's root name is imported (or required) from. */
export function getImportedModule(callee: ts.Expression, context: AnalysisContext): string | undefined {
  const { ts } = context;
  let root = skipOuterExpressions(callee, ts);
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = skipOuterExpressions(root.expression, ts);
  if (!ts.isIdentifier(root)) return undefined;
  const declaration = getSymbolAt(root, context)?.declarations?.[0];
  if (!declaration) return undefined;
  let node: ts.Node | undefined = declaration;
  while (node && !ts.isImportDeclaration(node) && !ts.isVariableDeclaration(node)) node = node.parent;
  if (node && ts.isImportDeclaration(node) && ts.isStringLiteralLike(node.moduleSpecifier)) return node.moduleSpecifier.text;
  if (node && ts.isVariableDeclaration(node) && node.initializer) {
    const initializer = skipOuterExpressions(node.initializer, ts);
    if (ts.isCallExpression(initializer) && ts.isIdentifier(initializer.expression) && initializer.expression.text === 'require') {
      const specifier = initializer.arguments[0];
      if (specifier && ts.isStringLiteralLike(specifier)) return specifier.text;
    }
  }
  return undefined;
}

/** Every reading of one limit: one per branch of a ternary in the options. */
export function readLimit(configuration: Extract<PoolConfiguration, { type: 'known' }>, limit: LimitDefinition, context: AnalysisContext): LimitReading[] {
  const { options, urls } = configuration;
  if (options) {
    for (const path of limit.options) {
      const [lookup] = lookupPath(options, path);
      if (!lookup?.found) continue;
      const leaves = flattenChoices(lookup.value);
      if (leaves.every((leaf) => leaf.kind === 'nullish')) continue;
      return leaves.map((leaf) => readValue(leaf, limit, path, lookup.property ?? leaf.node, context));
    }
  }
  for (const url of urls) {
    if (url.kind !== 'string') continue;
    const parameters = getUrlParameters(url.value);
    if (!parameters) return [{ status: 'unknown', source: 'unknown', node: url.node }];
    for (const name of limit.urlParameters ?? []) {
      const text = parameters.get(name.toLowerCase());
      if (text === undefined) continue;
      const value = Number(text);
      if (Number.isNaN(value)) return [{ status: 'unknown', source: 'unknown', option: name, node: url.node }];
      return [{ ...interpret(value, limit), source: 'url', option: name, node: url.node }];
    }
  }
  return [readDefault(limit)];
}

function readValue(leaf: Evaluated, limit: LimitDefinition, option: string, node: ts.Node, _context: AnalysisContext): LimitReading {
  if (leaf.kind === 'nullish') return { ...readDefault(limit), option, node };
  let number: number | undefined;
  let fallbackFor: string | undefined;
  if (leaf.kind === 'number') {
    number = leaf.value;
    fallbackFor = leaf.fallbackFor;
  } else if (leaf.kind === 'string' && !leaf.partial && leaf.value.trim() !== '' && !Number.isNaN(Number(leaf.value))) {
    number = Number(leaf.value);
    fallbackFor = leaf.fallbackFor;
  }
  if (number === undefined) {
    if (leaf.kind === 'unknown' && leaf.env) return { status: 'unknown', source: 'unknown', option, node, env: leaf.env, whileUnset: readUnset(leaf, limit) };
    return { status: 'unknown', source: 'unknown', option, node };
  }
  const source = fallbackFor !== undefined ? 'env-fallback' : 'option';
  const passedBy = leaf.kind === 'number' ? leaf.passedBy : undefined;
  return { ...interpret(number, limit), source, option, node, ...(fallbackFor ? { env: fallbackFor } : {}), ...(passedBy ? { passedBy } : {}) };
}

function readUnset(leaf: Extract<Evaluated, { kind: 'unknown' }>, limit: LimitDefinition): UnsetReading {
  const converted = leaf.unset === 'NaN';
  const effect = leaf.unset === undefined ? undefined : limit.whenUnset?.[leaf.unset];
  if (effect === undefined) return { converted };
  if (effect === 'rejected' || effect === 'no-connections') return { converted, outcome: { status: effect } };
  if (typeof effect === 'number') return { converted, outcome: { status: 'bounded', value: effect } };
  const { status, value } = readDefault(limit);
  if (status === 'unknown') return { converted };
  return { converted, outcome: { status, ...(value !== undefined ? { value } : {}) } };
}

function interpret(value: number, limit: LimitDefinition): Pick<LimitReading, 'status' | 'value' | 'written'> {
  if (limit.rejectedUpTo !== undefined && value <= limit.rejectedUpTo) return { status: 'rejected', written: value };
  if (limit.replacedByDefault?.includes(value)) {
    const fromDefault = readDefault(limit);
    return { status: fromDefault.status, ...(fromDefault.value !== undefined ? { value: fromDefault.value } : {}), written: value };
  }
  if (limit.unlimited?.includes(value)) return { status: 'unlimited', written: value };
  return { status: 'bounded', value };
}

function readDefault(limit: LimitDefinition): LimitReading {
  if (limit.default === 'none') return { status: 'unlimited', source: 'default' };
  if (limit.default === 'computed') return { status: 'computed', source: 'default' };
  if (limit.unlimited?.includes(limit.default)) return { status: 'unlimited', source: 'default', written: limit.default };
  return { status: 'bounded', value: limit.default, source: 'default' };
}

/** Does an option make the limit moot (`waitForConnections: false` leaves no queue)? */
export function isMoot(configuration: Extract<PoolConfiguration, { type: 'known' }>, limit: LimitDefinition): boolean {
  if (!limit.moot || !configuration.options) return false;
  const [lookup] = lookupPath(configuration.options, limit.moot.option);
  if (!lookup?.found) return false;
  const value = lookup.value;
  return (value.kind === 'boolean' || value.kind === 'number' || value.kind === 'string') && value.value === limit.moot.equals;
}

/** The worst reading: unlimited, then the largest bound, then unknown. */
export function worstReading(readings: readonly LimitReading[]): LimitReading | undefined {
  const rank = (reading: LimitReading): number => (reading.status === 'rejected' ? 4 : reading.status === 'unlimited' ? 3 : reading.status === 'bounded' ? 2
    : reading.status === 'computed' ? 1 : 0);
  let worst: LimitReading | undefined;
  for (const reading of readings) {
    if (!worst || rank(reading) > rank(worst) || (reading.status === 'bounded' && worst.status === 'bounded' && (reading.value ?? 0) > (worst.value ?? 0))) {
      worst = reading;
    }
  }
  return worst;
}
