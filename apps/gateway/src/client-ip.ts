import ipaddr from 'ipaddr.js';

export type ProxyList = Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>;

/** Parses TRUSTED_PROXIES (IPs or CIDRs); throws on an invalid entry so boot fails loudly. */
export function parseTrustedProxies(value: string): ProxyList {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) =>
      entry.includes('/')
        ? ipaddr.parseCIDR(entry)
        : ([ipaddr.parse(entry), ipaddr.parse(entry).kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number]),
    );
}

function normalize(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  try {
    const parsed = ipaddr.parse(address.trim());
    return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
  } catch {
    return null;
  }
}

function isTrusted(address: ipaddr.IPv4 | ipaddr.IPv6, proxies: ProxyList): boolean {
  return proxies.some(([range, bits]) => address.kind() === range.kind() && address.match([range, bits] as never));
}

/**
 * The client's address: the socket peer, unless the peer is a trusted proxy; then the
 * right-most X-Forwarded-For entry that is not itself a trusted proxy. A client that sends
 * X-Forwarded-For directly cannot choose its own address.
 */
export function resolveClientIp(peer: string | undefined, forwardedFor: string | string[] | undefined, proxies: ProxyList): string {
  const peerAddress = normalize(peer ?? '');
  if (!peerAddress) return peer ?? 'unknown';
  if (!forwardedFor || !isTrusted(peerAddress, proxies)) return peerAddress.toString();
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((hop) => hop.trim());
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = normalize(hops[index] ?? '');
    if (!hop) break;
    if (!isTrusted(hop, proxies)) return hop.toString();
  }
  return peerAddress.toString();
}
