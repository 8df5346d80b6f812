/**
 * Where seeds, scripts, migrations and tests live by convention. Their findings are real (a seed that inserts
 * row by row is an N+1) but they do not run on a request path, so the CLI reports them as warnings by default
 * and `configs['scripts-and-tests']` does the same in ESLint. Globs in minimatch syntax, as ESLint's `files`.
 */
const sourceExtensions = '{js,jsx,cjs,mjs,ts,tsx,cts,mts}';

export const scriptsAndTestsFiles: readonly string[] = [
  '**/{seed,seeds,seeder,seeders,seeding,scripts,migration,migrations}/**',
  `**/*.{seed,seeder,migration}.${sourceExtensions}`,
  '**/{test,tests,__tests__,__mocks__,e2e,spec}/**',
  `**/*.{test,spec,e2e-spec,e2e}.${sourceExtensions}`,
];
