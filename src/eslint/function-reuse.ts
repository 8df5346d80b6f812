/**
 * Which findings of a file's last lint an edit inside one function leaves as they were. When the edited function is
 * self-contained before and after (`self-contained-functions.ts`) and nothing names it, what it does reaches no other
 * code's analysis; and a self-contained function that the file's other code never names, and that the edit leaves
 * unchanged, has findings that depend on nothing the edit changed. Those functions keep their last findings, moved by
 * the edit, and are hidden from the re-lint's walks of the file (`hidden-statements.ts`); the rest of the file (the
 * edited function, module-level code, every other function) is analysed again.
 */
import type * as ts from 'typescript';

import type { AnalysisContext, TypeScript } from '../analysis/core/analysis-context.js';
import type { KnowledgeIndex } from '../analysis/core/knowledge-index.js';
import type { InertEdit } from './inert-edits.js';

import { createHidingNamespace } from '../analysis/core/hidden-statements.js';
import { countMentions, getWordCounts } from './file-words.js';
import { findEditedFunction } from './inert-edits.js';
import { getTopLevelNames, isSelfContained } from './self-contained-functions.js';

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export interface FunctionReusePlan {
  /** The edited function's place (`start`, `oldEnd`) and the length the edit added (`delta`). */
  readonly edit: InertEdit;
  /** The edited function's text before and after. */
  readonly editedTexts: readonly [string, string];
  /** The kept functions, in the old text and in the new one. */
  readonly keptOld: readonly TextRange[];
  readonly keptNew: readonly TextRange[];
  readonly hidden: ReadonlySet<ts.Node>;
}

/** The plan for a re-lint of `sourceFile` after its text was `oldText`; undefined when no function's findings can be kept. */
export function planFunctionReuse(
  oldText: string,
  sourceFile: ts.SourceFile,
  ts: TypeScript,
  isNamedElsewhere: (name: string) => boolean,
): FunctionReusePlan | undefined {
  const edited = findEditedFunction(oldText, sourceFile, ts);
  if (!edited) return undefined;
  const { statement, oldStatement, start, oldEnd, delta } = edited;
  const words = getWordCounts(oldText, sourceFile.text, { start, oldEnd, newEnd: statement.end });
  if (isNamedOutside(statement.name, statement, sourceFile, words) || isNamedElsewhere(statement.name.text)) return undefined;
  const names = getTopLevelNames(sourceFile, ts);
  const namesKey = `${sourceFile.fileName.replace(/^.*\./, '')}\0${[...names.declared].join(',')}\0${[...names.imported].join(',')}\0${[...names.shared].join(',')}`;
  let byText = verdicts.get(namesKey);
  if (!byText) {
    if (verdicts.size >= maxFileKinds) verdicts.clear();
    byText = new Map();
    verdicts.set(namesKey, byText);
  }
  const known = byText;
  const selfContained = (fn: ts.FunctionDeclaration, text: string): boolean => {
    let verdict = known.get(text);
    if (verdict === undefined) {
      verdict = isSelfContained(fn, names, ts);
      if (known.size >= maxVerdicts) known.clear();
      known.set(text, verdict);
    }
    return verdict;
  };
  const editedTexts: [string, string] = [oldText.slice(start, oldEnd), sourceFile.text.slice(start, statement.end)];
  if (!selfContained(statement, editedTexts[1]) || !selfContained(oldStatement, editedTexts[0])) return undefined;

  const hidden = new Set<ts.Node>();
  const keptOld: TextRange[] = [];
  const keptNew: TextRange[] = [];
  for (const other of sourceFile.statements) {
    if (other === statement || !ts.isFunctionDeclaration(other) || !other.body || !other.name) continue;
    if (other.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword)) continue;
    const name = other.name;
    // Named in another file, it may be reached from this one through that file, with its calls hidden.
    if (name.getText(sourceFile) !== name.text || isNamedOutside(name, other, sourceFile, words) || isNamedElsewhere(name.text)) continue;
    if (!selfContained(other, sourceFile.text.slice(other.pos, other.end))) continue;
    hidden.add(other);
    keptNew.push({ start: other.pos, end: other.end });
    const shift = other.pos >= statement.end ? delta : 0;
    keptOld.push({ start: other.pos - shift, end: other.end - shift });
  }
  if (hidden.size === 0) return undefined;
  return { edit: { start, oldEnd, delta }, editedTexts, keptOld, keptNew, hidden };
}

/** A context whose walks skip the plan's kept functions; one per plan and context, so every rule shares its facts. */
export function getHidingContext(context: AnalysisContext, plan: FunctionReusePlan): AnalysisContext {
  let byContext = hidingContexts.get(plan);
  if (!byContext) {
    byContext = new WeakMap();
    hidingContexts.set(plan, byContext);
  }
  let hiding = byContext.get(context);
  if (!hiding) {
    hiding = { ...context, ts: createHidingNamespace(context.ts, plan.hidden) };
    byContext.set(context, hiding);
  }
  return hiding;
}

/** Whether a function is self-contained, by its file's kind and top-level names and its text: an editor's re-lint asks
 * again about every unchanged function. */
const verdicts = new Map<string, Map<string, boolean>>();
const maxFileKinds = 32;
const maxVerdicts = 5_000;
const hidingContexts = new WeakMap<FunctionReusePlan, WeakMap<AnalysisContext, AnalysisContext>>();
const switchPatterns = new WeakMap<KnowledgeIndex, RegExp | null>();

/**
 * Does the edited function, before or after, call a method that switches on a behaviour for the whole program by
 * being written anywhere (Sequelize's `useCLS(…)`)? Then every function's findings may change.
 */
export function callsProgramSwitch(plan: FunctionReusePlan, knowledge: KnowledgeIndex): boolean {
  let pattern = switchPatterns.get(knowledge);
  if (pattern === undefined) {
    const names = knowledge.libraries.flatMap((library) => library.transactions?.implicitJoinEnabledBy ?? []);
    pattern = names.length > 0 ? new RegExp(`\\b(?:${names.map((name) => name.replace(/[$]/g, '\\$')).join('|')})\\s*\\(`) : null;
    switchPatterns.set(knowledge, pattern);
  }
  return pattern !== null && plan.editedTexts.some((text) => pattern.test(text));
}

/** Is the function's name written anywhere in the file outside the function itself? */
function isNamedOutside(identifier: ts.Identifier, fn: ts.FunctionDeclaration, sourceFile: ts.SourceFile, words: ReadonlyMap<string, number>): boolean {
  const name = identifier.text;
  // Words are runs of ASCII identifier characters: another name is not looked for.
  if (/[^\w$]/.test(name)) return true;
  return (words.get(name) ?? 0) > countMentions(sourceFile.text, name, fn.pos, fn.end);
}
