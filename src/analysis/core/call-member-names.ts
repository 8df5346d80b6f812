/**
 * The member names a kind of library call can be made under (`pool.connect()`: `connect`), read from the knowledge base:
 * a walk that wants only such calls (acquisitions, managed transactions, pool factories) need not resolve
 * `res.json(…)`, whose receiver only the checker can tell, typed, at some cost per call.
 */
import type { CallDefinition, LibraryDefinition, ModuleExports, ValueDefinition } from '../../knowledge/library-definition.js';

/** Answers per knowledge base (its libraries) and question key, computed once. */
function createLibrariesMemo<Value>(): (libraries: readonly LibraryDefinition[], key: string, compute: () => Value) => Value {
  const byLibraries = new WeakMap<readonly LibraryDefinition[], Map<string, Value>>();
  return (libraries, key, compute) => {
    let byKey = byLibraries.get(libraries);
    if (!byKey) {
      byKey = new Map();
      byLibraries.set(libraries, byKey);
    }
    if (!byKey.has(key)) byKey.set(key, compute());
    return byKey.get(key) as Value;
  };
}

const namesMemo = createLibrariesMemo<ReadonlySet<string> | undefined>();

/**
 * The methods of object kinds and the members of exported values whose definition `accepts`; undefined when a call it
 * accepts may be made under any member name (a kind's other methods, or a callable object's own call: `this.db(…)`
 * calls a field). `key` names the question, for the memo.
 */
export function getCallMemberNames(libraries: readonly LibraryDefinition[], key: string, accepts: (definition: CallDefinition) => boolean): ReadonlySet<string> | undefined {
  return namesMemo(libraries, key, () => collectNames(libraries, accepts));
}

/** A kind of call a walk wants: `key` names it, for the memos. */
export interface CallQuestion {
  readonly key: string;
  readonly accepts: (definition: CallDefinition) => boolean;
}

/** Calls that take a resource (`connect`, `getConnection`, `createQueryRunner`, …). */
export const acquiringCalls: CallQuestion = { key: 'acquires', accepts: (definition) => definition.acquires !== undefined };

/** Calls that run their callback in a managed transaction (`transaction`, `$transaction`, …). */
export const transactionCalls: CallQuestion = { key: 'transaction', accepts: (definition) => definition.transaction !== undefined };

/** The names of calls that take a resource (`connect`, `getConnection`, `createQueryRunner`, …). */
export function getAcquiringCallNames(libraries: readonly LibraryDefinition[]): ReadonlySet<string> | undefined {
  return getCallMemberNames(libraries, acquiringCalls.key, acquiringCalls.accepts);
}

/** The names of calls that run their callback in a managed transaction (`transaction`, `$transaction`, …). */
export function getTransactionCallNames(libraries: readonly LibraryDefinition[]): ReadonlySet<string> | undefined {
  return getCallMemberNames(libraries, transactionCalls.key, transactionCalls.accepts);
}

const exportFiltersMemo = createLibrariesMemo<((exports: ModuleExports) => boolean) | undefined>();

/**
 * Which modules' exports hold a value, or a member of one, whose definition the question accepts (mysql2's
 * `createConnection`); undefined when no library's do. Where getCallMemberNames gives names, no object kind's own call
 * is such a call, so a call whose callee is no member (`createConnection(…)`) can only be one through such an export.
 */
export function getExportedCallFilter(libraries: readonly LibraryDefinition[], question: CallQuestion): ((exports: ModuleExports) => boolean) | undefined {
  return exportFiltersMemo(libraries, question.key, () => {
    const matching = new Set<ModuleExports>();
    for (const library of libraries) {
      for (const exports of Object.values(library.modules)) if (holdsAccepted(exports, question.accepts)) matching.add(exports);
    }
    return matching.size === 0 ? undefined : (exports: ModuleExports) => matching.has(exports);
  });
}

function holdsAccepted(exports: ModuleExports, accepts: (definition: CallDefinition) => boolean): boolean {
  for (const [, value] of eachValue(exports)) if (accepts(value)) return true;
  return false;
}

/** A module's exported values and, below each, its members (`mongoose.startSession`), with their names. */
function* eachValue(values: Readonly<Record<string, ValueDefinition>>): Generator<[string, ValueDefinition]> {
  for (const entry of Object.entries(values)) {
    yield entry;
    if (entry[1].members) yield* eachValue(entry[1].members);
  }
}

function collectNames(libraries: readonly LibraryDefinition[], accepts: (definition: CallDefinition) => boolean): ReadonlySet<string> | undefined {
  const names = new Set<string>();
  for (const library of libraries) {
    for (const exports of Object.values(library.modules)) {
      for (const [name, value] of eachValue(exports)) if (accepts(value)) names.add(name);
    }
    for (const object of Object.values(library.objects)) {
      if ((object.otherMethods && accepts(object.otherMethods)) || (object.call && accepts(object.call))) return undefined;
      for (const [name, method] of Object.entries(object.methods ?? {})) if (accepts(method)) names.add(name);
    }
  }
  return names;
}
