import { describe, expect, it } from '@jest/globals';
import { clientIpFrom, describePeer, parseTrustedProxies } from './client-ip.js';

const proxies = parseTrustedProxies('10.0.0.0/8, 192.168.1.1');
const clientIp = (peer: string | undefined, forwardedFor?: string | string[]) => clientIpFrom(describePeer(peer, proxies), forwardedFor, proxies);

describe('client IP', () => {
  it('is the peer when the peer is not a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientIp('203.0.113.9')).toBe('203.0.113.9');
    expect(clientIp('203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
    expect(clientIp('::ffff:203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
  });

  it('is the right-most forwarded address that is not a trusted proxy when the peer is one', () => {
    expect(clientIp('10.1.2.3', '198.51.100.1')).toBe('198.51.100.1');
    expect(clientIp('::ffff:10.1.2.3', '198.51.100.7, 192.168.1.1')).toBe('198.51.100.7');
    expect(clientIp('192.168.1.1', ['203.0.113.5, 198.51.100.2', '10.9.9.9'])).toBe('198.51.100.2');
    // A forged entry to the left of a real client cannot win.
    expect(clientIp('10.1.2.3', '1.2.3.4, 198.51.100.3')).toBe('198.51.100.3');
  });

  it('falls back to the peer when the forwarded chain is empty, all proxies or not an address', () => {
    expect(clientIp('10.1.2.3')).toBe('10.1.2.3');
    expect(clientIp('10.1.2.3', '10.4.4.4, 192.168.1.1')).toBe('10.1.2.3');
    expect(clientIp('10.1.2.3', 'not-an-ip')).toBe('10.1.2.3');
  });

  it('keeps a peer that is not an address as it is, and never trusts it', () => {
    expect(describePeer(undefined, proxies)).toEqual({ address: 'unknown', trusted: false });
    expect(describePeer('weird', proxies)).toEqual({ address: 'weird', trusted: false });
    expect(clientIp('weird', '198.51.100.1')).toBe('weird');
    expect(describePeer('10.0.0.1', proxies)).toEqual({ address: '10.0.0.1', trusted: true });
  });
});
