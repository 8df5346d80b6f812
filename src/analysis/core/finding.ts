/** A finding: plain, serializable data that both hosts turn into their own reports. */

export interface Finding<MessageId extends string = string> {
  readonly ruleId: string;
  readonly messageId: MessageId;
  readonly data: Readonly<Record<string, string | number>>;
  readonly fileName: string;
  /** Offsets into the file text (from `node.getStart()`, never `node.pos`). */
  readonly start: number;
  readonly end: number;
  /** Secondary locations: the path a leak takes, the query a helper runs. */
  readonly related?: readonly RelatedLocation[];
  /** An exact, behaviour-preserving rewrite: applied by ESLint's and the CLI's `--fix`. */
  readonly fix?: readonly TextEdit[];
  /** Rewrites that change behaviour or move code: offered to the user, never applied on their own. */
  readonly suggestions?: readonly Suggestion<MessageId>[];
}

/** Replace `[start, end)` of the finding's file text with `text` (`start === end` inserts). */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A suggestion: its description is the rule message `messageId` filled with `data`. */
export interface Suggestion<MessageId extends string = string> {
  readonly messageId: MessageId;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Non-overlapping edits of the finding's file. */
  readonly edits: readonly TextEdit[];
}

export interface RelatedLocation {
  readonly fileName: string;
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** Fills `{{placeholders}}` of a message template with a finding's data. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** Edits sorted by position, or undefined when two overlap or one falls outside the text (then the fix is dropped). */
export function normalizeEdits(edits: readonly TextEdit[], textLength: number): TextEdit[] | undefined {
  const sorted = edits.toSorted((a, b) => a.start - b.start || a.end - b.end);
  let previousEnd = 0;
  for (const edit of sorted) {
    if (edit.start < previousEnd || edit.end < edit.start || edit.end > textLength) return undefined;
    previousEnd = edit.end;
  }
  return sorted.length > 0 ? sorted : undefined;
}

/** Applies sorted, non-overlapping edits (from {@link normalizeEdits}) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let output = '';
  let position = 0;
  for (const edit of edits) {
    output += text.slice(position, edit.start) + edit.text;
    position = edit.end;
  }
  return output + text.slice(position);
}
