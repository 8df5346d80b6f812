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
  const { SyntaxKind } = ts;
  // Every file of every program is walked (lib.d.ts too): one switch on the kind per node, not a test per kind.
  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case SyntaxKind.FunctionDeclaration:
        add(functions, (node as ts.FunctionDeclaration).name);
        break;
      case SyntaxKind.MethodDeclaration: {
        const method = node as ts.MethodDeclaration;
        add(functions, method.name);
        if (!method.body && method.type) addBodilessMethod(method);
        break;
      }
      case SyntaxKind.MethodSignature:
        if ((node as ts.MethodSignature).type) addBodilessMethod(node as ts.MethodSignature);
        break;
      case SyntaxKind.VariableDeclaration: {
        const variable = node as ts.VariableDeclaration;
        add(functions, variable.name);
        if (variable.initializer || mayNameObject(variable.type, ts)) add(values, variable.name);
        break;
      }
      case SyntaxKind.PropertyAssignment:
      case SyntaxKind.PropertyDeclaration:
        add(functions, (node as ts.PropertyAssignment | ts.PropertyDeclaration).name);
        add(values, (node as ts.PropertyAssignment | ts.PropertyDeclaration).name);
        break;
      case SyntaxKind.PropertySignature:
        if (mayNameObject((node as ts.PropertySignature).type, ts)) add(values, (node as ts.PropertySignature).name);
        break;
      case SyntaxKind.Parameter:
        if (ts.isParameterPropertyDeclaration(node, node.parent)) add(values, node.name);
        break;
      case SyntaxKind.GetAccessor:
      case SyntaxKind.ShorthandPropertyAssignment:
      case SyntaxKind.ClassDeclaration:
      case SyntaxKind.ClassExpression:
      case SyntaxKind.BindingElement:
      case SyntaxKind.ImportSpecifier:
      case SyntaxKind.ImportClause:
      case SyntaxKind.NamespaceImport:
      case SyntaxKind.ImportEqualsDeclaration:
        add(values, (node as ts.NamedDeclaration).name);
        break;
      // `export { load as m }`: the name a namespace import's member goes by.
      case SyntaxKind.ExportSpecifier:
        add(values, (node as ts.ExportSpecifier).name);
        add(functions, (node as ts.ExportSpecifier).name);
        add(functions, (node as ts.ExportSpecifier).propertyName);
        break;
      // JavaScript's `this.pool = …` and `exports.pool = …` declare the member.
      case SyntaxKind.BinaryExpression: {
        const binary = node as ts.BinaryExpression;
        if (binary.operatorToken.kind === SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(binary.left)) add(values, binary.left.name);
        break;
      }
    }
    // `export default`.
    if (node.kind === SyntaxKind.ExportAssignment || (ts.canHaveModifiers(node) && node.modifiers?.some((modifier) => modifier.kind === SyntaxKind.DefaultKeyword))) {
      functions.add('default');
      values.add('default');
    }
    ts.forEachChild(node, visit);
  };
  const addBodilessMethod = (method: ts.MethodSignature | ts.MethodDeclaration): void => {
    const name = ts.isComputedPropertyName(method.name) && !ts.isStringLiteralLike(method.name.expression) && !ts.isNumericLiteral(method.name.expression)
      ? undefined : nameOf(method.name);
    bodilessMethods.add(name ?? anyName);
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
