/** How findings name a held connection: `the transaction \`trx\``, and where it was taken. */
import type * as ts from 'typescript';

import type { AnalysisContext } from '../core/analysis-context.js';
import type { Finding, RelatedLocation, TextEdit } from '../core/finding.js';
import type { HeldConnection } from './held-connections.js';

import { toCallText } from '../leaks/acquisitions.js';

/** Message data shared by both rules: `holder`, `from` (where the connection was taken), `acquire`, `line`. A resource
 * that connects at its first use is named with that use (`runner.connect()`), not with the call that created it. */
export function describeHeld(held: HeldConnection, context: AnalysisContext): { holder: string; from: string; acquire: string; line: number } {
  const taken = held.connectedBy ?? held.call;
  const acquire = held.connectedBy ? toCallText(held.connectedBy, context) : held.callText;
  const line = lineOf(taken);
  const from = held.connectedBy
    ? `connected by \`${acquire}\` on line ${line}`
    : held.resource?.connectsOnFirstUse
      ? `created by \`${acquire}\` on line ${line}, connected at its first use`
      : `from \`${acquire}\` on line ${line}`;
  return { holder: held.handleName ? `the ${held.noun} \`${held.handleName}\`` : `the ${held.noun}`, from, acquire, line };
}

function lineOf(node: ts.Node): number {
  return node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1;
}

/** A finding of either rule at `node`: the held connection's data and location come first, then `related`. */
export function toHeldFinding<MessageId extends string>(
  ruleId: string,
  node: ts.Node,
  held: HeldConnection,
  messageId: MessageId,
  data: Record<string, string>,
  related: readonly RelatedLocation[],
  context: AnalysisContext,
  fix?: readonly TextEdit[],
): Finding<MessageId> {
  return {
    ruleId,
    messageId,
    data: { ...describeHeld(held, context), ...data },
    fileName: node.getSourceFile().fileName,
    start: node.getStart(),
    end: node.getEnd(),
    related: [relatedHeld(held), ...related],
    ...(fix ? { fix } : {}),
  };
}

export function relatedHeld(held: HeldConnection): RelatedLocation {
  const taken = held.connectedBy ?? held.call;
  const message = held.connectedBy ? `the ${held.noun} connects here` : `the ${held.noun} is taken here`;
  return { fileName: taken.getSourceFile().fileName, start: taken.getStart(), end: taken.getEnd(), message };
}

export function relatedNode(node: ts.Node, message: string): RelatedLocation {
  return { fileName: node.getSourceFile().fileName, start: node.getStart(), end: node.getEnd(), message };
}

/** `audit.ts:12`, for messages about a helper's query. */
export function describeWhere(node: ts.Node): string {
  const file = node.getSourceFile();
  const name = file.fileName.replace(/\\/g, '/').split('/').at(-1) ?? file.fileName;
  return `${name}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
}

/** ` through \`a()\` → \`b()\``, empty when the helper queries itself. */
export function describeThrough(through: readonly string[]): string {
  return through.length > 0 ? ` through ${through.map((name) => `\`${name}\``).join(' → ')}` : '';
}
