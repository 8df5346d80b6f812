/** Where web frameworks run code once per request (or per invocation) rather than once per process: route
 * registrations, exported handlers, decorated controllers, serverless entry points; and the callbacks that run
 * once at start-up. Read by `analysis/pools/per-request-context.ts`. Names are matched exactly unless said
 * otherwise; pattern entries are regular-expression sources matched against the whole name. */

/** Express, Fastify, Koa, Hono and routers like them: `app.get('/users', handler)`, `router.use(handler)`,
 * `app.route('/users').post(handler)`. */
export const routeRegistration = {
  /** Router methods that take a handler. */
  methods: ['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use', 'any', 'on'],
  /** Methods whose handler serves every verb: messages name the path without one. */
  verblessMethods: ['use', 'all', 'on'],
  /** `on(event, handler)` registers a per-request handler only for these events (Bun/Deno servers, ws, Socket.IO). */
  perRequestEvents: ['request', 'fetch', 'message', 'connection'],
  /** `app.route('/path').get(handler)`: the method that starts a chained route. */
  chainMethod: 'route',
  /** Receivers a registration is recognised on when its first argument is not a `/path` string. */
  receiverNames: ['app', 'router', 'server', 'api', 'fastify', 'hono', 'koa', 'route', 'routes', 'instance', 'r'],
  /** …and receivers named a lower-case word and one of these (`userRouter`, `adminApi`). */
  receiverNameSuffixes: ['Router', 'Routes', 'App', 'Api', 'Server'],
  /** …and versioned routers (`v1`). */
  receiverNamePatterns: ['v\\d+'],
} as const;

/** Middleware that holds a transaction for the rest of the request: registered with one of `useMethods` (or ahead
 * of a route's handler in its handler list), it calls its last parameter (`next`: Express `(req, res, next)`,
 * Koa and Hono `(ctx, next)`) inside a transaction's callback, or passes it on to a function there. The handlers
 * registered after it on the same app or router, and those of the routers mounted there after it, run while that
 * connection is held. Read by `analysis/transactions/middleware-transactions.ts`. */
export const transactionMiddleware = {
  useMethods: ['use'],
  /** Methods that mount a router on another: Express and Koa `use('/path', router)`, Hono `route('/path', router)`. */
  mountMethods: ['use', 'route'],
  /** `(ctx, next)` (Koa, Hono): `await next()` returns once the rest of the request has run. */
  awaitingNextParameterCounts: [2],
  /** `(req, res, next)` and `(err, req, res, next)` (Express, Connect): `next()` returns at once, so the middleware
   * holds its transaction for the handlers only while it waits on a promise that `next()` is called in
   * (`await new Promise((resolve) => { res.on('finish', resolve); next(); })`). */
  callbackNextParameterCounts: [3, 4],
  /** `use('/invoices', mw)` runs the middleware for that path and every path under it in Express and Connect (the
   * middleware forms with these parameter counts); Hono's `(c, next)` matches a path without `*` exactly
   * (`use('/invoices/*', mw)` for the paths under it). */
  prefixPathParameterCounts: [3, 4],
} as const;

/** Functions whose callback argument is a request handler: h3/Nuxt `defineEventHandler`/`eventHandler`, Firebase
 * `onRequest`/`onCall`, `createHandler`, Auth0's `withApiAuthRequired`. */
export const routeHandlerFactories: readonly string[] = ['defineEventHandler', 'eventHandler', 'onRequest', 'onCall', 'createHandler', 'withApiAuthRequired'];

/** tRPC: `publicProcedure.query(handler)`; the receiver's root name ends with `procedureNameSuffix` (any case). */
export const trpcProcedures = {
  procedureNameSuffix: 'procedure',
  methods: ['query', 'mutation'],
} as const;

/** tRPC's request context: `const t = initTRPC.context<Context>().create()`; every procedure built from `t`
 * (`t.procedure.use(…).input(…)`) calls its resolver with `{ ctx, input }`, where `ctx` has the type the
 * `context<…>()` call names: an object type, or the context factory's type (`typeof createContext`), meaning what
 * the factory returns. Read by `analysis/core/procedure-context.ts` when the checker cannot say (a fresh clone
 * without `@trpc/server` installed types `ctx` as `any`). */
export const trpcContext = {
  modules: ['@trpc/server'],
  builderExport: 'initTRPC',
  /** The builder method whose type argument is the context type. */
  contextMethod: 'context',
  /** Methods that take a resolver (or middleware) called with the options object. */
  resolverMethods: ['query', 'mutation', 'subscription', 'use', 'middleware'],
  /** The options object's property that holds the context. */
  contextProperty: 'ctx',
  /** `procedure.use(middleware)` puts a middleware before the procedure's resolver. */
  middlewareMethods: ['use'],
  /** `t.middleware(fn)` wraps a middleware function. */
  middlewareFactories: ['middleware'],
  /** A middleware's options property that calls the next step: `next({ ctx: { db: tx } })` merges that object into
   * the context the later steps see (properties it does not name pass through). */
  nextProperty: 'next',
} as const;

/** Type helpers that stand for their (first) type argument's object, or for what a function it names returns
 * (`Awaited<ReturnType<typeof createContext>>`, tRPC's `inferAsyncReturnType<typeof createContext>`). */
export const contextTypeWrappers: readonly string[] = ['Awaited', 'ReturnType', 'Promise', 'inferAsyncReturnType', 'Readonly'];

/** An options object passed to a call whose `handler` property is the handler (Fastify `app.route({ handler })`,
 * route-definition helpers). */
export const handlerOptionNames: readonly string[] = ['handler'];

/** Exported functions that frameworks call per request, by name. */
export const perRequestExports = {
  /** Next.js `route.ts`, SvelteKit `+server.ts`, Astro endpoints: an exported HTTP method is a handler. */
  httpMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
  /** Next.js `getServerSideProps` and `middleware`, Remix `loader` and `action`. */
  dataFunctions: ['getServerSideProps', 'loader', 'action', 'middleware'],
  /** AWS Lambda and other serverless platforms: `export const handler`, `exports.handler = …`. */
  serverlessHandlers: ['handler', 'lambdaHandler'],
} as const;

/** Next.js server actions: a file or function body starting with this directive. */
export const serverActionDirective = 'use server';

/** Next.js pages-router API routes: the default export of a file under one of these folders. */
export const apiRouteFolders: readonly string[] = ['pages/api'];

/** Cloudflare Workers, Bun, Deno: `export default { async fetch(request, env) { … } }`. */
export const workerFetchMethod = 'fetch';

/** A handler's parameters: a first parameter typed as a framework's request (or a serverless event), or named
 * like a request and followed by one named like a response (a leading `_` allowed). */
export const requestParameters = {
  /** Type names, also qualified (`express.Request`) and with type arguments (`FastifyRequest<…>`). */
  typeNames: ['Request', 'NextApiRequest', 'NextRequest', 'FastifyRequest', 'APIGatewayProxyEvent', 'APIGatewayProxyEventV2', 'ALBEvent', 'HttpRequest'],
  requestNames: ['req', 'request'],
  responseNames: ['res', 'reply', 'response'],
} as const;

/** GraphQL resolvers: a function under a root type's key, or in an object whose variable name ends with one of
 * `mapNameSuffixes` (any case). */
export const graphqlResolvers = {
  rootTypes: ['Query', 'Mutation', 'Subscription'],
  mapNameSuffixes: ['resolver', 'resolvers'],
} as const;

/** NestJS (and type-graphql, decorator-based routers): controllers and their handlers. */
export const decoratedControllers = {
  /** Class decorators that make every method a per-request handler. */
  classDecorators: ['Controller', 'Resolver', 'WebSocketGateway'],
  /** Method decorators that make a method a per-request handler. */
  handlerDecorators: ['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options', 'Query', 'Mutation', 'Subscription', 'ResolveField', 'MessagePattern', 'EventPattern', 'SubscribeMessage'],
  /** Class names that mark a controller without a decorator. */
  classNameSuffixes: ['Controller', 'Resolver', 'Handler', 'Gateway'],
  /** `@Injectable({ scope: Scope.REQUEST })`: providers built per request (or per injection). */
  requestScopes: ['REQUEST', 'TRANSIENT'],
} as const;

/** Calls whose callback runs once, at start-up or in tests, never per request: `app.listen`, test hooks, Fastify
 * `register`/`ready`, NestJS lifecycle hooks. */
export const onceCallbacks: readonly string[] = ['listen', 'once', 'beforeAll', 'afterAll', 'before', 'after', 'beforeEach', 'afterEach', 'describe', 'it', 'test', 'setup', 'register', 'ready', 'onModuleInit', 'onApplicationBootstrap'];

/** Function names that start a process or a script (compared case-insensitively as a prefix): run once. */
export const startupFunctionPrefixes: readonly string[] = ['main', 'boot', 'start', 'run', 'init', 'setup', 'seed', 'migrate', 'script', 'connect', 'open'];

/** Frameworks whose development server evaluates a changed module again (hot reload) without closing what the old
 * copy built: a pool built at module scope is built again on every reload and the old one keeps its connections.
 * Prisma's and Neon's guides for Next.js cache the client on `globalThis` outside production for this reason. */
export const hotReloadFrameworks: readonly {
  readonly name: string;
  /** A package is an app of this framework when its package.json depends on this… */
  readonly dependency: string;
  /** …or one of these files sits at its root. */
  readonly configFiles: readonly string[];
  /** Folders (from the package root) whose modules the framework loads itself: routes, pages, layouts. */
  readonly entryFolders: readonly string[];
  /** Modules at the package root (or in `src/`) that it loads, without extension. */
  readonly entryModules: readonly string[];
}[] = [
  {
    name: 'Next.js',
    dependency: 'next',
    configFiles: ['next.config.js', 'next.config.mjs', 'next.config.cjs', 'next.config.ts', 'next.config.mts'],
    entryFolders: ['app', 'pages', 'src/app', 'src/pages'],
    entryModules: ['middleware', 'src/middleware'],
  },
];
