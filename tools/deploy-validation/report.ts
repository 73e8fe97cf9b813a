/** What one validation step found: problems are empty when the step holds. */
export interface CheckResult {
  name: string;
  problems: string[];
}

/** Collects problems for one step; `expect` records a problem when its condition is false. */
export class Problems {
  readonly list: string[] = [];

  expect(condition: unknown, problem: string): void {
    if (!condition) this.list.push(problem);
  }

  add(problem: string): void {
    this.list.push(problem);
  }
}
