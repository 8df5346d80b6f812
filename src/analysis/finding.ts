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
