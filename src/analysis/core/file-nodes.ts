/**
 * One walk per file for the nodes that several analyses each used to find by walking the whole file again: calls,
 * `new`s, tagged templates, property accesses and assignments, in the order a walk meets them (parents first, then
 * source order).
 * Syntax only, so the lists outlive programs; they are kept per namespace too, because a re-lint's namespace
 * (`hidden-statements.ts`) hides some statements from every walk, these lists included.
 */
import type * as ts from 'typescript';

import type { TypeScript } from './analysis-context.js';

import { createFileSyntaxMemo } from './file-syntax-memo.js';

export type Invocation = ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression;

export interface FileNodes {
  /** Calls, `new`s and tagged templates. */
  readonly invocations: readonly Invocation[];
  readonly calls: readonly ts.CallExpression[];
  readonly news: readonly ts.NewExpression[];
  /** Invocations and property accesses, interleaved as the walk met them. */
  readonly invocationsAndAccesses: readonly (Invocation | ts.PropertyAccessExpression)[];
  /** `x = …` and `x ??= …`. */
  readonly assignments: readonly ts.BinaryExpression[];
}

export const getFileNodes = createFileSyntaxMemo(collectFileNodes);

/** The calls under `node`, itself included, in the order a walk of it meets them: a slice of the file's calls, which a
 * walk meets parents first, so that the calls of one subtree lie together and in the order of their starts. */
export function getCallsWithin(node: ts.Node, ts: TypeScript): readonly ts.CallExpression[] {
  const { calls } = getFileNodes(node.getSourceFile(), ts);
  let first = 0;
  let after = calls.length;
  while (first < after) {
    const middle = (first + after) >>> 1;
    if ((calls[middle] as ts.CallExpression).pos < node.pos) first = middle + 1;
    else after = middle;
  }
  let last = first;
  while (last < calls.length && (calls[last] as ts.CallExpression).end <= node.end) last += 1;
  return calls.slice(first, last);
}

function collectFileNodes(sourceFile: ts.SourceFile, ts: TypeScript): FileNodes {
  const invocations: Invocation[] = [];
  const calls: ts.CallExpression[] = [];
  const news: ts.NewExpression[] = [];
  const invocationsAndAccesses: (Invocation | ts.PropertyAccessExpression)[] = [];
  const assignments: ts.BinaryExpression[] = [];
  const { SyntaxKind } = ts;
  const visit = (node: ts.Node): void => {
    // Tokens (names, keywords, literals) hold no node.
    if (node.kind <= SyntaxKind.LastToken) return;
    switch (node.kind) {
      case SyntaxKind.CallExpression:
        invocations.push(node as ts.CallExpression);
        calls.push(node as ts.CallExpression);
        invocationsAndAccesses.push(node as ts.CallExpression);
        break;
      case SyntaxKind.NewExpression:
        invocations.push(node as ts.NewExpression);
        news.push(node as ts.NewExpression);
        invocationsAndAccesses.push(node as ts.NewExpression);
        break;
      case SyntaxKind.TaggedTemplateExpression:
        invocations.push(node as ts.TaggedTemplateExpression);
        invocationsAndAccesses.push(node as ts.TaggedTemplateExpression);
        break;
      case SyntaxKind.PropertyAccessExpression:
        invocationsAndAccesses.push(node as ts.PropertyAccessExpression);
        break;
      case SyntaxKind.BinaryExpression: {
        const operator = (node as ts.BinaryExpression).operatorToken.kind;
        if (operator === SyntaxKind.EqualsToken || operator === SyntaxKind.QuestionQuestionEqualsToken) assignments.push(node as ts.BinaryExpression);
        break;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { invocations, calls, news, invocationsAndAccesses, assignments };
}
