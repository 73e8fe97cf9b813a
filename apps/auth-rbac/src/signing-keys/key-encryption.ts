import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export type KeyEncryptionMode = 'none' | 'aes-256-gcm';

export class KeyEncryptionError extends Error {
  override name = 'KeyEncryptionError';
}

/**
 * Seals signing private keys at rest with AES-256-GCM. The AES key is derived from
 * KEY_ENCRYPTION_SECRET with HKDF-SHA-256; the key id is the additional authenticated data,
 * so a sealed key cannot be moved onto another row. Without a secret keys are stored as is
 * (the database is then the secret), which the service warns about at boot.
 */
export class KeyEncryption {
  private readonly key: Buffer | null;

  constructor(secret: string | undefined) {
    this.key = secret ? Buffer.from(hkdfSync('sha256', secret, 'gerbang-auth-signing-keys', 'aes-256-gcm v1', 32)) : null;
  }

  get mode(): KeyEncryptionMode {
    return this.key ? 'aes-256-gcm' : 'none';
  }

  seal(plaintext: string, kid: string): { value: string; encryption: KeyEncryptionMode } {
    if (!this.key) return { value: plaintext, encryption: 'none' };
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(kid));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
    return { value: `v1.${parts.join('.')}`, encryption: 'aes-256-gcm' };
  }

  open(value: string, encryption: string, kid: string): string {
    if (encryption === 'none') return value;
    if (encryption !== 'aes-256-gcm') throw new KeyEncryptionError(`signing key ${kid}: unknown encryption ${encryption}`);
    if (!this.key) throw new KeyEncryptionError(`signing key ${kid} is encrypted but KEY_ENCRYPTION_SECRET is not set`);
    const [version, iv, tag, ciphertext] = value.split('.');
    if (version !== 'v1' || !iv || !tag || !ciphertext) throw new KeyEncryptionError(`signing key ${kid}: unreadable sealed value`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(kid));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new KeyEncryptionError(`signing key ${kid} cannot be decrypted: KEY_ENCRYPTION_SECRET is not the one it was sealed with`);
    }
  }
}
