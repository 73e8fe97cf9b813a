/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
}

/** Left-aligned columns with a header row; empty values print as `-`. */
export function renderTable(headers: string[], rows: Array<Array<string | number | boolean | null | undefined>>): string {
  const cells = rows.map((row) => row.map((value) => (value === null || value === undefined || value === '' ? '-' : String(value))));
  const widths = headers.map((header, column) => Math.max(header.length, ...cells.map((row) => row[column].length)));
  const line = (values: string[]) =>
    values
      .map((value, column) => value.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n');
}

export function renderFields(fields: Array<[string, string | number | boolean | null | undefined]>): string {
  const width = Math.max(...fields.map(([name]) => name.length)) + 1;
  return fields.map(([name, value]) => `${`${name}:`.padEnd(width)} ${value === null || value === undefined || value === '' ? '-' : String(value)}`).join('\n');
}

export function list(values: readonly string[] | null | undefined, empty = '-'): string {
  return values && values.length > 0 ? values.join(' ') : empty;
}
