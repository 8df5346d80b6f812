/**
 * Can a call's value hold a database object? Judged from the declared return types of the signatures the call can
 * end with, without resolving it: `pool.query(text, values)` returns a `QueryResult` whatever overload the arguments
 * pick, and checking the arguments against each of `pg`'s generic overloads is what the type of the call costs (the
 * first such question in a file costs the most, and an editor asks it again after every edit). A return type that
 * instantiation can change into something else (a type parameter, a conditional or indexed type, or a union or
 * intersection holding one) leaves the question to the full resolution.
 */
import type * as ts from 'typescript';

import type { AnalysisContext, TypeScript } from './analysis-context.js';

import { getAwaitedTypeOf, getPromisedType } from './awaited-types.js';
import { followAlias, getSymbolAt } from './symbols.js';
import { getConstructedType, getTypeOf } from './constructed-types.js';
import { createContextMemo } from './context-memo.js';
import { getFullNamespace } from './hidden-statements.js';
import type { NarrowingFacts } from './narrowing.js';

import { mayBeNarrowed } from './narrowing.js';
import { getMentions } from './name-mentions.js';
import { getObjectLiteralMember } from './plain-values.js';
import { isJavaScriptFile } from './syntax.js';

/** Does a type (a member of a union) name a database object? The caller's matching, by name and declaring package. */
export type KindMatcher = (type: ts.Type) => boolean;

/**
 * True when the expression's type certainly names no database object: a call (awaited or not) none of whose candidate
 * signatures can return one, or a `const` declared from such a call (`const { rows } = await pool.query(…)`) that
 * nothing could narrow. False when unsure. The types are judged awaited (as name resolution reads them) unless
 * `awaited` is false.
 */
export function cannotHoldKind(expression: ts.Expression, context: AnalysisContext, isKind: KindMatcher, awaited = true): boolean {
  const { ts } = context;
  if (isJavaScriptFile(expression.getSourceFile().fileName)) return false;
  try {
    const call = skipToCall(expression, ts);
    if (call) return getReturnedTypes(call, context, awaited || isAwaited(expression, ts))?.every((type) => !mayHoldKind(type, context, isKind)) ?? false;
    if (ts.isIdentifier(expression)) return typesCannotHoldKind(getNameTypes(expression, context), context, isKind, awaited);
    // `rows.map`, `String(id).split`: the member of such a `const` or call.
    if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.name)) {
      const owners = getOwnerTypes(expression.expression, context);
      const name = expression.name.text;
      return typesCannotHoldKind(owners && collect(owners, (owner) => getPropertyTypes(owner, name, expression, context)), context, isKind, awaited);
    }
    return false;
  } catch {
    return false;
  }
}

/**
 * The declarations `x.name` can refer to when the types `x` can have are known (see getNameTypes; or `x` is a call):
 * the property of that name in each, as the checker would find it on the type it picks; undefined when unsure (`any`,
 * a type that instantiation can change, JavaScript).
 */
export function getMemberDeclarations(access: ts.PropertyAccessExpression, context: AnalysisContext): ts.Declaration[] | undefined {
  const { ts, checker } = context;
  if (!ts.isIdentifier(access.name) || isJavaScriptFile(access.getSourceFile().fileName)) return undefined;
  // `ordersRepository.findById`: the literal's member, without the literal's type.
  const literalMember = getObjectLiteralMember(access, context);
  if (literalMember) return [literalMember];
  try {
    const owners = getOwnerTypes(access.expression, context);
    if (!owners) return undefined;
    const declarations: ts.Declaration[] = [];
    for (const owner of owners) {
      for (const member of owner.isUnion() ? owner.types : [owner]) {
        if (member.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) continue;
        if (member.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) || mayChangeOnInstantiation(member, ts)) return undefined;
        // A type without the property gives the access no symbol, so no declaration.
        const property = checker.getPropertyOfType(checker.getApparentType(member), access.name.text);
        declarations.push(...property?.declarations ?? []);
      }
    }
    return declarations;
  } catch {
    return undefined;
  }
}

/** The types the object of a member access can have: a name's (as getNameTypes), or a call's returned types. */
function getOwnerTypes(owner: ts.Expression, context: AnalysisContext): ts.Type[] | undefined {
  const { ts } = context;
  if (ts.isIdentifier(owner)) return getNameTypes(owner, context);
  const call = skipToCall(owner, ts);
  return call ? getReturnedTypes(call, context, isAwaited(owner, ts)) : undefined;
}

/** A call or a `new`: both pick one of the callee's signatures by overload resolution. */
type Invocation = ts.CallExpression | ts.NewExpression;

/** The call an expression is, or awaits: `await (pool.query(…))!` has the type `pool.query(…)` has, awaited (a cast does not). */
function skipToCall(expression: ts.Expression, ts: TypeScript): Invocation | undefined {
  let node = expression;
  while (isCallWrapper(node, ts)) node = node.expression;
  return ts.isCallExpression(node) || ts.isNewExpression(node) ? node : undefined;
}

/**
 * The declared return types (awaited, if asked) of the call's candidate signatures; undefined when the checker must
 * decide. For `new`, the construct signatures': `new Map(entries)` is a `Map` whatever the entries, while its type
 * checks the arguments, and a class's constructor argument can cost a variance check of a library's whole interface.
 */
function getReturnedTypes(call: Invocation, context: AnalysisContext, awaited: boolean): ts.Type[] | undefined {
  const { ts, checker } = context;
  const signatures = getInvokedSignatures(call, context);
  if (!signatures) return undefined;
  const written = getWrittenTypeArguments(call, signatures, context);
  const types: ts.Type[] = [];
  for (const signature of signatures) {
    const returned = checker.getReturnTypeOfSignature(signature);
    // `query<T>(…): Promise<T>` called `query<Row>(…)`: the signature instantiated with `Row` returns `Promise<Row>`.
    const given = written?.get(awaited ? getPromisedType(returned, context) : returned);
    const type = awaited ? getAwaitedTypeOf(given ?? returned, context) : given ?? returned;
    if (mayChangeOnInstantiation(type, ts)) return undefined;
    addOnce(types, type);
  }
  return types.length > maxTypes ? undefined : types;
}

/**
 * `pool.query<Row>(…)`: each candidate signature's type parameters, by position, to the types the call writes for them,
 * which the checker instantiates the signature it picks with (without inferring or checking them, even when the call
 * fails to resolve). Undefined without written type arguments.
 */
function getWrittenTypeArguments(call: Invocation, signatures: readonly ts.Signature[], context: AnalysisContext): ReadonlyMap<ts.Type, ts.Type> | undefined {
  const written = call.typeArguments;
  if (!written || written.length === 0) return undefined;
  const types = new Map<ts.Type, ts.Type>();
  for (const signature of signatures) {
    signature.getTypeParameters()?.forEach((parameter, index) => {
      const node = written[index];
      if (node) types.set(parameter, context.checker.getTypeFromTypeNode(node));
    });
  }
  return types;
}

/**
 * The signatures a call or `new` can resolve to: the candidates among the callee's. The callee's type is the checker's,
 * or for `x.m(…)` on an `x` whose possible types are known, their `m`: `String(id).split(',')` needs no resolution of
 * `String(id)`. Undefined when unsure (`any`, no signatures).
 */
function getInvokedSignatures(call: Invocation, context: AnalysisContext): ts.Signature[] | undefined {
  const { ts, checker } = context;
  const callee = call.expression;
  if (callee.kind === ts.SyntaxKind.ImportKeyword || callee.kind === ts.SyntaxKind.SuperKeyword) return undefined;
  const member = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name) ? callee : undefined;
  const owners = member && getOwnerTypes(member.expression, context);
  const calleeTypes = (member && owners && collect(owners, (owner) => getPropertyTypes(owner, member.name.text, member, context))) ?? [getTypeOf(callee, context)];
  const kind = ts.isNewExpression(call) ? ts.SignatureKind.Construct : ts.SignatureKind.Call;
  const candidates: ts.Signature[] = [];
  for (const calleeType of calleeTypes) {
    if (calleeType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
    const signatures = checker.getSignaturesOfType(calleeType, kind);
    if (signatures.length === 0) return undefined;
    candidates.push(...getCandidateSignatures(call, signatures, ts));
    if (candidates.length > maxTypes) return undefined;
  }
  return candidates.length > 0 ? candidates : undefined;
}

/**
 * The signatures the checker can end with. With a generic one among them: those that take at least as many arguments
 * as given (on a mismatch it picks the first of those), else every one; without, every one (a mismatch unites them).
 */
function getCandidateSignatures(call: Invocation, signatures: readonly ts.Signature[], ts: TypeScript): readonly ts.Signature[] {
  const args = call.arguments ?? [];
  if (!signatures.some((signature) => signature.getTypeParameters()?.length) || args.some((argument) => ts.isSpreadElement(argument))) return signatures;
  const hasRest = (signature: ts.Signature): boolean => signature.getDeclaration()?.parameters?.some((parameter) => parameter.dotDotDotToken !== undefined) ?? true;
  const taking = signatures.filter((signature) => hasRest(signature) || signature.getParameters().length >= args.length);
  return taking.length > 0 ? taking : signatures;
}

function mayChangeOnInstantiation(type: ts.Type, ts: TypeScript): boolean {
  if (type.flags & ts.TypeFlags.Instantiable) return true;
  return type.isUnionOrIntersection() && type.types.some((member) => mayChangeOnInstantiation(member, ts));
}

function mayHoldKind(type: ts.Type, context: AnalysisContext, isKind: KindMatcher): boolean {
  const { ts } = context;
  for (const member of type.isUnion() ? type.types : [type]) {
    if (member.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) continue;
    if (isKind(member)) return true;
  }
  return false;
}

function typesCannotHoldKind(types: readonly ts.Type[] | undefined, context: AnalysisContext, isKind: KindMatcher, awaited: boolean): boolean {
  const { ts } = context;
  if (!types) return false;
  for (const type of types) {
    const judged = awaited ? getAwaitedTypeOf(type, context) : type;
    if (mayChangeOnInstantiation(judged, ts) || mayHoldKind(judged, context, isKind)) return false;
  }
  return true;
}

/** What skipToCall looks through: parentheses, `await`, `!` and `satisfies`. */
function isCallWrapper(node: ts.Expression, ts: TypeScript): node is ts.ParenthesizedExpression | ts.AwaitExpression | ts.NonNullExpression | ts.SatisfiesExpression {
  return ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node);
}

/** Does the expression await the call under it (`await pool.query(…)`)? */
function isAwaited(expression: ts.Expression, ts: TypeScript): boolean {
  for (let node = expression; isCallWrapper(node, ts); node = node.expression) {
    if (ts.isAwaitExpression(node)) return true;
  }
  return false;
}

/**
 * Each type once: overloads often return the same type (`replace`'s two give `string`), and a chain of such calls
 * (`text.replace(…).replace(…)…`) would otherwise double its types at every link.
 */
function collect(types: readonly ts.Type[], map: (type: ts.Type) => readonly ts.Type[] | undefined): ts.Type[] | undefined {
  const all: ts.Type[] = [];
  for (const type of types) {
    const mapped = map(type);
    if (!mapped) return undefined;
    for (const member of mapped) addOnce(all, member);
    if (all.length > maxTypes) return undefined;
  }
  return all;
}

/**
 * More possible types or signatures than this leaves the question to the checker. Each link of a chain like
 * `knex(table).select(…).where(…)…` on a query builder with many generic overloads multiplied them (a distinct
 * instantiation per overload and owner): one program of a real monorepo reached 11 GB in these lists and their types.
 */
const maxTypes = 16;

function addOnce<T>(list: T[], item: T): void {
  if (!list.includes(item)) list.push(item);
}

/**
 * The types `const rows = …call…` or `const { rows } = await …call…` can have, declared without a type and never
 * mentioned where the checker could narrow it: the call's return types, or their property; undefined when unsure.
 */
function getNameTypes(identifier: ts.Identifier, context: AnalysisContext): ts.Type[] | undefined {
  const { ts } = context;
  const constructed = getConstructedType(identifier, context);
  if (constructed) return [constructed];
  const symbol = getSymbolAt(identifier, context);
  // An import of a `const` (`import { billing } from './db'`): the exported declaration's types.
  const imported = symbol && symbol.flags & ts.SymbolFlags.Alias ? followAlias(symbol, context) : undefined;
  const declarations = (imported !== symbol ? imported : undefined)?.declarations ?? symbol?.declarations;
  const declaration = declarations?.length === 1 ? declarations[0] : undefined;
  // `const a = a.b()` (an error, but code): the types of `a` wait on themselves.
  if (!declaration || declarationsUnderWay.has(declaration)) return undefined;
  const types = declarationTypes.get(context, declaration, () => {
    declarationsUnderWay.add(declaration);
    try {
      return getCallResultTypes(declaration, context) ?? getCallbackParameterTypes(declaration, context);
    } finally {
      declarationsUnderWay.delete(declaration);
    }
  });
  if (!types || !imported || imported === symbol) return types;
  // Flow analysis narrows an import where the importing file mentions it: there as in the declaring scope, the whole file.
  const importDeclaration = symbol?.declarations?.[0];
  const importName = importDeclaration && ts.getNameOfDeclaration(importDeclaration);
  const name = importName && ts.isIdentifier(importName) ? importName : identifier;
  return mayBeNarrowed(name, identifier.getSourceFile(), getFullNamespace(ts), getNarrowingFacts(types, context)) ? undefined : types;
}

/** The types a declaration's name can have depend on the declaration alone (and its scope's syntax): once per program. */
const declarationTypes = createContextMemo<ts.Declaration, ts.Type[] | undefined>();
const declarationsUnderWay = new Set<ts.Declaration>();

/**
 * `res` in `router.get('/orders/:id', async (req, res) => …)`: a callback's parameter declared without a type takes it
 * from the signature the call resolves to, and that resolution (inferring the route's parameters from its path,
 * checking the callback's body for its return type) is what the type of `res` costs. The types it can have are the
 * parameter's declared types in the callback types the candidate signatures accept at that argument; undefined when
 * unsure (a generic callback type, a parameter the body narrows or assigns).
 */
function getCallbackParameterTypes(parameter: ts.Declaration, context: AnalysisContext): ts.Type[] | undefined {
  const { ts, checker } = context;
  if (!ts.isParameter(parameter) || parameter.type || parameter.initializer || parameter.dotDotDotToken || !ts.isIdentifier(parameter.name)) return undefined;
  const fn = parameter.parent;
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.typeParameters || fn.parameters.some((each) => ts.isIdentifier(each.name) && each.name.text === 'this')) return undefined;
  const call = fn.parent;
  if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return undefined;
  const args = call.arguments ?? [];
  const argumentIndex = (args as readonly ts.Node[]).indexOf(fn);
  if (argumentIndex < 0 || args.some((argument) => ts.isSpreadElement(argument))) return undefined;
  const name = parameter.name;
  if (isAssigned(name, fn, ts)) return undefined;
  const signatures = getInvokedSignatures(call, context);
  if (!signatures) return undefined;
  const parameterIndex = fn.parameters.indexOf(parameter);
  const types: ts.Type[] = [];
  for (const signature of signatures) {
    const expected = getParameterTypeAt(signature, argumentIndex, context);
    if (!expected) continue;
    for (const member of expected.isUnion() ? expected.types : [expected]) {
      if (member.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) continue;
      if (member.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) || mayChangeOnInstantiation(member, ts)) return undefined;
      for (const callback of checker.getSignaturesOfType(member, ts.SignatureKind.Call)) {
        const type = getParameterTypeAt(callback, parameterIndex, context);
        if (!type || mayChangeOnInstantiation(type, ts)) return undefined;
        types.push(type);
        if (types.length > maxTypes) return undefined;
      }
    }
  }
  if (types.length === 0 || mayBeNarrowed(name, fn, ts, getNarrowingFacts(types, context))) return undefined;
  return types;
}

/**
 * What the types a name can have rule out: a union only when there is one type and it is none (a failed overload
 * resolution unites its candidates' types); an assertion on the name by the methods none of them declares one.
 */
function getNarrowingFacts(types: readonly ts.Type[], context: AnalysisContext): NarrowingFacts {
  const only = types.length === 1 ? types[0] : undefined;
  return { mayAssertReceiver: (access) => mayAssertOwner(types, access, context), notUnion: only !== undefined && !only.isUnion() };
}

/** Can the method `access` calls, in any of the types its object can have, assert something (`asserts this is T`)? */
function mayAssertOwner(owners: readonly ts.Type[], access: ts.PropertyAccessExpression, context: AnalysisContext): boolean {
  const { ts, checker } = context;
  const methods = collect(owners, (owner) => getPropertyTypes(owner, access.name.text, access, context));
  if (!methods) return true;
  for (const method of methods) {
    if (method.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) || mayChangeOnInstantiation(method, ts)) return true;
    for (const signature of checker.getSignaturesOfType(method, ts.SignatureKind.Call)) {
      const predicate = checker.getTypePredicateOfSignature(signature);
      if (predicate && (predicate.kind === ts.TypePredicateKind.AssertsThis || predicate.kind === ts.TypePredicateKind.AssertsIdentifier)) return true;
    }
  }
  return false;
}

/** The declared type a signature gives the argument at an index (a rest parameter's element type); undefined past its end. */
function getParameterTypeAt(signature: ts.Signature, index: number, context: AnalysisContext): ts.Type | undefined {
  const { ts, checker } = context;
  const parameters = signature.getParameters();
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  const rest = declaration?.parameters.at(-1)?.dotDotDotToken !== undefined;
  const parameter = rest && index >= parameters.length - 1 ? parameters.at(-1) : parameters[index];
  if (!parameter) return undefined;
  // A location other than a reference to it: the parameter's declared type.
  const location = declaration ?? parameter.valueDeclaration;
  if (!location) return undefined;
  const type = checker.getTypeOfSymbolAtLocation(parameter, location);
  if (!rest || index < parameters.length - 1) return type;
  return type.flags & ts.TypeFlags.Object ? checker.getIndexTypeOfType(type, ts.IndexKind.Number) : undefined;
}

/** Is the name assigned in the function (`res = …`, `[res] = …`, `res++`), which narrows it to the assigned value's type? */
function isAssigned(name: ts.Identifier, fn: ts.Node, ts: TypeScript): boolean {
  // A mention of the name anywhere under an assignment's target or a unary operator's operand, up to the function.
  return getMentions(fn, name.text, ts).some((mention) => {
    let child: ts.Node = mention;
    for (let node = mention.parent; node !== undefined && node !== fn; child = node, node = node.parent) {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
        && child === node.left) {
        return true;
      }
      if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && child === node.operand) return true;
    }
    return false;
  });
}

function getCallResultTypes(declaration: ts.Declaration, context: AnalysisContext): ts.Type[] | undefined {
  const { ts } = context;
  let variable: ts.VariableDeclaration;
  let property: string | undefined;
  let element: number | undefined;
  if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
    variable = declaration;
  } else if (ts.isBindingElement(declaration) && !declaration.initializer && !declaration.dotDotDotToken && ts.isIdentifier(declaration.name)
    && ts.isObjectBindingPattern(declaration.parent) && ts.isVariableDeclaration(declaration.parent.parent)) {
    const name = declaration.propertyName ?? declaration.name;
    if (!ts.isIdentifier(name)) return undefined;
    variable = declaration.parent.parent;
    property = name.text;
  } else if (ts.isBindingElement(declaration) && !declaration.initializer && !declaration.dotDotDotToken && ts.isIdentifier(declaration.name)
    && ts.isArrayBindingPattern(declaration.parent) && ts.isVariableDeclaration(declaration.parent.parent)) {
    // `const [rows] = await connection.query<Row[]>(…)`: a tuple's element (see getElementTypes).
    variable = declaration.parent.parent;
    element = declaration.parent.elements.indexOf(declaration);
  } else {
    return undefined;
  }
  const list = variable.parent;
  if (variable.type || !variable.initializer || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  const call = skipToCall(variable.initializer, ts);
  if (!call) return undefined;
  const awaited = ts.isAwaitExpression(skipParentheses(variable.initializer, ts));
  // `const p = f()` holds the promise itself: its members are the promise's.
  const returned = getReturnedTypes(call, context, awaited);
  const scope = ts.isVariableStatement(list.parent) ? list.parent.parent : list.parent;
  const read = returned && (element !== undefined ? collect(returned, (type) => getElementTypes(type, element, call, context))
    : property === undefined ? returned : collect(returned, (type) => getPropertyTypes(type, property, call, context)));
  // A member declared as a type parameter the call writes (`[T, FieldPacket[]]` of `query<Row[]>(…)`): the written type.
  const written = read && call.typeArguments && getInvokedSignatures(call, context);
  const types = written ? read.map((type) => getWrittenTypeArguments(call, written, context)?.get(type) ?? type) : read;
  if (!types) return undefined;
  if (mayBeNarrowed(declaration.name, scope, ts, getNarrowingFacts(types, context))) return undefined;
  return types;
}

/**
 * The property's type in each member of the type. A member without it (`void` from a callback overload) makes the
 * destructuring an error, typed `any`; one with an index signature may hold it, so the checker must decide.
 */
function getPropertyTypes(type: ts.Type, property: string, location: ts.Node, context: AnalysisContext): ts.Type[] | undefined {
  const { ts, checker } = context;
  const types: ts.Type[] = [];
  for (const member of type.isUnion() ? type.types : [type]) {
    if (member.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) continue;
    const apparent = checker.getApparentType(member);
    const symbol = checker.getPropertyOfType(apparent, property);
    if (symbol) types.push(checker.getTypeOfSymbolAtLocation(symbol, location));
    else if (checker.getIndexInfosOfType(apparent).length > 0) return undefined;
  }
  return types;
}

/**
 * The types of a tuple's element (each member of the type a tuple; `void` from a callback overload skipped): array
 * destructuring reads an array-like type by index, where any other type is iterated, so the checker decides those.
 */
function getElementTypes(type: ts.Type, index: number, location: ts.Node, context: AnalysisContext): ts.Type[] | undefined {
  const { ts } = context;
  const types: ts.Type[] = [];
  for (const member of type.isUnion() ? type.types : [type]) {
    if (member.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) continue;
    if (!isTupleReference(member, context)) return undefined;
    const element = getPropertyTypes(member, String(index), location, context);
    if (!element || element.length !== 1) return undefined;
    types.push(...element);
  }
  return types;
}

function isTupleReference(type: ts.Type, context: AnalysisContext): boolean {
  const { ts } = context;
  if (!(type.flags & ts.TypeFlags.Object) || !((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference)) return false;
  return ((type as ts.TypeReference).target.objectFlags & ts.ObjectFlags.Tuple) !== 0;
}

function skipParentheses(expression: ts.Expression, ts: TypeScript): ts.Expression {
  let node = expression;
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}
