/** How findings name a held connection: `the transaction \`trx\``, and where it was taken. */
import type * as ts from 'typescript';

import type { Finding, RelatedLocation, TextEdit } from '../core/finding.js';
import type { HeldConnection } from './held-connections.js';

/** Message data shared by both rules: `holder`, `acquire`, `line`. */
export function describeHeld(held: HeldConnection): { holder: string; acquire: string; line: number } {
  const file = held.call.getSourceFile();
  return {
    holder: held.handleName ? `the ${held.noun} \`${held.handleName}\`` : `the ${held.noun}`,
    acquire: held.callText,
    line: file.getLineAndCharacterOfPosition(held.call.getStart()).line + 1,
  };
}

/** A finding of either rule at `node`: the held connection's data and location come first, then `related`. */
export function toHeldFinding<MessageId extends string>(
  ruleId: string,
  node: ts.Node,
  held: HeldConnection,
  messageId: MessageId,
  data: Record<string, string>,
  related: readonly RelatedLocation[],
  fix?: readonly TextEdit[],
): Finding<MessageId> {
  return {
    ruleId,
    messageId,
    data: { ...describeHeld(held), ...data },
    fileName: node.getSourceFile().fileName,
    start: node.getStart(),
    end: node.getEnd(),
    related: [relatedHeld(held), ...related],
    ...(fix ? { fix } : {}),
  };
}

export function relatedHeld(held: HeldConnection): RelatedLocation {
  const file = held.call.getSourceFile();
  return { fileName: file.fileName, start: held.call.getStart(), end: held.call.getEnd(), message: `the ${held.noun} is taken here` };
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
