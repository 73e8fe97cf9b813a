import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { ApiKeyPrincipal, ApiKeySummary, CreateApiKeyRequest, CreatedApiKey, Product, VerifyApiKeyRequest } from '@gerbang/contracts';
import { digestSecret, generateApiKey, hasScope, isIpAllowed, normalizeAllowListEntry } from '@gerbang/auth';
import { DomainError, LOGGER } from '@gerbang/runtime';
import type { Logger } from 'pino';
import { DataSource, IsNull, Repository, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../common/audit-context.js';
import { isoOrNull } from '../common/time.js';
import { AUTH_CONFIG, type AuthConfig } from '../config/auth.config.js';
import { ApiKeyEntity } from './api-key.entity.js';

export interface ApiKeySeed {
  /** The environment variable the value came from; one live key per source. */
  source: string;
  realm: Product;
  value: string;
  name: string;
  scopes: string[];
}

const INVALID_KEY = 'Invalid API key';
/** Longer than any key this service issues or seeds accepts. */
const MAX_KEY_LENGTH = 512;

/**
 * API keys: stored as SHA-256 digests of the whole key (they are 256-bit random, or an
 * operator-chosen seed value), looked up by digest, checked for realm, activity, expiry,
 * IP allow-list and scope. Unknown, revoked, inactive and expired keys all answer
 * `unauthenticated` alike, so a caller learns nothing about keys it does not hold.
 */
@Injectable()
export class ApiKeysService {
  /** keyId -> last time this replica wrote last_used_at. */
  private readonly lastUsedWrites = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly audit: AuditService,
  ) {}

  async verify(request: VerifyApiKeyRequest): Promise<ApiKeyPrincipal> {
    if (request.key.length === 0 || request.key.length > MAX_KEY_LENGTH) throw new DomainError('unauthenticated', INVALID_KEY);
    const key = await this.keys.findOneBy({ secretHash: digestSecret('api-key', request.key) });
    const now = Date.now();
    if (!key || key.realm !== request.realm || !key.active || key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= now)) {
      throw new DomainError('unauthenticated', INVALID_KEY);
    }
    if (!isIpAllowed(request.clientIp, key.allowedIps)) throw new DomainError('forbidden', 'API key not allowed from this IP address');
    if (request.scope && !hasScope(key.scopes, request.scope)) throw new DomainError('forbidden', 'API key lacks the required scope');
    this.touch(key, now);
    return { kind: 'api-key', realm: key.realm as Product, keyId: key.keyId, scopes: key.scopes };
  }

  async create(request: CreateApiKeyRequest, context: AuditContext): Promise<CreatedApiKey> {
    const allowedIps = this.normalizeAllowList(request.allowedIps ?? []);
    const generated = generateApiKey();
    const row = await this.keys.save(
      this.keys.create({
        keyId: generated.keyId,
        realm: request.realm,
        name: request.name,
        secretHash: digestSecret('api-key', generated.key),
        scopes: [...new Set(request.scopes)],
        allowedIps,
        active: true,
        expiresAt: request.expiresAt ? new Date(request.expiresAt) : null,
        createdBy: context.actor,
      }),
    );
    await this.audit.record(
      { realm: request.realm, type: 'api_key.created', outcome: 'success', subject: row.keyId, details: { name: row.name, scopes: row.scopes, allowedIps } },
      context,
    );
    return { ...this.summary(row), key: generated.key };
  }

  async list(realm: string, includeRevoked: boolean): Promise<ApiKeySummary[]> {
    const rows = await this.keys.find({ where: includeRevoked ? { realm } : { realm, revokedAt: IsNull() }, order: { id: 'ASC' } });
    return rows.map((row) => this.summary(row));
  }

  async revoke(realm: string, keyId: string, context: AuditContext): Promise<ApiKeySummary> {
    const row = await this.keys.findOneBy({ realm, keyId });
    if (!row) throw new DomainError('not_found', `No API key ${keyId} in realm ${realm}`);
    if (!row.revokedAt) {
      row.active = false;
      row.revokedAt = new Date();
      await this.keys.update({ id: row.id }, { active: false, revokedAt: row.revokedAt });
      await this.audit.record({ realm, type: 'api_key.revoked', outcome: 'success', subject: keyId, details: { name: row.name } }, context);
    }
    return this.summary(row);
  }

  /**
   * Keeps exactly one live key per environment variable, accepting exactly its value. A
   * changed value replaces the previous seeded key; an unchanged one changes nothing.
   */
  async seed(manager: EntityManager, seed: ApiKeySeed, context: AuditContext): Promise<'created' | 'unchanged'> {
    const secretHash = digestSecret('api-key', seed.value);
    const repository = manager.getRepository(ApiKeyEntity);
    const existing = await repository.findOneBy({ secretHash });
    if (existing && existing.seedSource === seed.source && existing.active && !existing.revokedAt) return 'unchanged';
    if (existing) {
      // The value is already in use by another key (or a revoked seed): refuse to alias it silently.
      this.logger.warn({ keyId: existing.keyId, source: seed.source }, 'seeded API key value matches an existing key that is not its live seed; left as is');
      return 'unchanged';
    }
    const previous = await repository.find({ where: { seedSource: seed.source, revokedAt: IsNull() } });
    for (const old of previous) {
      await repository.update({ id: old.id }, { active: false, revokedAt: new Date() });
      await this.audit.record(
        { realm: old.realm, type: 'api_key.revoked', outcome: 'success', subject: old.keyId, details: { reason: `${seed.source} changed` } },
        context,
      );
    }
    const keyId = `seed-${seed.realm}-${secretHash.slice(0, 8)}`;
    await repository.insert({
      keyId,
      realm: seed.realm,
      name: seed.name,
      secretHash,
      scopes: seed.scopes,
      allowedIps: [],
      active: true,
      seedSource: seed.source,
      createdBy: 'bootstrap',
    });
    await this.audit.record(
      { realm: seed.realm, type: 'api_key.created', outcome: 'success', subject: keyId, details: { source: seed.source, scopes: seed.scopes } },
      context,
    );
    return 'created';
  }

  private normalizeAllowList(entries: string[]): string[] {
    const normalized = entries.map((entry) => ({ entry, cidr: normalizeAllowListEntry(entry) }));
    const invalid = normalized.filter((item) => item.cidr === null).map((item) => item.entry);
    if (invalid.length > 0) {
      throw new DomainError('validation_failed', 'Invalid IP allow-list', [
        { field: 'allowedIps', message: `Not an IP address or CIDR range: ${invalid.join(', ')}`, constraint: 'isCidr' },
      ]);
    }
    return [...new Set(normalized.map((item) => item.cidr as string))];
  }

  /** Records use at most once per interval per replica, so verification stays read-only on the hot path. */
  private touch(key: ApiKeyEntity, now: number): void {
    const interval = this.config.API_KEY_LAST_USED_INTERVAL_SECONDS * 1000;
    const last = this.lastUsedWrites.get(key.keyId) ?? key.lastUsedAt?.getTime() ?? 0;
    if (now - last < interval) return;
    this.lastUsedWrites.set(key.keyId, now);
    this.dataSource
      .query(
        `UPDATE "auth"."api_keys" SET "last_used_at" = now() WHERE "id" = $1 AND ("last_used_at" IS NULL OR "last_used_at" < now() - make_interval(secs => $2))`,
        [key.id, this.config.API_KEY_LAST_USED_INTERVAL_SECONDS],
      )
      .catch((error: unknown) => this.logger.warn({ err: error, keyId: key.keyId }, 'could not record API key use'));
  }

  private summary(row: ApiKeyEntity): ApiKeySummary {
    return {
      keyId: row.keyId,
      realm: row.realm,
      name: row.name,
      scopes: row.scopes,
      allowedIps: row.allowedIps,
      active: row.active && !row.revokedAt,
      seedSource: row.seedSource,
      createdAt: row.createdAt.toISOString(),
      expiresAt: isoOrNull(row.expiresAt),
      lastUsedAt: isoOrNull(row.lastUsedAt),
      revokedAt: isoOrNull(row.revokedAt),
    };
  }
}
