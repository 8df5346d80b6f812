/**
 * A view of the TypeScript namespace whose `forEachChild` skips some top-level statements when it walks their source
 * file. An editor's re-lint keeps the findings of the functions an edit cannot affect (src/eslint/function-reuse.ts);
 * every analysis walks through the namespace its context holds, so with this view none of them spends time on those
 * functions. A walk that starts at a hidden statement itself (a helper's summary, reached through its name) sees it
 * whole. Facts kept per source file beyond one context (declared names) walk with the full namespace.
 */
import type * as ts from 'typescript';

import type { TypeScript } from './analysis-context.js';

const fullNamespaces = new WeakMap<object, TypeScript>();

export function createHidingNamespace(typescript: TypeScript, hidden: ReadonlySet<ts.Node>): TypeScript {
  const forEachChild = <T>(
    node: ts.Node,
    cbNode: (child: ts.Node) => T | undefined,
    cbNodes?: (nodes: ts.NodeArray<ts.Node>) => T | undefined,
  ): T | undefined => {
    if (!typescript.isSourceFile(node)) return typescript.forEachChild(node, cbNode, cbNodes);
    return typescript.forEachChild(
      node,
      (child) => (hidden.has(child) ? undefined : cbNode(child)),
      cbNodes && ((nodes) => cbNodes(nodes.some((child) => hidden.has(child)) ? typescript.factory.createNodeArray(nodes.filter((child) => !hidden.has(child))) : nodes)),
    );
  };
  const hiding = Object.create(typescript, { forEachChild: { value: forEachChild } }) as TypeScript;
  fullNamespaces.set(hiding, typescript);
  return hiding;
}

/** The namespace without hidden statements. */
export function getFullNamespace(typescript: TypeScript): TypeScript {
  return fullNamespaces.get(typescript) ?? typescript;
}
