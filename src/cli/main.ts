#!/usr/bin/env node
/** The `poolguard` command: parse arguments, analyze, report, set the exit code. */
import { parseArgs } from 'node:util';

import { analyzeProject } from './analyze-project.js';
import { UsageError } from './usage-error.js';

const usage = 'usage: poolguard scan [path] [--format text|json]';

function main(argv: readonly string[]): number {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const [command, target = '.', ...rest] = positionals;
  if (command !== 'scan') throw new UsageError(command ? `unknown command: ${command}` : usage);
  if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest[0] ?? ''}`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown format: ${values.format}`);
  const analysis = analyzeProject({ path: target });
  if (values.format === 'json') {
    process.stdout.write(`${JSON.stringify({ findings: analysis.findings }, null, 2)}\n`);
  } else {
    for (const finding of analysis.findings) {
      console.log(`${finding.file}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.message}  poolguard/${finding.ruleId}`);
    }
    console.log(`${analysis.findings.length} finding(s) in ${analysis.filesAnalyzed} file(s)`);
  }
  return analysis.findings.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    console.error(`poolguard: ${error.message}`);
  } else {
    console.error(`poolguard: internal error: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 2;
}
