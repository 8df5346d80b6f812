/** Does code run once per request (or per call, per item) rather than once per process? Route handlers, Next.js
 * route handlers and server actions, serverless handlers, controller methods, request-scoped providers, loops,
 * and the functions and constructors those call (same file). */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';

import {
  apiRouteFolders, decoratedControllers, graphqlResolvers, handlerOptionNames, onceCallbacks, perRequestExports,
  routeHandlerFactories, routeRegistration, serverActionDirective, startupFunctionPrefixes, trpcProcedures, workerFetchMethod,
} from '../../knowledge/frameworks.js';

import { escapeRegExp } from '../core/regexp-text.js';
import { takesRequest, wholeName } from '../core/request-handlers.js';
import { getFunctionDeclaration } from '../core/resolve.js';

import { perElementArrayMethods } from '../core/method-names.js';
import { hasConstantBound } from '../queries/loop-context.js';
import { getSymbol } from '../core/symbols.js';
import { getEnclosingFunction, getOuterParent, skipOuterExpressions } from '../core/syntax.js';

/** Why code runs repeatedly, said in messages ("on every request to `GET /users`"). */
export interface PerRequestReason {
  readonly kind: 'request' | 'loop' | 'call';
  readonly description: string;
}

const routeMethods = new Set<string>(routeRegistration.methods);
const verblessRouteMethods = new Set<string>(routeRegistration.verblessMethods);
const perRequestEvents = new Set<string>(routeRegistration.perRequestEvents);
const routerNames = wholeName([...routeRegistration.receiverNames.map(escapeRegExp), ...routeRegistration.receiverNamePatterns,
  `[a-z]+(${routeRegistration.receiverNameSuffixes.map(escapeRegExp).join('|')})`]);
const routeFactories = new Set(routeHandlerFactories);
const trpcMethods = new Set<string>(trpcProcedures.methods);
const trpcProcedureName = new RegExp(`${escapeRegExp(trpcProcedures.procedureNameSuffix)}$`, 'i');
const handlerOptions = new Set(handlerOptionNames);
const nextRouteExports = new Set<string>(perRequestExports.httpMethods);
const dataFunctionExports = new Set<string>(perRequestExports.dataFunctions);
const serverlessExports = new Set<string>(perRequestExports.serverlessHandlers);
const apiRouteFolder = new RegExp(apiRouteFolders.map((folder) => `[\\/]${folder.split('/').map(escapeRegExp).join('[\\/]')}[\\/]`).join('|'));
const resolverRootTypes = new Set<string>(graphqlResolvers.rootTypes);
const resolverMapName = new RegExp(`(${graphqlResolvers.mapNameSuffixes.map(escapeRegExp).join('|')})$`, 'i');
const controllerDecorators = new Set<string>(decoratedControllers.classDecorators);
const handlerDecorators = new Set<string>(decoratedControllers.handlerDecorators);
const controllerClassName = new RegExp(`(${decoratedControllers.classNameSuffixes.map(escapeRegExp).join('|')})$`);
const requestScope = new RegExp(`scope\\s*:\\s*Scope\\.(${decoratedControllers.requestScopes.map(escapeRegExp).join('|')})`);
const onceCallbackNames = new Set(onceCallbacks);
const startupFunctionName = new RegExp(`^(${startupFunctionPrefixes.map(escapeRegExp).join('|')})`, 'i');
const maxDepth = 5;
/** How many callers up `runsOnce` follows (`main` → `run` → `fetchAll`). */
const maxOnceCallerDepth = 3;

/** Why the code at `node` runs per request, per item or per call, or undefined when it runs once. */
export function getPerRequestReason(node: ts.Node, context: AnalysisContext, depth = 0): PerRequestReason | undefined {
  try {
    return findReason(node, context, depth, new Set());
  } catch {
    return undefined;
  }
}

function findReason(node: ts.Node, context: AnalysisContext, depth: number, seen: Set<ts.Node>): PerRequestReason | undefined {
  const { ts } = context;
  if (depth > maxDepth) return undefined;
  let child: ts.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isSourceFile(parent)) return undefined;
    if (isLoopBody(parent, child, ts)) {
      // A loop at module scope runs once (one pool per shard at start-up).
      if (!isInsideFunction(parent, ts)) return undefined;
      // `for (let attempt = 1; attempt <= 10; attempt++)`: a connect retry builds a constant number at most; how
      // often the enclosing function runs decides.
      if (!ts.isForStatement(parent) || !hasConstantBound(parent, context)) return { kind: 'loop', description: 'on every iteration of this loop' };
    }
    if (ts.isPropertyDeclaration(parent) && parent.initializer === child && !hasStaticModifier(parent, ts)) {
      return getClassInstanceReason(parent.parent, context, depth, seen);
    }
    if (ts.isClassStaticBlockDeclaration(parent)) return undefined;
    if (ts.isFunctionLike(parent)) return getFunctionReason(parent as ts.FunctionLikeDeclaration, context, depth, seen);
  }
  return undefined;
}

function isLoopBody(parent: ts.Node, child: ts.Node, typescript: typeof ts): boolean {
  if (typescript.isForStatement(parent) || typescript.isForOfStatement(parent) || typescript.isForInStatement(parent)
    || typescript.isWhileStatement(parent) || typescript.isDoStatement(parent)) {
    return parent.statement === child;
  }
  return false;
}

function isInsideFunction(node: ts.Node, typescript: typeof ts): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (typescript.isFunctionLike(parent) || typescript.isClassLike(parent)) return true;
  }
  return false;
}

function hasStaticModifier(node: ts.PropertyDeclaration, typescript: typeof ts): boolean {
  return node.modifiers?.some((modifier) => modifier.kind === typescript.SyntaxKind.StaticKeyword) === true;
}

function getFunctionReason(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, depth: number, seen: Set<ts.Node>): PerRequestReason | undefined {
  const { ts } = context;
  if (seen.has(fn)) return undefined;
  seen.add(fn);
  const direct = getDirectReason(fn, context);
  if (direct !== undefined) return direct ?? undefined;
  if (ts.isConstructorDeclaration(fn)) return getClassInstanceReason(fn.parent, context, depth, seen);
  // A callback passed to some other call runs where that call runs (`.then`, `new Promise`, `transaction(cb)`).
  const parent = getOuterParent(fn, ts);
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && (ts.isCallExpression(parent) || ts.isNewExpression(parent))) {
    const method = getCalleeName(parent.expression, ts);
    if (method && onceCallbackNames.has(method)) return undefined;
    return findReason(parent, context, depth, seen);
  }
  return getCallersReason(fn, context, depth, seen);
}

/** Reasons visible at the function itself; `null`: it certainly runs once (a start-up callback). */
function getDirectReason(fn: ts.FunctionLikeDeclaration, context: AnalysisContext): PerRequestReason | null | undefined {
  const { ts } = context;
  const parent = getOuterParent(fn, ts);
  const name = getFunctionName(fn, ts);
  if (ts.isCallExpression(parent) && parent.arguments.some((argument) => skipOuterExpressions(argument, ts) === fn)) {
    const method = getCalleeName(parent.expression, ts);
    if (method && perElementArrayMethods.has(method)) {
      // At module scope the callback runs once per element at start-up (one pool per shard).
      return isInsideFunction(parent, ts) ? { kind: 'loop', description: `for every element in this \`${method}\` callback` } : null;
    }
    const route = describeRoute(parent, context);
    if (route) return { kind: 'request', description: `on every request to ${route}` };
  }
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) && handlerOptions.has(parent.name.text)) {
    const owner = parent.parent.parent;
    if (owner && ts.isCallExpression(owner)) return { kind: 'request', description: 'on every request this handler serves' };
  }
  const sourceFile = fn.getSourceFile();
  if (name && isExported(fn, context)) {
    // Next.js `route.ts`, SvelteKit `+server.ts`, Astro endpoints: an exported HTTP method name is a handler.
    if (nextRouteExports.has(name)) return { kind: 'request', description: `on every \`${name}\` request to this route handler` };
    if (dataFunctionExports.has(name)) return { kind: 'request', description: `on every request (\`${name}\`)` };
    if (serverlessExports.has(name)) return { kind: 'request', description: 'on every invocation of this serverless handler' };
    if (hasUseServer(sourceFile, ts)) return { kind: 'request', description: `on every call of the server action \`${name}\`` };
  }
  if (isDefaultExportedFunction(fn, context) && (apiRouteFolder.test(sourceFile.fileName) || takesRequest(fn, ts))) {
    return { kind: 'request', description: 'on every request to this API route' };
  }
  if (takesRequest(fn, ts)) return { kind: 'request', description: 'on every request this handler serves' };
  const resolver = getResolverField(fn, ts);
  if (resolver) return { kind: 'request', description: `on every request that resolves \`${resolver}\`` };
  if (fn.body && ts.isBlock(fn.body) && hasDirective(fn.body.statements, serverActionDirective, ts)) {
    return { kind: 'request', description: 'on every call of this server action' };
  }
  if (isWorkerFetch(fn, context)) return { kind: 'request', description: 'on every request this worker serves' };
  if (isServerlessAssignment(fn, ts)) return { kind: 'request', description: 'on every invocation of this serverless handler' };
  const member = getClassMember(fn, ts);
  if (member && !ts.isConstructorDeclaration(fn)) {
    const classNode = member.parent;
    const className = classNode.name?.text ?? 'this class';
    const methodName = name ?? 'this method';
    if (getDecoratorNames(member, ts).some((decorator) => handlerDecorators.has(decorator))) {
      return { kind: 'request', description: `on every request \`${className}.${methodName}\` handles` };
    }
    if (isControllerClass(classNode, ts)) return { kind: 'request', description: `on every call of \`${className}.${methodName}\` (a controller method runs per request)` };
    if (isRequestScoped(classNode, ts)) return { kind: 'request', description: `on every call of \`${className}.${methodName}\` (a request-scoped provider)` };
  }
  return undefined;
}

/** A GraphQL resolver: a function under `Query`/`Mutation`/`Subscription` or in an object named `resolvers`. */
function getResolverField(fn: ts.FunctionLikeDeclaration, typescript: typeof ts): string | undefined {
  const member = typescript.isMethodDeclaration(fn) ? fn : getOuterParent(fn, typescript);
  if (!typescript.isPropertyAssignment(member) && !typescript.isMethodDeclaration(member)) return undefined;
  const field = member.name && typescript.isIdentifier(member.name) ? member.name.text : undefined;
  for (let node: ts.Node = member.parent; node && !typescript.isSourceFile(node); node = node.parent) {
    if (typescript.isFunctionLike(node) || typescript.isClassLike(node)) return undefined;
    if (typescript.isPropertyAssignment(node) && typescript.isIdentifier(node.name) && resolverRootTypes.has(node.name.text)) return field;
    if (typescript.isVariableDeclaration(node) && typescript.isIdentifier(node.name) && resolverMapName.test(node.name.text)) return field;
  }
  return undefined;
}

/** `app.get('/users', handler)` → "`GET /users`"; undefined when the call is not a route registration. */
function describeRoute(call: ts.CallExpression, context: AnalysisContext): string | undefined {
  const { ts } = context;
  const callee = skipOuterExpressions(call.expression, ts);
  if (ts.isIdentifier(callee)) return routeFactories.has(callee.text) ? `\`${callee.text}\`` : undefined;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  if (routeFactories.has(method)) return `\`${method}\``;
  const receiverRoot = getRootName(skipOuterExpressions(callee.expression, ts), ts);
  if (trpcMethods.has(method) && receiverRoot !== undefined && trpcProcedureName.test(receiverRoot)) return `this tRPC ${method}`;
  if (!routeMethods.has(method)) return undefined;
  const first = call.arguments[0] ? skipOuterExpressions(call.arguments[0], ts) : undefined;
  const path = first && ts.isStringLiteralLike(first) ? first.text : undefined;
  if (method === 'on' && !(path && perRequestEvents.has(path))) return undefined;
  const receiver = skipOuterExpressions(callee.expression, ts);
  const root = getRootName(receiver, ts);
  const chainedRoute = ts.isCallExpression(receiver) && getCalleeName(receiver.expression, ts) === routeRegistration.chainMethod;
  if (path?.startsWith('/') || chainedRoute || (root !== undefined && routerNames.test(root))) {
    const verb = verblessRouteMethods.has(method) ? '' : `${method.toUpperCase()} `;
    return path ? `\`${verb}${path}\`` : 'this route';
  }
  return undefined;
}

function getRootName(node: ts.Expression, typescript: typeof ts): string | undefined {
  let current = node;
  for (;;) {
    if (typescript.isIdentifier(current)) return current.text;
    if (typescript.isPropertyAccessExpression(current)) {
      current = current.expression.kind === typescript.SyntaxKind.ThisKeyword ? current.name : current.expression;
      continue;
    }
    if (typescript.isCallExpression(current)) {
      current = current.expression;
      continue;
    }
    return undefined;
  }
}

function getCalleeName(callee: ts.Expression, typescript: typeof ts): string | undefined {
  const node = skipOuterExpressions(callee, typescript);
  if (typescript.isIdentifier(node)) return node.text;
  if (typescript.isPropertyAccessExpression(node)) return node.name.text;
  return undefined;
}

function getFunctionName(fn: ts.FunctionLikeDeclaration, typescript: typeof ts): string | undefined {
  if (fn.name && (typescript.isIdentifier(fn.name) || typescript.isStringLiteralLike(fn.name))) return fn.name.text;
  const parent = getOuterParent(fn, typescript);
  if (typescript.isVariableDeclaration(parent) && typescript.isIdentifier(parent.name)) return parent.name.text;
  if ((typescript.isPropertyAssignment(parent) || typescript.isPropertyDeclaration(parent)) && typescript.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

function isExported(fn: ts.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  const hasExport = (node: ts.Node): boolean => ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false);
  if (ts.isFunctionDeclaration(fn)) return hasExport(fn) || isExportedName(fn.name?.text, fn.getSourceFile(), ts);
  const parent = getOuterParent(fn, ts);
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
    const statement = parent.parent.parent;
    return (statement !== undefined && hasExport(statement)) || isExportedName(parent.name.text, fn.getSourceFile(), ts);
  }
  return false;
}

function isExportedName(name: string | undefined, sourceFile: ts.SourceFile, typescript: typeof ts): boolean {
  if (!name) return false;
  return sourceFile.statements.some((statement) => typescript.isExportDeclaration(statement) && statement.exportClause !== undefined
    && typescript.isNamedExports(statement.exportClause)
    && statement.exportClause.elements.some((element) => (element.propertyName ?? element.name).text === name));
}

function isDefaultExportedFunction(fn: ts.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  if (ts.isFunctionDeclaration(fn)) {
    return ts.getModifiers(fn)?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword) ?? false;
  }
  return ts.isExportAssignment(getOuterParent(fn, ts));
}

function hasUseServer(sourceFile: ts.SourceFile, typescript: typeof ts): boolean {
  return hasDirective(sourceFile.statements, serverActionDirective, typescript);
}

function hasDirective(statements: readonly ts.Statement[], directive: string, typescript: typeof ts): boolean {
  for (const statement of statements) {
    if (!typescript.isExpressionStatement(statement) || !typescript.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === directive) return true;
  }
  return false;
}

/** `export default { async fetch(request, env) { … } }` (Cloudflare Workers, Bun, Deno). */
function isWorkerFetch(fn: ts.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  if (getFunctionName(fn, ts) !== workerFetchMethod) return false;
  const object = ts.isMethodDeclaration(fn) ? fn.parent : getOuterParent(fn, ts).parent;
  return object !== undefined && ts.isObjectLiteralExpression(object) && ts.isExportAssignment(getOuterParent(object, ts));
}

/** `exports.handler = async (event) => …`, `module.exports.handler = …`. */
function isServerlessAssignment(fn: ts.FunctionLikeDeclaration, typescript: typeof ts): boolean {
  const parent = getOuterParent(fn, typescript);
  if (!typescript.isBinaryExpression(parent) || parent.operatorToken.kind !== typescript.SyntaxKind.EqualsToken) return false;
  const target = parent.left;
  return typescript.isPropertyAccessExpression(target) && serverlessExports.has(target.name.text)
    && /^(module\.)?exports$/.test(target.expression.getText());
}

function getClassMember(fn: ts.FunctionLikeDeclaration, typescript: typeof ts): (ts.ClassElement & { parent: ts.ClassLikeDeclaration }) | undefined {
  if ((typescript.isMethodDeclaration(fn) || typescript.isConstructorDeclaration(fn) || typescript.isGetAccessor(fn)) && typescript.isClassLike(fn.parent)) {
    return fn as ts.ClassElement & { parent: ts.ClassLikeDeclaration };
  }
  const parent = getOuterParent(fn, typescript);
  if (typescript.isPropertyDeclaration(parent) && typescript.isClassLike(parent.parent)) return parent;
  return undefined;
}

function getDecoratorNames(node: ts.Node, typescript: typeof ts): string[] {
  if (!typescript.canHaveDecorators(node)) return [];
  return (typescript.getDecorators(node) ?? []).map((decorator) => {
    const expression = typescript.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression;
    return typescript.isIdentifier(expression) ? expression.text : typescript.isPropertyAccessExpression(expression) ? expression.name.text : '';
  });
}

function isControllerClass(classNode: ts.ClassLikeDeclaration, typescript: typeof ts): boolean {
  if (getDecoratorNames(classNode, typescript).some((name) => controllerDecorators.has(name))) return true;
  return classNode.name !== undefined && controllerClassName.test(classNode.name.text);
}

/** NestJS `@Injectable({ scope: Scope.REQUEST })` (or TRANSIENT), on the class or its controller decorator. */
function isRequestScoped(classNode: ts.ClassLikeDeclaration, typescript: typeof ts): boolean {
  if (!typescript.canHaveDecorators(classNode)) return false;
  return (typescript.getDecorators(classNode) ?? []).some((decorator) => requestScope.test(decorator.getText()));
}

/** Constructors and field initializers run per instance: per request when instances are made per request. */
function getClassInstanceReason(classNode: ts.ClassLikeDeclaration, context: AnalysisContext, depth: number, seen: Set<ts.Node>): PerRequestReason | undefined {
  const { ts } = context;
  if (seen.has(classNode)) return undefined;
  seen.add(classNode);
  const className = classNode.name?.text ?? 'this class';
  if (isRequestScoped(classNode, ts)) return { kind: 'request', description: `for every request (\`${className}\` is request-scoped)` };
  if (!classNode.name) return undefined;
  for (const construction of findReferences(classNode.name, context, true)) {
    const reason = findReason(construction, context, depth + 1, seen);
    if (reason) return { kind: reason.kind, description: `${reason.description} (through \`new ${className}()\` on ${whereIs(construction, classNode)})` };
  }
  return undefined;
}

/** Same-file callers: a function called from per-request code runs per request. */
function getCallersReason(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, depth: number, seen: Set<ts.Node>): PerRequestReason | undefined {
  const { ts } = context;
  const nameNode = getNameNode(fn, ts);
  if (!nameNode) return undefined;
  for (const reference of findReferences(nameNode, context, false)) {
    const parent = getOuterParent(reference, ts);
    // Passed as a route handler: `app.get('/users', listUsers)`.
    if (ts.isCallExpression(parent) && parent.arguments.some((argument) => skipOuterExpressions(argument, ts) === reference)) {
      const route = describeRoute(parent, context);
      if (route) return { kind: 'request', description: `on every request to ${route}` };
      const method = getCalleeName(parent.expression, ts);
      if (method && perElementArrayMethods.has(method)) return { kind: 'loop', description: `for every element in this \`${method}\` callback` };
    }
    const call = ts.isCallExpression(parent) && skipOuterExpressions(parent.expression, ts) === reference ? parent : undefined;
    if (!call) continue;
    const reason = findReason(call, context, depth + 1, seen);
    if (reason) return { kind: reason.kind, description: `${reason.description} (through the call on ${whereIs(call, fn)})` };
  }
  return undefined;
}

function getNameNode(fn: ts.FunctionLikeDeclaration, typescript: typeof ts): ts.Identifier | undefined {
  if (fn.name && typescript.isIdentifier(fn.name)) return fn.name;
  const parent = getOuterParent(fn, typescript);
  if ((typescript.isVariableDeclaration(parent) || typescript.isPropertyDeclaration(parent)) && typescript.isIdentifier(parent.name)) return parent.name;
  return undefined;
}

/** Uses of a declared name in its own file: `new X()` expressions when `constructions`, otherwise the
 * identifiers (or `this.x` / `obj.x` names) that refer to it. */
function findReferences(name: ts.Identifier, context: AnalysisContext, constructions: boolean): ts.Expression[] {
  const { ts } = context;
  const symbol = getSymbol(name, context);
  if (!symbol) return [];
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (constructions && ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name.text
      && getSymbol(node.expression, context) === symbol) {
      found.push(node);
    }
    if (!constructions && node !== name && ts.isIdentifier(node) && node.text === name.text && !isDeclarationName(node, ts) && !isImportOrExportName(node, ts)) {
      const target = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node ? node.parent : node;
      if (getSymbol(target, context) === symbol || getFunctionDeclaration(target, context) === name.parent) found.push(target);
    }
    ts.forEachChild(node, visit);
  };
  for (const sourceFile of getSearchedFiles(name, context)) visit(sourceFile);
  return found;
}

/** The declaring file; with whole-program types, also every project file that mentions the name. */
function getSearchedFiles(name: ts.Identifier, context: AnalysisContext): ts.SourceFile[] {
  const own = name.getSourceFile();
  if (!context.typed) return [own];
  const files = [own];
  for (const sourceFile of context.program.getSourceFiles()) {
    if (sourceFile === own || sourceFile.isDeclarationFile || /[\\/]node_modules[\\/]/.test(sourceFile.fileName)) continue;
    if (sourceFile.text.includes(name.text)) files.push(sourceFile);
  }
  return files;
}

function isImportOrExportName(node: ts.Identifier, typescript: typeof ts): boolean {
  const parent = node.parent;
  return typescript.isImportSpecifier(parent) || typescript.isExportSpecifier(parent) || typescript.isImportClause(parent) || typescript.isNamespaceImport(parent);
}

function isDeclarationName(node: ts.Identifier, typescript: typeof ts): boolean {
  const parent = node.parent;
  return (typescript.isFunctionDeclaration(parent) || typescript.isVariableDeclaration(parent) || typescript.isMethodDeclaration(parent)
    || typescript.isPropertyDeclaration(parent) || typescript.isClassDeclaration(parent) || typescript.isParameter(parent)) && parent.name === node;
}

function lineOf(node: ts.Node): string {
  const sourceFile = node.getSourceFile();
  const line = sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  return String(line);
}

/** "line 12", or "line 12 of routes.ts" for a call in another file. */
function whereIs(node: ts.Node, from: ts.Node): string {
  const file = node.getSourceFile();
  const name = file.fileName.split(/[\\/]/).at(-1) ?? file.fileName;
  return file === from.getSourceFile() ? `line ${lineOf(node)}` : `line ${lineOf(node)} of ${name}`;
}

/** Is a function certainly run once: an IIFE at module scope, or a function only called at module scope? */
export function runsOnce(fn: ts.FunctionLikeDeclaration, context: AnalysisContext, depth = 0): boolean {
  const { ts } = context;
  const parent = getOuterParent(fn, ts);
  if (ts.isCallExpression(parent) && skipOuterExpressions(parent.expression, ts) === fn) return !isInsideFunction(parent, ts);
  if (ts.isCallExpression(parent)) {
    const method = getCalleeName(parent.expression, ts);
    if (method && onceCallbackNames.has(method)) return true;
  }
  const nameNode = getNameNode(fn, ts);
  if (!nameNode) return false;
  if (startupFunctionName.test(nameNode.text)) return true;
  if (isExported(fn, context)) return false;
  const references = findReferences(nameNode, context, false);
  return references.length > 0 && references.every((reference) => {
    const call = getOuterParent(reference, ts);
    if (!ts.isCallExpression(call)) return false;
    if (!isInsideFunction(call, ts)) return true;
    // `async function main() { if (cmd === 'fetch') await fetchAll(); }` with `main()` at the top: a function
    // called, outside any loop, only from functions that run once runs once too.
    const caller = getEnclosingFunction(call, ts, { stopAt: 'class' });
    return caller !== undefined && caller !== fn && depth < maxOnceCallerDepth && !isInLoopBody(call, ts) && runsOnce(caller, context, depth + 1);
  });
}

/** Is the node in the body of a loop of its own function (not of an enclosing one)? */
export function isInLoopBody(node: ts.Node, typescript: typeof ts): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if ((typescript.isForStatement(parent) || typescript.isForOfStatement(parent) || typescript.isForInStatement(parent)
      || typescript.isWhileStatement(parent) || typescript.isDoStatement(parent)) && parent.statement === child) return true;
    if (typescript.isFunctionLike(parent) || typescript.isClassLike(parent)) return false;
  }
  return false;
}
