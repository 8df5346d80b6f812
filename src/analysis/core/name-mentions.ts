/**
 * A file's identifiers by name, in source order, from one walk per file (syntax only, kept per namespace and file as
 * file-nodes.ts): "where is this name mentioned under that node?" is a lookup, not a walk of the node for every name asked.
 */
import type * as ts from 'typescript';

import type { TypeScript } from './analysis-context.js';

import { createFileSyntaxMemo } from './file-syntax-memo.js';
import { getFullNamespace } from './hidden-statements.js';
import { isInside } from './syntax.js';

/** The identifiers named `name` under `root` (or `root` itself), as a walk of it through the namespace meets them: one
 * that hides statements (hidden-statements.ts) hides them from a walk of the file only, not of a node inside one. */
export function getMentions(root: ts.Node, name: string, typescript: TypeScript): readonly ts.Identifier[] {
  if (typescript.isSourceFile(root)) return getIdentifiersByName(root, typescript).get(name) ?? [];
  const all = getIdentifiersByName(root.getSourceFile(), getFullNamespace(typescript)).get(name) ?? [];
  return all.filter((mention) => mention === root || isInside(mention, root));
}

/** Every identifier of the file, by name. */
export const getIdentifiersByName = createFileSyntaxMemo(collectIdentifiers);

function collectIdentifiers(sourceFile: ts.SourceFile, ts: TypeScript): ReadonlyMap<string, readonly ts.Identifier[]> {
  const found = new Map<string, ts.Identifier[]>();
  const { SyntaxKind } = ts;
  const visit = (node: ts.Node): void => {
    if (node.kind === SyntaxKind.Identifier) {
      const { text } = node as ts.Identifier;
      const list = found.get(text);
      if (list) list.push(node as ts.Identifier);
      else found.set(text, [node as ts.Identifier]);
      return;
    }
    if (node.kind <= SyntaxKind.LastToken) return;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
