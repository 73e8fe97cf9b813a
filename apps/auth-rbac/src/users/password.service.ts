import { Inject, Injectable } from '@nestjs/common';
import { hashPassword, passwordHashNeedsUpgrade, randomSecret, verifyPassword, type Argon2Parameters } from '@gerbang/auth';
import { AUTH_CONFIG, type AuthConfig } from '../config/auth.config.js';

/** argon2id with the configured cost; also hides whether an account exists from timing. */
@Injectable()
export class PasswordService {
  private readonly parameters: Argon2Parameters;
  private decoy: Promise<string> | null = null;

  constructor(@Inject(AUTH_CONFIG) config: AuthConfig) {
    this.parameters = { memoryCost: config.ARGON2_MEMORY_KIB, timeCost: config.ARGON2_TIME_COST, parallelism: config.ARGON2_PARALLELISM };
  }

  hash(password: string): Promise<string> {
    return hashPassword(password, this.parameters);
  }

  verify(digest: string, password: string): Promise<boolean> {
    return verifyPassword(digest, password);
  }

  /** Spends the time of a real verification when there is no account, so both cases look alike. */
  async verifyDecoy(password: string): Promise<false> {
    this.decoy ??= this.hash(randomSecret());
    await verifyPassword(await this.decoy, password);
    return false;
  }

  needsUpgrade(digest: string): boolean {
    return passwordHashNeedsUpgrade(digest, this.parameters);
  }
}
