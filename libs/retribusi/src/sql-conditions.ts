/**
 * Builds a parameterised WHERE clause: each `?` in a condition becomes the next `$n` and
 * takes the next value. Values never enter the SQL text.
 */
export class SqlConditions {
  readonly values: unknown[] = [];
  private readonly clauses: string[] = [];

  /** Adds `condition` when its first value is defined (an absent filter adds nothing). */
  add(condition: string, ...values: unknown[]): this {
    if (values[0] === undefined) return this;
    let index = 0;
    const clause = condition.replace(/\?/g, () => this.param(values[index++]));
    this.clauses.push(clause);
    return this;
  }

  /** The next placeholder, for a value used outside the WHERE clause (LIMIT, OFFSET, a zone). */
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  get where(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}
