import type { ClientTokenRequest, ServiceReply, ServiceRequest } from '@gerbang/contracts';
import { parseBasicAuthorization } from '@gerbang/auth';

/** RFC 6749 section 5.2 error codes. */
export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope';

/** Token endpoint answers are never cached (RFC 6749 section 5.1), errors included. */
export const NO_STORE_HEADERS = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    /** Set when the client tried HTTP Basic: the 401 must then carry WWW-Authenticate. */
    readonly basicRealm: string | null = null,
  ) {
    super(description);
  }

  toReply(): ServiceReply {
    const status = this.error === 'invalid_client' ? 401 : 400;
    const challenge: Record<string, string> =
      status === 401 && this.basicRealm ? { 'WWW-Authenticate': `Basic realm="${this.basicRealm}", charset="UTF-8"` } : {};
    return { status, raw: { error: this.error, error_description: this.description }, headers: { ...NO_STORE_HEADERS, ...challenge } };
  }
}

/**
 * Reads the gateway's ServiceRequest for the token endpoint into a ClientTokenRequest.
 * The form body is already parsed; each parameter must appear at most once (RFC 6749
 * section 3.2), and a client must not use two authentication methods at once (2.3).
 */
export function readTokenRequest(realm: string, request: Partial<ServiceRequest> | null | undefined): ClientTokenRequest {
  const body = (typeof request?.body === 'object' && request.body !== null && !Array.isArray(request.body) ? request.body : {}) as Record<string, unknown>;
  const headers = request?.headers ?? {};
  const single = (name: string): string | undefined => {
    const value = body[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new OAuthError('invalid_request', `Parameter ${name} must be given once, as a string`);
    return value;
  };
  const grantType = single('grant_type');
  const scope = single('scope');
  const bodyClientId = single('client_id');
  const bodySecret = single('client_secret');
  const basic = parseBasicAuthorization(headers.authorization);
  if (basic === 'malformed') throw new OAuthError('invalid_client', 'Unreadable Basic credentials', realm);
  if (basic) {
    if (bodySecret !== undefined) throw new OAuthError('invalid_request', 'Use one client authentication method, not Basic and client_secret together');
    if (bodyClientId !== undefined && bodyClientId !== basic.username) throw new OAuthError('invalid_request', 'client_id differs from the Basic credentials');
    return { realm, grantType, scope, clientId: basic.username, clientSecret: basic.password, authMethod: 'client_secret_basic' };
  }
  if (bodyClientId !== undefined && bodySecret !== undefined) {
    return { realm, grantType, scope, clientId: bodyClientId, clientSecret: bodySecret, authMethod: 'client_secret_post' };
  }
  return { realm, grantType, scope, clientId: bodyClientId, clientSecret: undefined, authMethod: 'none' };
}
