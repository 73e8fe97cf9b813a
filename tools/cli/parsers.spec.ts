import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from 'commander';
import { collect, instantOrFromNow, parseDuration, parseInstant, parseInteger, parseRealm } from './parsers.js';

describe('CLI option parsers', () => {
  it('accepts only known realms', () => {
    expect(parseRealm('retribusi')).toBe('retribusi');
    expect(() => parseRealm('billing')).toThrow(InvalidArgumentError);
  });

  it('collects repeated and comma-separated values', () => {
    expect(collect('c', collect('a, b'))).toEqual(['a', 'b', 'c']);
  });

  it('reads durations with units', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('2h')).toBe(7200);
    expect(parseDuration('7d')).toBe(604_800);
    expect(() => parseDuration('2 hours')).toThrow(InvalidArgumentError);
    expect(() => parseDuration('0s')).toThrow('longer than zero');
  });

  it('reads ISO dates and date-times only', () => {
    expect(parseInstant('2025-09-17').toISOString()).toBe('2025-09-17T00:00:00.000Z');
    expect(parseInstant('2025-09-17T08:00:00+07:00').toISOString()).toBe('2025-09-17T01:00:00.000Z');
    expect(() => parseInstant('next tuesday')).toThrow(InvalidArgumentError);
    expect(() => parseInstant('2025-13-45')).toThrow(InvalidArgumentError);
  });

  it('reads integers and end instants', () => {
    expect(parseInteger('12')).toBe(12);
    expect(() => parseInteger('1.5')).toThrow(InvalidArgumentError);
    const now = new Date('2025-01-01T00:00:00Z');
    expect(instantOrFromNow(undefined, 60, now)?.toISOString()).toBe('2025-01-01T00:01:00.000Z');
    expect(instantOrFromNow(undefined, undefined, now)).toBeUndefined();
  });
});
