/**
 * Which member names the program declares, by the syntax of its files. Asking the checker for the symbol of `x.m`
 * costs the type of `x` (for `rows.map`, the overload resolution of the query that produced `rows`); when no file
 * declares anything by that name that an analysis could use, the answer is known without it.
 */
import type * as ts from 'typescript';

import type { AnalysisContext, TypeScript } from './analysis-context.js';

import type { ProgramNameIndex } from './program-name-index.js';

import { getFullNamespace } from './hidden-statements.js';
import { createFileSyntaxMemo } from './file-syntax-memo.js';
import { createProgramNameIndex } from './program-name-index.js';
import { getDeclaredFunction, getFunctionValue, isJavaScriptFile } from './syntax.js';

interface FileNames {
  /** Functions, methods, variables, properties and fields initialised with a function, and export names: what can name a
   * function with a body. */
  readonly functions: ReadonlySet<string>;
  /** Every declaration a resolution can follow to a value: variables, properties, fields, parameters, getters,
   * property signatures, assignments to members, classes, imports. */
  readonly values: ReadonlySet<string>;
  /** Methods declared with a written return type and no body (interfaces', abstract ones); `anyName` when a name is
   * computed or JavaScript may declare one in JSDoc, which the walk does not read. */
  readonly bodilessMethods: ReadonlySet<string | typeof anyName>;
  /** Get accessors (in classes and object literals); `anyName` for one whose name is computed. */
  readonly getters: ReadonlySet<string | typeof anyName>;
}

const anyName = Symbol('any name');

/** Per source file, which outlives the program (an editor's re-lint builds a new program around mostly the same files). */
const namesByFile = new WeakMap<ts.SourceFile, FileNames>();
/** Which files of the program declare each name (`program-name-index.ts`), per TypeScript namespace. */
interface NameIndexes {
  readonly functions: ProgramNameIndex<string>;
  readonly values: ProgramNameIndex<string>;
  readonly bodilessMethods: ProgramNameIndex<string | typeof anyName>;
  readonly getters: ProgramNameIndex<string | typeof anyName>;
}

const indexesByNamespace = new WeakMap<TypeScript, NameIndexes>();

function getIndexes(context: AnalysisContext): NameIndexes {
  const ts = getFullNamespace(context.ts);
  let indexes = indexesByNamespace.get(ts);
  if (!indexes) {
    indexes = {
      functions: createProgramNameIndex((sourceFile) => getFileNames(sourceFile, ts).functions, (sourceFile) => !sourceFile.isDeclarationFile),
      values: createProgramNameIndex((sourceFile) => getFileNames(sourceFile, ts).values),
      bodilessMethods: createProgramNameIndex((sourceFile) => getFileNames(sourceFile, ts).bodilessMethods),
      getters: createProgramNameIndex((sourceFile) => getFileNames(sourceFile, ts).getters, (sourceFile) => !sourceFile.isDeclarationFile),
    };
    indexesByNamespace.set(ts, indexes);
  }
  return indexes;
}

/** Can `x.name` refer to a function with a body? Only if a file outside declaration files declares one by that name
 * or exports one under it. */
export function mayNameProjectFunction(name: string, context: AnalysisContext): boolean {
  return getIndexes(context).functions.has(context.program, name);
}

/**
 * The declarations of the program's files (not declaration files) that can give `x.name` a function with a body
 * (functions and methods with one, variables, properties and fields whose value is a function), and the export
 * specifiers that rename something to it (`export { load as name }`), which the caller must follow itself.
 */
export function getProjectFunctionDeclarations(name: string, context: AnalysisContext): readonly ts.Declaration[] {
  const ts = getFullNamespace(context.ts);
  return getIndexes(context).functions.filesOf(context.program, name).flatMap((sourceFile) => getFunctionDeclarationsByName(sourceFile, ts).get(name) ?? []);
}

/** The declarations of a file that give a name a function (resolve.ts follows a callee to one: `getDeclaredFunction`), by
 * that name. */
const getFunctionDeclarationsByName = createFileSyntaxMemo((sourceFile, ts): ReadonlyMap<string, readonly ts.Declaration[]> => {
  const found = new Map<string, ts.Declaration[]>();
  const add = (name: ts.Node | undefined, declaration: ts.Declaration): void => {
    const text = name && getDeclaredName(name, ts);
    if (text === undefined) return;
    const declarations = found.get(text);
    if (declarations) declarations.push(declaration);
    else found.set(text, [declaration]);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isExportSpecifier(node)) {
      if (node.propertyName && getDeclaredName(node.propertyName, ts) !== getDeclaredName(node.name, ts)) add(node.name, node);
    } else if (getDeclaredFunction(node, ts)) {
      add((node as ts.NamedDeclaration).name, node as ts.Declaration);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
});

/** Can the symbol of `x.name` have a declaration that resolution follows? Only if some file (declaration files too)
 * declares a value by that name. */
export function mayNameValue(name: string, context: AnalysisContext): boolean {
  return getIndexes(context).values.has(context.program, name);
}

/** Can the symbol of `x.name` be a method declared without a body (`getRepository(…): Repository<E>` in an interface)? */
export function mayNameBodilessMethod(name: string, context: AnalysisContext): boolean {
  const { bodilessMethods } = getIndexes(context);
  return bodilessMethods.has(context.program, name) || bodilessMethods.has(context.program, anyName);
}

/** Can `this.name` read a getter with a body? Only if a file outside declaration files declares one by that name: asking
 * the checker costs the type of `this`, with the flow analysis of the function around it. */
export function mayNameProjectGetter(name: string, context: AnalysisContext): boolean {
  const { getters } = getIndexes(context);
  return getters.has(context.program, name) || getters.has(context.program, anyName);
}

/**
 * The last text of each file name, and after an edit the names of each of its top-level statements by their text: an
 * editor re-lints a file after every edit with a new source file, and walking all of it again costs more than the rest
 * of the re-lint's reuse. A statement's names depend only on its text and how the file parses (its kind, target and
 * being a module), so an unchanged statement's are those of its last version. A file name seen with one text only (a
 * scan) is walked whole, as before.
 */
const lastVersions = new Map<string, { readonly text: string; readonly parse: string; readonly statements?: ReadonlyMap<string, FileNames> }>();
const maxLastVersions = 32;

function getFileNames(sourceFile: ts.SourceFile, typescript: TypeScript): FileNames {
  let names = namesByFile.get(sourceFile);
  if (!names) {
    names = collectEditedFileNames(sourceFile, getFullNamespace(typescript));
    namesByFile.set(sourceFile, names);
  }
  return names;
}

function collectEditedFileNames(sourceFile: ts.SourceFile, ts: TypeScript): FileNames {
  const { fileName, text } = sourceFile;
  const last = lastVersions.get(fileName);
  const parse = `${sourceFile.languageVariant}\0${sourceFile.languageVersion}\0${ts.isExternalModule(sourceFile)}\0${sourceFile.isDeclarationFile}`;
  lastVersions.delete(fileName);
  const oldest = lastVersions.keys().next();
  if (lastVersions.size >= maxLastVersions && !oldest.done) lastVersions.delete(oldest.value);
  if (!last || last.text === text) {
    lastVersions.set(fileName, { text, parse });
    return collectFileNames(sourceFile, ts, sourceFile);
  }
  const known = last.parse === parse ? last.statements : undefined;
  const statements = new Map<string, FileNames>();
  const names: FileNames = { functions: new Set(), values: new Set(), bodilessMethods: new Set(), getters: new Set() };
  for (const statement of sourceFile.statements) {
    const statementText = text.slice(statement.pos, statement.end);
    const statementNames = statements.get(statementText) ?? known?.get(statementText) ?? collectFileNames(sourceFile, ts, statement);
    statements.set(statementText, statementNames);
    for (const name of statementNames.functions) (names.functions as Set<string>).add(name);
    for (const name of statementNames.values) (names.values as Set<string>).add(name);
    for (const name of statementNames.bodilessMethods) (names.bodilessMethods as Set<string | typeof anyName>).add(name);
    for (const name of statementNames.getters) (names.getters as Set<string | typeof anyName>).add(name);
  }
  if (hasJsDoc(sourceFile)) (names.bodilessMethods as Set<string | typeof anyName>).add(anyName);
  lastVersions.set(fileName, { text, parse, statements });
  return names;
}

function hasJsDoc(sourceFile: ts.SourceFile): boolean {
  return isJavaScriptFile(sourceFile.fileName) && sourceFile.text.includes('/**');
}

/** The names declared in `root` (the file, or one of its top-level statements). */
function collectFileNames(sourceFile: ts.SourceFile, ts: TypeScript, root: ts.Node): FileNames {
  const functions = new Set<string>();
  const values = new Set<string>();
  const bodilessMethods = new Set<string | typeof anyName>();
  const getters = new Set<string | typeof anyName>();
  if (root === sourceFile && hasJsDoc(sourceFile)) bodilessMethods.add(anyName);
  const nameOf = (name: ts.Node | undefined): string | undefined => (name ? getDeclaredName(name, ts) : undefined);
  const add = (set: Set<string>, name: ts.Node | undefined): void => {
    const text = nameOf(name);
    if (text !== undefined) set.add(text);
  };
  const { SyntaxKind } = ts;
  // Every file of every program is walked (lib.d.ts too): one switch on the kind per node, not a test per kind, and
  // nothing for tokens (names, keywords, literals: about half the nodes), which declare nothing and hold no node.
  const visit = (node: ts.Node): void => {
    if (node.kind <= SyntaxKind.LastToken) return;
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
        // Only a function initialiser gives a body to summarise (resolve.ts's toFunction): `const map = { … }` names no
        // function for `rows.map`.
        if (getFunctionValue(variable.initializer, ts)) add(functions, variable.name);
        if (variable.initializer || mayNameObject(variable.type, ts)) add(values, variable.name);
        break;
      }
      case SyntaxKind.PropertyAssignment:
      case SyntaxKind.PropertyDeclaration: {
        const property = node as ts.PropertyAssignment | ts.PropertyDeclaration;
        if (getFunctionValue(property.initializer, ts)) add(functions, property.name);
        add(values, property.name);
        break;
      }
      case SyntaxKind.PropertySignature:
        if (mayNameObject((node as ts.PropertySignature).type, ts)) add(values, (node as ts.PropertySignature).name);
        break;
      case SyntaxKind.Parameter:
        if (ts.isParameterPropertyDeclaration(node, node.parent)) add(values, node.name);
        break;
      case SyntaxKind.GetAccessor:
        getters.add(nameOfMember((node as ts.GetAccessorDeclaration).name) ?? anyName);
        add(values, (node as ts.GetAccessorDeclaration).name);
        break;
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
  // A computed name other than a literal (`[key]`) can be any name.
  const nameOfMember = (name: ts.PropertyName): string | undefined => (ts.isComputedPropertyName(name) && !ts.isStringLiteralLike(name.expression)
    && !ts.isNumericLiteral(name.expression) ? undefined : nameOf(name));
  const addBodilessMethod = (method: ts.MethodSignature | ts.MethodDeclaration): void => {
    bodilessMethods.add(nameOfMember(method.name) ?? anyName);
  };
  visit(root);
  return { functions, values, bodilessMethods, getters };
}

/** The name a declaration's name node gives it: a computed name by its expression's text (`[key]` as `key`). */
function getDeclaredName(name: ts.Node, ts: TypeScript): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  return ts.isComputedPropertyName(name) ? getDeclaredName(name.expression, ts) : undefined;
}

/** A written type that can name a database object: not a keyword (`any`, `string`), a literal, a function or an object type. */
function mayNameObject(type: ts.TypeNode | undefined, ts: TypeScript): boolean {
  if (!type) return false;
  if (ts.isParenthesizedTypeNode(type)) return mayNameObject(type.type, ts);
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) return type.types.some((member) => mayNameObject(member, ts));
  return ts.isTypeReferenceNode(type) || ts.isTypeQueryNode(type) || ts.isImportTypeNode(type);
}
