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

/** What the edge needs to know of a connection's peer: worked out once per connection. */
export interface Peer {
  /** The peer's address (IPv4-mapped IPv6 as IPv4), or the raw value when it is not an address. */
  address: string;
  /** Whether its X-Forwarded-For is believed. */
  trusted: boolean;
}

export function describePeer(peer: string | undefined, proxies: ProxyList): Peer {
  const parsed = normalize(peer ?? '');
  if (!parsed) return { address: peer ?? 'unknown', trusted: false };
  return { address: parsed.toString(), trusted: isTrusted(parsed, proxies) };
}

/**
 * The client's address: the socket peer, unless the peer is a trusted proxy; then the
 * right-most X-Forwarded-For entry that is not itself a trusted proxy. A client that sends
 * X-Forwarded-For directly cannot choose its own address.
 */
export function clientIpFrom(peer: Peer, forwardedFor: string | string[] | undefined, proxies: ProxyList): string {
  if (!forwardedFor || !peer.trusted) return peer.address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((hop) => hop.trim());
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = normalize(hops[index] ?? '');
    if (!hop) break;
    if (!isTrusted(hop, proxies)) return hop.toString();
  }
  return peer.address;
}
