/** ANSI styles that are no-ops when colour is off. */
export interface Colors {
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly green: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly underline: (text: string) => string;
}

const style = (open: number, close: number) => (text: string) => `\u001B[${open}m${text}\u001B[${close}m`;

export function getColors(enabled: boolean): Colors {
  if (!enabled) {
    const plain = (text: string): string => text;
    return { red: plain, yellow: plain, green: plain, dim: plain, bold: plain, underline: plain };
  }
  return { red: style(31, 39), yellow: style(33, 39), green: style(32, 39), dim: style(2, 22), bold: style(1, 22), underline: style(4, 24) };
}

/** Colour on a TTY, unless NO_COLOR is set; FORCE_COLOR (other than 0/false) turns it on anywhere. */
export function shouldUseColor(stream: { readonly isTTY?: boolean }, environment: NodeJS.ProcessEnv = process.env): boolean {
  const force = environment.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (environment.NO_COLOR !== undefined && environment.NO_COLOR !== '') return false;
  if (force === '0' || force === 'false') return false;
  return stream.isTTY === true && environment.TERM !== 'dumb';
}
