/**
 * Checks a value against one of PoolGuard's JSON schemas (the settings schema, a rule's `meta.schema`) and says
 * every problem in one line each, naming the setting or option. Covers the subset those schemas use: type,
 * properties, additionalProperties: false, required, anyOf of `required` alternatives, minimum, maximum, minLength,
 * enum, items and `$ref` into the root's `definitions`.
 */
export interface Schema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: boolean | Schema;
  readonly required?: readonly string[];
  readonly anyOf?: readonly Schema[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly enum?: readonly unknown[];
  readonly items?: Schema;
  readonly $ref?: string;
  readonly definitions?: Readonly<Record<string, Schema>>;
}

export interface SchemaProblemOptions {
  /** Where the value sits, the start of every message: `settings.poolguard`, `rules.no-unbounded-pool[1]`. */
  readonly where: string;
  /** What a property is called in "is not a known …": `setting`, `option`. */
  readonly noun: string;
}

/** Every problem of `value` against `schema`, in the value's order; empty when it fits. */
export function getSchemaProblems(value: unknown, schema: Schema, options: SchemaProblemOptions): string[] {
  const problems: string[] = [];
  check(value, schema, options.where, { root: schema, noun: options.noun, problems });
  return problems;
}

interface Walk {
  readonly root: Schema;
  readonly noun: string;
  readonly problems: string[];
}

function check(value: unknown, schemaOrRef: Schema, where: string, walk: Walk): void {
  const schema = resolve(schemaOrRef, walk.root);
  if (!fitsScalar(value, schema)) {
    walk.problems.push(`${where} must be ${describe(schema, walk.root)}, got ${show(value)}`);
    return;
  }
  if (Array.isArray(value) && schema.items) {
    for (const [index, item] of value.entries()) check(item, schema.items, `${where}[${index}]`, walk);
  }
  if (!isRecord(value)) return;
  const known = Object.keys(schema.properties ?? {});
  for (const [key, item] of Object.entries(value)) {
    const property = schema.properties?.[key];
    if (property) check(item, property, `${where}.${key}`, walk);
    else if (schema.additionalProperties === false) walk.problems.push(`${where}.${key} is not a known ${walk.noun} (expected ${known.length > 0 ? `one of ${known.join(', ')}` : 'none'})`);
  }
  for (const key of schema.required ?? []) if (!(key in value)) walk.problems.push(`${where}.${key} is required`);
  if (schema.anyOf && !schema.anyOf.some((alternative) => (alternative.required ?? []).every((key) => key in value))) {
    walk.problems.push(`${where} needs ${schema.anyOf.map((alternative) => (alternative.required ?? []).join(' and ')).join(' or ')}`);
  }
}

/** Type, enum and bounds: what the value must be on its own, before its items and properties. */
function fitsScalar(value: unknown, schema: Schema): boolean {
  const types = getTypes(schema);
  if (types.length > 0 && !types.some((type) => hasType(value, type))) return false;
  if (schema.enum && !schema.enum.some((allowed) => allowed === value)) return false;
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return false;
    if (schema.maximum !== undefined && value > schema.maximum) return false;
  }
  if (typeof value === 'string' && schema.minLength !== undefined && value.length < schema.minLength) return false;
  return true;
}

/** "a positive integer", "a non-empty string", "an array of strings", `one of "a", "b"`. */
function describe(schema: Schema, root: Schema): string {
  if (schema.enum) return `one of ${schema.enum.map((allowed) => JSON.stringify(allowed)).join(', ')}`;
  return getTypes(schema).map((type) => describeType(type, schema, root)).join(' or ') || 'valid';
}

function describeType(type: string, schema: Schema, root: Schema): string {
  if (type === 'integer' || type === 'number') {
    const noun = type === 'integer' ? 'integer' : 'number';
    const { minimum, maximum } = schema;
    if (minimum === 1 && maximum === undefined && type === 'integer') return 'a positive integer';
    if (minimum === 0 && maximum === undefined) return `a non-negative ${noun}`;
    if (minimum !== undefined && maximum !== undefined) return `${article(noun)} from ${minimum} to ${maximum}`;
    if (minimum !== undefined) return `${article(noun)} of at least ${minimum}`;
    if (maximum !== undefined) return `${article(noun)} of at most ${maximum}`;
    return article(noun);
  }
  if (type === 'string') return schema.minLength === 1 ? 'a non-empty string' : 'a string';
  if (type === 'array' && schema.items) {
    const itemTypes = getTypes(resolve(schema.items, root));
    return itemTypes.length === 1 ? `an array of ${itemTypes[0] === 'string' ? 'strings' : `${itemTypes[0]}s`}` : 'an array';
  }
  return article(type);
}

function resolve(schema: Schema, root: Schema): Schema {
  const name = schema.$ref?.replace(/^#\/definitions\//, '');
  return name !== undefined ? (root.definitions?.[name] ?? {}) : schema;
}

function getTypes(schema: Schema): readonly string[] {
  return schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isRecord(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

function show(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (isRecord(value)) return 'an object';
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
