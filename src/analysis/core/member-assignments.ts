/**
 * A file's member assignments, `x.name = …` and `x.name ??= …` (also through outer expressions: `(x as any).name = …`),
 * by member name in source order: from the file's assignments (file-nodes.ts), kept across programs (an editor's re-lint
 * builds a new program around mostly the same files) and per TypeScript namespace, since an editor's view of the
 * namespace skips some statements (hidden-statements.ts).
 */
import type * as ts from 'typescript';

import type { TypeScript } from './analysis-context.js';

import { getFileNodes } from './file-nodes.js';
import { createFileSyntaxMemo } from './file-syntax-memo.js';
import { skipOuterExpressions } from './syntax.js';

export interface MemberAssignment {
  readonly assignment: ts.BinaryExpression;
  /** The assigned member, with outer expressions skipped. */
  readonly member: ts.PropertyAccessExpression;
}

export const getMemberAssignments = createFileSyntaxMemo(collectMemberAssignments);

function collectMemberAssignments(sourceFile: ts.SourceFile, ts: TypeScript): ReadonlyMap<string, readonly MemberAssignment[]> {
  const found = new Map<string, MemberAssignment[]>();
  for (const node of getFileNodes(sourceFile, ts).assignments) {
    const member = skipOuterExpressions(node.left, ts);
    if (!ts.isPropertyAccessExpression(member)) continue;
    const list = found.get(member.name.text);
    if (list) list.push({ assignment: node, member });
    else found.set(member.name.text, [{ assignment: node, member }]);
  }
  return found;
}
