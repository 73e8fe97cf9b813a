import ipaddr from 'ipaddr.js';

/**
 * IP allow-lists of API keys: single addresses or CIDR ranges, IPv4 and IPv6. IPv4-mapped
 * IPv6 addresses (`::ffff:10.0.0.1`, as dual-stack sockets report them) match IPv4 ranges.
 */

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The canonical CIDR form of an entry (`10.0.0.1` becomes `10.0.0.1/32`), or null if it is not one. */
export function normalizeAllowListEntry(entry: string): string | null {
  const value = entry.trim();
  try {
    if (value.includes('/')) {
      const [address, prefix] = ipaddr.parseCIDR(value);
      const processed = unmap(address);
      const bits = processed.kind() === address.kind() ? prefix : prefix - 96;
      if (bits < 0) return null;
      return `${networkAddress(processed, bits).toString()}/${bits}`;
    }
    const address = unmap(ipaddr.parse(value));
    return `${address.toString()}/${address.kind() === 'ipv4' ? 32 : 128}`;
  } catch {
    return null;
  }
}

export function isValidAllowListEntry(entry: string): boolean {
  return normalizeAllowListEntry(entry) !== null;
}

/** An empty list allows every address; otherwise the address must fall in one entry. Unparsable addresses never match. */
export function isIpAllowed(clientIp: string | null | undefined, allowList: readonly string[]): boolean {
  if (allowList.length === 0) return true;
  if (!clientIp) return false;
  let address: Address;
  try {
    address = unmap(ipaddr.parse(clientIp.trim()));
  } catch {
    return false;
  }
  return allowList.some((entry) => {
    const normalized = normalizeAllowListEntry(entry);
    if (!normalized) return false;
    const [range, bits] = ipaddr.parseCIDR(normalized);
    return range.kind() === address.kind() && address.match(range, bits);
  });
}

function unmap(address: Address): Address {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

function networkAddress(address: Address, bits: number): Address {
  const bytes = address.toByteArray();
  return ipaddr.fromByteArray(bytes.map((byte, index) => byte & maskByte(bits - index * 8)));
}

function maskByte(bits: number): number {
  if (bits >= 8) return 0xff;
  if (bits <= 0) return 0;
  return (0xff << (8 - bits)) & 0xff;
}
