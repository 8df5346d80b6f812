/** A request handler's signature: `(req, res)`, `(request, reply)`, or a first parameter typed as a framework's
 * request (or a serverless event). Shared by the per-request context (pools) and the response listeners (leaks). */
import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';

import { requestParameters } from '../../knowledge/frameworks.js';
import { escapeRegExp } from './regexp-text.js';
import { getSymbolAt } from './symbols.js';
import { skipOuterExpressions } from './syntax.js';

const requestTypeName = new RegExp(`(^|\\.)(${requestParameters.typeNames.map(escapeRegExp).join('|')})(<.*>)?$`);
const requestParameterName = wholeName(requestParameters.requestNames.map((name) => `_?${escapeRegExp(name)}`));
const responseParameterName = wholeName(requestParameters.responseNames.map((name) => `_?${escapeRegExp(name)}`));

/** `(req, res)`, `(request, reply)`, or a first parameter typed as a framework's request or a Lambda event. */
export function takesRequest(fn: ts.SignatureDeclaration, typescript: typeof ts): boolean {
  const [first, second] = fn.parameters;
  if (!first) return false;
  const typeText = first.type?.getText() ?? '';
  if (requestTypeName.test(typeText)) return true;
  return requestParameterName.test(parameterName(first, typescript)) && responseParameterName.test(parameterName(second, typescript));
}

/** `res` in a handler `(req, res, next) => …`: the second parameter of a function that takes a request, named like a response. */
export function isResponseParameter(expression: ts.Expression, context: AnalysisContext): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(expression, ts);
  if (!ts.isIdentifier(node)) return false;
  const declaration = getSymbolAt(node, context)?.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration)) return false;
  const fn = declaration.parent;
  return fn.parameters.indexOf(declaration) === 1 && responseParameterName.test(parameterName(declaration, ts)) && takesRequest(fn, ts);
}

function parameterName(parameter: ts.ParameterDeclaration | undefined, typescript: typeof ts): string {
  return parameter && typescript.isIdentifier(parameter.name) ? parameter.name.text : '';
}

/** A pattern that matches a whole name that is one of the alternatives (themselves patterns). */
export function wholeName(alternatives: readonly string[]): RegExp {
  return new RegExp(`^(${alternatives.join('|')})$`);
}

