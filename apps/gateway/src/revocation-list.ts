import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { AUTH_SUBJECTS, type RevocationsReply, type RevokedToken } from '@gerbang/contracts';
import type { NatsRequester } from '@gerbang/runtime';

/**
 * Token ids revoked before their expiry (logout). Every gateway replica subscribes to the
 * revocation event (no queue group) and loads the current list at boot, so a logout takes
 * effect everywhere within a NATS round trip. Entries are dropped once the token expires.
 */
export class RevocationList {
  private readonly revoked = new Map<string, number>();
  private subscription?: Subscription;
  private sweeper?: NodeJS.Timeout;
  private loadTimer?: NodeJS.Timeout;

  constructor(
    private readonly nats: NatsConnection,
    private readonly requester: NatsRequester,
  ) {}

  async start(): Promise<void> {
    this.subscription = this.nats.subscribe(AUTH_SUBJECTS.tokenRevoked, {
      callback: (error, message) => {
        if (error) return;
        try {
          this.add(message.json<RevokedToken>());
        } catch {
          // A malformed event cannot name a token; nothing to revoke.
        }
      },
    });
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
    await this.load();
  }

  stop(): void {
    clearInterval(this.sweeper);
    clearTimeout(this.loadTimer);
    this.subscription?.unsubscribe();
  }

  isRevoked(tokenId: string): boolean {
    return this.revoked.has(tokenId);
  }

  private async load(): Promise<void> {
    const outcome = await this.requester.request<RevocationsReply>(AUTH_SUBJECTS.revocations, {}, { timeoutMs: 3_000 });
    if (outcome.ok && Array.isArray(outcome.value?.revoked)) {
      for (const entry of outcome.value.revoked) this.add(entry);
      return;
    }
    this.loadTimer = setTimeout(() => void this.load(), 2_000);
    this.loadTimer.unref();
  }

  private add(entry: RevokedToken): void {
    if (typeof entry?.tokenId === 'string' && typeof entry.expiresAt === 'number') this.revoked.set(entry.tokenId, entry.expiresAt);
  }

  private sweep(): void {
    const now = Math.floor(Date.now() / 1000);
    for (const [tokenId, expiresAt] of this.revoked) if (expiresAt < now) this.revoked.delete(tokenId);
  }
}
