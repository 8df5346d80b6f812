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
  /** Class declarations and expressions with an `extends` clause. */
  readonly subclasses: readonly ts.ClassLikeDeclaration[];
}

/** Kept for every file: the program-wide index of assigned member names (member-assignments.ts) reads every file's lists
 * when first asked, and each file's lint reads its own again. Kept for recent files only, every file was walked twice: on
 * the generated 2,002-file project, typed, about 5 % more of PoolGuard's time to keep 2.5 MB less. */
export const getFileNodes = createFileSyntaxMemo(collectFileNodes, 'every file');

/** The calls under `node`, itself included, in the order a walk of it meets them: a slice of the file's calls, which a
 * walk meets parents first, so that the calls of one subtree lie together and in the order of their starts. */
export function getCallsWithin(node: ts.Node, ts: TypeScript): readonly ts.CallExpression[] {
  return sliceWithin(getFileNodes(node.getSourceFile(), ts).calls, node);
}

/** The nodes of a list in walk order (one of {@link FileNodes}) that lie under `node`: a slice found by the starts, without
 * asking each node of the file whether it lies inside (a minified bundle holds tens of thousands). */
export function sliceWithin<T extends ts.Node>(nodes: readonly T[], node: ts.Node): readonly T[] {
  let first = 0;
  let after = nodes.length;
  while (first < after) {
    const middle = (first + after) >>> 1;
    if ((nodes[middle] as T).pos < node.pos) first = middle + 1;
    else after = middle;
  }
  let last = first;
  while (last < nodes.length && (nodes[last] as T).end <= node.end) last += 1;
  return nodes.slice(first, last);
}

export interface FileAssignments {
  /** `x = …` and `x ??= …` by the assigned name, in walk order. */
  readonly byName: ReadonlyMap<string, readonly ts.BinaryExpression[]>;
  /** `({ a, b: c } = …)`, in walk order. */
  readonly destructuring: readonly ts.BinaryExpression[];
}

/** The file's assignments grouped for a lookup by variable: a variable's own are among those of its name. */
export const getFileAssignments = createFileSyntaxMemo((sourceFile: ts.SourceFile, ts: TypeScript): FileAssignments => {
  const byName = new Map<string, ts.BinaryExpression[]>();
  const destructuring: ts.BinaryExpression[] = [];
  for (const node of getFileNodes(sourceFile, ts).assignments) {
    if (ts.isIdentifier(node.left)) {
      const list = byName.get(node.left.text);
      if (list) list.push(node);
      else byName.set(node.left.text, [node]);
    } else if (node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isObjectLiteralExpression(node.left)) {
      destructuring.push(node);
    }
  }
  return { byName, destructuring };
});

function collectFileNodes(sourceFile: ts.SourceFile, ts: TypeScript): FileNodes {
  const invocations: Invocation[] = [];
  const calls: ts.CallExpression[] = [];
  const news: ts.NewExpression[] = [];
  const invocationsAndAccesses: (Invocation | ts.PropertyAccessExpression)[] = [];
  const assignments: ts.BinaryExpression[] = [];
  const subclasses: ts.ClassLikeDeclaration[] = [];
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
      case SyntaxKind.ClassDeclaration:
      case SyntaxKind.ClassExpression:
        if ((node as ts.ClassLikeDeclaration).heritageClauses?.some((clause) => clause.token === SyntaxKind.ExtendsKeyword)) subclasses.push(node as ts.ClassLikeDeclaration);
        break;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { invocations, calls, news, invocationsAndAccesses, assignments, subclasses };
}
