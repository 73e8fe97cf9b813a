import { describe, expect, it } from '@jest/globals';
import { isEnabled, isTimeZone } from './config-rules.js';

describe('config rules', () => {
  it('knows IANA zones and refuses anything else', () => {
    for (const zone of ['Asia/Jakarta', 'UTC', 'Europe/Berlin']) expect(isTimeZone(zone)).toBe(true);
    for (const zone of ['Asia/Atlantis', '', 7, undefined]) expect(isTimeZone(zone)).toBe(false);
  });

  it('reads 1/true as on and 0/false as off', () => {
    expect([isEnabled('1'), isEnabled('true'), isEnabled('0'), isEnabled('false')]).toEqual([true, true, false, false]);
  });
});
