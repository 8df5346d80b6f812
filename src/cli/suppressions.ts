/** ESLint's inline directives, honoured by the CLI as ESLint honours them for `poolguard/<rule>`. */
import type * as typescript from 'typescript';

import type { TypeScript } from '../analysis/core/analysis-context.js';

interface Directive {
  readonly kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  /** Rule ids without the plugin prefix; empty means every rule. */
  readonly ruleIds: readonly string[];
  readonly start: number;
  readonly line: number;
}

export interface Suppressions {
  isSuppressed(ruleId: string, start: number): boolean;
}

const directivePattern = /^\s*(eslint-disable-next-line|eslint-disable-line|eslint-disable|eslint-enable)(?:\s|$)([\s\S]*)$/;

/** Reads the directives of a file (only called for files with findings). */
export function getSuppressions(ts: TypeScript, sourceFile: typescript.SourceFile): Suppressions {
  const directives = collectDirectives(ts, sourceFile);
  if (directives.length === 0) return { isSuppressed: () => false };
  return {
    isSuppressed(ruleId, start) {
      const line = sourceFile.getLineAndCharacterOfPosition(start).line;
      const applies = (directive: Directive): boolean => directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId);
      if (directives.some((directive) => directive.kind === 'disable-line' && directive.line === line && applies(directive))) return true;
      if (directives.some((directive) => directive.kind === 'disable-next-line' && directive.line + 1 === line && applies(directive))) return true;
      // Replay block directives up to the finding, as ESLint does.
      let disabled = false;
      for (const directive of directives) {
        if (directive.start > start) break;
        if (directive.kind === 'disable' && applies(directive)) disabled = true;
        if (directive.kind === 'enable' && applies(directive)) disabled = false;
      }
      return disabled;
    },
  };
}

function collectDirectives(ts: TypeScript, sourceFile: typescript.SourceFile): Directive[] {
  const text = sourceFile.text;
  if (!text.includes('eslint-')) return [];
  const seen = new Set<number>();
  const directives: Directive[] = [];
  const addComments = (ranges: readonly typescript.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      const isLine = range.kind === ts.SyntaxKind.SingleLineCommentTrivia;
      const body = isLine ? text.slice(range.pos + 2, range.end) : text.slice(range.pos + 2, range.end - 2);
      const directive = parseDirective(body, isLine, range.pos, sourceFile);
      if (directive) directives.push(directive);
    }
  };
  const visit = (node: typescript.Node): void => {
    addComments(ts.getLeadingCommentRanges(text, node.pos));
    addComments(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  addComments(ts.getLeadingCommentRanges(text, sourceFile.endOfFileToken.pos));
  return directives.sort((a, b) => a.start - b.start);
}

function parseDirective(body: string, isLine: boolean, start: number, sourceFile: typescript.SourceFile): Directive | undefined {
  const match = directivePattern.exec(body);
  if (!match) return undefined;
  const name = match[1] ?? '';
  const kind = name.slice('eslint-'.length) as Directive['kind'];
  // As in ESLint: `eslint-disable`/`eslint-enable` only in block comments; `-line` forms on a single line.
  if (isLine && (kind === 'disable' || kind === 'enable')) return undefined;
  const startLine = sourceFile.getLineAndCharacterOfPosition(start).line;
  if ((kind === 'disable-line' || kind === 'disable-next-line') && body.includes('\n')) return undefined;
  const list = (match[2] ?? '').split(/\s--\s|\s--$/)[0] ?? '';
  const names = list.split(',').map((item) => item.trim()).filter(Boolean);
  const ruleIds = names.flatMap((item) => (item.startsWith('poolguard/') ? [item.slice('poolguard/'.length)] : [`\0${item}`]));
  // A directive naming only other plugins' rules disables none of ours.
  if (names.length > 0 && ruleIds.every((ruleId) => ruleId.startsWith('\0'))) return { kind, ruleIds: ['\0'], start, line: startLine };
  return { kind, ruleIds: ruleIds.filter((ruleId) => !ruleId.startsWith('\0')), start, line: startLine };
}
