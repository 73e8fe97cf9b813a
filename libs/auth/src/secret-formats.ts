import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Formats of the secrets and identifiers auth-rbac hands out. Every secret carries 256 bits
 * of randomness, so a fast domain-separated SHA-256 digest is enough to store it: nobody
 * can guess a preimage, and lookups by digest stay cheap on every request (argon2 is for
 * low-entropy secrets: passwords).
 */

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Lower-case base32 characters; 256 is a multiple of 32, so `byte & 31` is unbiased. */
export function randomIdentifier(length: number): string {
  return [...randomBytes(length)].map((byte) => BASE32[byte & 31]).join('');
}

/** 32 random bytes, base64url (43 characters): URL- and header-safe. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export type SecretKind = 'api-key' | 'refresh-token' | 'link-token' | 'one-time-code';

/** Hex SHA-256 of a secret, prefixed by its kind so one kind's digest never matches another's. */
export function digestSecret(kind: SecretKind, secret: string): string {
  return createHash('sha256').update(`gerbang:${kind}:`).update(secret).digest('hex');
}

export function timingSafeEqualStrings(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

// ---- API keys: gk_<keyId>_<secret> ----

export const API_KEY_PREFIX = 'gk';
const API_KEY_PATTERN = /^gk_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  /** Public identifier: shown in lists, logs and audit, used to revoke. */
  keyId: string;
  /** The full key the client sends; shown once. */
  key: string;
}

export function generateApiKey(): GeneratedApiKey {
  const keyId = randomIdentifier(12);
  return { keyId, key: `${API_KEY_PREFIX}_${keyId}_${randomSecret()}` };
}

/** The key id of a Gerbang-format key, or null (seeded keys may have any format). */
export function parseApiKeyId(key: string): string | null {
  return API_KEY_PATTERN.exec(key)?.[1] ?? null;
}

export function isApiKeyId(value: string): boolean {
  return /^[a-z2-7]{12}$/.test(value) || /^seed-[a-z0-9-]{1,40}$/.test(value);
}

// ---- Refresh tokens, OAuth clients, link tokens ----

export function generateRefreshToken(): string {
  return `grt_${randomSecret()}`;
}

export interface GeneratedClientCredentials {
  clientId: string;
  clientSecret: string;
}

export function generateClientCredentials(): GeneratedClientCredentials {
  return { clientId: `gc_${randomIdentifier(16)}`, clientSecret: `gcs_${randomSecret()}` };
}

export function isClientId(value: string): boolean {
  return /^gc_[a-z2-7]{16}$/.test(value);
}

/** URL-safe token for password-reset and verification links. */
export function generateLinkToken(): string {
  return randomSecret();
}

// ---- JWT signing keys ----

/** `kid` of a signing key: its creation day plus randomness, e.g. `20250618-k3j9x2qa`. */
export function generateSigningKeyId(now: Date = new Date()): string {
  return `${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomIdentifier(8)}`;
}

export function isSigningKeyId(value: string): boolean {
  return /^\d{8}-[a-z2-7]{8}$/.test(value);
}
