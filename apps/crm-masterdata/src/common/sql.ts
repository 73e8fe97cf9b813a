/**
 * Collects bind values and WHERE conditions for one statement: callers write SQL with the
 * placeholder `bind` returns, so no value ever enters the SQL text.
 */
export class SqlParams {
  readonly values: unknown[] = [];
  private readonly conditions: string[] = [];

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** Adds `build(placeholder)` as a condition when the filter value is given. */
  filter<T>(value: T | undefined, build: (placeholder: string) => string): this {
    if (value !== undefined) this.conditions.push(build(this.bind(value)));
    return this;
  }

  /** `search`: a case-insensitive substring of `column`, taken literally. */
  search(text: string | undefined, column: string): this {
    return this.filter(text === undefined ? undefined : containsPattern(text), (pattern) => `${column} ILIKE ${pattern}`);
  }

  get where(): string {
    return this.conditions.length > 0 ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** `%text%` for ILIKE with the pattern characters of the text taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
