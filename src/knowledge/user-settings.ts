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

/** JSON schema of {@link PoolGuardSettings}: schema.json's `settings`, and what both hosts check settings against
 * (`schema-problems.ts`). */
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
        anyOf: [{ required: ['release'] }, { required: ['releaseBy'] }],
        properties: {
          module: { type: 'string', minLength: 1, description: 'Import specifier (package name or path ending).' },
          acquire: { type: 'string', minLength: 1, description: '`fn`, `Class#method` or `object.method` that acquires.' },
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
          module: { type: 'string', minLength: 1, description: 'Import specifier (package name or path ending).' },
          functions: { type: 'array', items: { type: 'string' }, description: '`fn`, `Class#method` or `object.method`.' },
        },
      },
    },
  },
} as const;

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

/** analysis/core/regexp-text.ts's, kept here: the knowledge base imports nothing from src/analysis (eslint.config.js). */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
