import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { AUTH_SUBJECTS, type JwksReply } from '@gerbang/contracts';
import type { NatsRequester } from '@gerbang/runtime';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';

/**
 * The public keys auth-rbac signs with. Fetched at boot (retrying until auth-rbac answers),
 * replaced whenever auth-rbac announces a change, and refetched (at most every few
 * seconds) when a token names a key id we do not know, so rotation needs no restart.
 */
export class JwksStore {
  private jwks: JwksReply = { keys: [] };
  private keySet: JWTVerifyGetKey = createLocalJWKSet({ keys: [] });
  private lastFetch = 0;
  private subscription?: Subscription;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly nats: NatsConnection,
    private readonly requester: NatsRequester,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.subscription = this.nats.subscribe(AUTH_SUBJECTS.jwksChanged, {
      callback: (error, message) => {
        if (error) return;
        try {
          this.replace(message.json<JwksReply>());
        } catch (cause) {
          this.logger.warn({ err: cause }, 'ignored a malformed JWKS announcement');
        }
      },
    });
    await this.refresh();
  }

  stop(): void {
    clearTimeout(this.retryTimer);
    this.subscription?.unsubscribe();
  }

  get document(): JwksReply {
    return this.jwks;
  }

  get size(): number {
    return this.jwks.keys.length;
  }

  /** jose key resolver; an unknown kid triggers one throttled refetch before failing. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const kid = header.kid;
    if (kid && !this.jwks.keys.some((key) => key['kid'] === kid) && Date.now() - this.lastFetch > 5_000) await this.refresh();
    return this.keySet(header, token);
  };

  async refresh(): Promise<void> {
    this.lastFetch = Date.now();
    const outcome = await this.requester.request<JwksReply>(AUTH_SUBJECTS.jwks, {}, { timeoutMs: 3_000 });
    if (outcome.ok && Array.isArray(outcome.value?.keys)) {
      this.replace(outcome.value);
      return;
    }
    // auth-rbac may boot after the gateway: keep trying in the background.
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.refresh(), 2_000);
    this.retryTimer.unref();
  }

  private replace(jwks: JwksReply): void {
    if (!Array.isArray(jwks.keys)) return;
    // Only public members are ever served or trusted.
    const keys = jwks.keys.filter((key) => key['d'] === undefined);
    this.jwks = { keys };
    this.keySet = createLocalJWKSet({ keys: keys as never });
  }
}
