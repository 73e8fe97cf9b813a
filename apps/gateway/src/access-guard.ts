import { hash } from 'node:crypto';
import {
  AUTH_SUBJECTS,
  type AccessTokenClaims,
  type ApiKeyPrincipal,
  type PermissionCheckReply,
  type Principal,
  type RouteDefinition,
  type ServiceError,
  type VerifyApiKeyRequest,
} from '@gerbang/contracts';
import type { NatsRequester, RequestContext } from '@gerbang/runtime';
import { jwtVerify } from 'jose';
import type { JwksStore } from './jwks-store.js';
import type { RevocationList } from './revocation-list.js';
import { TtlCache } from './ttl-cache.js';

export type AccessOutcome = { ok: true; principal: Principal | null } | { ok: false; error: ServiceError };

export interface Credentials {
  authorization?: string;
  /** Bearer token from the query (`access_token`): the SSE stream's only, for EventSource clients that cannot send headers. */
  queryToken?: string;
  headers: Record<string, string | string[] | undefined>;
  clientIp: string;
  /** The request being authorized: its calls to auth-rbac carry its id and trace. */
  context?: RequestContext;
}

const denied = (code: ServiceError['code'], message: string): AccessOutcome => ({ ok: false, error: { code, message } });

/** Only asymmetric algorithms: `none` and HMAC (keyed with a public key) are refused outright. */
const ALLOWED_ALGORITHMS = ['ES256', 'EdDSA'];

/**
 * Enforces the access a route declares, in one place: JWTs verified locally against
 * auth-rbac's JWKS and revocation list, API keys and permissions asked of auth-rbac with
 * short caches.
 */
export class AccessGuard {
  private readonly apiKeyVerdicts: TtlCache<AccessOutcome>;
  private readonly permissionVerdicts = new TtlCache<boolean>();

  constructor(
    private readonly jwks: JwksStore,
    private readonly revocations: RevocationList,
    private readonly requester: NatsRequester,
    private readonly apiKeyCacheSeconds: number,
  ) {
    this.apiKeyVerdicts = new TtlCache<AccessOutcome>();
  }

  async authorize(route: RouteDefinition, credentials: Credentials): Promise<AccessOutcome> {
    const access = route.access;
    switch (access.kind) {
      case 'public':
        return { ok: true, principal: null };
      case 'api-key':
        return this.checkApiKey(route, access.header, access.scope, credentials);
      case 'client':
        return this.checkToken(route, 'client', credentials, (claims) => {
          const scopes = (claims.scope ?? '').split(' ').filter(Boolean);
          return scopes.includes(access.scope) ? null : { code: 'forbidden', message: 'Insufficient scope' };
        });
      case 'user':
        return this.checkToken(route, 'user', credentials, async (claims) => {
          if (claims.pcr && !access.allowPasswordChangePending) return { code: 'password_change_required', message: 'Password change required' };
          if (access.roles && !(claims.role && access.roles.includes(claims.role))) return { code: 'forbidden', message: 'Insufficient permissions' };
          if (access.permission && !(await this.hasPermission(route, claims, access.permission, credentials.context)))
            return { code: 'forbidden', message: 'Insufficient permissions' };
          return null;
        });
    }
  }

  private async checkToken(
    route: RouteDefinition,
    kind: 'user' | 'client',
    credentials: Credentials,
    authorizeClaims: (claims: AccessTokenClaims) => ServiceError | null | Promise<ServiceError | null>,
  ): Promise<AccessOutcome> {
    const match = /^Bearer\s+(\S+)$/i.exec(credentials.authorization ?? '');
    const token = match?.[1] ?? credentials.queryToken;
    if (!token) return denied('unauthenticated', 'Missing bearer token');
    let claims: AccessTokenClaims;
    try {
      const verified = await jwtVerify<AccessTokenClaims>(token, this.jwks.getKey, {
        algorithms: ALLOWED_ALGORITHMS,
        audience: route.product,
        clockTolerance: 5,
      });
      claims = verified.payload;
    } catch {
      return denied('unauthenticated', 'Invalid or expired token');
    }
    if (claims.typ !== kind || claims.realm !== route.product || typeof claims.jti !== 'string' || typeof claims.sub !== 'string') {
      return denied('unauthenticated', 'Invalid or expired token');
    }
    if (this.revocations.isRevoked(claims.jti)) return denied('unauthenticated', 'Invalid or expired token');
    const refusal = await authorizeClaims(claims);
    if (refusal) return { ok: false, error: refusal };
    const principal: Principal =
      kind === 'user'
        ? {
            kind: 'user',
            realm: route.product,
            subject: claims.sub,
            username: claims.username ?? '',
            roles: claims.roles ?? [],
            activeRole: claims.role ?? null,
            tokenId: claims.jti,
            expiresAt: claims.exp,
            passwordChangeRequired: claims.pcr === true,
          }
        : {
            kind: 'client',
            realm: route.product,
            clientId: claims.sub,
            scopes: (claims.scope ?? '').split(' ').filter(Boolean),
            tokenId: claims.jti,
            expiresAt: claims.exp,
          };
    return { ok: true, principal };
  }

  private async checkApiKey(route: RouteDefinition, header: string, scope: string, credentials: Credentials): Promise<AccessOutcome> {
    const raw = credentials.headers[header.toLowerCase()];
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key) return denied('unauthenticated', 'Missing API key');
    // The cache is keyed by a digest: the key itself is never kept in memory past the call.
    // One-shot hash: a third of createHash's cost, on every API-key request.
    const cacheKey = hash('sha256', `${route.product}\0${scope}\0${credentials.clientIp}\0${key}`, 'base64url');
    return this.apiKeyVerdicts.getOrLoad(cacheKey, async () => {
      const request: VerifyApiKeyRequest = { realm: route.product, key, scope, clientIp: credentials.clientIp };
      const outcome = await this.requester.request<ApiKeyPrincipal>(AUTH_SUBJECTS.verifyApiKey, request, { timeoutMs: 5_000, context: credentials.context });
      if (outcome.ok) return { value: { ok: true, principal: outcome.value }, ttlMs: this.apiKeyCacheSeconds * 1000 };
      // Failures of auth-rbac itself are not cached; a refusal is, briefly.
      const unavailable = outcome.error.code === 'service_unavailable' || outcome.error.code === 'service_timeout';
      return { value: { ok: false, error: outcome.error }, ttlMs: unavailable ? 0 : 5_000 };
    });
  }

  private async hasPermission(route: RouteDefinition, claims: AccessTokenClaims, permission: string, context?: RequestContext): Promise<boolean> {
    const cacheKey = `${route.product}\0${claims.sub}\0${claims.role ?? ''}\0${permission}`;
    return this.permissionVerdicts.getOrLoad(cacheKey, async () => {
      const outcome = await this.requester.request<PermissionCheckReply>(
        AUTH_SUBJECTS.checkPermission,
        { realm: route.product, subject: claims.sub, role: claims.role ?? null, permission },
        { timeoutMs: 5_000, context },
      );
      if (!outcome.ok) return { value: false, ttlMs: 0 };
      return { value: outcome.value.allowed, ttlMs: Math.min(outcome.value.cacheSeconds, 60) * 1000 };
    });
  }
}
