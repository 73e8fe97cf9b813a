import { describe, expect, it } from '@jest/globals';
import { childTraceparent, formatTraceparent, parseTraceparent } from './trace-context.js';

describe('trace context', () => {
  const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('keeps the trace id and makes a new span for a child', () => {
    const child = childTraceparent(incoming);
    expect(child.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(child.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(child.spanId).not.toBe('00f067aa0ba902b7');
    expect(parseTraceparent(formatTraceparent(child))).toEqual(child);
  });

  it('starts a new trace when the header is missing or malformed', () => {
    for (const value of [undefined, '', 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01']) {
      const trace = childTraceparent(value);
      expect(trace.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(trace.traceId).not.toBe('00000000000000000000000000000000');
      expect(trace.flags).toBe('01');
    }
  });
});

describe('span ids', () => {
  it('stay unique across many spans (the random pool refills without repeating)', () => {
    const ids = new Set(Array.from({ length: 5_000 }, () => childTraceparent(null).spanId));
    expect(ids.size).toBe(5_000);
  });
});
