/**
 * What awaiting a value of a type gives, remembered per type, and answered from declarations where they say it. The
 * checker caches only part of its own answer: for a type that is no promise (a `Router`, `QueryResult<Row>`), every
 * `checker.getAwaitedType` asks again, in a debug assertion, whether the type is a promise, which tests it against each
 * primitive type and looks up its `then`; the typed rules ask that of the same few types for every mention of a name.
 * And the first answer for a type resolves every member of it (for `rows: Row[]`, all of `Array`'s) to look for `then`.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { isJavaScriptFile } from './syntax.js';

/** Types belong to one checker, so the type alone is the key. */
const awaitedTypes = new WeakMap<ts.Type, ts.Type>();
/** Per declared class or interface type (the target of its references): no `then` in it or its bases. */
const withoutThen = new WeakMap<ts.Type, boolean>();

/** The type `await` gives a value of this type (the type itself where the checker has no answer), as the checker says. */
export function getAwaitedTypeOf(type: ts.Type, context: AnalysisContext): ts.Type {
  let awaited = awaitedTypes.get(type);
  if (!awaited) {
    awaited = getDeclaredAwaitedType(type, context) ?? context.checker.getAwaitedType(type) ?? type;
    awaitedTypes.set(type, awaited);
  }
  return awaited;
}

/** `T` of `Promise<T>` (of `Promise<Promise<T>>`…); any other type itself. */
export function getPromisedType(type: ts.Type, context: AnalysisContext): ts.Type {
  let inner = type;
  for (let depth = 0; depth < 8 && isGlobalPromise(inner, context); depth += 1) {
    const [argument] = context.checker.getTypeArguments(inner as ts.TypeReference);
    if (!argument) return inner;
    inner = argument;
  }
  return inner;
}

/**
 * Awaiting a `Promise<T>` gives what awaiting `T` gives, and awaiting a class or interface type that neither it nor a
 * base declares `then` in, or a method's type, gives the type itself: exactly the checker's answer, without its member
 * resolution. Undefined where the checker must decide.
 */
function getDeclaredAwaitedType(type: ts.Type, context: AnalysisContext): ts.Type | undefined {
  const inner = getPromisedType(type, context);
  return isOwnAwaitedType(inner, context) ? inner : undefined;
}

/** Does awaiting the type give the type itself: a primitive, a type without `then` (see below), or a union of those? */
function isOwnAwaitedType(type: ts.Type, context: AnalysisContext): boolean {
  const { ts } = context;
  if (type.isUnion()) return type.types.every((member) => isOwnAwaitedType(member, context));
  const primitive = ts.TypeFlags.String | ts.TypeFlags.Number | ts.TypeFlags.Boolean | ts.TypeFlags.BigInt | ts.TypeFlags.ESSymbol
    | ts.TypeFlags.Literal | ts.TypeFlags.UniqueESSymbol | ts.TypeFlags.Enum | ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Null;
  if (type.flags & primitive) return true;
  return (objectDeclaresNoThen(context) && isCertainlyNotThenable(type, context, 0)) || isAnonymousWithoutThen(type, context);
}

/** A reference to the default library's `Promise`, which no project file augments. */
function isGlobalPromise(type: ts.Type, context: AnalysisContext): boolean {
  const { ts, program } = context;
  if (!(type.flags & ts.TypeFlags.Object) || !((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference)) return false;
  const symbol = (type as ts.TypeReference).target.getSymbol();
  const declarations = symbol?.declarations;
  return symbol?.name === 'Promise' && declarations !== undefined && declarations.length > 0
    && declarations.every((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}

/**
 * A class or interface type (or a reference to one) whose declarations, and its bases', hold no member named `then`
 * (computed names only of well-known symbols, `[Symbol.iterator]`), while `Object`
 * declares none either: the checker finds no `then` on it, so it is no thenable. Anything else (mapped, intersection or
 * primitive types, type parameters) is left to the checker.
 */
function isCertainlyNotThenable(type: ts.Type, context: AnalysisContext, depth: number): boolean {
  const { ts, checker } = context;
  if (depth > 8 || !(type.flags & ts.TypeFlags.Object)) return false;
  const target = (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference ? (type as ts.TypeReference).target : type as ts.ObjectType;
  if (!(target.objectFlags & ts.ObjectFlags.ClassOrInterface)) return false;
  const known = withoutThen.get(target);
  if (known !== undefined) return known;
  let answer = declaresNoThen(target, context);
  if (answer) {
    try {
      answer = checker.getBaseTypes(target as ts.InterfaceType).every((base) => isCertainlyNotThenable(base, context, depth + 1));
    } catch {
      answer = false;
    }
  }
  withoutThen.set(target, answer);
  return answer;
}

/** Do the class's or interface's own declarations hold no member that is, or may be, named `then`? */
function declaresNoThen(target: ts.Type, context: AnalysisContext): boolean {
  const { ts } = context;
  const declarations = target.getSymbol()?.declarations;
  if (!declarations || declarations.length === 0) return false;
  for (const declaration of declarations) {
    // The value side of a merged name (`declare var Array: ArrayConstructor`, a namespace) declares no instance member.
    if (ts.isVariableDeclaration(declaration) || ts.isModuleDeclaration(declaration) || ts.isFunctionDeclaration(declaration)) continue;
    if (!ts.isInterfaceDeclaration(declaration) && !ts.isClassDeclaration(declaration)) return false;
    // JavaScript declares members by assignment too (`this.then = …`).
    if (isJavaScriptFile(declaration.getSourceFile().fileName)) return false;
    for (const member of declaration.members) {
      if (!memberMayBeThen(member, context)) continue;
      return false;
    }
  }
  return true;
}

function memberMayBeThen(member: ts.ClassElement | ts.TypeElement, context: AnalysisContext): boolean {
  const { ts } = context;
  // `constructor(public then: …)` declares a member.
  if (ts.isConstructorDeclaration(member)) {
    return member.parameters.some((parameter) => ts.isParameterPropertyDeclaration(parameter, member) && (!ts.isIdentifier(parameter.name) || parameter.name.text === 'then'));
  }
  const name = member.name;
  // Signatures and index signatures: the checker looks `then` up among properties only.
  if (!name) return false;
  if (ts.isComputedPropertyName(name)) {
    const key = name.expression;
    return !ts.isPropertyAccessExpression(key) || !ts.isIdentifier(key.expression) || key.expression.text !== 'Symbol';
  }
  if (!ts.isIdentifier(name) && !ts.isPrivateIdentifier(name) && !ts.isStringLiteral(name) && !ts.isNumericLiteral(name)) return true;
  return name.text === 'then';
}

/**
 * A function's or object literal's type (`rows.map`, `placeOrder`, `{ findById … }`) without a `then`, looked up as the
 * checker looks it up (its own members, then `Function`'s and `Object`'s): only classes and interfaces have many members.
 */
function isAnonymousWithoutThen(type: ts.Type, context: AnalysisContext): boolean {
  const { ts } = context;
  if (!(type.flags & ts.TypeFlags.Object)) return false;
  const objectFlags = (type as ts.ObjectType).objectFlags;
  if (!(objectFlags & ts.ObjectFlags.Anonymous) || objectFlags & (ts.ObjectFlags.Mapped | ts.ObjectFlags.ReverseMapped)) return false;
  return context.checker.getPropertyOfType(type, 'then') === undefined;
}

/** Does `Object` (or `String`) declare no `then`? Every object type has `Object`'s members; once per checker. */
function objectDeclaresNoThen(context: AnalysisContext): boolean {
  const { checker } = context;
  let answer = objectsWithoutThen.get(checker);
  if (answer === undefined) {
    const stringType = (checker as Partial<Pick<ts.TypeChecker, 'getStringType'>>).getStringType?.();
    answer = stringType !== undefined && checker.getPropertyOfType(checker.getApparentType(stringType), 'then') === undefined;
    objectsWithoutThen.set(checker, answer);
  }
  return answer;
}

const objectsWithoutThen = new WeakMap<ts.TypeChecker, boolean>();
