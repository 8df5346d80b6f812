/**
 * Model loaders: the `models/index.js` that sequelize-cli generates (and hand-written ones like it) reads its folder,
 * calls each module's exported function with the ORM instance (`require(file)(sequelize, DataTypes)`, or has the
 * instance do it: `sequelize.import(file)`) and collects
 * the models by name (`db[model.name] = model`), then exports the collection. Its members are the library's models
 * when the call receives the library's instance and most modules of the folder it names define a model.
 */
import path from 'node:path';

import type * as ts from 'typescript';

import type { AnalysisContext } from './analysis-context.js';
import type { ObjectKind } from './knowledge-index.js';

import { isRequireCall } from './commonjs-exports.js';
import { createContextMemo } from './context-memo.js';
import { createDiskMemo } from './disk-memo.js';
import { listModuleFiles, loadModule, mayMention } from './module-files.js';
import { getSymbolAt } from './symbols.js';
import { containsNode, isFunctionWithBody, skipOuterExpressions } from './syntax.js';

type Loaders = NonNullable<ObjectKind['object']['modelLoaders']>;

/**
 * The kind of the collection `const db = {}` when its file fills it as a model loader; `resolveKind` says which
 * object kind the first argument of a loading call is.
 */
export function findLoadedRegistry(
  declaration: ts.VariableDeclaration,
  symbol: ts.Symbol,
  context: AnalysisContext,
  resolveKind: (expression: ts.Expression) => ObjectKind | undefined,
): ObjectKind | undefined {
  const { ts } = context;
  const initializer = declaration.initializer && skipOuterExpressions(declaration.initializer, ts);
  if (!initializer || !ts.isObjectLiteralExpression(initializer)) return undefined;
  return registries.get(context, symbol, () => {
    for (const loaded of findLoadedValues(declaration.getSourceFile(), symbol, context)) {
      const kind = getLoadingKind(loaded, context, resolveKind);
      const loaders = kind?.object.modelLoaders;
      if (kind && loaders && loadsModelFolder(declaration.getSourceFile(), loaders, context)) return context.knowledge.getKind(kind.library, loaders.registry);
    }
    return undefined;
  });
}

const registries = createContextMemo<ts.Symbol, ObjectKind | undefined>();

/** `db[model.name] = model`: what the file stores in the collection under computed keys. */
function findLoadedValues(sourceFile: ts.SourceFile, symbol: ts.Symbol, context: AnalysisContext): ts.Expression[] {
  const { ts } = context;
  const values: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(node.left)
      && ts.isIdentifier(node.left.expression) && !ts.isLiteralExpression(node.left.argumentExpression)
      && getSymbolAt(node.left.expression, context) === symbol) {
      values.push(node.right);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return values;
}

/** `require(file)(sequelize, …)` (or a variable holding its result, or the required function): the kind of its first
 * argument; `sequelize.import(file)`: the kind of its receiver. */
function getLoadingKind(value: ts.Expression, context: AnalysisContext, resolveKind: (expression: ts.Expression) => ObjectKind | undefined): ObjectKind | undefined {
  const { ts } = context;
  let node = skipOuterExpressions(value, ts);
  if (ts.isIdentifier(node)) {
    const declaration = getSymbolAt(node, context)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
    node = skipOuterExpressions(declaration.initializer, ts);
  }
  if (!ts.isCallExpression(node)) return undefined;
  let callee = skipOuterExpressions(node.expression, ts);
  // `sequelize.import(path.join(__dirname, file))`: the instance loads the module itself (Sequelize 4 and 5).
  if (ts.isPropertyAccessExpression(callee)) {
    const path = node.arguments[0];
    if (!path || ts.isStringLiteralLike(path)) return undefined;
    const kind = resolveKind(callee.expression);
    return kind?.object.modelLoaders?.importMethod === callee.name.text ? kind : undefined;
  }
  // `const define = require(file); const model = define(sequelize);`
  if (ts.isIdentifier(callee)) {
    const declaration = getSymbolAt(callee, context)?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) callee = skipOuterExpressions(declaration.initializer, ts);
  }
  const argument = node.arguments[0];
  if (!isRequireCall(callee, ts) || !callee.arguments[0] || ts.isStringLiteralLike(callee.arguments[0]) || !argument) return undefined;
  return resolveKind(argument);
}

/** Does a folder the loader names (`__dirname`, `path.join(__dirname, '../models')`) hold model modules, mostly? */
function loadsModelFolder(loader: ts.SourceFile, loaders: Loaders, context: AnalysisContext): boolean {
  const folders = new Set<string>();
  const visit = (node: ts.Node): void => {
    const folder = evaluatePath(node, loader.fileName, context.ts);
    if (folder !== undefined) folders.add(folder);
    else context.ts.forEachChild(node, visit);
  };
  visit(loader);
  for (const folder of folders) {
    if (modelFolders.get(context, folder, () => (context.typed ? holdsModels(folder, loader, loaders, context) : holdsModelsOnDisk(folder, loader, loaders, context)))) return true;
  }
  return false;
}

const modelFolders = createContextMemo<string, boolean>();

function holdsModels(folder: string, loader: ts.SourceFile, loaders: Loaders, context: AnalysisContext): boolean {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  let modules = 0;
  let models = 0;
  for (const module of getFolderModules(prefix, loaders, context)) {
    if (module.fileName === loader.fileName) continue;
    modules++;
    if (module.definesModel()) models++;
  }
  return models > 0 && models * 2 > modules;
}

const definePatterns = new WeakMap<Loaders, RegExp>();

/** `define` or `init`, the calls a module that defines a model makes. */
function getDefinePattern(loaders: Loaders): RegExp {
  let pattern = definePatterns.get(loaders);
  if (!pattern) {
    pattern = new RegExp(`\\b(?:${[...loaders.defineMethods, loaders.initMethod].join('|')})\\b`);
    definePatterns.set(loaders, pattern);
  }
  return pattern;
}

/**
 * Untyped, the loader's module gets a new one-file program whenever the module cache lets it go, and the folder's modules
 * are read from disk: the answer is kept per folder and loader across linted files (createDiskMemo), so that each file's
 * lint does not parse the folder again.
 */
const diskFolders = createDiskMemo<boolean>();

function holdsModelsOnDisk(folder: string, loader: ts.SourceFile, loaders: Loaders, context: AnalysisContext): boolean {
  const key = `${folder}\0${loader.fileName}\0${loaders.registry}`;
  const known = diskFolders.get(key);
  if (known !== undefined) return known;
  const answer = holdsModels(folder, loader, loaders, context);
  diskFolders.set(key, answer);
  return answer;
}

/** Modules read from a folder this many at most (untyped): a loader's folder holds a project's models, not thousands. */
const maxFolderModules = 1_000;

/**
 * The modules below a folder: typed, the program's; untyped, the disk's, each parsed only when its text names a
 * defining call (`define`, `init`).
 */
function getFolderModules(prefix: string, loaders: Loaders, context: AnalysisContext): { fileName: string; definesModel: () => boolean }[] {
  const { ts } = context;
  if (context.typed) {
    return context.program.getSourceFiles()
      .filter((sourceFile) => sourceFile.fileName.startsWith(prefix) && !sourceFile.isDeclarationFile && !sourceFile.fileName.includes('/node_modules/'))
      .map((sourceFile) => ({ fileName: sourceFile.fileName, definesModel: () => definesModel(sourceFile, loaders, ts) }));
  }
  const pattern = getDefinePattern(loaders);
  return listModuleFiles(prefix, maxFolderModules).map((fileName) => ({
    fileName,
    definesModel: () => {
      try {
        const sourceFile = mayMention(fileName, pattern) ? loadModule(fileName, ts)?.sourceFile : undefined;
        return sourceFile !== undefined && definesModel(sourceFile, loaders, ts);
      } catch {
        return false;
      }
    },
  }));
}

/** The module exports a function that defines a model on its first parameter. */
function definesModel(sourceFile: ts.SourceFile, loaders: Loaders, typescript: typeof ts): boolean {
  const fn = getExportedFunction(sourceFile, typescript);
  const parameter = fn?.parameters[0]?.name;
  if (!fn?.body || !parameter || !typescript.isIdentifier(parameter)) return false;
  const instance = parameter.text;
  const defineMethods = new Set(loaders.defineMethods);
  return containsNode(fn.body, (node) => {
    if (!typescript.isCallExpression(node) || !typescript.isPropertyAccessExpression(node.expression)) return false;
    const method = node.expression.name.text;
    if (defineMethods.has(method)) return typescript.isIdentifier(node.expression.expression) && node.expression.expression.text === instance;
    return method === loaders.initMethod && node.arguments.some((argument) => passesInstance(argument, loaders.instanceOption, instance, typescript));
  }, typescript);
}

/** `{ sequelize }` or `{ sequelize: instance }`. */
function passesInstance(argument: ts.Expression, option: string, instance: string, typescript: typeof ts): boolean {
  if (!typescript.isObjectLiteralExpression(argument)) return false;
  return argument.properties.some((property) => {
    if (typescript.isShorthandPropertyAssignment(property)) return property.name.text === option && option === instance;
    return typescript.isPropertyAssignment(property) && typescript.isIdentifier(property.name) && property.name.text === option
      && typescript.isIdentifier(property.initializer) && property.initializer.text === instance;
  });
}

/** `module.exports = (sequelize, DataTypes) => …`, `export default function (sequelize) …`, or a function named there. */
function getExportedFunction(sourceFile: ts.SourceFile, typescript: typeof ts): ts.FunctionLikeDeclaration | undefined {
  let exported: ts.Expression | undefined;
  for (const statement of sourceFile.statements) {
    if (typescript.isExportAssignment(statement)) exported = statement.expression;
    if (typescript.isFunctionDeclaration(statement) && statement.modifiers?.some((modifier) => modifier.kind === typescript.SyntaxKind.DefaultKeyword)) return statement;
    if (typescript.isExpressionStatement(statement) && typescript.isBinaryExpression(statement.expression)
      && statement.expression.operatorToken.kind === typescript.SyntaxKind.EqualsToken && statement.expression.left.getText() === 'module.exports') {
      exported = statement.expression.right;
    }
  }
  const node = exported && skipOuterExpressions(exported, typescript);
  if (!node) return undefined;
  if (typescript.isArrowFunction(node) || typescript.isFunctionExpression(node)) return node;
  if (!typescript.isIdentifier(node)) return undefined;
  for (const statement of sourceFile.statements) {
    if (typescript.isFunctionDeclaration(statement) && statement.name?.text === node.text) return statement;
    if (!typescript.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const initializer = declaration.initializer && skipOuterExpressions(declaration.initializer, typescript);
      if (typescript.isIdentifier(declaration.name) && declaration.name.text === node.text && initializer && isFunctionWithBody(initializer, typescript)) {
        return initializer;
      }
    }
  }
  return undefined;
}

/** `__dirname`, `path.join(__dirname, '../models')`, `path.resolve(__dirname, 'models')`: the folder, when every part is known. */
function evaluatePath(node: ts.Node, fileName: string, typescript: typeof ts): string | undefined {
  if (typescript.isIdentifier(node)) return node.text === '__dirname' ? path.posix.dirname(fileName) : undefined;
  if (!typescript.isCallExpression(node) || !typescript.isPropertyAccessExpression(node.expression)) return undefined;
  const method = node.expression.name.text;
  if ((method !== 'join' && method !== 'resolve') || node.arguments.length === 0) return undefined;
  const parts: string[] = [];
  for (const argument of node.arguments) {
    const part = typescript.isStringLiteralLike(argument) ? argument.text : evaluatePath(argument, fileName, typescript);
    if (part === undefined) return undefined;
    parts.push(part);
  }
  if (!parts[0]?.startsWith('/')) return undefined;
  return path.posix.join(...parts);
}
