/**
 * A request transaction opened by a Hono middleware (`invoices.use('*', authMiddleware)`, the middleware running
 * `next` inside a transaction wrapper) around a router mounted from another file (`invoices.route('/', payRoutes)`):
 * the handler's service awaits Stripe. The CLI reads the whole program and reports at the slow call, naming the
 * middleware and the route. Hard negatives: a router mounted before the middleware, a router of another app
 * without it, and a route outside the path a middleware is registered for (`use('/billing/*', …)`). The same with
 * Express (`app.use(requestTransaction)` then `app.use('/invoices', payRouter)`), a router mounted before the
 * middleware as the hard negative; there the slow calls also sit in files that import no database module, which the
 * CLI's prefilter would skip. Paths: Express's `use('/billing', mw)` covers `/billing` and the paths under it (a
 * router mounted there, `/admin/users/:id/invite` in the same file) but not `/billing-reports` or `/administrators`;
 * Hono's `use('/settings', mw)` covers `/settings` only, not `/settings/notify`. Expected findings are the `// expect:` comments of each fixture.
 */
import path from 'node:path';

import { expect, test } from 'vitest';

import { analyzeProject } from '../../src/cli/analyze-project.js';
import { cliFixtures, declarationCache, readExpectedFindings, toFoundFindings } from './run-cli.js';

const fixture = path.join(cliFixtures, 'ambient-transactions');


test('slow I/O behind a middleware transaction around a router mounted from another file lands at the slow call', () => {
  const analysis = analyzeProject({ path: fixture, declarationCache });
  expect(toFoundFindings(analysis.findings)).toEqual(readExpectedFindings(fixture));
  const message = analysis.findings[0]?.message ?? '';
  expect(message).toContain('`authMiddleware` opens (`invoiceRoutes.use(…)`, index.ts:9)');
  expect(message).toContain('`payRoutes.post(\'/:id/pay-link\', …)` (pay.ts:7) reaches it through `createPayLink()`');
});

test('an Express router mounted from another file after a transaction middleware: its slow call is reported', () => {
  const express = path.join(cliFixtures, 'ambient-transactions-express');
  const analysis = analyzeProject({ path: express, declarationCache });
  expect(toFoundFindings(analysis.findings)).toEqual(readExpectedFindings(express));
  const message = (file: string) => analysis.findings.find((finding) => finding.file === file)?.message ?? '';
  expect(message('src/services/pay.ts')).toContain('`payRouter.post(\'/:id/pay-link\', …)` (pay.ts:5) reaches it through `createPayLink()`');
  // The files the findings land in import no database module (services/receipts.ts, routes/notify.ts): analysed for
  // the rule anyway; services/status.ts and routes/reports.ts, reached only from routes the middleware does not
  // cover, stay skipped.
  expect(message('src/services/receipts.ts')).toContain('`payRouter.post(\'/:id/receipt\', …)` (pay.ts:8) reaches it through `emailReceipt()`');
  expect(analysis.filesWithoutDatabaseImports).toBe(2);
});

test('a program where no file reaches a database module still holds a request transaction through a client type it declares', () => {
  // Prisma's client type counts wherever it is declared: the whole-program pass must not take "no database import" for
  // "no transaction" here, as it may for a frontend.
  const declared = path.join(cliFixtures, 'ambient-transactions-declared-client');
  const analysis = analyzeProject({ path: declared, declarationCache });
  expect(toFoundFindings(analysis.findings)).toEqual(readExpectedFindings(declared));
  expect(analysis.filesWithoutDatabaseImports).toBe(2);
});
