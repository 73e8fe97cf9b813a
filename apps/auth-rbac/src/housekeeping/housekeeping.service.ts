import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LOGGER } from '@gerbang/runtime';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AUTH_CONFIG, type AuthConfig } from '../config/auth.config.js';
import { SigningKeysService } from '../signing-keys/signing-keys.service.js';

/** Grace before expired rows are deleted, so a late reuse of a refresh token is still recognised. */
const RETENTION = "interval '1 day'";

/**
 * Periodic cleanup on every replica (each statement is idempotent, so replicas may overlap):
 * expired revocations, refresh tokens and sessions, one-time codes, client token ids, and
 * signing keys whose tokens have all expired; also the scheduled key rotation.
 */
@Injectable()
export class HousekeepingService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly signingKeys: SigningKeysService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), this.config.HOUSEKEEPING_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.dataSource.query(`DELETE FROM "auth"."revoked_tokens" WHERE "expires_at" <= now()`);
      await this.dataSource.query(`DELETE FROM "auth"."client_tokens" WHERE "expires_at" <= now()`);
      await this.dataSource.query(`DELETE FROM "auth"."one_time_codes" WHERE "expires_at" <= now() - ${RETENTION}`);
      await this.dataSource.query(`DELETE FROM "auth"."refresh_tokens" WHERE "expires_at" <= now() - ${RETENTION}`);
      await this.dataSource.query(
        `DELETE FROM "auth"."sessions" s WHERE s."created_at" <= now() - ${RETENTION}
           AND NOT EXISTS (SELECT 1 FROM "auth"."refresh_tokens" t WHERE t."session_id" = s."id")`,
      );
      await this.signingKeys.maintain();
    } catch (error) {
      this.logger.error({ err: error }, 'housekeeping failed');
    } finally {
      this.running = false;
    }
  }
}
