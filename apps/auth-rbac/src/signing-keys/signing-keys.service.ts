import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccessTokenClaims, JwksReply, RotateSigningKeyReply, SigningKeySummary } from '@gerbang/contracts';
import { generateSigningKeyId } from '@gerbang/auth';
import { advisoryLockKey } from '@gerbang/database';
import { LOGGER } from '@gerbang/runtime';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../common/audit-context.js';
import { isoOrNull } from '../common/time.js';
import { AUTH_CONFIG, type AuthConfig } from '../config/auth.config.js';
import { AuthEvents } from '../events/auth-events.js';
import { KeyEncryption } from './key-encryption.js';
import { isPublished, keyStatus, needsScheduledRotation, planRotation, signingKeyAt } from './key-lifecycle.js';
import { SigningKeyEntity } from './signing-key.entity.js';

export const SIGNING_ALGORITHM = 'ES256';
const RELOAD_INTERVAL_MS = 60_000;

interface LoadedKey {
  kid: string;
  activatesAt: Date;
  retiredAt: Date | null;
  publishUntil: Date | null;
  privateKey: CryptoKey;
}

/**
 * ES256 signing keys: generated on first boot, rotated without downtime (the new key is
 * published before it signs; old public keys stay until their tokens expired), private
 * halves sealed at rest. Every replica keeps the keys in memory and reloads them when any
 * replica announces a JWKS change.
 */
@Injectable()
export class SigningKeysService implements OnModuleInit, OnModuleDestroy {
  private loaded: LoadedKey[] = [];
  private readonly encryption: KeyEncryption;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly events: AuthEvents,
    private readonly audit: AuditService,
  ) {
    this.encryption = new KeyEncryption(config.KEY_ENCRYPTION_SECRET);
  }

  async onModuleInit(): Promise<void> {
    if (this.encryption.mode === 'none') {
      this.logger.warn('KEY_ENCRYPTION_SECRET is not set: signing private keys are stored unencrypted in the auth schema');
    }
    const changed = await this.ensureSigningKey();
    await this.reload();
    this.events.onJwksChanged(() => this.reload());
    this.timer = setInterval(() => {
      this.reload().catch((error: unknown) => this.logger.error({ err: error }, 'periodic signing key reload failed'));
    }, RELOAD_INTERVAL_MS);
    this.timer.unref();
    if (changed) this.events.jwksChanged(await this.jwks());
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Signs claims with the key that is active now. */
  async sign(claims: AccessTokenClaims): Promise<string> {
    let key = signingKeyAt(this.loaded, new Date());
    if (!key) {
      await this.reload();
      key = signingKeyAt(this.loaded, new Date());
    }
    if (!key) throw new Error('no active signing key');
    return new SignJWT({ ...claims }).setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
  }

  /** The public keys gateways verify with: pending, active and retired-but-still-valid. */
  async jwks(): Promise<JwksReply> {
    const now = new Date();
    const rows = await this.dataSource.getRepository(SigningKeyEntity).find({ order: { activatesAt: 'ASC' } });
    return {
      keys: rows.filter((row) => isPublished(row, now)).map((row) => ({ ...row.publicJwk, kid: row.kid, alg: row.algorithm, use: 'sig' })),
    };
  }

  async list(): Promise<SigningKeySummary[]> {
    const now = new Date();
    const rows = await this.dataSource.getRepository(SigningKeyEntity).find({ order: { activatesAt: 'ASC' } });
    return rows.map((row) => ({
      kid: row.kid,
      algorithm: row.algorithm,
      status: keyStatus(row, now),
      createdAt: row.createdAt.toISOString(),
      activatesAt: row.activatesAt.toISOString(),
      retiredAt: isoOrNull(row.retiredAt),
      publishUntil: isoOrNull(row.publishUntil),
      encrypted: row.encryption !== 'none',
    }));
  }

  /** Operator-triggered rotation: the new key signs after SIGNING_KEY_ACTIVATION_DELAY_SECONDS. */
  async rotate(context: AuditContext): Promise<RotateSigningKeyReply> {
    const created = await this.withKeyLock((manager) => this.rotateWithin(manager, new Date()));
    await this.reload();
    this.events.jwksChanged(await this.jwks());
    await this.audit.record({ realm: null, type: 'signing_key.rotated', outcome: 'success', subject: created.kid }, context);
    return { kid: created.kid, activatesAt: created.activatesAt.toISOString(), keys: await this.list() };
  }

  /**
   * Housekeeping: drops keys whose tokens have all expired, rotates on schedule, and tells
   * gateways when the JWKS changed.
   */
  async maintain(): Promise<void> {
    const removed = await this.dataSource.query<Array<{ kid: string }>>(
      `DELETE FROM "auth"."signing_keys" WHERE "publish_until" IS NOT NULL AND "publish_until" <= now() RETURNING "kid"`,
    );
    const rotated = await this.ensureSigningKey();
    if (removed.length > 0 || rotated) {
      await this.reload();
      this.events.jwksChanged(await this.jwks());
    }
  }

  /** Makes sure a key can sign (first boot) and rotates on schedule; true when it changed the keys. */
  private async ensureSigningKey(): Promise<boolean> {
    return this.withKeyLock(async (manager) => {
      const now = new Date();
      const rows = await manager.getRepository(SigningKeyEntity).find();
      await this.sealUnencrypted(manager, rows);
      const signing = signingKeyAt(rows, now);
      if (!signing && !rows.some((row) => keyStatus(row, now) === 'pending')) {
        await this.insertKey(manager, now);
        this.logger.info('generated the first signing key');
        return true;
      }
      const pending = rows.some((row) => keyStatus(row, now) === 'pending');
      if (needsScheduledRotation(signing, pending, this.config.SIGNING_KEY_MAX_AGE_DAYS, now)) {
        const created = await this.rotateWithin(manager, now);
        this.logger.info({ kid: created.kid }, 'rotated the signing key on schedule');
        return true;
      }
      return false;
    });
  }

  private async rotateWithin(manager: EntityManager, now: Date): Promise<SigningKeyEntity> {
    const longestToken = Math.max(this.config.JWT_TTL_SECONDS, this.config.CLIENT_TOKEN_TTL_SECONDS);
    const plan = planRotation(now, this.config.SIGNING_KEY_ACTIVATION_DELAY_SECONDS, longestToken);
    await manager
      .createQueryBuilder()
      .update(SigningKeyEntity)
      .set({ retiredAt: plan.activatesAt, publishUntil: plan.publishRetiredUntil })
      .where('"retired_at" IS NULL')
      .execute();
    return this.insertKey(manager, plan.activatesAt);
  }

  private async insertKey(manager: EntityManager, activatesAt: Date): Promise<SigningKeyEntity> {
    const kid = generateSigningKeyId();
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
    const sealed = this.encryption.seal(JSON.stringify(await exportJWK(privateKey)), kid);
    const row = manager.getRepository(SigningKeyEntity).create({
      kid,
      algorithm: SIGNING_ALGORITHM,
      publicJwk: { ...(await exportJWK(publicKey)) },
      privateKey: sealed.value,
      encryption: sealed.encryption,
      activatesAt,
      retiredAt: null,
      publishUntil: null,
    });
    return manager.getRepository(SigningKeyEntity).save(row);
  }

  /** Keys stored before KEY_ENCRYPTION_SECRET was set get sealed once it is. */
  private async sealUnencrypted(manager: EntityManager, rows: SigningKeyEntity[]): Promise<void> {
    if (this.encryption.mode === 'none') return;
    for (const row of rows.filter((candidate) => candidate.encryption === 'none')) {
      const sealed = this.encryption.seal(row.privateKey, row.kid);
      await manager.getRepository(SigningKeyEntity).update({ kid: row.kid }, { privateKey: sealed.value, encryption: sealed.encryption });
      row.privateKey = sealed.value;
      row.encryption = sealed.encryption;
    }
  }

  /** Loads every key that may still sign (imports each private key once). */
  private async reload(): Promise<void> {
    const now = new Date();
    const rows = await this.dataSource.getRepository(SigningKeyEntity).find();
    const known = new Map(this.loaded.map((key) => [key.kid, key]));
    const next: LoadedKey[] = [];
    for (const row of rows) {
      if (keyStatus(row, now) === 'retired') continue;
      const privateKey = known.get(row.kid)?.privateKey ?? (await this.importPrivateKey(row));
      next.push({ kid: row.kid, activatesAt: row.activatesAt, retiredAt: row.retiredAt, publishUntil: row.publishUntil, privateKey });
    }
    this.loaded = next;
  }

  private async importPrivateKey(row: SigningKeyEntity): Promise<CryptoKey> {
    const jwk = JSON.parse(this.encryption.open(row.privateKey, row.encryption, row.kid)) as JWK;
    return (await importJWK(jwk, row.algorithm)) as CryptoKey;
  }

  /** One writer at a time across replicas (two booting at once must not both create a key). */
  private async withKeyLock<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [advisoryLockKey('auth:signing-keys')]);
      return work(manager);
    });
  }
}
