/** The shape of PoolGuard's knowledge about a database library: data only, no behaviour. */
import type { PoolDefinition } from './pool-definition.js';

/**
 * One library: the modules it is imported from, the kinds of objects it hands out, and what each
 * call on them does to connections (acquire, release, query). Analyses ask this data; they never
 * compare package or method names themselves.
 */
export interface LibraryDefinition {
  /** npm package name, used in messages: `pg`, `mysql2`. */
  readonly name: string;
  /** Link to the library's documentation of connections and pools. */
  readonly docs: string;
  /** Import specifiers (exact) and what each module exports. `default` is the default export;
   * when a module has no `default` entry, the default import is the module namespace. */
  readonly modules: Readonly<Record<string, ModuleExports>>;
  /** Regular expressions for import specifiers that are generated or vary (Prisma's output path). */
  readonly modulePatterns?: readonly string[];
  /** Packages whose declaration files declare this library's types (typed recognition). */
  readonly typePackages: readonly string[];
  /** A client a code generator writes into a project folder, which imports then name by its path. */
  readonly generatedClient?: GeneratedClientDefinition;
  /** Kinds of objects the library hands out, by name. */
  readonly objects: Readonly<Record<string, ObjectDefinition>>;
  /** How to batch a query of this library, said in N+1 messages. */
  readonly batchAdvice?: string;
  /** How to load a chain of records (a record's parent, its parent, …) in one query instead of one lookup per link. */
  readonly chainAdvice?: string;
  /** Advice for a loop whose every query is of one kind (`create`: one multi-row insert, not a bulk read). */
  readonly batchAdviceByKind?: Readonly<Partial<Record<QueryKind, string>>>;
  /** Property decorators declaring relations: such a property typed `Promise<…>` (or with `{ lazy: true }`)
   * runs a query when awaited (TypeORM lazy relations). */
  readonly lazyRelationDecorators?: readonly string[];
  /** Regular expressions for names of function types, declared by the library, whose calls send a query
   * (Sequelize's association mixins: `HasManyGetAssociationsMixin`). */
  readonly queryFunctionTypes?: readonly string[];
  /** Client extensions that add computed fields to the records queries return. */
  readonly resultExtensions?: ResultExtensionDefinition;
  /** How a query joins an open transaction of this library, instead of taking another connection. */
  readonly transactions?: TransactionDefinition;
}

/**
 * Computed result fields (Prisma `client.$extends({ result: { post: { author: { needs, compute(post) {…} } } } })`):
 * a record of a model query made through the extended client gets the field, and reading it calls `compute`
 * with the record. A `compute` that returns a function makes a method, run when the record calls it.
 */
export interface ResultExtensionDefinition {
  /** The client method that returns the extended client, given the extension (`$extends`). */
  readonly method: string;
  /** The extension's property holding the computed fields by model (`result`). */
  readonly component: string;
  /** The model key whose fields every model gets (`$allModels`). */
  readonly allModels: string;
  /** The field's function that computes its value from the record (`compute`). */
  readonly compute: string;
  /** Library functions that hand back the extension they are given (`Prisma.defineExtension(ext)`). */
  readonly definers: readonly string[];
  /** What to do instead of a computed field that queries, read once per element (N+1 messages). */
  readonly advice: string;
}

/**
 * Transactions: while one holds a connection, a query through the root pool, client or ORM takes a second
 * connection from the same pool (and runs outside the transaction) unless it joins the transaction.
 */
export interface TransactionDefinition {
  /** Methods of a query builder that run it on a given transaction (knex `.transacting(trx)`). */
  readonly joinMethods?: readonly string[];
  /** An option of a query call that carries the transaction (Sequelize `{ transaction: t }`). */
  readonly joinOption?: string;
  /** Calls anywhere in the program that make every query join the current managed transaction on its own
   * (Sequelize `Sequelize.useCLS(namespace)`). */
  readonly implicitJoinEnabledBy?: readonly string[];
  /** Queries through the root object join the current managed transaction by themselves (MikroORM's global
   * `orm.em` resolves to the transaction's context), except through objects these methods return (`em.fork()`). */
  readonly implicitJoinExceptVia?: readonly string[];
  /** The handle can stand where the root object stands (`knex('t')` → `trx('t')`, `prisma.user` → `tx.user`),
   * so replacing the root by the handle is an exact fix. With a list, only a managed transaction's handle, and only
   * before these members (TypeORM: `dataSource.getRepository(X)` → `manager.getRepository(X)`). */
  readonly handleReplacesRoot?: true | readonly string[];
  /** How to join, said in messages; `{{handle}}` and `{{root}}` are filled in. */
  readonly joinAdvice: string;
  /** Exported functions the library's own tooling calls inside a transaction it opens, passing its handle: that
   * parameter is a held transaction, not a pool root (knex's migrator runs `up(trx)` / `down(trx)`). */
  readonly toolingTransactions?: readonly ToolingTransaction[];
  /** The same for a held resource whose handle is not a managed transaction's (TypeORM's query runner reaches the
   * repositories through `runner.manager`), when it differs. */
  readonly resourceJoinAdvice?: string;
}

/** A call that runs its callback in a transaction the library commits or rolls back when the callback settles
 * (`knex.transaction(async (trx) => …)`); without a function argument it is not one (Prisma's `$transaction([…])`). */
export interface ManagedTransactionDefinition {
  /** Position of the transaction handle among the callback's parameters. */
  readonly handleParameter: number;
}

/** Kinds of query that get their own batching advice: a single-row insert (or a save that may insert), an update, a
 * delete (one row, or the rows one call matches), an insert-or-update where the library has no bulk form of it. */
export type QueryKind = 'create' | 'update' | 'delete' | 'upsert';

/** Exported names of one module. */
export type ModuleExports = Readonly<Record<string, ValueDefinition>>;

/** What a call does, for exported functions, methods and callable objects alike. */
export interface CallDefinition {
  /** Object kind of the call's result (after `await`). */
  readonly returns?: string;
  /** The call returns a function that does what the argument at this position does (`util.promisify(exec)`: a
   * promise-returning `exec`), so its calls are that argument's calls. */
  readonly returnsArgument?: number;
  /** The call returns its receiver itself (an EventEmitter's `on`), so `client.on(…).connect()` acts on `client`. */
  readonly returnsReceiver?: boolean;
  /** The call sends a query to the database. */
  readonly query?: boolean;
  /** The call batches (DataLoader `load`): never an N+1 even in a loop. */
  readonly batched?: boolean;
  /** The call writes or reads many rows in one round trip (`createMany`, `bulkWrite`, `insertMany`): in a loop
   * it is the batching itself (one call per chunk), so it is not reported as an N+1. */
  readonly bulk?: boolean;
  /** The query reads one record, looked up by a key (`findOne`, `findUnique`, `findByPk`, knex `first()`): a loop that
   * assigns it back to the variable whose field keyed it walks a chain of records. */
  readonly oneRecord?: boolean;
  /** What the query does, to fit the N+1 advice (`create`: a single-row insert; `update`; `delete`). */
  readonly kind?: QueryKind;
  /** The call loads a relation of its receiver, named by the string argument at this position
   * (`document.$get('import')`): behind the relation it loads (`document.import ?? await document.$get('import')`) it
   * runs only when the caller did not eager-load it. */
  readonly associationArgument?: number;
  /** Calls issued in the same tick are batched into one query (Prisma's `findUnique` in `Promise.all`);
   * sequential calls are not. */
  readonly batchedInSameTick?: boolean;
  /** Object kind of each record the (awaited) result holds: `findAll` yields model instances. */
  readonly yields?: string;
  /** The call takes a connection that someone must give back. */
  readonly acquires?: AcquireDefinition;
  /** Object kinds of the parameters of a callback passed as the last argument
   * (`knex.transaction(async (trx) => …)` gives `trx` the kind `Transaction`). */
  readonly callbackParameters?: readonly (string | null)[];
  /** The call runs its function argument in a managed transaction. */
  readonly transaction?: ManagedTransactionDefinition;
  /** The call waits on slow non-database I/O (an HTTP request, a payment API, a sleep): what to call it in messages. */
  readonly io?: string;
}

/** An exported value: a namespace, a class, a factory function, or an object. */
export interface ValueDefinition extends CallDefinition {
  /** `new X()` yields an object of this kind. */
  readonly constructs?: string;
  /** The value itself is an object of this kind (mongoose's default export). */
  readonly is?: string;
  /** Members of a namespace-like value (`pg.Pool`, `sql.ConnectionPool`). */
  readonly members?: Readonly<Record<string, ValueDefinition>>;
}

/** A kind of object handed out by the library: a pool, a client, a query builder, … */
export interface ObjectDefinition {
  /** Type names declared by the library for this kind (typed recognition); defaults to the kind's name. */
  readonly typeNames?: readonly string[];
  /** Match `typeNames` wherever they are declared (generated clients such as Prisma's). */
  readonly typeNamesAnywhere?: boolean;
  readonly methods?: Readonly<Record<string, CallDefinition>>;
  /** Any method not listed in `methods` (chainable query builders). */
  readonly otherMethods?: CallDefinition;
  /** Regular expressions for generated method names that send a query (Sequelize's `getPosts`, `countPosts`). */
  readonly queryMethodPatterns?: readonly string[];
  /** What generates those methods: decorators on a property named after the association, or calls on the model
   * (`User.hasMany(Post, { as: 'posts' })`). When the model class is visible, a generated name needs one of them. */
  readonly queryMethodsDeclaredBy?: { readonly decorators: readonly string[]; readonly calls: readonly string[] };
  /** Properties and the object kinds they hold (`dataSource.manager`). */
  readonly properties?: Readonly<Record<string, string>>;
  /** Any property not listed (Prisma's model delegates: `prisma.user`). */
  readonly otherProperties?: string;
  /** Calling the object itself (`knex('users')`, `trx('orders')`). */
  readonly call?: CallDefinition;
  /** Using the object as a template tag (postgres.js `` sql`select …` ``). */
  readonly tag?: CallDefinition;
  /** Awaiting (or `.then`) an object of this kind sends its query (lazy builders). */
  readonly awaitRunsQuery?: boolean;
  /** Objects of this kind hold a connection until released. */
  readonly resource?: ResourceDefinition;
  /** Model loaders (Sequelize's `models/index.js`): each module of a models folder exports a function that the loader
   * calls with this object (`require(file)(sequelize, DataTypes)`), collecting the results by name
   * (`db[model.name] = model`). A module defines a model when its function calls one of `defineMethods` on its first
   * parameter (`sequelize.define(…)`), or calls `initMethod` with an options object whose `instanceOption` is that
   * parameter (`User.init(attributes, { sequelize })`). The loader's collection is of kind `registry`. With
   * `importMethod`, this object also loads a module itself (`sequelize.import(file)`). */
  readonly modelLoaders?: {
    readonly defineMethods: readonly string[];
    readonly initMethod: string;
    readonly importMethod?: string;
    readonly instanceOption: string;
    readonly registry: string;
  };
  /** Objects of this kind are connection pools or clients that own one (pool rules). */
  readonly pool?: PoolDefinition;
}

/** How a held resource is given back. */
export interface ResourceDefinition {
  /** What to call it in messages: `client`, `connection`, `query runner`, `transaction`, `session`. */
  readonly noun: string;
  /** Methods on the resource that give it back (`client.release()`). */
  readonly releasedBy: readonly string[];
  /** Methods on any object of the same library that take the resource as first argument
   * (`pool.release(resource)` in generic-pool, `pool.releaseConnection(conn)` in mysql2). */
  readonly releasedByPassingTo?: readonly string[];
  /** The resource takes its pool connection at its first use, not when it is created (TypeORM's query runner connects
   * at `connect()`, `startTransaction()` or its first query). */
  readonly connectsOnFirstUse?: boolean;
  /** Whether holding it holds a transaction: `always` (knex's `await knex.transaction()`), or only between a begin and
   * an end that the code sends on it (a pg client's `BEGIN` … `COMMIT`). Absent: a checked-out connection. */
  readonly transaction?: 'always' | TransactionControl;
  /** Methods of the resource whose failure leaves nothing held, so an exception there is not a leak
   * (TypeORM's query runner only takes a connection once `connect()` succeeds). */
  readonly setupMethods?: readonly string[];
  /** Methods of the object the resource was taken from that close that owner and, with it, every resource it
   * handed out (TypeORM's `dataSource.destroy()` releases its connected query runners; mysql2's `pool.end()`
   * closes checked-out connections). */
  readonly releasedByClosingOwner?: readonly string[];
  /** `using` / `await using` releases it (the library implements `Symbol.dispose`/`asyncDispose`). */
  readonly disposable?: boolean;
  /** Events whose listener (`client.on('notification', …)`) says the resource is kept open on purpose to receive
   * them: a pg LISTEN connection lives as long as the process, and nothing releases it. */
  readonly keptOpenByEvents?: readonly string[];
  /** What a `finally` block calls to give it back, for the try/finally suggestion: a method of the resource
   * (`client.release()`), or with `passedTo` a method of the object it came from (`pool.release(resource)`);
   * `awaited` when it returns a promise. Absent when giving it back decides an outcome (a transaction commits
   * or rolls back), so no `finally` is mechanical. */
  readonly finallyRelease?: { readonly method: string; readonly passedTo?: boolean; readonly awaited?: boolean };
  /** A transaction ended by `await trx.commit()` / `await trx.rollback()` (methods of the resource): the
   * suggestion wraps the uses through the final commit in `try`, and rolls back and rethrows in `catch`. */
  readonly settledBy?: { readonly commit: string; readonly rollback: string };
}

export interface ToolingTransaction {
  /** The exported function names (`up`, `down`). */
  readonly exports: readonly string[];
  /** Position of the handle among their parameters. */
  readonly handleParameter: number;
  /** The module opts out by exporting an object whose property is `false` (`export const config = { transaction: false }`). */
  readonly optOut?: { readonly export: string; readonly property: string };
}

/** How code opens and ends a transaction on a held connection. */
export interface TransactionControl {
  /** Methods of the resource that begin one (`runner.startTransaction()`, `connection.beginTransaction()`). */
  readonly beginMethods?: readonly string[];
  /** Methods of the resource that end it (`commitTransaction`, `rollbackTransaction`). */
  readonly endMethods?: readonly string[];
  /** `BEGIN` / `START TRANSACTION` and `COMMIT` / `ROLLBACK` sent as SQL through the resource's queries. */
  readonly statements?: boolean;
}

/** A call that takes a connection. */
export interface AcquireDefinition {
  /** `result`: the call's (awaited) result is the resource (`await pool.connect()`);
   * `receiver`: the object the method is called on now holds a connection (`client.connect()`). */
  readonly resource: 'result' | 'receiver';
  /** With a function as last argument the library manages the connection: no acquisition
   * (`knex.transaction(async trx => …)`). */
  readonly managedWithCallback?: boolean;
  /** With a function as last argument the connection is handed to that callback, which must give it
   * back (`pool.connect((err, client, done) => …)`). Parameter positions of the callback. */
  readonly callback?: CallbackAcquireDefinition;
}

export interface CallbackAcquireDefinition {
  readonly errorParameter?: number;
  readonly resourceParameter: number;
  /** A parameter that is itself the release function (pg's `done`). */
  readonly releaseParameter?: number;
}

/**
 * A client generated into a project folder: a `generator` block of a schema file names its `provider` and its
 * `output` folder (relative to the schema file). On a fresh clone the folder is not generated yet, so an import of it
 * is known by the path alone, and only the schema says whether that path is this library's client.
 */
export interface GeneratedClientDefinition {
  /** Generator providers that write this library's client (others, such as type or validator generators, do not). */
  readonly providers: readonly string[];
  /** Config files beside the package.json whose `schema: '…'` names the schema file or folder. */
  readonly configFiles: readonly string[];
  /** The package.json key whose `schema` names it (`"prisma": { "schema": "…" }`). */
  readonly packageJsonKey: string;
  /** Schema files or folders of schema files, relative to the package root, when no config names one. */
  readonly defaultSchemas: readonly string[];
  /** The schema files' extension. */
  readonly schemaExtension: string;
  /** Module paths inside the output folder that export the client ('' for the folder itself). */
  readonly entryPoints: readonly string[];
}
