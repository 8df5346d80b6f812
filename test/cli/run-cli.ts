/** Runs the built CLI as a process, as a user would. `npm test` builds first; a missing build is built once. */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cliFixtures = path.join(repositoryRoot, 'fixtures/cli');
const bin = path.join(repositoryRoot, 'dist/src/cli/main.js');

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function ensureBuilt(): void {
  if (!fs.existsSync(bin)) execFileSync('npm', ['run', 'build'], { cwd: repositoryRoot, stdio: 'ignore' });
}

/** Colour is decided by the CLI from the environment: tests start from a neutral one. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'GITHUB_ACTIONS']) if (!options.env || !(name in options.env)) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd ?? repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout, stderr }));
  });
}

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
