/**
 * Release as evidence: a value the code itself queries through and gives back on some path carries that
 * obligation on every path, even when neither its type nor its origin resolves (an untyped `getConnection(pool)`
 * helper, a client from a package that is not installed). The evidence is the code's own release and query on
 * the same variable, both with methods the knowledge base lists for held resources; a name alone is not enough.
 */
import type * as ts from 'typescript';

import type { ResourceDefinition } from '../../knowledge/library-definition.js';
import type { AnalysisContext } from '../core/analysis-context.js';
import type { Acquisition } from './acquisitions.js';
import type { CallTargets } from '../core/database-call-sites.js';

import { getAwaitedTypeOf } from '../core/awaited-types.js';
import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { getCallsWithin, getFileNodes } from '../core/file-nodes.js';
import { getFunctionDeclaration } from '../core/resolve.js';
import { getResourceVocabulary } from '../core/resource-vocabulary.js';
import { getSymbolAt } from '../core/symbols.js';
import { climbOuterExpressions, getEnclosingFunction, getMemberName, skipOuterExpressions } from '../core/syntax.js';
import { toCallText } from './acquisitions.js';
import { getParameterEffect } from './function-summaries.js';

interface Vocabulary {
  readonly resource: ResourceDefinition;
  readonly queryMethods: ReadonlySet<string>;
}

const vocabularies = new WeakMap<AnalysisContext['knowledge'], Vocabulary>();

/** A resource definition that any listed release method gives back. */
function getVocabulary(context: AnalysisContext): Vocabulary {
  let vocabulary = vocabularies.get(context.knowledge);
  if (vocabulary) return vocabulary;
  const { releaseMethods, queryMethods } = getResourceVocabulary(context.knowledge);
  vocabulary = { resource: { noun: 'connection', releasedBy: releaseMethods }, queryMethods };
  vocabularies.set(context.knowledge, vocabulary);
  return vocabulary;
}

/**
 * Calls no knowledge resolves whose result a variable of the same function holds, queries through and releases
 * on some path: `let c = await getConnection(pool); … await c.query(…); … c.release()`.
 */
export function findEvidenceAcquisitions(sourceFile: ts.SourceFile, context: AnalysisContext, known: readonly Acquisition[]): Acquisition[] {
  const { ts } = context;
  const acquisitions: Acquisition[] = [];
  // Calls the knowledge base knows say themselves what they do; variables an acquisition already holds are tracked.
  const sites = getDatabaseCallSites(sourceFile, context).byNode;
  const held = new Set(known.flatMap((acquisition) => (acquisition.holder.type === 'variable' ? [acquisition.holder.symbol] : [])));
  for (const node of getFileNodes(sourceFile, ts).calls) {
    if (known.some((acquisition) => acquisition.call === node)) continue;
    const acquisition = toEvidenceAcquisition(node, held, sites, context);
    if (acquisition) acquisitions.push(acquisition);
  }
  return acquisitions;
}

/** Asks `sites` (whether the knowledge base knows the call) only of a call whose variable is queried and released. */
function toEvidenceAcquisition(call: ts.CallExpression, held: ReadonlySet<ts.Symbol>, sites: CallTargets, context: AnalysisContext): Acquisition | undefined {
  const holder = getHoldingVariable(call, context);
  if (!holder || held.has(holder.symbol)) return undefined;
  const { symbol, name, scope } = holder;
  const vocabulary = getVocabulary(context);
  // The uses first: resolving the call's signature costs the checker more than a walk of the function.
  const uses = findUses(scope, symbol, name, vocabulary, context);
  if (!uses.release || !uses.queried || sites.has(call) || !isUnresolved(call, context)) return undefined;
  const line = uses.release.getSourceFile().getLineAndCharacterOfPosition(uses.release.getStart()).line + 1;
  return {
    call,
    reportNode: call,
    resource: vocabulary.resource,
    acquireText: toCallText(call, context),
    holder: { type: 'variable', symbol, name, scope },
    evidence: { releaseText: toCallText(uses.release, context), releaseLine: line },
  };
}

/** Only a value whose type does not resolve (`any`, an error type): a declared type that is no library's says what the
 * value is, and the knowledge base has already judged it. */
function isUnresolved(call: ts.CallExpression, context: AnalysisContext): boolean {
  const { ts, checker } = context;
  const signature = checker.getResolvedSignature(call);
  const declaration = signature?.getDeclaration();
  if (!signature || !declaration) return true;
  // A written return type decides (the untyped host's one-file program has no `Promise` to infer with).
  if (declaration.type) return isAnyTypeNode(declaration.type, ts);
  const returned = checker.getReturnTypeOfSignature(signature);
  const type = getAwaitedTypeOf(returned, context);
  return (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
}

function isAnyTypeNode(node: ts.TypeNode, typescript: typeof ts): boolean {
  if (node.kind === typescript.SyntaxKind.AnyKeyword || node.kind === typescript.SyntaxKind.UnknownKeyword) return true;
  if (typescript.isTypeReferenceNode(node) && typescript.isIdentifier(node.typeName) && /^Promise(Like)?$/.test(node.typeName.text)) {
    const argument = node.typeArguments?.[0];
    return argument !== undefined && isAnyTypeNode(argument, typescript);
  }
  return false;
}

/** `const c = await f()`, `c = await f()` where `c` is a variable or parameter of the calling function. */
function getHoldingVariable(call: ts.CallExpression, context: AnalysisContext):
  { symbol: ts.Symbol; name: string; scope: ts.FunctionLikeDeclaration } | undefined {
  const { ts } = context;
  if (ts.isIdentifier(call.expression) && call.expression.text === 'require') return undefined;
  const outer = climbOuterExpressions(call, ts, true);
  const parent = outer.parent;
  const scope = getEnclosingFunction(call, ts, { stopAt: 'static-block' });
  if (!scope) return undefined;
  let name: ts.Identifier | undefined;
  if (ts.isVariableDeclaration(parent) && parent.initializer === outer && ts.isIdentifier(parent.name)) {
    const declarationKind: ts.NodeFlags = parent.parent.flags & ts.NodeFlags.BlockScoped;
    if (declarationKind === ts.NodeFlags.Using || declarationKind === ts.NodeFlags.AwaitUsing) return undefined;
    name = parent.name;
  } else if (ts.isBinaryExpression(parent) && parent.right === outer && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
    && ts.isIdentifier(parent.left) && ts.isExpressionStatement(parent.parent)) {
    name = parent.left;
  }
  if (!name) return undefined;
  const symbol = getSymbolAt(name, context);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || getEnclosingFunction(declaration, ts, { stopAt: 'static-block' }) !== scope) return undefined;
  if (!ts.isVariableDeclaration(declaration) && !ts.isParameter(declaration)) return undefined;
  return { symbol, name: name.text, scope };
}

/** Whether the function queries through the variable, and then its first release in the function (a release method,
 * or a helper that releases its parameter). */
function findUses(scope: ts.FunctionLikeDeclaration, symbol: ts.Symbol, name: string, vocabulary: Vocabulary, context: AnalysisContext):
  { release?: ts.CallExpression; queried: boolean } {
  const { ts } = context;
  const isHolder = (node: ts.Expression): boolean => {
    const inner = skipOuterExpressions(node, ts);
    return ts.isIdentifier(inner) && inner.text === name && getSymbolAt(inner, context) === symbol;
  };
  const calls = scope.body ? getCallsWithin(scope.body, ts) : [];
  const methodOf = (call: ts.CallExpression): string | undefined => {
    const member = getMemberName(call.expression, ts);
    return member && isHolder(member.object) ? member.name : undefined;
  };
  // Queried first, from the method names alone: most variables are not, and whether a helper given the variable
  // releases it can cost the checker the type of the helper's receiver.
  if (!calls.some((call) => vocabulary.queryMethods.has(methodOf(call) ?? ''))) return { queried: false };
  const release = calls.find((call) => {
    const method = methodOf(call);
    if (method !== undefined) return vocabulary.resource.releasedBy.includes(method);
    const index = call.arguments.findIndex((argument) => isHolder(argument));
    const fn = index >= 0 ? getFunctionDeclaration(call.expression, context) : undefined;
    return fn !== undefined && getParameterEffect(fn, index, vocabulary.resource, context) === 'releases';
  });
  return { ...(release ? { release } : {}), queried: true };
}
