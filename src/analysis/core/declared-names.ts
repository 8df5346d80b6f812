/**
 * Which member names the program declares, by the syntax of its files. Asking the checker for the symbol of `x.m`
 * costs the type of `x` (for `rows.map`, the overload resolution of the query that produced `rows`); when no file
 * declares anything by that name that an analysis could use, the answer is known without it.
 */
import type * as ts from 'typescript';

import type { AnalysisContext, TypeScript } from './analysis-context.js';

import { createContextMemo } from './context-memo.js';
import { getFullNamespace } from './hidden-statements.js';

interface FileNames {
  /** Functions, methods and initialised variables, properties and fields, and export names: what can name a function with a body. */
  readonly functions: ReadonlySet<string>;
  /** Every declaration a resolution can follow to a value: variables, properties, fields, parameters, getters,
   * property signatures, assignments to members, classes, imports. */
  readonly values: ReadonlySet<string>;
  /** Methods declared with a written return type and no body (interfaces', abstract ones); `anyName` when a name is
   * computed or JavaScript may declare one in JSDoc, which the walk does not read. */
  readonly bodilessMethods: ReadonlySet<string | typeof anyName>;
}

const anyName = Symbol('any name');

/** Per source file, which outlives the program (an editor's re-lint builds a new program around mostly the same files). */
const namesByFile = new WeakMap<ts.SourceFile, FileNames>();
const functionAnswers = createContextMemo<string, boolean>();
const valueAnswers = createContextMemo<string, boolean>();
const bodilessMethodAnswers = createContextMemo<string, boolean>();

/** Can `x.name` refer to a function with a body? Only if a file outside declaration files declares one by that name
 * or exports one under it. */
export function mayNameProjectFunction(name: string, context: AnalysisContext): boolean {
  return functionAnswers.get(context, name, () => context.program.getSourceFiles()
    .some((sourceFile) => !sourceFile.isDeclarationFile && getFileNames(sourceFile, context.ts).functions.has(name)));
}

/** Can the symbol of `x.name` have a declaration that resolution follows? Only if some file (declaration files too)
 * declares a value by that name. */
export function mayNameValue(name: string, context: AnalysisContext): boolean {
  return valueAnswers.get(context, name, () => context.program.getSourceFiles().some((sourceFile) => getFileNames(sourceFile, context.ts).values.has(name)));
}

/** Can the symbol of `x.name` be a method declared without a body (`getRepository(…): Repository<E>` in an interface)? */
export function mayNameBodilessMethod(name: string, context: AnalysisContext): boolean {
  return bodilessMethodAnswers.get(context, name, () => context.program.getSourceFiles().some((sourceFile) => {
    const methods = getFileNames(sourceFile, context.ts).bodilessMethods;
    return methods.has(name) || methods.has(anyName);
  }));
}

function getFileNames(sourceFile: ts.SourceFile, typescript: TypeScript): FileNames {
  let names = namesByFile.get(sourceFile);
  if (!names) {
    names = collectFileNames(sourceFile, getFullNamespace(typescript));
    namesByFile.set(sourceFile, names);
  }
  return names;
}

function collectFileNames(sourceFile: ts.SourceFile, ts: TypeScript): FileNames {
  const functions = new Set<string>();
  const values = new Set<string>();
  const bodilessMethods = new Set<string | typeof anyName>();
  if (/\.[cm]?jsx?$/.test(sourceFile.fileName) && sourceFile.text.includes('/**')) bodilessMethods.add(anyName);
  const nameOf = (name: ts.Node | undefined): string | undefined => {
    if (!name) return undefined;
    if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
    return ts.isComputedPropertyName(name) ? nameOf(name.expression) : undefined;
  };
  const add = (set: Set<string>, name: ts.Node | undefined): void => {
    const text = nameOf(name);
    if (text !== undefined) set.add(text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node)
      || ts.isPropertyDeclaration(node)) {
      add(functions, node.name);
    }
    if ((ts.isVariableDeclaration(node) && (node.initializer || mayNameObject(node.type, ts))) || (ts.isPropertySignature(node) && mayNameObject(node.type, ts))
      || (ts.isParameter(node) && ts.isParameterPropertyDeclaration(node, node.parent)) || ts.isPropertyDeclaration(node)
      || ts.isGetAccessorDeclaration(node) || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isClassLike(node)
      || ts.isBindingElement(node) || ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node)
      || ts.isImportEqualsDeclaration(node) || ts.isExportSpecifier(node)) {
      add(values, node.name);
    }
    if ((ts.isMethodSignature(node) || (ts.isMethodDeclaration(node) && !node.body)) && node.type) {
      const name = ts.isComputedPropertyName(node.name) && !ts.isStringLiteralLike(node.name.expression) && !ts.isNumericLiteral(node.name.expression)
        ? undefined : nameOf(node.name);
      bodilessMethods.add(name ?? anyName);
    }
    // `export { load as m }` and `export default`: the name a namespace import's member goes by.
    if (ts.isExportSpecifier(node)) {
      add(functions, node.name);
      add(functions, node.propertyName);
    }
    if (ts.isExportAssignment(node) || (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword))) {
      functions.add('default');
      values.add('default');
    }
    // JavaScript's `this.pool = …` and `exports.pool = …` declare the member.
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      add(values, node.left.name);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { functions, values, bodilessMethods };
}

/** A written type that can name a database object: not a keyword (`any`, `string`), a literal, a function or an object type. */
function mayNameObject(type: ts.TypeNode | undefined, ts: TypeScript): boolean {
  if (!type) return false;
  if (ts.isParenthesizedTypeNode(type)) return mayNameObject(type.type, ts);
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) return type.types.some((member) => mayNameObject(member, ts));
  return ts.isTypeReferenceNode(type) || ts.isTypeQueryNode(type) || ts.isImportTypeNode(type);
}
