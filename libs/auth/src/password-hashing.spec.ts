import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ARGON2_PARAMETERS, hashPassword, passwordHashNeedsUpgrade, verifyPassword } from './password-hashing.js';

const fast = { memoryCost: 4096, timeCost: 1, parallelism: 1 };

describe('password hashing', () => {
  it('hashes with argon2id and verifies', async () => {
    const digest = await hashPassword('Admin#12345', fast);
    expect(digest).toMatch(/^\$argon2id\$v=19\$m=4096,p=1,t=1\$/);
    await expect(verifyPassword(digest, 'Admin#12345')).resolves.toBe(true);
    await expect(verifyPassword(digest, 'admin#12345')).resolves.toBe(false);
  });

  it('answers false for a digest that is not argon2', async () => {
    await expect(verifyPassword('plain-text', 'plain-text')).resolves.toBe(false);
  });

  it('asks for an upgrade when the parameters changed', async () => {
    const digest = await hashPassword('Admin#12345', fast);
    expect(passwordHashNeedsUpgrade(digest, fast)).toBe(false);
    expect(passwordHashNeedsUpgrade(digest, DEFAULT_ARGON2_PARAMETERS)).toBe(true);
    expect(passwordHashNeedsUpgrade('$2b$10$bcrypt', fast)).toBe(true);
  });

  it('defaults follow OWASP guidance for argon2id', () => {
    expect(DEFAULT_ARGON2_PARAMETERS.memoryCost).toBeGreaterThanOrEqual(19_456);
    expect(DEFAULT_ARGON2_PARAMETERS.timeCost).toBeGreaterThanOrEqual(2);
  });
});
