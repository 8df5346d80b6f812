/** The shape of what PoolGuard knows about a pool's configuration: where its options live, their defaults
 * and the values that mean "no limit" (pool rules and the `poolguard pools` inventory). */

/** A kind of object that is (or owns) a connection pool, or a single connection opened on its own. */
export interface PoolDefinition {
  /** What to call it in messages: `pg Pool`. */
  readonly noun: string;
  /** Calls other than `new` that create one: exported functions (`createPool`) or methods of another kind
   * (`mongoose.createConnection`). `new` of a kind that has a pool definition always creates one. */
  readonly createdBy?: readonly PoolFactoryDefinition[];
  /** Where the options are, for `new` and for factories that do not say (default: the last argument). */
  readonly options?: PoolOptionsLocation;
  /** Methods chained on the construction that open it (`new sql.ConnectionPool(cfg).connect()`,
   * `new DataSource(o).initialize()`): whatever holds the chain's result holds this pool. */
  readonly openedBy?: readonly string[];
  /** Methods that close it (`end`, `$disconnect`): a function that calls one built a short-lived client. The verbs
   * in `close-methods.ts` close every pool too. */
  readonly closedBy: readonly string[];
  /** Opening one is costly enough that the library asks for one per process (MongoClient: server discovery,
   * monitoring connections and a handshake per pooled connection): building one per call is reported even
   * when the call closes it again. */
  readonly onePerProcess?: boolean;
  /** One connection, not a pool (pg `Client`): only `no-pool-per-request` looks at it. */
  readonly singleConnection?: boolean;
  /** It opens no pool of its own, only wraps the one built in its arguments (`new Kysely({ dialect: new
   * PostgresDialect({ pool: new Pool() }) })`): a new one per request matters only when that pool is new too. */
  readonly wrapsOnly?: boolean;
  /** Size, acquire wait and queue limits, when they do not depend on anything else. */
  readonly limits?: PoolLimits;
  /** Limits chosen by the value of an option (TypeORM's `type: 'postgres'`). */
  readonly limitsByOption?: { readonly option: string; readonly values: Readonly<Record<string, PoolLimits>> };
  /** Limits chosen by the module the factory is imported from (`drizzle-orm/node-postgres`). */
  readonly limitsByModule?: Readonly<Record<string, PoolLimits>>;
  /** Limits of the major versions before `major` (MikroORM pooled through knex before 7), chosen when the
   * nearest package.json that declares one of `packages` asks for an earlier version. Checked first. */
  readonly limitsBeforeMajor?: { readonly major: number; readonly packages: readonly string[]; readonly limits: PoolLimits };
}

/** A call that creates or configures a pool of this kind. */
export interface PoolFactoryDefinition {
  /** Exported function or method name. */
  readonly call: string;
  /** The method is called on an object of this kind (`Mongoose` for `mongoose.connect`); absent: a module export. */
  readonly on?: string;
  /** It configures the one process-wide pool (`sql.connect`, `mongoose.connect`): calling it again reuses that
   * pool, so it is never a per-request construction. */
  readonly shared?: boolean;
  /** `false`: the call takes no pool options (a cluster's nodes get theirs from `add`). */
  readonly takesOptions?: false;
  readonly options?: PoolOptionsLocation;
}

/** Where a factory call's pool options are. */
export interface PoolOptionsLocation {
  /** Argument index; absent: the last argument. */
  readonly argument?: number;
  /** Property of that argument holding the options (`connection` in `drizzle({ connection })`). */
  readonly path?: string;
  /** Property paths (or `argument:N`) that may hold a connection URL whose query parameters set options.
   * `*` matches any property name (`datasources.*.url`). A string where the options belong is such a URL. */
  readonly urls?: readonly string[];
  /** Properties that hand over an existing pool or client (`drizzle({ client })`): the call then opens nothing. */
  readonly clientProperties?: readonly string[];
  /** Properties without one of which the call opens no connection (`knex({ client: 'pg' })` with no `connection`
   * only builds SQL text). */
  readonly connectsWith?: readonly string[];
}

/** The three things `no-unbounded-pool` checks. A limit left out means the library gives no way to set it. */
export interface PoolLimits {
  /** Connections the pool may open. */
  readonly size?: LimitDefinition;
  /** How long a caller waits for a free connection. */
  readonly acquireTimeout?: LimitDefinition;
  /** How many callers may wait for a connection. */
  readonly queue?: LimitDefinition;
}

/** One limit: the options that set it, its default and its sentinels. */
export interface LimitDefinition {
  /** Option paths in the options object, highest precedence first (`extra.max` overrides `poolSize`). */
  readonly options: readonly string[];
  /** Query parameters of a connection URL that set it (`connection_limit`), lower precedence than options. */
  readonly urlParameters?: readonly string[];
  /** Value when not set: a number, `none` (no limit: unbounded, waits forever) or `computed` (bounded, not a
   * constant, described by `defaultText`). */
  readonly default: number | 'none' | 'computed';
  /** How the library's docs state the default, when not a plain number (`num_physical_cpus * 2 + 1`). */
  readonly defaultText?: string;
  /** Values that mean no limit (mysql `connectionLimit: 0`, oracledb `queueMax: -1`). */
  readonly unlimited?: readonly number[];
  /** Building the pool throws for a value up to this one (tarn: `acquireTimeoutMillis` must be > 0). */
  readonly rejectedUpTo?: number;
  /** Values the library ignores and replaces with the default (pg `max: 0` becomes 10, generic-pool ignores a
   * falsy `acquireTimeoutMillis`). */
  readonly replacedByDefault?: readonly number[];
  /** The value the fix suggestion writes when the limit is missing or set to a "no limit" value: the library's
   * own default when it has a finite one, else the conventional value noted in pool-limits.ts. Absent: no
   * suggestion. */
  readonly suggestedValue?: number;
  /** Unit of the value, for messages and the inventory. */
  readonly unit?: 'ms' | 's' | 'connections' | 'callers';
  /** The limit does not apply when this option has this value (mysql2 `waitForConnections: false`: no queue). */
  readonly moot?: { readonly option: string; readonly equals: string | number | boolean };
  /** What the library makes of the option while an environment variable it is read from is unset: `undefined`
   * (`process.env.X` as it is) and `NaN` (`Number(process.env.X)`, also for a value that is not a number).
   * Absent: not known. */
  readonly whenUnset?: { readonly undefined: UnsetEffect; readonly NaN: UnsetEffect };
}

/** `default`: as if the option were not written (pg `max || 10`); a number: that bound (Sequelize `NaN || 30000`);
 * `rejected`: building the pool throws (tarn: "opt.max must be an integer > 0"); `no-connections`: the pool
 * never opens one, every caller waits (mysql `length < NaN`). */
export type UnsetEffect = 'default' | 'rejected' | 'no-connections' | number;
