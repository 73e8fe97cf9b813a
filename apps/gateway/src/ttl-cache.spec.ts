import { describe, expect, it } from '@jest/globals';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache.getOrLoad', () => {
  it('shares one load between the callers that miss while it runs, then serves the cached value', async () => {
    const cache = new TtlCache<string>();
    let loads = 0;
    let finish: (value: { value: string; ttlMs: number }) => void = () => undefined;
    const load = () => {
      loads += 1;
      return new Promise<{ value: string; ttlMs: number }>((resolve) => {
        finish = resolve;
      });
    };
    const waiting = [cache.getOrLoad('key', load), cache.getOrLoad('key', load), cache.getOrLoad('key', load)];
    finish({ value: 'verdict', ttlMs: 60_000 });
    await expect(Promise.all(waiting)).resolves.toEqual(['verdict', 'verdict', 'verdict']);
    await expect(cache.getOrLoad('key', load)).resolves.toBe('verdict');
    expect(loads).toBe(1);
  });

  it('keeps nothing for a ttl of 0 or a failed load: the next caller loads again', async () => {
    const cache = new TtlCache<boolean>();
    let loads = 0;
    const loader = (value: boolean, ttlMs: number) => async () => {
      loads += 1;
      return { value, ttlMs };
    };
    await expect(cache.getOrLoad('a', loader(false, 0))).resolves.toBe(false);
    await expect(cache.getOrLoad('a', loader(true, 1_000))).resolves.toBe(true);
    await expect(cache.getOrLoad('a', loader(false, 1_000))).resolves.toBe(true);
    expect(loads).toBe(2);

    await expect(cache.getOrLoad('b', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(cache.getOrLoad('b', async () => ({ value: true, ttlMs: 1_000 }))).resolves.toBe(true);
  });
});
