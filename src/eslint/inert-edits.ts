/**
 * Which edits no analysis can see: an editor re-lints the whole file after every keystroke, and most keystrokes
 * land in code that has nothing to do with a database. An edit is inert when it stays inside the body of a
 * top-level function that nothing names (no other place in the program mentions it, it is no default export)
 * and whose body, before and after, does nothing another function could observe: no call, `new`, tagged template,
 * `await`, `yield`, `throw`, `this`, nested function or class, no string or comment (file-text prefilters read
 * those), and every name it reads or writes is its own. The findings of the rest of the file then cannot change;
 * those inside the function cannot exist, as every finding sits at a call or `new`.
 */
import type * as ts from 'typescript';

import type { TypeScript } from '../analysis/core/analysis-context.js';

/** The changed function's place: text before `start` is untouched, text from `oldEnd` (old) / `newEnd` (new) on moved by `delta`. */
export interface InertEdit {
  /** Where the edited function starts (its leading trivia included); nothing before it changed. */
  readonly start: number;
  /** Where the edited function ended in the old text; everything from here on moved by `delta`. */
  readonly oldEnd: number;
  readonly delta: number;
}

/** The inert edit that turns `oldText` into the file's text, or undefined when the edit may matter. Unchanged text is the empty edit. */
export function findInertEdit(oldText: string, sourceFile: ts.SourceFile, ts: TypeScript, isNamedElsewhere: (name: string) => boolean): InertEdit | undefined {
  const newText = sourceFile.text;
  if (oldText === newText) return { start: newText.length, oldEnd: newText.length, delta: 0 };
  const edited = findEditedFunction(oldText, sourceFile, ts);
  if (!edited || !isInertFunction(edited.statement, ts) || !isInertFunction(edited.oldStatement, ts)) return undefined;
  const { statement, start, oldEnd, delta } = edited;
  const name = statement.name.text;
  const outside = `${newText.slice(0, statement.getStart(sourceFile))}\n${newText.slice(statement.end)}`;
  if (mentionsName(outside, name) || isNamedElsewhere(name)) return undefined;
  return { start, oldEnd, delta };
}

/** An edit inside the body of one top-level function: the function before (parsed alone) and after, and its place. */
export interface EditedFunction extends InertEdit {
  readonly statement: ts.FunctionDeclaration & { readonly name: ts.Identifier; readonly body: ts.Block };
  readonly oldStatement: ts.FunctionDeclaration;
}

/**
 * The top-level function declaration (named, not a default export) whose body, strictly between its braces, holds
 * everything `oldText` and the file's text differ in, with as many lines as before; undefined otherwise (a syntax
 * error, the name written with escapes).
 */
export function findEditedFunction(oldText: string, sourceFile: ts.SourceFile, ts: TypeScript): EditedFunction | undefined {
  // The inert edit and the function-reuse plan both ask, for the same new source file and old text.
  const known = editedFunctions.get(sourceFile);
  if (known?.oldText === oldText) return known.edited;
  const edited = locateEditedFunction(oldText, sourceFile, ts);
  editedFunctions.set(sourceFile, { oldText, edited });
  return edited;
}

const editedFunctions = new WeakMap<ts.SourceFile, { readonly oldText: string; readonly edited: EditedFunction | undefined }>();

function locateEditedFunction(oldText: string, sourceFile: ts.SourceFile, ts: TypeScript): EditedFunction | undefined {
  const newText = sourceFile.text;
  if (oldText === newText || hasParseErrors(sourceFile)) return undefined;
  let prefix = 0;
  const shorter = Math.min(oldText.length, newText.length);
  while (prefix < shorter && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix += 1;
  let suffix = 0;
  while (suffix < shorter - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix += 1;
  const delta = newText.length - oldText.length;
  const changedEnd = newText.length - suffix;

  const statement = sourceFile.statements.find((candidate) => candidate.pos <= prefix && changedEnd <= candidate.end);
  if (!statement || !ts.isFunctionDeclaration(statement) || !statement.body || !statement.name) return undefined;
  const body = statement.body;
  // Strictly between the braces, so the function's extent and header are the same before and after.
  if (prefix < body.getStart(sourceFile) + 1 || changedEnd > body.end - 1) return undefined;
  if (statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword)) return undefined;

  const start = statement.pos;
  const oldEnd = statement.end - delta;
  const newFunction = newText.slice(start, statement.end);
  const oldFunction = oldText.slice(start, oldEnd);
  // Messages name lines: the lines after the function must keep their numbers.
  if (countLineBreaks(newFunction) !== countLineBreaks(oldFunction)) return undefined;
  const oldStatement = parseLoneFunction(oldFunction, sourceFile, ts);
  if (!oldStatement || oldStatement.name?.text !== statement.name.text) return undefined;
  // A name written with escapes (`\u0061`) is searched for as it is spelled elsewhere: not worth the trouble.
  if (statement.name.getText(sourceFile) !== statement.name.text) return undefined;
  return { statement: statement as EditedFunction['statement'], oldStatement, start, oldEnd, delta };
}

/** The old function, parsed alone: one function declaration spanning the whole text, without syntax errors. At a
 * file's top level the parser's state is the same as alone, so this is the node the old file held there. */
function parseLoneFunction(text: string, sourceFile: ts.SourceFile, ts: TypeScript): ts.FunctionDeclaration | undefined {
  const lone = ts.createSourceFile(sourceFile.fileName, text, sourceFile.languageVersion, true, getScriptKind(sourceFile, ts));
  if (hasParseErrors(lone) || lone.statements.length !== 1) return undefined;
  const [statement] = lone.statements;
  return statement && ts.isFunctionDeclaration(statement) && statement.body && statement.end === text.length ? statement : undefined;
}

function getScriptKind(sourceFile: ts.SourceFile, ts: TypeScript): ts.ScriptKind {
  const { fileName } = sourceFile;
  if (/\.tsx$/.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(fileName)) return ts.ScriptKind.TS;
  if (/\.jsx$/.test(fileName)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/** The parser's own list; when a TypeScript version lacks it, nothing counts as clean. */
function hasParseErrors(sourceFile: ts.SourceFile): boolean {
  const diagnostics = (sourceFile as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics;
  return !Array.isArray(diagnostics) || diagnostics.length > 0;
}

/** A body that only computes with its own names: nothing it does reaches past the function. */
function isInertFunction(declaration: ts.FunctionDeclaration, ts: TypeScript): boolean {
  const body = declaration.body;
  if (!body || declaration.asteriskToken) return false;
  // No strings, in types either, so `//` and `/*` can only be comments; prefilters read both.
  const text = body.getText();
  if (/["'`]|\/\/|\/\*/.test(text)) return false;
  let inert = true;
  const visit = (node: ts.Node): void => {
    if (!inert) return;
    if (isForbidden(node, ts)) {
      inert = false;
      return;
    }
    if (ts.isTypeNode(node)) return;
    if (ts.isIdentifier(node) && isReference(node, ts) && !isDeclaredWithin(node, declaration, ts)) {
      inert = false;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return inert;
}

/** Syntax whose presence lets a body reach past itself (or a prefilter's reading of the file text). `f<T>` without a
 * call is an expression, though TypeScript groups it with type nodes. */
const forbiddenKinds = [
  'CallExpression',
  'NewExpression',
  'TaggedTemplateExpression',
  'AwaitExpression',
  'YieldExpression',
  'ThrowStatement',
  'ThisKeyword',
  'SuperKeyword',
  'ImportKeyword',
  'MetaProperty',
  'Decorator',
  'ExpressionWithTypeArguments',
  'DeleteExpression',
  'WithStatement',
  'StringLiteral',
  'NoSubstitutionTemplateLiteral',
  'TemplateExpression',
  'RegularExpressionLiteral',
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunction',
  'MethodDeclaration',
  'GetAccessor',
  'SetAccessor',
  'ClassDeclaration',
  'ClassExpression',
  'InterfaceDeclaration',
  'TypeAliasDeclaration',
  'EnumDeclaration',
  'ModuleDeclaration',
  'ImportEqualsDeclaration',
  'JsxElement',
  'JsxSelfClosingElement',
  'JsxFragment',
] as const;

const forbiddenKindsByTypeScript = new WeakMap<TypeScript, ReadonlySet<ts.SyntaxKind>>();

function isForbidden(node: ts.Node, ts: TypeScript): boolean {
  let kinds = forbiddenKindsByTypeScript.get(ts);
  if (!kinds) {
    kinds = new Set(forbiddenKinds.map((kind) => ts.SyntaxKind[kind]));
    forbiddenKindsByTypeScript.set(ts, kinds);
  }
  if (kinds.has(node.kind)) return true;
  // `for await`.
  return ts.isForOfStatement(node) && node.awaitModifier !== undefined;
}

/** An identifier that names a variable (not a property, label or declared name). */
function isReference(identifier: ts.Identifier, ts: TypeScript): boolean {
  const parent = identifier.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === identifier) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === identifier) return false;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent)) && parent.name === identifier) return false;
  if (ts.isBindingElement(parent) && (parent.name === identifier || parent.propertyName === identifier)) return false;
  if ((ts.isBreakOrContinueStatement(parent) || ts.isLabeledStatement(parent)) && parent.label === identifier) return false;
  return true;
}

/** Does a declaration inside the function, in a scope around the identifier, bind its name? */
function isDeclaredWithin(identifier: ts.Identifier, declaration: ts.FunctionDeclaration, ts: TypeScript): boolean {
  const name = identifier.text;
  for (let scope: ts.Node = identifier.parent; ; scope = scope.parent) {
    if (scope === declaration) {
      return declaration.parameters.some((parameter) => bindsName(parameter.name, name, ts)) || declaresVar(declaration.body, name, ts);
    }
    if (scopeDeclares(scope, name, ts)) return true;
  }
}

/** Block-scoped declarations a scope node holds directly: `let`/`const` of a block, a `for` head, a `catch` variable. */
function scopeDeclares(scope: ts.Node, name: string, ts: TypeScript): boolean {
  if (ts.isBlock(scope) || ts.isCaseBlock(scope)) {
    const statements = ts.isBlock(scope) ? scope.statements : scope.clauses.flatMap((clause) => [...clause.statements]);
    return statements.some((statement) => ts.isVariableStatement(statement) && declarationListBinds(statement.declarationList, name, ts));
  }
  if (ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) {
    const initializer = scope.initializer;
    return initializer !== undefined && ts.isVariableDeclarationList(initializer) && declarationListBinds(initializer, name, ts);
  }
  if (ts.isCatchClause(scope)) return scope.variableDeclaration !== undefined && bindsName(scope.variableDeclaration.name, name, ts);
  return false;
}

/** `var` anywhere in the body (hoisted to the function). */
function declaresVar(body: ts.Node | undefined, name: string, ts: TypeScript): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped) && declarationListBinds(node, name, ts)) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  if (body) visit(body);
  return found;
}

function declarationListBinds(list: ts.VariableDeclarationList, name: string, ts: TypeScript): boolean {
  return list.declarations.some((declaration) => bindsName(declaration.name, name, ts));
}

function bindsName(binding: ts.BindingName, name: string, ts: TypeScript): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, name, ts));
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}

/** Is `name` written as a whole word in `text` (code, strings or comments alike)? */
export function mentionsName(text: string, name: string): boolean {
  return new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text);
}
