/**
 * Which member names the program's own files assign (`this.knex = knex(config)`, `cache.db ??= drizzle(url)`), by the
 * syntax of each file. A field holds a pool its code builds only when the code assigns it, so for any other name
 * (`client.query`) the checker need not be asked for the member's symbol, which costs the type of the object.
 */
import type { AnalysisContext, TypeScript } from '../core/analysis-context.js';
import type { ProgramNameIndex } from '../core/program-name-index.js';

import { getFullNamespace } from '../core/hidden-statements.js';
import { getMemberAssignments } from '../core/member-assignments.js';
import { createProgramNameIndex } from '../core/program-name-index.js';

/** Per TypeScript namespace, which files of the program assign each member name (`program-name-index.ts`). */
const indexes = new WeakMap<TypeScript, ProgramNameIndex<string>>();

/** Can some file of the program assign `x.name = …` or `x.name ??= …`? Declaration files assign nothing. */
export function mayAssignMember(name: string, context: AnalysisContext): boolean {
  const ts = getFullNamespace(context.ts);
  let index = indexes.get(ts);
  if (!index) {
    index = createProgramNameIndex((sourceFile) => [...getMemberAssignments(sourceFile, ts).keys()], (sourceFile) => !sourceFile.isDeclarationFile);
    indexes.set(ts, index);
  }
  return index.has(context.program, name);
}
