import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { AUTH_SUBJECTS, type JwksReply, type RevokedToken } from '@gerbang/contracts';
import { LOGGER } from '@gerbang/runtime';
import type { Logger } from 'pino';

export const EVENTS_CONNECTION = Symbol('EVENTS_CONNECTION');

/**
 * Core-NATS fan-out events every gateway replica receives (no queue group): revoked token
 * ids and JWKS changes. Plain JSON of the contract type. Lossy by design: gateways also ask
 * `auth.session.revocations.v1` and `auth.keys.jwks.v1` when they start.
 */
@Injectable()
export class AuthEvents implements OnApplicationShutdown {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    @Inject(EVENTS_CONNECTION) private readonly connection: NatsConnection,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  tokenRevoked(tokens: RevokedToken[]): void {
    for (const token of tokens) this.connection.publish(AUTH_SUBJECTS.tokenRevoked, JSON.stringify(token));
  }

  jwksChanged(jwks: JwksReply): void {
    this.connection.publish(AUTH_SUBJECTS.jwksChanged, JSON.stringify(jwks));
  }

  /** Every replica listens too, to reload its signing keys when another one rotated them. */
  onJwksChanged(handler: () => Promise<void>): void {
    const subscription = this.connection.subscribe(AUTH_SUBJECTS.jwksChanged, {
      callback: (error) => {
        if (error) return;
        handler().catch((failure: unknown) => this.logger.error({ err: failure }, 'reloading signing keys after a JWKS change failed'));
      },
    });
    this.subscriptions.push(subscription);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    await this.connection.drain().catch(() => undefined);
  }
}
