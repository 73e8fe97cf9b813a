import { describe, expect, it } from '@jest/globals';
import { nestsDeeperThan } from './body-depth.js';

/** `depth` arrays inside each other around `inner`, as JSON.parse would hand them over. */
const nested = (depth: number, inner: unknown = 1): unknown => JSON.parse(`${'['.repeat(depth)}${JSON.stringify(inner)}${']'.repeat(depth)}`);

describe('body depth', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan(null, 0)).toBe(false);
    expect(nestsDeeperThan({ a: 1, b: 'x', c: null }, 1)).toBe(false);
    expect(nestsDeeperThan({ a: 1, b: 'x', c: null }, 0)).toBe(true);
    expect(nestsDeeperThan({ events: [{ gate_code: 'g1' }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ events: [{ gate_code: 'g1' }] }, 2)).toBe(true);
  });

  it('finds the deep branch among shallow ones, in objects and arrays alike', () => {
    expect(nestsDeeperThan({ flat: 1, list: [1, 2], deep: nested(9) }, 10)).toBe(false);
    expect(nestsDeeperThan({ flat: 1, list: [1, 2], deep: nested(10) }, 10)).toBe(true);
    expect(nestsDeeperThan([{}, [{ a: { b: {} } }]], 4)).toBe(true);
  });

  it('walks a body nested far deeper than any stack would take', () => {
    expect(nestsDeeperThan(nested(200_000), 64)).toBe(true);
  });
});
