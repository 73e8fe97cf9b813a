import { describe, expect, it } from '@jest/globals';
import {
  digestSecret,
  generateApiKey,
  generateClientCredentials,
  generateRefreshToken,
  generateSigningKeyId,
  isApiKeyId,
  isClientId,
  isSigningKeyId,
  parseApiKeyId,
  randomIdentifier,
  timingSafeEqualStrings,
} from './secret-formats.js';

describe('secret formats', () => {
  it('API keys read gk_<keyId>_<secret> and give their key id back', () => {
    const { keyId, key } = generateApiKey();
    expect(key).toMatch(/^gk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKeyId(key)).toBe(keyId);
    expect(isApiKeyId(keyId)).toBe(true);
    expect(parseApiKeyId('your-api-key-here')).toBeNull();
    expect(parseApiKeyId(`${key}x`)).toBeNull();
  });

  it('every generated secret is different', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
    expect(new Set(Array.from({ length: 200 }, generateRefreshToken)).size).toBe(200);
  });

  it('identifiers use the lower-case base32 alphabet', () => {
    expect(randomIdentifier(64)).toMatch(/^[a-z2-7]{64}$/);
    const { clientId, clientSecret } = generateClientCredentials();
    expect(isClientId(clientId)).toBe(true);
    expect(clientSecret).toMatch(/^gcs_[A-Za-z0-9_-]{43}$/);
  });

  it('digests are separated by kind', () => {
    expect(digestSecret('api-key', 'same')).toMatch(/^[0-9a-f]{64}$/);
    expect(digestSecret('api-key', 'same')).toBe(digestSecret('api-key', 'same'));
    expect(digestSecret('api-key', 'same')).not.toBe(digestSecret('refresh-token', 'same'));
  });

  it('signing key ids carry their creation day', () => {
    const kid = generateSigningKeyId(new Date('2025-06-18T10:00:00Z'));
    expect(kid).toMatch(/^20250618-[a-z2-7]{8}$/);
    expect(isSigningKeyId(kid)).toBe(true);
    expect(isSigningKeyId('../etc/passwd')).toBe(false);
  });

  it('compares strings in constant time without throwing on different lengths', () => {
    expect(timingSafeEqualStrings('abc', 'abc')).toBe(true);
    expect(timingSafeEqualStrings('abc', 'abd')).toBe(false);
    expect(timingSafeEqualStrings('abc', 'abcd')).toBe(false);
  });
});
