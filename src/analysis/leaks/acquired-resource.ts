/** Which resource a library call acquires, and in which form: shared by the acquisitions of a file and the
 * summaries of functions that return what they acquired. */
import type * as ts from 'typescript';

import type { CallbackAcquireDefinition, ResourceDefinition } from '../../knowledge/library-definition.js';
import type { AnalysisContext } from '../core/analysis-context.js';
import type { CallTarget } from '../core/resolve.js';

import { getFunctionDeclaration } from '../core/resolve.js';

/** The resource a library call acquires (and in which form), or undefined when it does not acquire. */
export function getAcquiredResource(call: ts.CallExpression, target: CallTarget, context: AnalysisContext):
  { resource: ResourceDefinition; callback?: ts.FunctionLikeDeclaration; callbackParameters?: CallbackAcquireDefinition } | undefined {
  const acquires = target.definition.acquires;
  if (!acquires) return undefined;
  const lastArgument = call.arguments.at(-1);
  const callback = lastArgument ? getFunctionDeclaration(lastArgument, context) : undefined;
  if (callback && acquires.managedWithCallback) return undefined;
  if (acquires.resource === 'receiver') {
    const resource = target.receiverKind?.object.resource;
    return resource ? { resource } : undefined;
  }
  const returned = target.definition.returns ? context.knowledge.getKind(target.library, target.definition.returns) : undefined;
  const resource = returned?.object.resource;
  if (!resource) return undefined;
  if (callback && acquires.callback) return { resource, callback, callbackParameters: acquires.callback };
  if (callback) return undefined;
  return { resource };
}
