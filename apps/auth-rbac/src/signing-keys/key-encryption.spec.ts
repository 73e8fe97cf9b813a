import { describe, expect, it } from '@jest/globals';
import { KeyEncryption, KeyEncryptionError } from './key-encryption.js';

const secret = 'a-test-secret-that-is-long-enough-for-hkdf';

describe('KeyEncryption', () => {
  it('round-trips a private key and never stores it in clear', () => {
    const encryption = new KeyEncryption(secret);
    const sealed = encryption.seal('{"d":"private"}', 'kid-1');
    expect(sealed.encryption).toBe('aes-256-gcm');
    expect(sealed.value).not.toContain('private');
    expect(encryption.open(sealed.value, sealed.encryption, 'kid-1')).toBe('{"d":"private"}');
  });

  it('refuses another secret, another key id or a tampered value', () => {
    const sealed = new KeyEncryption(secret).seal('{"d":"private"}', 'kid-1');
    expect(() => new KeyEncryption(`${secret}-other`).open(sealed.value, sealed.encryption, 'kid-1')).toThrow(KeyEncryptionError);
    expect(() => new KeyEncryption(secret).open(sealed.value, sealed.encryption, 'kid-2')).toThrow(KeyEncryptionError);
    const tampered = sealed.value.slice(0, -2) + (sealed.value.endsWith('AA') ? 'AB' : 'AA');
    expect(() => new KeyEncryption(secret).open(tampered, sealed.encryption, 'kid-1')).toThrow(KeyEncryptionError);
  });

  it('stores as is without a secret, and says so when a sealed key meets no secret', () => {
    const plain = new KeyEncryption(undefined);
    expect(plain.seal('value', 'kid')).toEqual({ value: 'value', encryption: 'none' });
    const sealed = new KeyEncryption(secret).seal('value', 'kid');
    expect(() => plain.open(sealed.value, sealed.encryption, 'kid')).toThrow('KEY_ENCRYPTION_SECRET is not set');
  });
});
