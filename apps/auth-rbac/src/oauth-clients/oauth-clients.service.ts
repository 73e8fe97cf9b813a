import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { ClientTokenRequest, CreatedOAuthClient, CreateOAuthClientRequest, OAuthClientSummary, ServiceReply } from '@gerbang/contracts';
import { formatScopes, generateClientCredentials, isValidScope, parseScopes, uncoveredScopes } from '@gerbang/auth';
import { DomainError } from '@gerbang/runtime';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../common/audit-context.js';
import { isoOrNull, unixSeconds } from '../common/time.js';
import { AUTH_CONFIG, type AuthConfig } from '../config/auth.config.js';
import { RevocationService } from '../sessions/revocation.service.js';
import { SigningKeysService } from '../signing-keys/signing-keys.service.js';
import { PasswordService } from '../users/password.service.js';
import { ClientTokenEntity } from './client-token.entity.js';
import { OAuthClientEntity } from './oauth-client.entity.js';
import { NO_STORE_HEADERS, OAuthError } from './token-request.js';

const CLIENT_CREDENTIALS = 'client_credentials';

/** OAuth 2.0 clients and the client credentials grant (RFC 6749 section 4.4). */
@Injectable()
export class OAuthClientsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(OAuthClientEntity) private readonly clients: Repository<OAuthClientEntity>,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly passwords: PasswordService,
    private readonly signingKeys: SigningKeysService,
    private readonly revocation: RevocationService,
    private readonly audit: AuditService,
  ) {}

  /** Answers the token endpoint: an RFC 6749 body either way, never the product envelope. */
  async token(request: ClientTokenRequest, context: AuditContext): Promise<ServiceReply> {
    try {
      return await this.issue(request, context);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      await this.audit.record(
        {
          realm: request.realm,
          type: 'oauth.token_failed',
          outcome: 'failure',
          subject: request.clientId?.slice(0, 200) ?? null,
          details: { error: error.error },
        },
        context,
      );
      return error.toReply();
    }
  }

  private async issue(request: ClientTokenRequest, context: AuditContext): Promise<ServiceReply> {
    if (!request.grantType) throw new OAuthError('invalid_request', 'Missing grant_type');
    if (request.grantType !== CLIENT_CREDENTIALS) throw new OAuthError('unsupported_grant_type', `Unsupported grant_type ${request.grantType.slice(0, 50)}`);
    const basicRealm = request.authMethod === 'client_secret_basic' ? request.realm : null;
    const authenticationFailed = new OAuthError('invalid_client', 'Client authentication failed', basicRealm);
    if (request.authMethod === 'none' || !request.clientId || request.clientSecret === undefined) throw authenticationFailed;
    const client = await this.clients.findOneBy({ clientId: request.clientId });
    if (!client) {
      await this.passwords.verifyDecoy(request.clientSecret);
      throw authenticationFailed;
    }
    const secretOk = await this.passwords.verify(client.secretHash, request.clientSecret);
    if (!secretOk || client.realm !== request.realm || !client.active || client.revokedAt) throw authenticationFailed;
    if (!client.grantTypes.includes(CLIENT_CREDENTIALS)) throw new OAuthError('unauthorized_client', 'Client may not use the client_credentials grant');
    const requested = parseScopes(request.scope);
    if (requested.some((scope) => !isValidScope(scope))) throw new OAuthError('invalid_scope', 'Malformed scope');
    const uncovered = uncoveredScopes(client.scopes, requested);
    if (uncovered.length > 0) throw new OAuthError('invalid_scope', `Scope not allowed for this client: ${uncovered.join(' ').slice(0, 200)}`);
    const granted = requested.length > 0 ? requested : client.scopes;

    const now = new Date();
    const issuedAt = unixSeconds(now);
    const expiresIn = this.config.CLIENT_TOKEN_TTL_SECONDS;
    const tokenId = randomUUID();
    const accessToken = await this.signingKeys.sign({
      iss: this.config.JWT_ISSUER,
      sub: client.clientId,
      aud: client.realm,
      realm: client.realm,
      typ: 'client',
      scope: formatScopes(granted),
      jti: tokenId,
      iat: issuedAt,
      exp: issuedAt + expiresIn,
    });
    await this.dataSource.getRepository(ClientTokenEntity).insert({ tokenId, clientId: client.id, expiresAt: new Date((issuedAt + expiresIn) * 1000) });
    await this.clients.update({ id: client.id }, { lastUsedAt: now });
    await this.audit.record(
      { realm: client.realm, type: 'oauth.token_issued', outcome: 'success', subject: client.clientId, details: { scope: granted } },
      context,
    );
    return {
      status: 200,
      raw: { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, scope: formatScopes(granted) },
      headers: { ...NO_STORE_HEADERS },
    };
  }

  async create(request: CreateOAuthClientRequest, context: AuditContext): Promise<CreatedOAuthClient> {
    const invalid = request.scopes.filter((scope) => !isValidScope(scope));
    if (invalid.length > 0)
      throw new DomainError('validation_failed', 'Invalid scope', [
        { field: 'scopes', message: `Not a scope token: ${invalid.join(', ')}`, constraint: 'isScope' },
      ]);
    const credentials = generateClientCredentials();
    const row = await this.clients.save(
      this.clients.create({
        clientId: credentials.clientId,
        realm: request.realm,
        name: request.name,
        secretHash: await this.passwords.hash(credentials.clientSecret),
        scopes: [...new Set(request.scopes)],
        grantTypes: [CLIENT_CREDENTIALS],
        active: true,
        createdBy: context.actor,
      }),
    );
    await this.audit.record(
      { realm: request.realm, type: 'oauth_client.created', outcome: 'success', subject: row.clientId, details: { name: row.name, scopes: row.scopes } },
      context,
    );
    return { ...this.summary(row), clientSecret: credentials.clientSecret };
  }

  async list(realm: string, includeRevoked: boolean): Promise<OAuthClientSummary[]> {
    const rows = await this.clients.find({ where: includeRevoked ? { realm } : { realm, revokedAt: IsNull() }, order: { id: 'ASC' } });
    return rows.map((row) => this.summary(row));
  }

  /** Revokes the client and every token it holds that has not expired yet. */
  async revoke(realm: string, clientId: string, context: AuditContext): Promise<OAuthClientSummary> {
    const row = await this.clients.findOneBy({ realm, clientId });
    if (!row) throw new DomainError('not_found', `No OAuth client ${clientId} in realm ${realm}`);
    if (row.revokedAt) return this.summary(row);
    row.active = false;
    row.revokedAt = new Date();
    const revoked = await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(OAuthClientEntity).update({ id: row.id }, { active: false, revokedAt: row.revokedAt });
      const live = await manager.query<Array<{ token_id: string; expires_at: Date }>>(
        `SELECT "token_id", "expires_at" FROM "auth"."client_tokens" WHERE "client_id" = $1 AND "expires_at" > now()`,
        [row.id],
      );
      return this.revocation.revokeTokens(
        manager,
        live.map((token) => ({ tokenId: token.token_id, realm, subject: clientId, expiresAt: token.expires_at })),
        'client_revoked',
      );
    });
    this.revocation.announce(revoked);
    await this.audit.record(
      { realm, type: 'oauth_client.revoked', outcome: 'success', subject: clientId, details: { revokedTokens: revoked.length } },
      context,
    );
    return this.summary(row);
  }

  private summary(row: OAuthClientEntity): OAuthClientSummary {
    return {
      clientId: row.clientId,
      realm: row.realm,
      name: row.name,
      scopes: row.scopes,
      grantTypes: row.grantTypes,
      active: row.active && !row.revokedAt,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: isoOrNull(row.lastUsedAt),
      revokedAt: isoOrNull(row.revokedAt),
    };
  }
}
