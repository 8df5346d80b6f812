/** The option table: the single source of `parseArgs` options, `--help` and the table in docs/cli.md. */
import { parseArgs } from 'node:util';

import { UsageError } from './usage-error.js';

export type Command = 'scan' | 'pools';

export interface OptionDefinition {
  readonly name: string;
  readonly short?: string;
  readonly type: 'string' | 'boolean';
  /** Placeholder shown in help, e.g. `FILE`. */
  readonly value?: string;
  readonly description: string;
  readonly default?: string | boolean;
  /** Commands the option applies to. */
  readonly commands: readonly Command[];
}

export const formats = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof formats)[number];

export const commands: readonly { readonly name: Command; readonly usage: string; readonly description: string }[] = [
  { name: 'scan', usage: 'poolguard scan [path] [options]', description: 'Find leaked connections, N+1 queries and unbounded or per-request pools.' },
  { name: 'pools', usage: 'poolguard pools [path] [options]', description: 'List the connection pools the code creates and the connections they may open together.' },
];

export const options: readonly OptionDefinition[] = [
  { name: 'format', short: 'f', type: 'string', value: 'FORMAT', default: 'text', commands: ['scan', 'pools'], description: 'Output format: `text`, `json`, `sarif` or `github` (`pools`: `text` or `json`).' },
  { name: 'output', short: 'o', type: 'string', value: 'FILE', commands: ['scan', 'pools'], description: 'Write the report to FILE instead of stdout.' },
  { name: 'project', short: 'p', type: 'string', value: 'TSCONFIG', commands: ['scan'], description: 'Load this tsconfig file (or directory holding tsconfig.json) instead of discovering projects under the path.' },
  { name: 'config', short: 'c', type: 'string', value: 'FILE', commands: ['scan', 'pools'], description: 'Use this configuration file instead of looking for `poolguard.config.json` or a `poolguard` key in package.json.' },
  { name: 'max-warnings', type: 'string', value: 'N', default: '-1', commands: ['scan'], description: 'Exit with code 1 when there are more than N warnings (-1: no limit).' },
  { name: 'quiet', short: 'q', type: 'boolean', default: false, commands: ['scan'], description: 'Report errors only, no warnings.' },
  { name: 'baseline', type: 'string', value: 'FILE', commands: ['scan'], description: 'Report only findings that are not in this baseline file.' },
  { name: 'write-baseline', type: 'string', value: 'FILE', commands: ['scan'], description: "Record today's findings in FILE (then exit 0); later scans with `--baseline FILE` report only new ones." },
  { name: 'fix', type: 'boolean', default: false, commands: ['scan'], description: 'Apply the safe fixes to the files, then report what remains. Suggestions (rewrites to review, shown in editors and in the `json` and `sarif` formats) are never applied.' },
  { name: 'fix-dry-run', type: 'boolean', default: false, commands: ['scan'], description: 'Print the safe fixes as a unified diff on stdout (for `git apply`) and write nothing; the report goes to `--output` only.' },
  { name: 'timing', type: 'boolean', default: false, commands: ['scan'], description: 'Print the time spent per phase (load, each rule, report) on stderr.' },
  { name: 'replicas', type: 'string', value: 'N', commands: ['pools'], description: 'Number of processes that run the code (pods, workers), to total the connections.' },
  { name: 'db-max-connections', type: 'string', value: 'N', commands: ['pools'], description: "The database's connection limit (e.g. Postgres `max_connections`) to compare the total with." },
  { name: 'help', short: 'h', type: 'boolean', default: false, commands: ['scan', 'pools'], description: 'Show this help.' },
  { name: 'version', short: 'v', type: 'boolean', default: false, commands: ['scan', 'pools'], description: 'Print the version.' },
];

export interface Arguments {
  readonly command: Command;
  readonly path: string;
  readonly format: Format;
  readonly output?: string;
  readonly project?: string;
  readonly config?: string;
  readonly maxWarnings: number;
  readonly quiet: boolean;
  readonly baseline?: string;
  readonly writeBaseline?: string;
  readonly fix: boolean;
  readonly fixDryRun: boolean;
  readonly timing: boolean;
  readonly replicas?: number;
  readonly dbMaxConnections?: number;
  readonly help: boolean;
  readonly version: boolean;
}

/** Parses the command line. Throws {@link UsageError} with a one-line message for anything wrong. */
export function parseArguments(argv: readonly string[]): Arguments {
  let parsed: ReturnType<typeof parseWithTable>;
  try {
    parsed = parseWithTable(argv);
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  const flag = (name: string): boolean => values[name] === true;
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
  const [first, ...rest] = positionals;
  const command: Command = first === 'pools' ? 'pools' : 'scan';
  const operands = first === 'scan' || first === 'pools' ? rest : positionals;
  if (operands.length > 1) throw new UsageError(`unexpected argument: ${operands[1] ?? ''} (give one path)`);
  const format = text('format') ?? 'text';
  const allowed: readonly string[] = command === 'pools' ? ['text', 'json'] : formats;
  if (!allowed.includes(format)) throw new UsageError(`unknown format: ${format} (expected ${allowed.join(', ')})`);
  for (const option of options) {
    if (values[option.name] !== undefined && !option.commands.includes(command)) {
      throw new UsageError(`--${option.name} does not apply to \`poolguard ${command}\``);
    }
  }
  if (text('baseline') !== undefined && text('write-baseline') !== undefined) throw new UsageError('--baseline and --write-baseline cannot be used together');
  if (flag('fix') && flag('fix-dry-run')) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  if ((flag('fix') || flag('fix-dry-run')) && text('write-baseline') !== undefined) throw new UsageError(`--${flag('fix') ? 'fix' : 'fix-dry-run'} and --write-baseline cannot be used together`);
  return {
    command,
    path: operands[0] ?? '.',
    format: format as Format,
    output: text('output'),
    project: text('project'),
    config: text('config'),
    maxWarnings: toInteger('max-warnings', text('max-warnings') ?? '-1', -1) ?? -1,
    quiet: flag('quiet'),
    baseline: text('baseline'),
    writeBaseline: text('write-baseline'),
    fix: flag('fix'),
    fixDryRun: flag('fix-dry-run'),
    timing: flag('timing'),
    replicas: toInteger('replicas', text('replicas'), 1),
    dbMaxConnections: toInteger('db-max-connections', text('db-max-connections'), 1),
    help: flag('help'),
    version: flag('version'),
  };
}

function parseWithTable(argv: readonly string[]) {
  const table = Object.fromEntries(
    options.map((option) => [option.name, { type: option.type, ...(option.short ? { short: option.short } : {}) }]),
  ) as Record<string, { type: 'string' | 'boolean'; short?: string }>;
  return parseArgs({ args: joinNegativeValues(argv), options: table, allowPositionals: true, strict: true });
}

/** `--max-warnings -1` → `--max-warnings=-1`: parseArgs takes a value that starts with `-` for an option. */
function joinNegativeValues(argv: readonly string[]): string[] {
  const takesValue = new Set(options.filter((option) => option.type === 'string').map((option) => `--${option.name}`));
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    const next = argv[index + 1];
    if (takesValue.has(argument) && next !== undefined && /^-\d+$/.test(next)) {
      joined.push(`${argument}=${next}`);
      index += 1;
    } else {
      joined.push(argument);
    }
  }
  return joined;
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const option = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option: ${option} (see poolguard --help)`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `option ${option.replace(/ <value>$/, '').replace(/^-\w, /, '')} needs a value`;
  return message.split('\n')[0] ?? message;
}

function toInteger(name: string, value: string | undefined, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || number < minimum) throw new UsageError(`--${name} must be an integer of at least ${minimum}, got ${JSON.stringify(value)}`);
  return number;
}

/** The `--help` text. */
export function formatHelp(): string {
  const lines = ['PoolGuard: find database connection leaks, N+1 queries and unbounded pools.', '', 'Usage:'];
  for (const command of commands) lines.push(`  ${command.usage.padEnd(36)}${command.description}`);
  lines.push('', 'The path is a directory (default: the current one) or a tsconfig file.', '', 'Options:');
  const labels = options.map((option) => `${option.short ? `-${option.short}, ` : '    '}--${option.name}${option.value ? ` ${option.value}` : ''}`);
  const width = Math.max(...labels.map((label) => label.length)) + 2;
  for (const [index, option] of options.entries()) {
    const defaultText = option.type === 'string' && option.default !== undefined ? ` (default: ${String(option.default)})` : '';
    const only = option.commands.length === 1 ? ` [${option.commands[0] ?? ''}]` : '';
    lines.push(`  ${(labels[index] ?? '').padEnd(width)}${option.description.replace(/`/g, '')}${defaultText}${only}`);
  }
  lines.push('', 'Exit codes: 0 no error-level findings, 1 error-level findings (or too many warnings), 2 usage, configuration or internal error.');
  lines.push('Docs: https://github.com/poolguard/eslint-plugin-poolguard/blob/main/docs/cli.md');
  return lines.join('\n');
}

/** The option table of docs/cli.md, in Markdown. */
export function formatOptionTable(): string {
  const rows = ['| Option | Short | Value | Default | Commands | Description |', '| --- | --- | --- | --- | --- | --- |'];
  for (const option of options) {
    const defaultText = option.default === undefined || option.type === 'boolean' ? '' : `\`${String(option.default)}\``;
    rows.push(
      `| \`--${option.name}\` | ${option.short ? `\`-${option.short}\`` : ''} | ${option.value ?? ''} | ${defaultText} | ${option.commands.join(', ')} | ${option.description.replace(/\|/g, '\\|')} |`,
    );
  }
  return rows.join('\n');
}
