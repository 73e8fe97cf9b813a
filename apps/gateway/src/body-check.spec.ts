import { describe, expect, it } from '@jest/globals';
import { bodyProblem, isUnstorableText, urlHasUnstorableText } from './body-check.js';

/** `depth` arrays inside each other around `inner`, as JSON.parse would hand them over. */
const nested = (depth: number, inner: unknown = 1): unknown => JSON.parse(`${'['.repeat(depth)}${JSON.stringify(inner)}${']'.repeat(depth)}`);

describe('body depth', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(bodyProblem('text', 0)).toBeNull();
    expect(bodyProblem(null, 0)).toBeNull();
    expect(bodyProblem({ a: 1, b: 'x', c: null }, 1)).toBeNull();
    expect(bodyProblem({ a: 1, b: 'x', c: null }, 0)).toBe('too_deep');
    expect(bodyProblem({ events: [{ gate_code: 'g1' }] }, 3)).toBeNull();
    expect(bodyProblem({ events: [{ gate_code: 'g1' }] }, 2)).toBe('too_deep');
  });

  it('finds the deep branch among shallow ones, in objects and arrays alike', () => {
    expect(bodyProblem({ flat: 1, list: [1, 2], deep: nested(9) }, 10)).toBeNull();
    expect(bodyProblem({ flat: 1, list: [1, 2], deep: nested(10) }, 10)).toBe('too_deep');
    expect(bodyProblem([{}, [{ a: { b: {} } }]], 4)).toBe('too_deep');
  });

  it('walks a body nested far deeper than any stack would take', () => {
    expect(bodyProblem(nested(200_000), 64)).toBe('too_deep');
  });
});

describe('numbers out of range', () => {
  it('finds the Infinity JSON.parse makes of 1e999, at any depth, and passes finite numbers', () => {
    expect(bodyProblem(JSON.parse('{"timestamp":1e999}'))).toBe('number_out_of_range');
    expect(bodyProblem(JSON.parse('{"events":[{"price":-1e999}]}'))).toBe('number_out_of_range');
    expect(bodyProblem(JSON.parse('1e999'))).toBe('number_out_of_range');
    expect(bodyProblem(JSON.parse('{"price":1.7e308,"tiny":5e-324,"zero":-0}'))).toBeNull();
  });
});

describe('unstorable text', () => {
  it('finds a NUL and unpaired surrogates, and passes paired ones and ordinary text', () => {
    for (const text of ['n\u0000x', '\u0000', 'n\ud800x', 'x\udc00', '\ud83d', 'a\udc00\ud800b']) expect(isUnstorableText(text)).toBe(true);
    for (const text of ['', 'Kerkof 01', 'Gerbang Utara — Ümlaut', 'emoji 🚗 ok', '\ud83d\ude97', 'tab\tand\nnewline'])
      expect(isUnstorableText(text)).toBe(false);
  });

  it('finds it in a value or a key at any depth of a body, in objects and arrays', () => {
    expect(bodyProblem({ code: 'l1', name: 'n\u0000x' })).toBe('unstorable_text');
    expect(bodyProblem({ events: [{ gate_code: 'g1' }, { gate_code: 'g\ud800' }] })).toBe('unstorable_text');
    expect(bodyProblem({ ['k\u0000']: 1 })).toBe('unstorable_text');
    expect(bodyProblem(['\udfff'])).toBe('unstorable_text');
    expect(bodyProblem('\u0000')).toBe('unstorable_text');
    expect(bodyProblem({ name: 'Pasar 🚗', list: ['a', 'b'], n: 1, ok: true, none: null })).toBeNull();
  });

  it('finds it in path parameters and query values, also repeated ones', () => {
    expect(urlHasUnstorableText({ code: 'kerkof_01' }, { page: '1', entity_key: ['a', 'b'] })).toBe(false);
    expect(urlHasUnstorableText({ code: 'k\u0000' }, {})).toBe(true);
    expect(urlHasUnstorableText(undefined, { entity_key: '\u0000' })).toBe(true);
    expect(urlHasUnstorableText({}, { location_code: ['ok', 'x\ud800'] })).toBe(true);
    expect(urlHasUnstorableText({}, { ['\u0000']: 'x' })).toBe(true);
  });
});
