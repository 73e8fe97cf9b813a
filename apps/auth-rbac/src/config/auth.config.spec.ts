import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfig } from '@gerbang/runtime';
import { AuthConfig } from './auth.config.js';

describe('AuthConfig', () => {
  it('has production defaults and converts numbers from the environment', () => {
    const config = loadConfig(AuthConfig, { JWT_TTL_SECONDS: '900' });
    expect(config).toMatchObject({
      JWT_TTL_SECONDS: 900,
      REFRESH_TTL_SECONDS: 2_592_000,
      BOOTSTRAP_ADMIN_PASSWORD: 'Gerbang#Admin2025',
      ARGON2_MEMORY_KIB: 19_456,
      ARGON2_TIME_COST: 2,
      SIGNING_KEY_ACTIVATION_DELAY_SECONDS: 10,
      PERMISSION_CACHE_SECONDS: 5,
    });
    expect(config.KEY_ENCRYPTION_SECRET).toBeUndefined();
  });

  it('refuses to start with invalid values, naming each variable', () => {
    const attempt = () => loadConfig(AuthConfig, { JWT_TTL_SECONDS: '10', KEY_ENCRYPTION_SECRET: 'short', RETRIBUSI_API_KEY: 'abc' });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(
      /JWT_TTL_SECONDS[\s\S]*KEY_ENCRYPTION_SECRET must be at least 32 characters[\s\S]*RETRIBUSI_API_KEY must be at least 16 characters/,
    );
  });

  it('lets tests hash faster but not production', () => {
    expect(loadConfig(AuthConfig, { NODE_ENV: 'test', ARGON2_MEMORY_KIB: '4096' }).ARGON2_MEMORY_KIB).toBe(4096);
    expect(() => loadConfig(AuthConfig, { NODE_ENV: 'production', ARGON2_MEMORY_KIB: '4096' })).toThrow(
      'ARGON2_MEMORY_KIB must be at least 19456 in production',
    );
  });
});
