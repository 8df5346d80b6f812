/** The suggestion for a pool limit that is missing or set to a "no limit" value: write the library's
 * suggested value (knowledge: `LimitDefinition.suggestedValue`) into the options object the code shows. */
import type * as ts from 'typescript';

import type { LimitDefinition } from '../../knowledge/pool-definition.js';
import type { AnalysisContext } from '../core/analysis-context.js';
import type { TextEdit } from '../core/finding.js';
import type { Evaluated } from './pool-options.js';
import type { LimitReading, PoolConfiguration, PoolSite } from './pool-sites.js';

import { skipOuterExpressions } from '../core/syntax.js';
import { lookupKey } from './pool-options.js';

export interface LimitSuggestion {
  readonly option: string;
  readonly value: number;
  readonly edits: readonly TextEdit[];
}

/** Edits that set `option` (a dotted path) to the suggested value; undefined when the rewrite is not mechanical
 * (no suggested value, options built elsewhere, a URL, a ternary, an environment fallback). */
export function suggestLimit(
  site: PoolSite,
  configuration: Extract<PoolConfiguration, { type: 'known' }>,
  limit: LimitDefinition,
  reading: LimitReading,
  option: string,
  context: AnalysisContext,
): LimitSuggestion | undefined {
  const value = limit.suggestedValue;
  if (value === undefined) return undefined;
  const sourceFile = site.node.getSourceFile();
  const result = (edit: TextEdit | undefined): LimitSuggestion | undefined => (edit ? { option, value, edits: [edit] } : undefined);
  // `connectionLimit: 0`: replace the sentinel.
  if (reading.source === 'option') return result(reading.written === undefined ? undefined : replaceLiteral(reading.node, value, sourceFile, context));
  if (reading.source !== 'default') return undefined;
  const segments = option.split('.');
  if (!configuration.options) return result(addOptionsArgument(site, segments, value, context));
  return result(setPath(configuration.options, segments, value, sourceFile, context));
}

/** `{ max: 0 }` → `{ max: 10 }`: only a property whose value is written as a number right there. */
function replaceLiteral(node: ts.Node | undefined, value: number, sourceFile: ts.SourceFile, context: AnalysisContext): TextEdit | undefined {
  const { ts } = context;
  if (!node || node.getSourceFile() !== sourceFile || !ts.isPropertyAssignment(node)) return undefined;
  const initializer = skipOuterExpressions(node.initializer, ts);
  const isNumber = ts.isNumericLiteral(initializer) || (ts.isPrefixUnaryExpression(initializer) && initializer.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(initializer.operand));
  if (!isNumber) return undefined;
  return { start: node.initializer.getStart(sourceFile), end: node.initializer.getEnd(), text: formatNumber(value) };
}

/** Sets `segments` in an evaluated options object written as a literal in this file. */
function setPath(options: Evaluated, segments: readonly string[], value: number, sourceFile: ts.SourceFile, context: AnalysisContext): TextEdit | undefined {
  const { ts } = context;
  const [key, ...rest] = segments;
  if (key === undefined || options.kind !== 'object' || options.node.getSourceFile() !== sourceFile || !ts.isObjectLiteralExpression(options.node)) return undefined;
  const lookup = lookupKey(options, key);
  if (!lookup.found) return insertProperty(options.node, key, formatValue(rest, value), sourceFile, context);
  // Present but nullish (`connectionTimeoutMillis: undefined`), or the object that holds the rest of the path.
  if (rest.length === 0) return lookup.value.kind === 'nullish' && lookup.property && ts.isPropertyAssignment(lookup.property) && lookup.property.getSourceFile() === sourceFile
    ? { start: lookup.property.initializer.getStart(sourceFile), end: lookup.property.initializer.getEnd(), text: formatNumber(value) }
    : undefined;
  return setPath(lookup.value, rest, value, sourceFile, context);
}

/** `new Pool()` → `new Pool({ connectionTimeoutMillis: 10_000 })`, when the options would be the only argument. */
function addOptionsArgument(site: PoolSite, segments: readonly string[], value: number, context: AnalysisContext): TextEdit | undefined {
  const { ts } = context;
  const location = site.factory?.options ?? site.pool.options ?? {};
  const args = site.node.arguments;
  if (!args || args.length > 0 || (location.argument ?? 0) !== 0 || location.path !== undefined || !ts.isNewExpression(site.node)) return undefined;
  return { start: args.pos, end: args.pos, text: `{ ${segments[0] ?? ''}: ${formatValue(segments.slice(1), value)} }` };
}

/** `value`, or `{ max: value }` for the rest of a path. */
function formatValue(rest: readonly string[], value: number): string {
  return rest.reduceRight((inner, key) => `{ ${formatKey(key)}: ${inner} }`, formatNumber(value));
}

function formatKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

/** Milliseconds read better with a separator: `10_000`. */
function formatNumber(value: number): string {
  return Math.abs(value) >= 10_000 && Number.isInteger(value) ? value.toString().replace(/\B(?=(\d{3})+$)/g, '_') : String(value);
}

/** Adds `key: value` as the last property, in the object's layout: one line, or one property per line. */
function insertProperty(object: ts.ObjectLiteralExpression, key: string, value: string, sourceFile: ts.SourceFile, context: AnalysisContext): TextEdit | undefined {
  const { ts } = context;
  const property = `${formatKey(key)}: ${value}`;
  const last = object.properties.at(-1);
  if (!last) {
    const inner = sourceFile.text.slice(object.getStart(sourceFile) + 1, object.getEnd() - 1);
    if (inner.trim() !== '') return undefined; // comments only: leave them be
    return { start: object.getStart(sourceFile), end: object.getEnd(), text: `{ ${property} }` };
  }
  const trailingComma = object.properties.hasTrailingComma;
  const comma = trailingComma ? object.getChildren(sourceFile)[1]?.getChildren(sourceFile).at(-1) : undefined;
  if (trailingComma && comma?.kind !== ts.SyntaxKind.CommaToken) return undefined;
  const commaEnd = comma ? comma.getEnd() : last.getEnd();
  const lastLine = sourceFile.getLineAndCharacterOfPosition(last.getStart(sourceFile)).line;
  const openLine = sourceFile.getLineAndCharacterOfPosition(object.getStart(sourceFile)).line;
  if (lastLine === openLine) return { start: commaEnd, end: commaEnd, text: trailingComma ? ` ${property},` : `, ${property}` };
  const lineStart = sourceFile.getPositionOfLineAndCharacter(lastLine, 0);
  const indent = /^[ \t]*/.exec(sourceFile.text.slice(lineStart))?.[0] ?? '';
  return { start: commaEnd, end: commaEnd, text: trailingComma ? `\n${indent}${property},` : `,\n${indent}${property}` };
}
