/**
 * Suggestions for a leaked connection, offered only where the rewrite is mechanical:
 * - wrap the statements after `const client = await pool.connect()` up to the last use in
 *   `try { … } finally { client.release(); }` (the call is knowledge: `ResourceDefinition.finallyRelease`),
 *   removing the releases it makes redundant;
 * - when only early returns leak, release before each of them;
 * - for a transaction (no `finally` release: ending one is a commit-or-rollback choice) whose only end is a final
 *   `await trx.commit();`, roll back and rethrow in a `catch` (`ResourceDefinition.settledBy`).
 * Nothing when the uses are not all in the acquisition's block, a closure that may run later uses it, it is
 * aliased, or it is released in another way (`release(true)`).
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { Suggestion, TextEdit } from '../core/finding.js';
import type { Acquisition } from './acquisitions.js';
import type { LeakPath } from './resource-flow.js';
import type { TrackedResource } from './resource-uses.js';

import { getSymbolAt } from '../core/symbols.js';
import { containsNode, getEnclosingFunction, getMemberName, skipOuterExpressions } from '../core/syntax.js';
import { classifyReference, isReleaseCall } from './resource-uses.js';

export type LeakSuggestionMessageId = 'wrapInTryFinally' | 'moveIntoTry' | 'releaseBeforeReturn' | 'rollbackOnError';

export function suggestLeakFixes(
  tracked: TrackedResource,
  name: string,
  leaks: readonly LeakPath[],
  context: AnalysisContext,
): Suggestion<LeakSuggestionMessageId>[] {
  try {
    const plan = planRewrite(tracked, name, context);
    if (!plan) return [];
    const suggestions: Suggestion<LeakSuggestionMessageId>[] = [];
    if (plan.rollback) {
      const edits = rollbackOnError(plan, plan.rollback, context);
      return edits ? [{ messageId: 'rollbackOnError', data: { name, rollback: plan.rollback }, edits }] : [];
    }
    const moved = moveIntoExistingTry(plan, context);
    const wrap = moved ? undefined : wrapInTryFinally(plan, context);
    if (moved) suggestions.push({ messageId: 'moveIntoTry', data: { name, release: plan.release }, edits: moved });
    if (wrap) suggestions.push({ messageId: 'wrapInTryFinally', data: { name, release: plan.release }, edits: wrap });
    const early = releaseBeforeReturns(plan, leaks, context);
    if (early) suggestions.push({ messageId: 'releaseBeforeReturn', data: { name, release: plan.release }, edits: early });
    return suggestions;
  } catch {
    return [];
  }
}

interface Plan {
  readonly tracked: TrackedResource;
  readonly sourceFile: ts.SourceFile;
  /** `const client = await pool.connect();` or `await client.connect();`. */
  readonly statement: ts.Statement;
  readonly block: ts.Block;
  /** `client.release()` or `await pool.release(resource)`. */
  readonly release: string;
  /** Mentions of the resource after the acquisition, all inside the block's later statements. */
  readonly mentions: readonly ts.Identifier[];
  /** Release statements (`client.release();`) a `finally` makes redundant; for a transaction, its commit. */
  readonly releases: readonly ts.ExpressionStatement[];
  /** A transaction: `await trx.rollback()` for the `catch`. */
  readonly rollback?: string;
}

function planRewrite(tracked: TrackedResource, name: string, context: AnalysisContext): Plan | undefined {
  const { ts } = context;
  const acquisition = tracked.acquisition;
  const holder = acquisition.holder;
  const settledBy = acquisition.resource.settledBy;
  const finallyRelease = acquisition.resource.finallyRelease ?? (settledBy ? { method: settledBy.commit, awaited: true } : undefined);
  if (holder.type !== 'variable' || !finallyRelease || tracked.symbols.size !== 1) return undefined;
  const statement = getAcquisitionStatement(acquisition, context);
  if (!statement || !ts.isBlock(statement.parent)) return undefined;
  const release = formatRelease(acquisition, name, finallyRelease, context);
  const isAsync = holder.scope.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) === true;
  if (!release || (finallyRelease.awaited && !isAsync)) return undefined;
  const sourceFile = statement.getSourceFile();
  const mentions: ts.Identifier[] = [];
  const releases: ts.ExpressionStatement[] = [];
  let wellFormed = true;
  const visit = (node: ts.Node): void => {
    if (!wellFormed) return;
    if (ts.isIdentifier(node) && node.pos >= statement.end && isTracked(node, tracked, context)) {
      const use = classifyReference(node, tracked, context);
      if (use.type !== 'use' || !isRunBeforeNextStatement(node, holder.scope, context) || !isInside(node, statement.parent)) {
        wellFormed = false;
        return;
      }
      mentions.push(node);
      const call = getReleaseCall(node, tracked, context);
      if (call) {
        const removable = getRemovableRelease(call, finallyRelease, context);
        if (!removable) wellFormed = false;
        else releases.push(removable);
      }
    }
    ts.forEachChild(node, visit);
  };
  if (holder.scope.body) visit(holder.scope.body);
  if (!wellFormed || mentions.length === 0) return undefined;
  const rollback = settledBy ? `await ${name}.${settledBy.rollback}()` : undefined;
  return { tracked, sourceFile, statement, block: statement.parent, release, mentions, releases, ...(rollback ? { rollback } : {}) };
}

/** A mention in the holding function itself, or in a callback of an awaited call (`await session.withTransaction(
 * async () => …)`, `await Promise.all(ids.map(…))`), which has run by the time the next statement does. */
function isRunBeforeNextStatement(node: ts.Node, scope: ts.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  const { ts } = context;
  let fn = getEnclosingFunction(node, ts, { stopAt: 'static-block' });
  while (fn && fn !== scope) {
    let outer: ts.Node = fn;
    while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
    let call: ts.Node = outer.parent;
    // `ids.map(async (id) => …)` inside `Promise.all(…)`: the awaited call is the outer one.
    while (ts.isCallExpression(call) && ts.isCallExpression(call.parent) && call.parent.arguments.includes(call)) call = call.parent;
    let awaited: ts.Node = call;
    while (ts.isParenthesizedExpression(awaited.parent)) awaited = awaited.parent;
    if (!ts.isCallExpression(call) || !ts.isAwaitExpression(awaited.parent)) return false;
    fn = getEnclosingFunction(fn, ts, { stopAt: 'static-block' });
  }
  return fn === scope;
}

/** The statement that acquires: the only declaration of a `const`/`let`, or `await client.connect();`. */
function getAcquisitionStatement(acquisition: Acquisition, context: AnalysisContext): ts.Statement | undefined {
  const { ts } = context;
  let outer: ts.Node = acquisition.call;
  let awaited = false;
  while (ts.isParenthesizedExpression(outer.parent) || ts.isAwaitExpression(outer.parent) || ts.isAsExpression(outer.parent)
    || ts.isNonNullExpression(outer.parent) || ts.isSatisfiesExpression(outer.parent)) {
    awaited ||= ts.isAwaitExpression(outer.parent);
    outer = outer.parent;
  }
  const parent = outer.parent;
  if (ts.isExpressionStatement(parent)) return awaited && isReceiverAcquisition(acquisition, context) ? parent : undefined;
  if (!ts.isVariableDeclaration(parent) || parent.initializer !== outer || !ts.isIdentifier(parent.name)) return undefined;
  const list = parent.parent;
  if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1 || !ts.isVariableStatement(list.parent)) return undefined;
  return list.parent;
}

/** `client.connect()` on a local client: the receiver is the holder. */
function isReceiverAcquisition(acquisition: Acquisition, context: AnalysisContext): boolean {
  const member = getMemberName(skipOuterExpressions(acquisition.call.expression, context.ts), context.ts);
  return acquisition.holder.type === 'variable' && member !== undefined && context.ts.isIdentifier(member.object) && member.object.text === acquisition.holder.name;
}

function formatRelease(acquisition: Acquisition, name: string, release: NonNullable<Acquisition['resource']['finallyRelease']>, context: AnalysisContext): string | undefined {
  const { ts } = context;
  let call = `${name}.${release.method}()`;
  if (release.passedTo) {
    const member = getMemberName(skipOuterExpressions(acquisition.call.expression, ts), ts);
    // Only a plain owner (`pool`, `this.pool`): anything else would run again in the `finally`.
    if (!member || !isPlainReference(member.object, ts)) return undefined;
    call = `${member.object.getText()}.${release.method}(${name})`;
  }
  return release.awaited ? `await ${call}` : call;
}

function isPlainReference(node: ts.Expression, typescript: typeof ts): boolean {
  if (typescript.isIdentifier(node) || node.kind === typescript.SyntaxKind.ThisKeyword) return true;
  return typescript.isPropertyAccessExpression(node) && typescript.isIdentifier(node.name) && isPlainReference(node.expression, typescript);
}

function isTracked(node: ts.Identifier, tracked: TrackedResource, context: AnalysisContext): boolean {
  // A property name (`row.client`) is not a reference.
  if (context.ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) return false;
  const symbol = getSymbolAt(node, context);
  return symbol !== undefined && tracked.symbols.has(symbol);
}

/** The call a mention takes part in, when that call releases the resource. */
function getReleaseCall(node: ts.Identifier, tracked: TrackedResource, context: AnalysisContext): ts.CallExpression | undefined {
  const { ts } = context;
  let outer: ts.Node = node;
  while (ts.isParenthesizedExpression(outer.parent) || ts.isNonNullExpression(outer.parent) || ts.isAsExpression(outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  const call = ts.isPropertyAccessExpression(parent) && parent.expression === outer ? parent.parent : parent;
  if (!ts.isCallExpression(call)) return undefined;
  return isReleaseCall(call, tracked, context) ? call : undefined;
}

/** `client.release();` (or `await pool.release(resource);`) as a statement of a block, exactly the `finally`'s
 * call: removable. Anything else (`client.release(true)`, `destroy()`, a release inside an expression) is not. */
function getRemovableRelease(call: ts.CallExpression, release: NonNullable<Acquisition['resource']['finallyRelease']>, context: AnalysisContext): ts.ExpressionStatement | undefined {
  const { ts } = context;
  const member = getMemberName(skipOuterExpressions(call.expression, ts), ts);
  if (!member || member.name !== release.method || call.arguments.length !== (release.passedTo ? 1 : 0)) return undefined;
  let outer: ts.Node = call;
  while (ts.isAwaitExpression(outer.parent) || ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const statement = outer.parent;
  if (!ts.isExpressionStatement(statement) || !(ts.isBlock(statement.parent) || ts.isCaseOrDefaultClause(statement.parent))) return undefined;
  return statement;
}

/** Statements `[first, last]` of the block to wrap: through the last use, and through every later use of a
 * name declared inside (so `const rows = …; return rows;` moves in together). */
function getWrappedRange(plan: Plan, context: AnalysisContext): { first: number; last: number } | undefined {
  const { ts } = context;
  const statements = plan.block.statements;
  const first = statements.indexOf(plan.statement) + 1;
  let last = first - 1;
  for (const mention of plan.mentions) {
    const index = statements.findIndex((statement) => isInside(mention, statement));
    if (index === -1) return undefined;
    last = Math.max(last, index);
  }
  if (last < first) return undefined;
  for (let changed = true; changed; ) {
    changed = false;
    const declared = new Set<ts.Symbol>();
    for (const statement of statements.slice(first, last + 1)) {
      // Hoisted declarations would change scope inside a block.
      if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) return undefined;
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) collectBindings(declaration.name, declared, context);
    }
    for (let index = statements.length - 1; index > last; index -= 1) {
      if (mentionsAny(statements[index], declared, context)) {
        last = index;
        changed = true;
        break;
      }
    }
  }
  return { first, last };
}

function collectBindings(name: ts.BindingName, into: Set<ts.Symbol>, context: AnalysisContext): void {
  const { ts } = context;
  if (ts.isIdentifier(name)) {
    const symbol = context.checker.getSymbolAtLocation(name);
    if (symbol) into.add(symbol);
    return;
  }
  for (const element of name.elements) if (!ts.isOmittedExpression(element)) collectBindings(element.name, into, context);
}

function mentionsAny(node: ts.Node | undefined, symbols: ReadonlySet<ts.Symbol>, context: AnalysisContext): boolean {
  if (!node || symbols.size === 0) return false;
  const { ts } = context;
  return containsNode(node, (child) => {
    if (!ts.isIdentifier(child)) return false;
    const symbol = context.checker.getSymbolAtLocation(child);
    const shorthand = ts.isShorthandPropertyAssignment(child.parent) ? context.checker.getShorthandAssignmentValueSymbol(child.parent) : undefined;
    return (symbol !== undefined && symbols.has(symbol)) || (shorthand !== undefined && symbols.has(shorthand));
  }, ts);
}

function wrapInTryFinally(plan: Plan, context: AnalysisContext): TextEdit[] | undefined {
  const range = getWrappedRange(plan, context);
  const wrapped = range && getWrappedText(plan, range, plan.releases, context);
  if (!wrapped) return undefined;
  const { start, end, body, indent, unit, newline } = wrapped;
  const text = `try {${newline}${indent}${unit}${body}${newline}${indent}} finally {${newline}${indent}${unit}${plan.release};${newline}${indent}}`;
  return [{ start, end, text }];
}

/**
 * A transaction whose only end is `await trx.commit();` as the last statement that uses it: wrap the uses
 * through that commit in `try`, and roll back and rethrow in `catch`. Anything after the commit stays out (a
 * rollback after a commit fails).
 */
function rollbackOnError(plan: Plan, rollback: string, context: AnalysisContext): TextEdit[] | undefined {
  const [commit, ...others] = plan.releases;
  const range = getWrappedRange(plan, context);
  if (!commit || others.length > 0 || !range || plan.block.statements[range.last] !== commit) return undefined;
  const wrapped = getWrappedText(plan, range, [], context);
  if (!wrapped) return undefined;
  const { start, end, body, indent, unit, newline } = wrapped;
  const text = `try {${newline}${indent}${unit}${body}${newline}${indent}} catch (error) {${newline}${indent}${unit}${rollback};${newline}${indent}${unit}throw error;${newline}${indent}}`;
  return [{ start, end, text }];
}

/** The statements of `range`, re-indented one level, without the `removed` statements. */
function getWrappedText(plan: Plan, range: { first: number; last: number }, removedStatements: readonly ts.Statement[], context: AnalysisContext) {
  const { sourceFile } = plan;
  const firstStatement = plan.block.statements[range.first];
  const lastStatement = plan.block.statements[range.last];
  if (!firstStatement || !lastStatement) return undefined;
  const start = firstStatement.getStart(sourceFile);
  const end = lastStatement.getEnd();
  const indent = getIndent(sourceFile, start);
  const unit = getIndentUnit(sourceFile, plan.block, indent);
  const removed = removedStatements.map((statement) => getRemovedSpan(sourceFile, statement));
  const literals = getMultilineLiterals(plan.block, sourceFile, context);
  let body = '';
  let position = start;
  for (const span of removed.toSorted((a, b) => a.start - b.start)) {
    if (span.start < position) return undefined;
    body += reindent(sourceFile.text, position, span.start, unit, literals);
    position = Math.min(span.end, end);
  }
  body += reindent(sourceFile.text, position, end, unit, literals);
  const newline = sourceFile.text.includes('\r\n') ? '\r\n' : '\n';
  return { start, end, body, indent, unit, newline };
}

/**
 * The release already sits in the `finally` of a later `try` of the block, and only the statements before that
 * `try` leak (`if (id < 0) continue;`, a first query): move them to the start of its `try` block.
 */
function moveIntoExistingTry(plan: Plan, context: AnalysisContext): TextEdit[] | undefined {
  const { ts } = context;
  const { sourceFile } = plan;
  const [release, ...others] = plan.releases;
  const finallyBlock = release?.parent;
  const tryStatement = finallyBlock?.parent;
  if (!release || others.length > 0 || !finallyBlock || !tryStatement || !ts.isTryStatement(tryStatement) || tryStatement.finallyBlock !== finallyBlock) return undefined;
  const statements = plan.block.statements;
  const first = statements.indexOf(plan.statement) + 1;
  const tryIndex = statements.indexOf(tryStatement);
  if (tryIndex <= first || plan.mentions.some((mention) => mention.pos > tryStatement.end)) return undefined;
  const moved = statements.slice(first, tryIndex);
  const declared = new Set<ts.Symbol>();
  for (const statement of moved) {
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) return undefined;
    if (ts.isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) collectBindings(declaration.name, declared, context);
  }
  if (statements.slice(tryIndex + 1).some((statement) => mentionsAny(statement, declared, context))) return undefined;
  const start = moved[0]?.getStart(sourceFile) ?? 0;
  const end = moved.at(-1)?.getEnd() ?? 0;
  const indent = getIndent(sourceFile, start);
  const unit = getIndentUnit(sourceFile, plan.block, indent);
  const newline = sourceFile.text.includes('\r\n') ? '\r\n' : '\n';
  const body = reindent(sourceFile.text, start, end, unit, getMultilineLiterals(plan.block, sourceFile, context));
  const openBrace = tryStatement.tryBlock.getStart(sourceFile) + 1;
  return [
    { start, end: tryStatement.getStart(sourceFile), text: '' },
    { start: openBrace, end: openBrace, text: `${newline}${indent}${unit}${body}` },
  ];
}

/** Adds one indent unit after each line break of `[from, to)`, except inside multi-line template literals
 * (their text is data) and on empty lines. */
function reindent(text: string, from: number, to: number, unit: string, literals: readonly { start: number; end: number }[]): string {
  let out = '';
  for (let position = from; position < to; position += 1) {
    const character = text[position] ?? '';
    out += character;
    if (character !== '\n') continue;
    const next = text[position + 1];
    const inLiteral = literals.some((literal) => literal.start < position && position < literal.end);
    if (!inLiteral && next !== '\n' && next !== '\r' && position + 1 < to) out += unit;
  }
  return out;
}

/** A release statement; when it is alone on its line, from the line break before it, so the line goes. */
function getRemovedSpan(sourceFile: ts.SourceFile, statement: ts.Statement): { start: number; end: number } {
  const text = sourceFile.text;
  const start = statement.getStart(sourceFile);
  const end = statement.getEnd();
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : text[newline - 1] === '\r' ? newline - 1 : newline;
  const alone = lineStart > 0 && text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '';
  if (!alone) return { start, end };
  const previousBreak = lineStart - 1;
  return { start: text[previousBreak - 1] === '\r' ? previousBreak - 1 : previousBreak, end: lineEnd };
}

function getMultilineLiterals(block: ts.Node, sourceFile: ts.SourceFile, context: AnalysisContext): { start: number; end: number }[] {
  const { ts } = context;
  const literals: { start: number; end: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) || ts.isStringLiteral(node)) {
      const start = node.getStart(sourceFile);
      if (sourceFile.text.slice(start, node.getEnd()).includes('\n')) literals.push({ start, end: node.getEnd() });
    }
    ts.forEachChild(node, visit);
  };
  visit(block);
  return literals;
}

function getIndent(sourceFile: ts.SourceFile, position: number): string {
  const lineStart = sourceFile.text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(sourceFile.text.slice(lineStart))?.[0] ?? '';
}

/** The file's indent step, read from the block: its statements' indent minus the indent of the line that opens it. */
function getIndentUnit(sourceFile: ts.SourceFile, block: ts.Block, statementIndent: string): string {
  const outer = getIndent(sourceFile, block.getStart(sourceFile));
  const unit = statementIndent.startsWith(outer) ? statementIndent.slice(outer.length) : '';
  return unit === '' ? '  ' : unit;
}

/** When every leak is an early return whose value does not need the resource: release before each. */
function releaseBeforeReturns(plan: Plan, leaks: readonly LeakPath[], context: AnalysisContext): TextEdit[] | undefined {
  const { ts } = context;
  const { sourceFile } = plan;
  if (leaks.length === 0 || leaks.some((leak) => leak.kind !== 'return' || !ts.isReturnStatement(leak.origin))) return undefined;
  const edits: TextEdit[] = [];
  for (const leak of leaks) {
    const statement = leak.origin as ts.ReturnStatement;
    if (statement.expression && mentionsAny(statement.expression, plan.tracked.symbols, context)) return undefined;
    if (!isInside(statement, plan.block)) return undefined;
    const start = statement.getStart(sourceFile);
    if (ts.isBlock(statement.parent) || ts.isCaseOrDefaultClause(statement.parent)) {
      edits.push({ start, end: start, text: `${plan.release};${sourceFile.text.includes('\r\n') ? '\r\n' : '\n'}${getIndent(sourceFile, start)}` });
    } else {
      edits.push({ start, end: statement.getEnd(), text: `{ ${plan.release}; ${statement.getText(sourceFile)} }` });
    }
  }
  return edits;
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end;
}
