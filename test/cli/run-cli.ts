/**
 * The CLI two ways. `runCli` calls it in-process (src/cli/run-cli.ts, what the binary runs) with captured
 * streams: behaviour tests use it, each saving a process start and a second TypeScript load. `spawnCli` runs
 * the built binary as a user would, for the few tests about the process itself: exit status, which stream
 * gets what, terminal detection. `npm test` builds first; a missing build is built once.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DeclarationCache } from '../../src/cli/project/declaration-cache.js';
import { runCli as runCliInProcess } from '../../src/cli/run-cli.js';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cliFixtures = path.join(repositoryRoot, 'fixtures/cli');
const bin = path.join(repositoryRoot, 'dist/src/cli/main.js');

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface RunOptions {
  readonly env?: Readonly<Record<string, string>>;
}

/** Colour is decided by the CLI from the environment: tests start from a neutral one. */
function neutralEnvironment(overrides: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'GITHUB_ACTIONS']) delete env[name];
  return { ...env, ...overrides };
}

/** Library and `lib` declarations parsed once for every in-process scan of a test worker, not once per scan. */
export const declarationCache = new DeclarationCache();

/** In-process, with the output streams as pipes (not terminals). Relative paths are from the repository root. */
export async function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  if (process.cwd() !== repositoryRoot) throw new Error(`run the tests from the repository root (${repositoryRoot}), not ${process.cwd()}`);
  let stdout = '';
  let stderr = '';
  const exitCode = await runCliInProcess(args, {
    stdout: { isTTY: false, write: (text: string) => (stdout += text) },
    stderr: { isTTY: false, write: (text: string) => (stderr += text) },
    env: neutralEnvironment(options.env),
    declarationCache,
  });
  return { exitCode, stdout, stderr };
}

export function ensureBuilt(): void {
  if (!fs.existsSync(bin)) execFileSync('npm', ['run', 'build'], { cwd: repositoryRoot, stdio: 'ignore' });
}

/** The built binary as a child process, stdout and stderr piped. */
export function spawnCli(args: readonly string[], options: RunOptions & { readonly cwd?: string } = {}): Promise<CliResult> {
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd ?? repositoryRoot, env: neutralEnvironment(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout, stderr }));
  });
}

/** The binary path, for tests that start it under a pseudo-terminal. */
export const cliBinary = bin;

export interface JsonReport {
  readonly findings: readonly {
    readonly ruleId: string;
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly endLine: number;
    readonly endColumn: number;
    readonly message: string;
    readonly severity: 'error' | 'warning';
    readonly fingerprint: string;
    readonly related?: readonly { readonly file: string; readonly line: number; readonly message: string }[];
    readonly scriptsAndTests?: string;
  }[];
  readonly summary: {
    readonly filesAnalyzed: number;
    readonly filesWithoutDatabaseImports: number;
    readonly filesSkipped: readonly { readonly file: string; readonly reason: string }[];
    readonly errorCount: number;
    readonly warningCount: number;
    readonly suppressedByComments: number;
    readonly baseline?: { readonly suppressed: number; readonly fixed: number };
  };
}

export function parseJsonReport(result: CliResult): JsonReport {
  try {
    return JSON.parse(result.stdout) as JsonReport;
  } catch {
    throw new Error(`the CLI gave no JSON (exit ${result.exitCode}): ${result.stderr.slice(0, 500)}`);
  }
}

/** A copy of a fixture in a temporary directory, with the repository's node_modules linked in for library types. */
export function copyFixture(name: string, temporaryRoot: string): string {
  const target = path.join(temporaryRoot, name);
  fs.cpSync(path.join(cliFixtures, name), target, { recursive: true });
  fs.symlinkSync(path.join(repositoryRoot, 'node_modules'), path.join(target, 'node_modules'), 'dir');
  return target;
}

/** A fixture's `// expect: <rule-id>` comments as `file:line rule-id`, files relative to `directory`, sorted; only
 * files whose name ends with `extension`. */
export function readExpectedFindings(directory: string, extension = '.ts'): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(directory, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith(extension)) continue;
    fs.readFileSync(path.join(directory, entry), 'utf8').split('\n').forEach((line, index) => {
      const match = /\/\/ expect: (\S+)/.exec(line);
      if (match) found.push(`${entry.split(path.sep).join('/')}:${index + 1} ${match[1]}`);
    });
  }
  return found.sort();
}

/** A scan's findings in the same form (`poolguard/` dropped from rule ids). */
export function toFoundFindings(findings: readonly { readonly file: string; readonly line: number; readonly ruleId: string }[], prefix = ''): string[] {
  return findings.map((finding) => `${finding.file.slice(prefix.length)}:${finding.line} ${finding.ruleId.replace(/^poolguard\//, '')}`).sort();
}
