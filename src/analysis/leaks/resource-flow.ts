/**
 * Path-sensitive walk of one function for one held resource: which exits (return, throw, an exception
 * from an `await`, the end of the body, the next loop iteration) can be reached while it is still held.
 */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { TrackedResource } from './resource-uses.js';

import { getSymbolAt } from '../core/symbols.js';
import { getDatabaseCallSites } from '../core/database-call-sites.js';
import { promiseChainMethods } from '../core/method-names.js';
import { getFileNodes } from '../core/file-nodes.js';
import { climbOuterExpressions, containsNode, getEnclosingFunction, isInside, skipOuterExpressions } from '../core/syntax.js';
import { classifyReference, isReleaseCall } from './resource-uses.js';
import { mayThrowSynchronously } from './throwing-calls.js';

/** Bit set of the states one path can be in. */
export const notAcquired = 1;
export const held = 2;
export const done = 4;
type States = number;

/** `rejection`: a promise chain that releases on one settlement only lets the other leave the resource held. */
export type LeakKind = 'exception' | 'throw' | 'return' | 'end' | 'iteration' | 'rejection';

export interface LeakPath {
  readonly kind: LeakKind;
  /** The await, throw, return, loop or closing brace the resource leaks through. */
  readonly origin: ts.Node;
}

interface Completion {
  readonly kind: 'return' | 'throw' | 'exception' | 'break' | 'continue';
  readonly states: States;
  readonly origin: ts.Node;
  readonly label?: string;
}

interface Flow {
  normal: States;
  completions: Completion[];
}

/** One way a promise chain settles, with the states it settles in; `origin` is the call whose rejection led here. */
interface Settlement {
  readonly rejected: boolean;
  readonly states: States;
  readonly origin?: ts.Node;
}

/** A promise chain: how it may settle, and what its synchronous evaluation completed with (a throwing argument). */
interface ChainFlow {
  readonly settlements: readonly Settlement[];
  readonly completions: readonly Completion[];
}

/** `receiver.then(…)`, `.catch(…)`, `.finally(…)`. */
interface ChainLink {
  readonly call: ts.CallExpression;
  readonly method: string;
  readonly receiver: ts.Expression;
}

export interface ResourceFlowResult {
  readonly leaks: readonly LeakPath[];
  /** Some path released or handed off the resource. */
  readonly everReleased: boolean;
  /** The function itself gives the resource back on some path (a release call, not a hand-off). */
  readonly releasesItself: boolean;
}

/** Walks `fn` (starting in `initial`) and lists the exits reached while the resource is held. */
export function findLeakPaths(
  fn: ts.FunctionLikeDeclaration,
  initial: States,
  tracked: TrackedResource,
  context: AnalysisContext,
): ResourceFlowResult {
  const walker = new ResourceWalker(tracked, context);
  walker.walkFunction(fn, initial);
  const unique = new Map(walker.leaks.map((leak) => [`${leak.kind}:${leak.origin.pos}`, leak]));
  return { leaks: [...unique.values()], everReleased: walker.everReleased, releasesItself: walker.releasesItself };
}

class ResourceWalker {
  readonly leaks: LeakPath[] = [];
  everReleased = false;
  releasesItself = false;
  private readonly ts: typeof ts;
  private readonly analyzedClosures = new Set<ts.Node>();
  /** Handlers of a chain being walked: the promises they return join the chain instead of settling on their own. */
  private readonly adoptions: { readonly fn: ts.Node; readonly settlements: Settlement[] }[] = [];

  constructor(private readonly tracked: TrackedResource, private readonly context: AnalysisContext) {
    this.ts = context.ts;
  }

  walkFunction(fn: ts.FunctionLikeDeclaration, initial: States): void {
    const body = fn.body;
    if (!body) return;
    const { ts } = this;
    if (!ts.isBlock(body)) {
      const flow = this.walkExpression(body, initial);
      this.recordExits(flow.completions);
      const returned = this.isEscapingReference(body) ? this.release(flow.normal) : flow.normal;
      if (returned & held) this.leaks.push({ kind: 'return', origin: body });
      return;
    }
    const flow = this.walkStatements(body.statements, initial);
    this.recordExits(flow.completions);
    if (flow.normal & held) this.leaks.push({ kind: 'end', origin: body.getLastToken() ?? body });
  }

  private recordExits(completions: readonly Completion[]): void {
    for (const completion of completions) {
      if (!(completion.states & held)) continue;
      if (completion.kind === 'return' || completion.kind === 'throw' || completion.kind === 'exception') {
        this.leaks.push({ kind: completion.kind, origin: completion.origin });
      }
    }
  }

  private walkStatements(statements: readonly ts.Statement[], states: States): Flow {
    const flow: Flow = { normal: states, completions: [] };
    for (const statement of statements) {
      if (flow.normal === 0) break;
      const next = this.walkStatement(statement, flow.normal);
      flow.normal = next.normal;
      flow.completions.push(...next.completions);
    }
    return flow;
  }

  private walkStatement(node: ts.Statement, states: States): Flow {
    const { ts } = this;
    if (ts.isBlock(node)) return this.walkStatements(node.statements, states);
    if (ts.isExpressionStatement(node)) return this.walkExpression(node.expression, states);
    if (ts.isVariableStatement(node)) {
      let flow: Flow = { normal: states, completions: [] };
      for (const declaration of node.declarationList.declarations) {
        if (declaration.initializer) flow = this.then(flow, (s) => this.walkExpression(declaration.initializer as ts.Expression, s));
      }
      return flow;
    }
    if (ts.isReturnStatement(node)) {
      const adopted = node.expression ? this.adoptReturnedPromise(node, node.expression, states) : undefined;
      if (adopted) return adopted;
      const flow = node.expression ? this.walkExpression(node.expression, states) : { normal: states, completions: [] };
      const returned = node.expression && this.isEscapingReference(node.expression) ? this.release(flow.normal) : flow.normal;
      return { normal: 0, completions: [...flow.completions, { kind: 'return', states: returned, origin: node }] };
    }
    if (ts.isThrowStatement(node)) {
      const flow = this.walkExpression(node.expression, states);
      return { normal: 0, completions: [...flow.completions, { kind: 'throw', states: flow.normal, origin: node }] };
    }
    if (ts.isIfStatement(node)) return this.walkIf(node, states);
    if (ts.isTryStatement(node)) return this.walkTry(node, states);
    if (ts.isIterationStatement(node, false)) return this.walkLoop(node, states, undefined);
    if (ts.isLabeledStatement(node)) {
      const flow = ts.isIterationStatement(node.statement, false)
        ? this.walkLoop(node.statement, states, node.label.text)
        : this.walkStatement(node.statement, states);
      return this.absorbJumps(flow, node.label.text, 'break');
    }
    if (ts.isSwitchStatement(node)) return this.walkSwitch(node, states);
    if (ts.isBreakStatement(node) || ts.isContinueStatement(node)) {
      const kind = ts.isBreakStatement(node) ? 'break' : 'continue';
      return { normal: 0, completions: [{ kind, states, origin: node, ...(node.label ? { label: node.label.text } : {}) }] };
    }
    // Declarations (functions, classes, types) and empty statements do not move the resource.
    return { normal: states, completions: [] };
  }

  private walkIf(node: ts.IfStatement, states: States): Flow {
    const condition = this.walkExpression(node.expression, states);
    const narrowing = this.getNarrowing(node.expression);
    const thenFlow = this.walkStatement(node.thenStatement, narrowing.whenTrue ? this.forget(condition.normal) : condition.normal);
    // `if (!runner.isReleased) await runner.release()`: a release guarded by the resource's own state
    // means the other branch has nothing left to release. `if (!timedOut) await client.end()`, where only a callback
    // (a timer, a listener) sets `timedOut`: the code keeps the resource on purpose when that event fired.
    const guardedRelease = !node.elseStatement && this.containsRelease(node.thenStatement)
      && (this.mentionsResource(node.expression) || this.isFlagSetByCallbacksOnly(node.expression, node));
    const elseStates = narrowing.whenFalse || guardedRelease ? this.forget(condition.normal) : condition.normal;
    const elseFlow = node.elseStatement ? this.walkStatement(node.elseStatement, elseStates) : { normal: elseStates, completions: [] };
    return { normal: thenFlow.normal | elseFlow.normal, completions: [...condition.completions, ...thenFlow.completions, ...elseFlow.completions] };
  }

  private walkTry(node: ts.TryStatement, states: States): Flow {
    const tryFlow = this.walkStatements(node.tryBlock.statements, states);
    let normal = tryFlow.normal;
    let pending = tryFlow.completions;
    if (node.catchClause) {
      const thrown = pending.filter((completion) => completion.kind === 'throw' || completion.kind === 'exception');
      pending = pending.filter((completion) => completion.kind !== 'throw' && completion.kind !== 'exception');
      const entry = thrown.reduce((all, completion) => all | completion.states, 0);
      if (entry !== 0) {
        const catchFlow = this.walkStatements(node.catchClause.block.statements, entry);
        normal |= catchFlow.normal;
        pending = [...pending, ...catchFlow.completions];
      }
    }
    if (!node.finallyBlock) return { normal, completions: pending };
    // Run the finally block once per incoming state; every completion goes through it.
    const finallyBlock = node.finallyBlock;
    const byState = new Map<number, Flow>();
    const through = (input: States): Flow => {
      const result: Flow = { normal: 0, completions: [] };
      for (const state of [notAcquired, held, done]) {
        if (!(input & state)) continue;
        let flow = byState.get(state);
        if (!flow) {
          flow = this.walkStatements(finallyBlock.statements, state);
          byState.set(state, flow);
        }
        result.normal |= flow.normal;
        result.completions.push(...flow.completions);
      }
      return result;
    };
    const completions: Completion[] = [];
    const afterNormal = through(normal);
    completions.push(...afterNormal.completions);
    for (const completion of pending) {
      const after = through(completion.states);
      completions.push(...after.completions);
      if (after.normal !== 0) completions.push({ ...completion, states: after.normal });
    }
    return { normal: afterNormal.normal, completions: dedupe(completions) };
  }

  private walkLoop(node: ts.IterationStatement, states: States, label: string | undefined): Flow {
    const { ts } = this;
    const completions: Completion[] = [];
    let entry = states;
    if (ts.isForStatement(node) && node.initializer) {
      const init = ts.isVariableDeclarationList(node.initializer)
        ? node.initializer.declarations.reduce<Flow>((flow, d) => (d.initializer ? this.then(flow, (s) => this.walkExpression(d.initializer as ts.Expression, s)) : flow), { normal: entry, completions: [] })
        : this.walkExpression(node.initializer, entry);
      completions.push(...init.completions);
      entry = init.normal;
    }
    if ((ts.isForOfStatement(node) || ts.isForInStatement(node))) {
      const iterable = this.walkExpression(node.expression, entry);
      completions.push(...iterable.completions);
      entry = iterable.normal;
    }
    const runsForever = (ts.isWhileStatement(node) || ts.isDoStatement(node)) && node.expression.kind === ts.SyntaxKind.TrueKeyword
      || (ts.isForStatement(node) && !node.condition);
    let head = entry;
    let exit = 0;
    let bodyCompletions: Completion[] = [];
    for (let round = 0; round < 4; round++) {
      const condition = this.walkLoopCondition(node, head);
      if (!runsForever || ts.isDoStatement(node)) exit |= ts.isDoStatement(node) ? 0 : condition.normal;
      const body = this.walkStatement(node.statement, ts.isDoStatement(node) ? head : condition.normal);
      const continued = body.completions.filter((c) => c.kind === 'continue' && (!c.label || c.label === label));
      let back = continued.reduce((all, c) => all | c.states, body.normal);
      if (ts.isForStatement(node) && node.incrementor) back = this.walkExpression(node.incrementor, back).normal;
      if (ts.isDoStatement(node)) {
        const doCondition = this.walkExpression(node.expression, back);
        if (!runsForever) exit |= doCondition.normal;
        back = doCondition.normal;
      }
      bodyCompletions = [...condition.completions, ...body.completions.filter((c) => !(c.kind === 'continue' && (!c.label || c.label === label)))];
      if (ts.isForOfStatement(node) && node.awaitModifier) bodyCompletions.push({ kind: 'exception', states: head | back, origin: node });
      const nextHead = head | back;
      if (nextHead === head && round > 0) break;
      head = nextHead;
    }
    const broken = bodyCompletions.filter((c) => c.kind === 'break' && (!c.label || c.label === label));
    exit = broken.reduce((all, c) => all | c.states, exit);
    const rest = bodyCompletions.filter((c) => !(c.kind === 'break' && (!c.label || c.label === label)));
    return { normal: exit, completions: dedupe([...completions, ...rest]) };
  }

  private walkLoopCondition(node: ts.IterationStatement, states: States): Flow {
    const { ts } = this;
    if ((ts.isWhileStatement(node) || (ts.isForStatement(node))) && (ts.isWhileStatement(node) ? node.expression : node.condition)) {
      return this.walkExpression((ts.isWhileStatement(node) ? node.expression : node.condition) as ts.Expression, states);
    }
    return { normal: states, completions: [] };
  }

  private walkSwitch(node: ts.SwitchStatement, states: States): Flow {
    const { ts } = this;
    const discriminant = this.walkExpression(node.expression, states);
    const completions = [...discriminant.completions];
    let fallthrough = 0;
    let exit = node.caseBlock.clauses.some((clause) => ts.isDefaultClause(clause)) ? 0 : discriminant.normal;
    for (const clause of node.caseBlock.clauses) {
      const flow = this.walkStatements(clause.statements, discriminant.normal | fallthrough);
      fallthrough = flow.normal;
      for (const completion of flow.completions) {
        if (completion.kind === 'break' && !completion.label) exit |= completion.states;
        else completions.push(completion);
      }
    }
    return { normal: exit | fallthrough, completions };
  }

  private absorbJumps(flow: Flow, label: string, kind: 'break'): Flow {
    const absorbed = flow.completions.filter((c) => c.kind === kind && c.label === label);
    return {
      normal: absorbed.reduce((all, c) => all | c.states, flow.normal),
      completions: flow.completions.filter((c) => !(c.kind === kind && c.label === label)),
    };
  }

  /** Expressions: evaluation order is source order; only `await` and calls that release move state. Exception edges
   * come from `await` and from calls known to throw (throwing-calls.ts). */
  private walkExpression(node: ts.Expression, states: States): Flow {
    const { ts } = this;
    if (states === 0) return { normal: 0, completions: [] };
    if (ts.isFunctionExpression(node) || ts.isArrowFunction(node)) return { normal: this.walkClosure(node, states), completions: [] };
    if (ts.isClassExpression(node)) return { normal: states, completions: [] };
    if (node === this.tracked.acquisition.call) return this.walkAcquisition(this.tracked.acquisition.call, states);
    if (ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword)) {
      return { normal: this.walkReference(node, states), completions: [] };
    }
    if (ts.isBinaryExpression(node)) return this.walkBinary(node, states);
    if (ts.isConditionalExpression(node)) {
      const condition = this.walkExpression(node.condition, states);
      const narrowing = this.getNarrowing(node.condition);
      const whenTrue = this.walkExpression(node.whenTrue, narrowing.whenTrue ? this.forget(condition.normal) : condition.normal);
      const whenFalse = this.walkExpression(node.whenFalse, narrowing.whenFalse ? this.forget(condition.normal) : condition.normal);
      return { normal: whenTrue.normal | whenFalse.normal, completions: [...condition.completions, ...whenTrue.completions, ...whenFalse.completions] };
    }
    if (ts.isAwaitExpression(node)) {
      const chain = this.getReleasingChain(node.expression);
      if (chain) return this.settleAwaited(this.walkChain(chain, states), node);
      const operand = this.walkExpression(node.expression, states);
      const cannotLeak = skipOuterExpressions(node.expression, ts) === this.tracked.acquisition.call || this.isSetupCall(node.expression);
      const completions = cannotLeak ? operand.completions : [...operand.completions, { kind: 'exception' as const, states: operand.normal, origin: node }];
      return { normal: operand.normal, completions };
    }
    if (this.isReleaseMethodReference(node)) {
      this.releasesItself = true;
      return { normal: this.release(states), completions: [] };
    }
    const chain = this.getReleasingChain(node);
    if (chain) return this.settleUnawaited(this.walkChain(chain, states), chain);
    if (ts.isCallExpression(node) && isReleaseCall(node, this.tracked, this.context)) {
      this.releasesItself = true;
      const flow = this.walkChildren(node, states, true);
      return { normal: this.release(flow.normal), completions: flow.completions };
    }
    const flow = this.walkChildren(node, states, false);
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && flow.normal & held && this.throwsWithoutAwait(node)) {
      flow.completions.push({ kind: 'exception', states: flow.normal, origin: node });
    }
    return flow;
  }

  /** `JSON.parse(body)`, `validate(input)`: a call that is not awaited (the await is the edge then) but throws on bad input. */
  private throwsWithoutAwait(call: ts.CallExpression | ts.NewExpression): boolean {
    // A runner that connects on its first query holds nothing yet; once it has queried, that query was awaited.
    if (this.tracked.acquisition.resource.connectsOnFirstUse) return false;
    return !this.ts.isAwaitExpression(climbOuterExpressions(call, this.ts).parent) && mayThrowSynchronously(call, this.context);
  }

  /** A `.then`/`.catch`/`.finally` chain one of whose handlers releases the resource: it is walked settlement by settlement. */
  private getReleasingChain(expression: ts.Expression): ts.CallExpression | undefined {
    const node = skipOuterExpressions(expression, this.ts);
    for (let link = this.getChainLink(node); link; link = this.getChainLink(skipOuterExpressions(link.receiver, this.ts))) {
      if (link.call.arguments.some((argument) => this.isReleasingHandler(argument))) return node as ts.CallExpression;
    }
    return undefined;
  }

  private getChainLink(node: ts.Expression): ChainLink | undefined {
    const { ts } = this;
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || !promiseChainMethods.has(node.expression.name.text)) return undefined;
    return { call: node, method: node.expression.name.text, receiver: node.expression.expression };
  }

  private isReleasingHandler(argument: ts.Expression): boolean {
    const { ts } = this;
    const node = skipOuterExpressions(argument, ts);
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return this.containsRelease(node);
    return this.isReleaseMethodReference(node) || (ts.isIdentifier(node) && this.isReleaseFunction(node));
  }

  /**
   * The settlements of a chain: its first promise fulfils or rejects (a rejection that skips a `.then` handler
   * goes on to the next `.catch`), and each handler moves the state: it releases, returns a promise the chain
   * adopts, or throws (a rejection from there on). `.finally` passes its settlement on unless it throws.
   */
  private walkChain(expression: ts.Expression, states: States): ChainFlow {
    const { ts } = this;
    const node = skipOuterExpressions(expression, ts);
    const link = this.getChainLink(node);
    if (!link) {
      const flow = this.walkExpression(node, states);
      const settlements: Settlement[] = [{ rejected: false, states: flow.normal }];
      // `Promise.resolve(x)` does not reject; a failed acquisition holds nothing.
      const resolved = ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'resolve'
        && ts.isIdentifier(node.expression.expression) && node.expression.expression.text === 'Promise';
      if (!resolved) settlements.push({ rejected: true, states: node === this.tracked.acquisition.call ? this.forget(flow.normal) : flow.normal, origin: node });
      return { settlements, completions: flow.completions };
    }
    const inner = this.walkChain(link.receiver, states);
    const settlements: Settlement[] = [];
    for (const settlement of inner.settlements) {
      const handler = link.method === 'then' ? link.call.arguments[settlement.rejected ? 1 : 0]
        : link.method === 'catch' ? (settlement.rejected ? link.call.arguments[0] : undefined) : link.call.arguments[0];
      if (!handler) {
        settlements.push(settlement);
        continue;
      }
      for (const result of this.walkHandler(handler, settlement.states)) {
        if (link.method === 'finally' && !result.rejected) settlements.push({ ...settlement, states: result.states });
        else settlements.push({ rejected: result.rejected, states: result.states, ...(result.origin ?? settlement.origin ? { origin: result.origin ?? settlement.origin } : {}) });
      }
    }
    return { settlements: mergeSettlements(settlements), completions: inner.completions };
  }

  /** How one handler settles, entered in `states`. */
  private walkHandler(handler: ts.Expression, states: States): Settlement[] {
    const { ts } = this;
    const node = skipOuterExpressions(handler, ts);
    if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) {
      if (!this.isReleasingHandler(node)) return [{ rejected: false, states }];
      this.releasesItself = true;
      return [{ rejected: false, states: this.release(states) }];
    }
    const body = node.body;
    if (!ts.isBlock(body)) {
      if (this.isEscapingReference(body)) {
        const flow = this.walkExpression(body, states);
        return [{ rejected: false, states: this.release(flow.normal) }, ...toRejections(flow.completions)];
      }
      const chain = this.isPromiseExpression(body) ? this.walkChain(body, states) : toChainFlow(this.walkExpression(body, states));
      return [...chain.settlements, ...toRejections(chain.completions)];
    }
    const adoption = { fn: node, settlements: [] as Settlement[] };
    this.adoptions.push(adoption);
    let flow: Flow;
    try {
      flow = this.walkStatements(body.statements, states);
    } finally {
      this.adoptions.pop();
    }
    const returned = flow.completions.filter((completion) => completion.kind === 'return').map((completion) => ({ rejected: false, states: completion.states }));
    return [{ rejected: false, states: flow.normal }, ...adoption.settlements, ...returned, ...toRejections(flow.completions)];
  }

  /** `return client.query(…)` in a chain's handler: the chain goes on with that promise. */
  private adoptReturnedPromise(statement: ts.ReturnStatement, expression: ts.Expression, states: States): Flow | undefined {
    const adoption = this.adoptions.at(-1);
    if (!adoption || getEnclosingFunction(statement, this.ts) !== adoption.fn || !this.isPromiseExpression(expression)) return undefined;
    const chain = this.walkChain(expression, states);
    adoption.settlements.push(...chain.settlements);
    return { normal: 0, completions: [...chain.completions] };
  }

  /** A chain, a query the knowledge base knows, or a call on the resource: a promise that may reject. */
  private isPromiseExpression(expression: ts.Expression): boolean {
    const { ts } = this;
    const node = skipOuterExpressions(expression, ts);
    if (this.getChainLink(node)) return true;
    if (!ts.isCallExpression(node) && !ts.isTaggedTemplateExpression(node)) return false;
    if (getDatabaseCallSites(node.getSourceFile(), this.context).byNode.has(node)) return true;
    const callee = ts.isCallExpression(node) ? skipOuterExpressions(node.expression, ts) : node.tag;
    return ts.isPropertyAccessExpression(callee) ? this.isReference(skipOuterExpressions(callee.expression, ts)) : this.isReference(callee);
  }

  /** `await chain`: a rejection throws here; a fulfilment goes on. */
  private settleAwaited(chain: ChainFlow, node: ts.AwaitExpression): Flow {
    let normal = 0;
    const completions = [...chain.completions];
    for (const settlement of chain.settlements) {
      if (settlement.rejected) completions.push({ kind: 'exception', states: settlement.states, origin: settlement.origin ?? node });
      else normal |= settlement.states;
    }
    return { normal, completions: dedupe(completions) };
  }

  /** A chain nobody awaits: a settlement after a rejection that still holds the resource leaks it, whatever the code around does. */
  private settleUnawaited(chain: ChainFlow, call: ts.CallExpression): Flow {
    let normal = 0;
    for (const settlement of chain.settlements) {
      if (settlement.states & held && (settlement.rejected || settlement.origin)) {
        this.leaks.push({ kind: 'rejection', origin: settlement.origin ?? call });
        normal |= (settlement.states & ~held) | done;
      } else {
        normal |= settlement.states;
      }
    }
    return { normal, completions: [...chain.completions] };
  }

  private walkChildren(node: ts.Node, states: States, skipReferences: boolean): Flow {
    const { ts } = this;
    const flow: Flow = { normal: states, completions: [] };
    ts.forEachChild(node, (child) => {
      if (flow.normal === 0 || ts.isTypeNode(child)) return;
      if (skipReferences && this.isReference(child)) return;
      let next: Flow;
      if (ts.isFunctionLike(child)) next = { normal: this.walkClosure(child as ts.FunctionLikeDeclaration, flow.normal), completions: [] };
      else if (ts.isExpression(child)) next = this.walkExpression(child, flow.normal);
      else if (child.kind <= ts.SyntaxKind.LastToken) return; // punctuation and keywords
      else next = this.walkChildren(child, flow.normal, false); // property assignments, template spans, …
      flow.normal = next.normal;
      flow.completions.push(...next.completions);
    });
    return flow;
  }

  private walkBinary(node: ts.BinaryExpression, states: States): Flow {
    const { ts } = this;
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) {
      const left = this.walkExpression(node.left, states);
      const narrowing = this.getNarrowing(node.left);
      // `a && b` evaluates b when a is truthy; `a || b` and `a ?? b` when it is not.
      const rightRuns = operator === ts.SyntaxKind.AmpersandAmpersandToken ? narrowing.whenTrue : narrowing.whenFalse;
      const skipped = operator === ts.SyntaxKind.AmpersandAmpersandToken ? narrowing.whenFalse : narrowing.whenTrue;
      const right = this.walkExpression(node.right, rightRuns ? this.forget(left.normal) : left.normal);
      return { normal: right.normal | (skipped ? this.forget(left.normal) : left.normal), completions: [...left.completions, ...right.completions] };
    }
    if (operator === ts.SyntaxKind.EqualsToken && this.isReference(node.left)) {
      // Reassigning the holder (`client = null`) is not a use; the right side is walked normally.
      return this.walkExpression(node.right, states);
    }
    return this.walkChildren(node, states, false);
  }

  private walkAcquisition(node: ts.CallExpression, states: States): Flow {
    const args = this.walkChildren(node, states, false);
    const completions = [...args.completions];
    if (args.normal & held) this.leaks.push({ kind: 'iteration', origin: getEnclosingLoop(node, this.ts) ?? node });
    // The acquiring call itself can fail before anything is held.
    completions.push({ kind: 'exception', states: args.normal & ~held, origin: node });
    return { normal: held, completions };
  }

  private walkReference(node: ts.Expression, states: States): States {
    if (!this.isReference(node)) return states;
    const use = classifyReference(node, this.tracked, this.context);
    if (use.type === 'alias') {
      this.tracked.symbols.add(use.symbol);
      return states;
    }
    return use.type === 'escape' ? this.release(states) : states;
  }

  /** A function literal that mentions the resource: the obligation moves into it when it releases. */
  private walkClosure(closure: ts.FunctionLikeDeclaration, states: States): States {
    if (!this.mentionsResource(closure)) return states;
    if (this.containsRelease(closure)) {
      this.releasesItself = true;
      if (states & held && !this.analyzedClosures.has(closure)) {
        this.analyzedClosures.add(closure);
        this.walkFunction(closure, held);
      }
      return this.release(states);
    }
    const isArgument = this.ts.isExpression(closure);
    return isArgument && classifyReference(closure, this.tracked, this.context).type === 'use' ? states : this.release(states);
  }

  /** `.then(trx.commit, trx.rollback)`: the release method handed over unbound, to be called later. */
  private isReleaseMethodReference(node: ts.Expression): boolean {
    const { ts } = this;
    if (!ts.isPropertyAccessExpression(node) || !this.tracked.acquisition.resource.releasedBy.includes(node.name.text)) return false;
    const parent = node.parent;
    return !(ts.isCallExpression(parent) && parent.expression === node) && this.isReference(skipOuterExpressions(node.expression, ts));
  }

  /** `await runner.connect()`: a call whose failure leaves nothing held (the resource's `setupMethods`). */
  private isSetupCall(expression: ts.Expression): boolean {
    const { ts } = this;
    const call = skipOuterExpressions(expression, ts);
    if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return false;
    const setupMethods = this.tracked.acquisition.resource.setupMethods ?? [];
    return setupMethods.includes(call.expression.name.text) && this.isReference(skipOuterExpressions(call.expression.expression, ts));
  }

  private mentionsResource(node: ts.Node): boolean {
    const { ts } = this;
    return containsNode(node, (child) => this.isReference(child) || (ts.isIdentifier(child) && this.isReleaseFunction(child)), ts);
  }

  /** `flag` or `!flag`: a local `let` of the function around `statement` that only functions nested in it assign. */
  private isFlagSetByCallbacksOnly(condition: ts.Expression, statement: ts.Node): boolean {
    const { ts } = this;
    let node = skipOuterExpressions(condition, ts);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) node = skipOuterExpressions(node.operand, ts);
    if (!ts.isIdentifier(node)) return false;
    const declaration = getSymbolAt(node, this.context)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(declaration.parent)
      || !(declaration.parent.flags & ts.NodeFlags.Let)) {
      return false;
    }
    const owner = getEnclosingFunction(declaration, ts);
    if (!owner || getEnclosingFunction(statement, ts) !== owner) return false;
    const assignments = getFileNodes(owner.getSourceFile(), ts).assignments.filter((assignment) => {
      const assigned = skipOuterExpressions(assignment.left, ts);
      return ts.isIdentifier(assigned) && assigned.text === node.text && isInside(assignment, owner)
        && getSymbolAt(assigned, this.context)?.valueDeclaration === declaration;
    });
    return assignments.length > 0 && assignments.every((assignment) => getEnclosingFunction(assignment, ts) !== owner);
  }

  private containsRelease(node: ts.Node): boolean {
    const { ts } = this;
    return containsNode(node, (child) => ts.isCallExpression(child) && isReleaseCall(child, this.tracked, this.context), ts);
  }

  /** Conditions that imply the resource was never obtained (`if (err)`, `if (!client)`). */
  private getNarrowing(condition: ts.Expression): { whenTrue: boolean; whenFalse: boolean } {
    const { ts } = this;
    const node = skipOuterExpressions(condition, ts);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      const inner = this.getNarrowing(node.operand);
      return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
    }
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.AmpersandAmpersandToken) {
        const left = this.getNarrowing(node.left);
        const right = this.getNarrowing(node.right);
        return operator === ts.SyntaxKind.BarBarToken
          ? { whenTrue: left.whenTrue && right.whenTrue, whenFalse: left.whenFalse || right.whenFalse }
          : { whenTrue: left.whenTrue || right.whenTrue, whenFalse: left.whenFalse && right.whenFalse };
      }
      const subject = skipOuterExpressions(node.left, ts);
      if (operator === ts.SyntaxKind.InstanceOfKeyword && this.isErrorParameter(subject)) return { whenTrue: true, whenFalse: false };
      const isNullCheck = node.right.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node.right) && node.right.text === 'undefined');
      if (isNullCheck) {
        const equals = operator === ts.SyntaxKind.EqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsEqualsToken;
        const notEquals = operator === ts.SyntaxKind.ExclamationEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsEqualsToken;
        if (this.isReference(subject)) return { whenTrue: equals, whenFalse: notEquals };
        if (this.isErrorParameter(subject)) return { whenTrue: notEquals, whenFalse: equals };
      }
    }
    if (this.isReference(node)) return { whenTrue: false, whenFalse: true };
    if (this.isErrorParameter(node)) return { whenTrue: true, whenFalse: false };
    if (this.isReleasedFlag(node)) return { whenTrue: true, whenFalse: false };
    return { whenTrue: false, whenFalse: false };
  }

  /**
   * `if (released) return;` in a release guarded against running twice: a local `let` that starts falsy and is set
   * to `true` only beside a release of the resource (`released = true; client.release();`). When it is true the
   * resource was already given back.
   */
  private isReleasedFlag(node: ts.Expression): boolean {
    const { ts } = this;
    if (!ts.isIdentifier(node)) return false;
    const symbol = getSymbolAt(node, this.context);
    const declaration = symbol?.valueDeclaration;
    if (!symbol || !declaration || !ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(declaration.parent)
      || !(declaration.parent.flags & ts.NodeFlags.Let)) {
      return false;
    }
    const initializer = declaration.initializer ? skipOuterExpressions(declaration.initializer, ts) : undefined;
    if (initializer && initializer.kind !== ts.SyntaxKind.FalseKeyword) return false;
    const scope = getEnclosingFunction(declaration, ts) ?? declaration.getSourceFile();
    let assignments = 0;
    let unguarded = false;
    const visit = (child: ts.Node): void => {
      if (unguarded) return;
      if (ts.isIdentifier(child) && child !== declaration.name && getSymbolAt(child, this.context) === symbol) {
        const outer = climbOuterExpressions(child, ts);
        const parent = outer.parent;
        if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && parent.operator !== ts.SyntaxKind.ExclamationToken) {
          unguarded = true;
        } else if (ts.isBinaryExpression(parent) && parent.left === outer
          && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
          assignments++;
          if (parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken || parent.right.kind !== ts.SyntaxKind.TrueKeyword || !this.isBesideRelease(parent)) {
            unguarded = true;
          }
        }
      }
      ts.forEachChild(child, visit);
    };
    visit(scope);
    return assignments > 0 && !unguarded;
  }

  /** `flag = true` as a statement of a block that also releases the resource. */
  private isBesideRelease(assignment: ts.BinaryExpression): boolean {
    const { ts } = this;
    const statement = assignment.parent;
    if (!ts.isExpressionStatement(statement) || !ts.isBlock(statement.parent)) return false;
    return statement.parent.statements.some((sibling) => sibling !== statement && this.containsRelease(sibling));
  }

  private isErrorParameter(node: ts.Expression): boolean {
    return this.ts.isIdentifier(node) && this.tracked.errorParameter !== undefined && getSymbolAt(node, this.context) === this.tracked.errorParameter;
  }

  private isEscapingReference(expression: ts.Expression): boolean {
    const { ts } = this;
    const node = skipOuterExpressions(expression, ts);
    if (this.isReference(node)) return true;
    if (ts.isAwaitExpression(node)) return this.isEscapingReference(node.expression);
    if (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) return this.mentionsResource(node);
    return false;
  }

  isReference(node: ts.Node): boolean {
    const { ts } = this;
    if (!ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword)) return false;
    const name = ts.isPropertyAccessExpression(node) ? node.name : node;
    // A property's symbol costs the checker its object's type (seconds for a Mongoose model's
    // `updateOne`): ask only when a tracked symbol has that name.
    const isPropertyName = name !== node || (ts.isPropertyAccessExpression(node.parent) && node.parent.name === node);
    if (isPropertyName && !this.tracksName(name.text)) return false;
    const symbol = getSymbolAt(name, this.context);
    return symbol !== undefined && this.tracked.symbols.has(symbol);
  }

  private tracksName(text: string): boolean {
    for (const symbol of this.tracked.symbols) if (symbol.name === text) return true;
    return false;
  }

  private isReleaseFunction(node: ts.Identifier): boolean {
    return this.tracked.releaseFunction !== undefined && getSymbolAt(node, this.context) === this.tracked.releaseFunction;
  }

  private release(states: States): States {
    if (states & held) this.everReleased = true;
    return states & held ? (states & ~held) | done : states;
  }

  /** In a branch where the resource cannot have been obtained. */
  private forget(states: States): States {
    return states & held ? (states & ~held) | notAcquired : states;
  }

  private then(flow: Flow, next: (states: States) => Flow): Flow {
    if (flow.normal === 0) return flow;
    const result = next(flow.normal);
    return { normal: result.normal, completions: [...flow.completions, ...result.completions] };
  }
}

function getEnclosingLoop(node: ts.Node, typescript: typeof ts): ts.Node | undefined {
  let current: ts.Node | undefined = node.parent;
  while (current && !typescript.isFunctionLike(current)) {
    if (typescript.isIterationStatement(current, false)) return current;
    current = current.parent;
  }
  return undefined;
}

function toRejections(completions: readonly Completion[]): Settlement[] {
  return completions.filter((completion) => completion.kind === 'throw' || completion.kind === 'exception')
    .map((completion) => ({ rejected: true, states: completion.states, origin: completion.origin }));
}

function toChainFlow(flow: Flow): ChainFlow {
  return { settlements: [{ rejected: false, states: flow.normal }], completions: flow.completions };
}

function mergeSettlements(settlements: readonly Settlement[]): Settlement[] {
  const merged = new Map<string, Settlement>();
  for (const settlement of settlements) {
    const key = `${settlement.rejected}:${settlement.origin?.pos ?? ''}`;
    const existing = merged.get(key);
    merged.set(key, existing ? { ...existing, states: existing.states | settlement.states } : settlement);
  }
  return [...merged.values()];
}

function dedupe(completions: Completion[]): Completion[] {
  const seen = new Map<string, Completion>();
  for (const completion of completions) {
    const key = `${completion.kind}:${completion.origin.pos}:${completion.label ?? ''}`;
    const existing = seen.get(key);
    seen.set(key, existing ? { ...existing, states: existing.states | completion.states } : completion);
  }
  return [...seen.values()];
}
