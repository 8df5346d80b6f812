/**
 * Checks rule options from the config file against the rule's JSON schema (`meta.schema`). Covers the
 * subset PoolGuard's rules use: type, properties, additionalProperties, required, minimum, maximum, enum, items.
 */
interface Schema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: boolean | Schema;
  readonly required?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly unknown[];
  readonly items?: Schema;
}

/** The first problem, phrased with `where` (e.g. `rules.no-unbounded-pool[1]`), or undefined. */
export function getOptionProblem(value: unknown, schema: unknown, where: string): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const rule = schema as Schema;
  const types = rule.type === undefined ? [] : typeof rule.type === 'string' ? [rule.type] : rule.type;
  if (types.length > 0 && !types.some((type) => hasType(value, type))) return `${where} must be ${types.map(article).join(' or ')}, got ${JSON.stringify(value)}`;
  if (rule.enum && !rule.enum.some((allowed) => allowed === value)) return `${where} must be one of ${rule.enum.map((allowed) => JSON.stringify(allowed)).join(', ')}`;
  if (typeof value === 'number') {
    if (rule.minimum !== undefined && value < rule.minimum) return `${where} must be at least ${rule.minimum}`;
    if (rule.maximum !== undefined && value > rule.maximum) return `${where} must be at most ${rule.maximum}`;
  }
  if (Array.isArray(value) && rule.items) {
    for (const [index, item] of value.entries()) {
      const problem = getOptionProblem(item, rule.items, `${where}[${index}]`);
      if (problem) return problem;
    }
  }
  if (isRecord(value)) {
    for (const key of rule.required ?? []) if (!(key in value)) return `${where}.${key} is required`;
    for (const [key, item] of Object.entries(value)) {
      const property = rule.properties?.[key];
      if (property) {
        const problem = getOptionProblem(item, property, `${where}.${key}`);
        if (problem) return problem;
      } else if (rule.additionalProperties === false) {
        return `${where}.${key} is not a known option (expected ${Object.keys(rule.properties ?? {}).join(', ') || 'none'})`;
      }
    }
  }
  return undefined;
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

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
