/**
 * Editor and CI never disagree: every annotated fixture project gets exactly its `// expect: <rule-id>`
 * findings from typed ESLint and from `analyzeProject` (the CLI's core), and untyped ESLint finds the
 * same except lines marked `(typed)`, which need another file's code to be seen.
 */
import fs from 'node:fs';
import path from 'node:path';

import { ESLint } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { analyzeProject } from '../src/cli/analyze-project.js';
import { declarationCache } from './cli/run-cli.js';
import { fixturesRoot } from './helpers/rule-testers.js';
import { createSharingHost } from './helpers/sharing-compiler-host.js';

interface Expectation {
  readonly key: string;
  readonly typedOnly: boolean;
}

const projects = [
  path.join(fixturesRoot, 'demo-app'),
  ...listProjects(path.join(fixturesRoot, 'projects')),
].filter((directory) => fs.existsSync(path.join(directory, 'tsconfig.json')));

describe.each(projects.map((directory) => [path.relative(fixturesRoot, directory), directory]))('%s', (_name, directory) => {
  const expectations = readExpectations(directory);
  const expected = expectations.map((expectation) => expectation.key).sort();
  const expectedUntyped = expectations.filter((expectation) => !expectation.typedOnly).map((expectation) => expectation.key).sort();

  it('type-checks without errors, so typed runs see real library types', () => {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(directory, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    expect(config).toBeDefined();
    const options = config?.options ?? {};
    const program = ts.createProgram({ rootNames: config?.fileNames ?? [], options, host: createSharingHost(options) });
    const errors = ts.getPreEmitDiagnostics(program).filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
    expect(errors.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))).toEqual([]);
  });

  it('the CLI reports exactly the annotated findings', () => {
    const analysis = analyzeProject({ path: directory, declarationCache });
    expect(analysis.findings.map((finding) => `${finding.file}:${finding.line}:${finding.ruleId}`).sort()).toEqual(expected);
  });

  it('typed ESLint reports exactly the annotated findings', async () => {
    expect(await lint(directory, true)).toEqual(expected);
  });

  it('untyped ESLint reports the annotated findings that need no other file', async () => {
    expect(await lint(directory, false)).toEqual(expectedUntyped);
  });
});

async function lint(directory: string, typed: boolean): Promise<string[]> {
  const eslint = new ESLint({
    cwd: directory,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: typed ? { projectService: true, tsconfigRootDir: directory } : {},
        },
        // typescript-eslint's rule types and ESLint's plugin type differ only nominally.
        plugins: { poolguard: plugin as unknown as ESLint.Plugin },
        rules: Object.fromEntries(Object.keys(plugin.rules).map((id) => [`poolguard/${id}`, 'error'])),
      },
    ],
  });
  const results = await eslint.lintFiles(['src']);
  return results
    .flatMap((result) => result.messages.map((message) => {
      if (!message.ruleId) throw new Error(`${result.filePath}: ${message.message}`);
      return `${path.relative(directory, result.filePath).split(path.sep).join('/')}:${message.line}:${message.ruleId.replace('poolguard/', '')}`;
    }))
    .sort();
}

/** `// expect: <rule-id>` or `// expect: <rule-id> (typed)` on the reported line. */
function readExpectations(directory: string): Expectation[] {
  const expectations: Expectation[] = [];
  for (const file of listSourceFiles(path.join(directory, 'src'))) {
    const relative = path.relative(directory, file).split(path.sep).join('/');
    fs.readFileSync(file, 'utf8').split('\n').forEach((text, index) => {
      for (const match of text.matchAll(/\/\/ expect: ([\w-]+)( \(typed\))?/g)) {
        expectations.push({ key: `${relative}:${index + 1}:${match[1] ?? ''}`, typedOnly: match[2] !== undefined });
      }
    });
  }
  return expectations;
}

function listSourceFiles(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return listSourceFiles(full);
    return /\.(?:ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function listProjects(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const ruleDirectory = path.join(root, entry.name);
      return fs.readdirSync(ruleDirectory, { withFileTypes: true })
        .filter((scenario) => scenario.isDirectory())
        .map((scenario) => path.join(ruleDirectory, scenario.name));
    });
}
