/**
 * Which member names the program's own files assign (`this.knex = knex(config)`, `cache.db ??= drizzle(url)`), by the
 * syntax of each file. A field holds a pool its code builds only when the code assigns it, so for any other name
 * (`client.query`) the checker need not be asked for the member's symbol, which costs the type of the object.
 */
import type * as ts from 'typescript';

import type { AnalysisContext, TypeScript } from '../core/analysis-context.js';

import { createContextMemo } from '../core/context-memo.js';
import { getFullNamespace } from '../core/hidden-statements.js';
import { skipOuterExpressions } from '../core/syntax.js';

/** Per source file, which outlives the program (an editor's re-lint builds a new program around mostly the same files). */
const namesByFile = new WeakMap<ts.SourceFile, ReadonlySet<string>>();
const answers = createContextMemo<string, boolean>();

/** Can some file of the program assign `x.name = …` or `x.name ??= …`? Declaration files assign nothing. */
export function mayAssignMember(name: string, context: AnalysisContext): boolean {
  return answers.get(context, name, () => context.program.getSourceFiles()
    .some((sourceFile) => !sourceFile.isDeclarationFile && getAssignedNames(sourceFile, context.ts).has(name)));
}

function getAssignedNames(sourceFile: ts.SourceFile, typescript: TypeScript): ReadonlySet<string> {
  let names = namesByFile.get(sourceFile);
  if (!names) {
    names = collectAssignedNames(sourceFile, getFullNamespace(typescript));
    namesByFile.set(sourceFile, names);
  }
  return names;
}

function collectAssignedNames(sourceFile: ts.SourceFile, ts: TypeScript): ReadonlySet<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.EqualsToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken)) {
      const left = skipOuterExpressions(node.left, ts);
      if (ts.isPropertyAccessExpression(left)) names.add(left.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return names;
}
