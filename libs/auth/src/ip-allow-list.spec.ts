import { describe, expect, it } from '@jest/globals';
import { isIpAllowed, isValidAllowListEntry, normalizeAllowListEntry } from './ip-allow-list.js';

describe('IP allow-list', () => {
  it('allows everyone when the list is empty', () => {
    expect(isIpAllowed('203.0.113.9', [])).toBe(true);
    expect(isIpAllowed(null, [])).toBe(true);
  });

  it('matches single addresses and CIDR ranges', () => {
    const list = ['10.1.0.0/16', '203.0.113.7', '2001:db8::/32'];
    expect(isIpAllowed('10.1.255.3', list)).toBe(true);
    expect(isIpAllowed('10.2.0.1', list)).toBe(false);
    expect(isIpAllowed('203.0.113.7', list)).toBe(true);
    expect(isIpAllowed('203.0.113.8', list)).toBe(false);
    expect(isIpAllowed('2001:db8:1::5', list)).toBe(true);
    expect(isIpAllowed('2001:db9::1', list)).toBe(false);
  });

  it('treats IPv4-mapped IPv6 addresses as IPv4', () => {
    expect(isIpAllowed('::ffff:10.1.2.3', ['10.1.0.0/16'])).toBe(true);
    expect(isIpAllowed('10.1.2.3', ['::ffff:10.1.0.0/112'])).toBe(true);
  });

  it('never matches a missing or unparsable address', () => {
    expect(isIpAllowed(undefined, ['0.0.0.0/0'])).toBe(false);
    expect(isIpAllowed('not-an-ip', ['0.0.0.0/0'])).toBe(false);
  });

  it('normalizes entries and rejects invalid ones', () => {
    expect(normalizeAllowListEntry('10.1.2.3')).toBe('10.1.2.3/32');
    expect(normalizeAllowListEntry('10.1.2.3/16')).toBe('10.1.0.0/16');
    expect(normalizeAllowListEntry('2001:db8::1/32')).toBe('2001:db8::/32');
    expect(isValidAllowListEntry('10.0.0.0/33')).toBe(false);
    expect(isValidAllowListEntry('example.com')).toBe(false);
  });
});
