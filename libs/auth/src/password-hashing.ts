import argon2 from 'argon2';

export interface Argon2Parameters {
  /** KiB of memory per hash. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/**
 * OWASP Password Storage Cheat Sheet, argon2id: 19 MiB, 2 iterations, 1 lane (about 45 ms
 * on one core of a small server). Deployments with more memory may raise memoryCost.
 */
export const DEFAULT_ARGON2_PARAMETERS: Readonly<Argon2Parameters> = Object.freeze({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });

export async function hashPassword(password: string, parameters: Argon2Parameters = DEFAULT_ARGON2_PARAMETERS): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, ...parameters });
}

/** False for a wrong password and for a digest that is not an argon2 hash, never throws. */
export async function verifyPassword(digest: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(digest, password);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with other parameters and should be replaced at the next login. */
export function passwordHashNeedsUpgrade(digest: string, parameters: Argon2Parameters = DEFAULT_ARGON2_PARAMETERS): boolean {
  try {
    return !digest.startsWith('$argon2id$') || argon2.needsRehash(digest, { ...parameters });
  } catch {
    return true;
  }
}
