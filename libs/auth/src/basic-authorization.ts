export type BasicCredentials = { username: string; password: string };

/**
 * Reads an HTTP Basic Authorization header as RFC 6749 section 2.3.1 uses it for OAuth
 * clients: both parts are form-urlencoded before base64. Returns null when the header is
 * absent or another scheme, 'malformed' when it is Basic but unreadable.
 */
export function parseBasicAuthorization(header: string | null | undefined): BasicCredentials | null | 'malformed' {
  if (!header) return null;
  const match = /^basic\s+(.*)$/i.exec(header.trim());
  if (!match) return null;
  const encoded = match[1].trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return 'malformed';
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return 'malformed';
  try {
    return { username: formDecode(decoded.slice(0, separator)), password: formDecode(decoded.slice(separator + 1)) };
  } catch {
    return 'malformed';
  }
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}
