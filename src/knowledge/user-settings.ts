/** `settings.poolguard` (ESLint) and the CLI config's `settings`: one schema, turned into library definitions. */
import type { CallDefinition, LibraryDefinition, ObjectDefinition, ValueDefinition } from './library-definition.js';

/** What users declare about their own database wrappers. */
export interface PoolGuardSettings {
  /** In-house acquire/release pairs, e.g. `{ module: '@acme/db', acquire: 'checkout', release: ['checkin'] }`. */
  readonly resources?: readonly ResourceSetting[];
  /** Functions that send a query: a call to one in a loop is an N+1. */
  readonly queries?: readonly FunctionsSetting[];
  /** Functions that batch (DataLoader-like): never an N+1. */
  readonly batched?: readonly FunctionsSetting[];
  /** In-house functions that wait on slow non-database I/O (a call to another service): awaited while a connection
   * is held, `no-io-in-transaction` reports them. */
  readonly slowCalls?: readonly FunctionsSetting[];
  /** Connections one pool may open before `no-unbounded-pool` calls it over budget (default 100). */
  readonly maxPoolSize?: number;
}

export interface ResourceSetting {
  /** Import specifier of the wrapper: a package (`@acme/db`) or a path ending (`lib/db`). */
  readonly module: string;
  /** The acquiring function: `checkout` (exported function), `Database#checkout` (method of instances of the
   * exported class `Database`) or `db.checkout` (method of the exported object `db`). */
  readonly acquire: string;
  /** Methods on the resource that give it back (`release`, `close`). */
  readonly release?: readonly string[];
  /** Functions or methods of the same module that give it back when passed the resource (`checkin(conn)`). */
  readonly releaseBy?: readonly string[];
  /** What to call the resource in messages (default `connection`). */
  readonly noun?: string;
}

export interface FunctionsSetting {
  readonly module: string;
  /** Same path syntax as `acquire`: `loadUser`, `Repo#find`, `repo.find`. */
  readonly functions: readonly string[];
}

/** JSON schema of {@link PoolGuardSettings}, shared by the ESLint settings check and the CLI config. */
export const settingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    resources: {
      type: 'array',
      description: 'In-house acquire/release pairs.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['module', 'acquire'],
        properties: {
          module: { type: 'string', description: 'Import specifier (package name or path ending).' },
          acquire: { type: 'string', description: '`fn`, `Class#method` or `object.method` that acquires.' },
          release: { type: 'array', items: { type: 'string' }, description: 'Methods on the resource that release it.' },
          releaseBy: { type: 'array', items: { type: 'string' }, description: 'Functions of the module that release the resource passed to them.' },
          noun: { type: 'string', description: 'What to call the resource in messages.' },
        },
      },
    },
    queries: { $ref: '#/definitions/functions', description: 'Functions that send a query.' },
    batched: { $ref: '#/definitions/functions', description: 'Functions that batch: never an N+1.' },
    slowCalls: { $ref: '#/definitions/functions', description: 'Functions that wait on slow non-database I/O (another service).' },
    maxPoolSize: { type: 'integer', minimum: 1, description: 'Per-pool connection budget (default 100).' },
  },
  definitions: {
    functions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['module', 'functions'],
        properties: {
          module: { type: 'string', description: 'Import specifier (package name or path ending).' },
          functions: { type: 'array', items: { type: 'string' }, description: '`fn`, `Class#method` or `object.method`.' },
        },
      },
    },
  },
} as const;

/** The first problem in `value`, or undefined when it fits the schema. */
export function getSettingsProblem(value: unknown): string | undefined {
  return getSettingsProblems(value)[0];
}

/** Every problem in `value` (empty when it fits the schema), in the order of the schema. */
export function getSettingsProblems(value: unknown): string[] {
  if (value === undefined) return [];
  if (!isRecord(value)) return ['settings.poolguard must be an object'];
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (!(key in settingsSchema.properties)) problems.push(`settings.poolguard.${key} is not a known setting (expected one of resources, queries, batched, slowCalls, maxPoolSize)`);
  }
  if (value.maxPoolSize !== undefined && !(Number.isInteger(value.maxPoolSize) && Number(value.maxPoolSize) >= 1)) {
    problems.push('settings.poolguard.maxPoolSize must be a positive integer');
  }
  const resources = value.resources;
  if (resources !== undefined && !Array.isArray(resources)) problems.push('settings.poolguard.resources must be an array');
  if (Array.isArray(resources)) {
    for (const [index, entry] of resources.entries()) problems.push(...getResourceProblems(entry, `settings.poolguard.resources[${index}]`));
  }
  for (const key of ['queries', 'batched', 'slowCalls'] as const) {
    const list = value[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push(`settings.poolguard.${key} must be an array`);
      continue;
    }
    for (const [index, entry] of list.entries()) problems.push(...getFunctionsProblems(entry, `settings.poolguard.${key}[${index}]`));
  }
  return problems;
}

function getResourceProblems(entry: unknown, where: string): string[] {
  if (!isRecord(entry)) return [`${where} must be an object`];
  const problems: string[] = [];
  if (typeof entry.module !== 'string' || entry.module === '') problems.push(`${where}.module must be a non-empty string`);
  if (typeof entry.acquire !== 'string' || entry.acquire === '') problems.push(`${where}.acquire must be a non-empty string`);
  for (const key of ['release', 'releaseBy'] as const) {
    if (entry[key] !== undefined && !isStringArray(entry[key])) problems.push(`${where}.${key} must be an array of strings`);
  }
  if (entry.release === undefined && entry.releaseBy === undefined) problems.push(`${where} needs release or releaseBy`);
  return problems;
}

function getFunctionsProblems(entry: unknown, where: string): string[] {
  if (!isRecord(entry)) return [`${where} must be an object`];
  const problems: string[] = [];
  if (typeof entry.module !== 'string' || entry.module === '') problems.push(`${where}.module must be a non-empty string`);
  if (!isStringArray(entry.functions)) problems.push(`${where}.functions must be an array of strings`);
  return problems;
}

/** Turns user settings into library definitions, one per module named. */
export function toLibraryDefinitions(settings: PoolGuardSettings): LibraryDefinition[] {
  const builders = new Map<string, LibraryBuilder>();
  const builderFor = (module: string): LibraryBuilder => {
    let builder = builders.get(module);
    if (!builder) {
      builder = { exports: {}, objects: {} };
      builders.set(module, builder);
    }
    return builder;
  };
  for (const [index, resource] of (settings.resources ?? []).entries()) {
    const builder = builderFor(resource.module);
    const resourceKind = `resource${index}`;
    builder.objects[resourceKind] = {
      typeNames: [],
      resource: {
        noun: resource.noun ?? 'connection',
        releasedBy: [...(resource.release ?? [])],
        releasedByPassingTo: (resource.releaseBy ?? []).map((path) => lastSegment(path)),
      },
    };
    for (const path of resource.releaseBy ?? []) addCall(builder, path, {});
    addCall(builder, resource.acquire, { returns: resourceKind, acquires: { resource: 'result' } });
  }
  for (const entry of settings.queries ?? []) {
    for (const path of entry.functions) addCall(builderFor(entry.module), path, { query: true });
  }
  for (const entry of settings.batched ?? []) {
    for (const path of entry.functions) addCall(builderFor(entry.module), path, { batched: true });
  }
  return toDefinitions(builders);
}

/** The in-house slow calls of the settings, as definitions for the slow I/O catalogue. */
export function toSlowIoDefinitions(settings: PoolGuardSettings): LibraryDefinition[] {
  const builders = new Map<string, LibraryBuilder>();
  for (const entry of settings.slowCalls ?? []) {
    const builder = builders.get(entry.module) ?? { exports: {}, objects: {} };
    builders.set(entry.module, builder);
    for (const path of entry.functions) addCall(builder, path, { io: `\`${path}\` (declared slow in settings)` });
  }
  return toDefinitions(builders);
}

function toDefinitions(builders: ReadonlyMap<string, LibraryBuilder>): LibraryDefinition[] {
  return [...builders].map(([module, builder]) => ({
    name: module,
    docs: '',
    modules: { [module]: builder.exports },
    modulePatterns: isPackageName(module) ? [] : [`(^|/)${escapeRegExp(stripExtension(module.replace(/^(\.\.?\/)+/, '')))}(\\.[cm]?[jt]sx?)?$`],
    typePackages: isPackageName(module) ? [module] : [],
    objects: builder.objects,
  }));
}

interface LibraryBuilder {
  exports: Record<string, ValueDefinition>;
  objects: Record<string, ObjectDefinition>;
}

/** Adds `fn`, `Class#method` or `object.method` to the builder with the given call behaviour. */
function addCall(builder: LibraryBuilder, path: string, call: CallDefinition): void {
  const classMethod = /^([\w$]+)#([\w$]+)$/.exec(path);
  const objectMethod = /^([\w$]+)\.([\w$]+)$/.exec(path);
  const match = classMethod ?? objectMethod;
  if (!match) {
    builder.exports[path] = { ...builder.exports[path], ...call };
    return;
  }
  const [, owner = '', method = ''] = match;
  const object = builder.objects[owner] ?? { typeNames: [owner] };
  builder.objects[owner] = { ...object, methods: { ...object.methods, [method]: call } };
  builder.exports[owner] = classMethod ? { constructs: owner } : { is: owner };
}

function lastSegment(path: string): string {
  return path.split(/[#.]/).at(-1) ?? path;
}

function isPackageName(module: string): boolean {
  return !module.startsWith('.') && !module.startsWith('/') && !/^[\w-]+\/[\w-]+\//.test(module) && !module.includes('\\') && (module.startsWith('@') || !module.includes('/'));
}

function stripExtension(module: string): string {
  return module.replace(/\.[cm]?[jt]sx?$/, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
