import { describe, expect, it } from '@jest/globals';
import { renderFields, renderTable } from './output.js';

describe('CLI output', () => {
  it('aligns table columns and marks empty cells', () => {
    expect(
      renderTable(
        ['ID', 'NAME'],
        [
          ['abc', 'gate one'],
          ['d', null],
        ],
      ),
    ).toBe('ID   NAME\nabc  gate one\nd    -');
  });

  it('aligns field labels', () => {
    expect(
      renderFields([
        ['key id', 'abc'],
        ['scopes', ''],
      ]),
    ).toBe('key id: abc\nscopes: -');
  });
});
