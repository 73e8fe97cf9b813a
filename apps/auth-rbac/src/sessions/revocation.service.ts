import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RevokedToken } from '@gerbang/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { unixSeconds } from '../common/time.js';
import { AuthEvents } from '../events/auth-events.js';

export interface TokenToRevoke {
  tokenId: string;
  realm: string;
  subject: string | null;
  expiresAt: Date;
}

/**
 * Token and session revocation. Revoked token ids are stored until they would have expired
 * and announced on core NATS so every gateway replica refuses them within a second; the
 * caller publishes after its transaction commits, so nobody hears of a revocation that
 * rolled back.
 */
@Injectable()
export class RevocationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: AuthEvents,
  ) {}

  /** Stores revocations of tokens that have not expired yet; returns what to announce. */
  async revokeTokens(manager: EntityManager, tokens: TokenToRevoke[], reason: string): Promise<RevokedToken[]> {
    const now = Date.now();
    const live = tokens.filter((token) => token.expiresAt.getTime() > now);
    for (const token of live) {
      await manager.query(
        `INSERT INTO "auth"."revoked_tokens" ("token_id", "realm", "subject", "expires_at", "reason") VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ("token_id") DO NOTHING`,
        [token.tokenId, token.realm, token.subject, token.expiresAt, reason],
      );
    }
    return live.map((token) => ({ tokenId: token.tokenId, expiresAt: unixSeconds(token.expiresAt) }));
  }

  /** Ends sessions (refresh families) and revokes the access tokens they issued that are still alive. */
  async revokeSessions(manager: EntityManager, sessionIds: string[], reason: string): Promise<RevokedToken[]> {
    if (sessionIds.length === 0) return [];
    await manager.query(`UPDATE "auth"."sessions" SET "revoked_at" = now(), "revoke_reason" = $2 WHERE "id" = ANY($1::uuid[]) AND "revoked_at" IS NULL`, [
      sessionIds,
      reason,
    ]);
    const live = await manager.query<Array<{ access_token_id: string; access_expires_at: Date; realm: string; user_id: string }>>(
      `SELECT t."access_token_id", t."access_expires_at", s."realm", s."user_id"
         FROM "auth"."refresh_tokens" t JOIN "auth"."sessions" s ON s."id" = t."session_id"
        WHERE t."session_id" = ANY($1::uuid[]) AND t."access_expires_at" > now()`,
      [sessionIds],
    );
    return this.revokeTokens(
      manager,
      live.map((row) => ({ tokenId: row.access_token_id, realm: row.realm, subject: row.user_id, expiresAt: row.access_expires_at })),
      reason,
    );
  }

  /** Ends every session of a user (deactivation, password reset); `keepSessionId` survives. */
  async revokeUserSessions(userId: string, reason: string, keepSessionId: string | null = null): Promise<RevokedToken[]> {
    const revoked = await this.dataSource.transaction(async (manager) => {
      const sessions = await manager.query<Array<{ id: string }>>(
        `SELECT "id" FROM "auth"."sessions" WHERE "user_id" = $1 AND "revoked_at" IS NULL AND ($2::uuid IS NULL OR "id" <> $2::uuid)`,
        [userId, keepSessionId],
      );
      return this.revokeSessions(
        manager,
        sessions.map((session) => session.id),
        reason,
      );
    });
    this.announce(revoked);
    return revoked;
  }

  announce(tokens: RevokedToken[]): void {
    if (tokens.length > 0) this.events.tokenRevoked(tokens);
  }

  async unexpired(): Promise<RevokedToken[]> {
    const rows = await this.dataSource.query<Array<{ token_id: string; expires_at: Date }>>(
      `SELECT "token_id", "expires_at" FROM "auth"."revoked_tokens" WHERE "expires_at" > now() ORDER BY "expires_at"`,
    );
    return rows.map((row) => ({ tokenId: row.token_id, expiresAt: unixSeconds(row.expires_at) }));
  }
}
