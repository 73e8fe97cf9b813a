/** NATS header names the gateway sets on every request it forwards. */
export const MESSAGE_HEADERS = {
  requestId: 'x-request-id',
  /** The product (= auth realm) whose route the request came through. */
  realm: 'x-realm',
  /** base64url(JSON(Principal)); absent for anonymous calls. */
  principal: 'x-principal',
  clientIp: 'x-client-ip',
  userAgent: 'x-user-agent',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

export function encodePrincipalHeader(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodePrincipalHeader<T>(value: string | undefined): T | null {
  if (!value) return null;
  try {
    return JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as T;
  } catch {
    return null;
  }
}
