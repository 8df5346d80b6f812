/**
 * Which member names the program's own files assign (`this.knex = knex(config)`, `cache.db ??= drizzle(url)`), by the
 * syntax of each file. A field holds a pool its code builds only when the code assigns it, so for any other name
 * (`client.query`) the checker need not be asked for the member's symbol, which costs the type of the object.
 */
import type { AnalysisContext } from '../core/analysis-context.js';

import { createContextMemo } from '../core/context-memo.js';
import { getFullNamespace } from '../core/hidden-statements.js';
import { getMemberAssignments } from '../core/member-assignments.js';

const answers = createContextMemo<string, boolean>();

/** Can some file of the program assign `x.name = …` or `x.name ??= …`? Declaration files assign nothing. */
export function mayAssignMember(name: string, context: AnalysisContext): boolean {
  const ts = getFullNamespace(context.ts);
  return answers.get(context, name, () => context.program.getSourceFiles()
    .some((sourceFile) => !sourceFile.isDeclarationFile && getMemberAssignments(sourceFile, ts).has(name)));
}
