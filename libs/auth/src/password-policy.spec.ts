import { describe, expect, it } from '@jest/globals';
import { DEFAULT_PASSWORD_POLICY, generatePassword, mergePasswordPolicy, passwordPolicyViolations } from './password-policy.js';

describe('password policy', () => {
  it('accepts a password that meets every default rule', () => {
    expect(passwordPolicyViolations('Admin#12345', DEFAULT_PASSWORD_POLICY, ['admin'])).toEqual([]);
    expect(passwordPolicyViolations('Gerbang#Admin2025', DEFAULT_PASSWORD_POLICY, ['admin'])).toEqual([]);
  });

  it('names each broken rule', () => {
    expect(passwordPolicyViolations('short', DEFAULT_PASSWORD_POLICY)).toEqual([
      'Must be at least 10 characters',
      'Must contain an uppercase letter',
      'Must contain a digit',
    ]);
    expect(passwordPolicyViolations('ALLUPPERCASE123', DEFAULT_PASSWORD_POLICY)).toEqual(['Must contain a lowercase letter']);
  });

  it('counts characters, not bytes', () => {
    expect(passwordPolicyViolations('Ábcdéfgh1ü', DEFAULT_PASSWORD_POLICY)).toEqual([]);
  });

  it('refuses the username or e-mail as password when the realm says so', () => {
    const policy = { ...DEFAULT_PASSWORD_POLICY, requireUppercase: false, requireDigit: false };
    expect(passwordPolicyViolations('Operator.one', policy, ['operator.one'])).toEqual(['Must not be the same as the username or e-mail']);
    expect(passwordPolicyViolations('Operator.one', { ...policy, forbidIdentifier: false }, ['operator.one'])).toEqual([]);
  });

  it('enforces a symbol and a maximum length when configured', () => {
    const policy = { ...DEFAULT_PASSWORD_POLICY, requireSymbol: true, maxLength: 16 };
    expect(passwordPolicyViolations('Abcdefgh12', policy)).toEqual(['Must contain a symbol']);
    expect(passwordPolicyViolations('Abcdefgh12!xxxxxxxxxx', policy)).toEqual(['Must be at most 16 characters']);
  });

  it('merges partial changes and refuses incoherent policies', () => {
    expect(mergePasswordPolicy(DEFAULT_PASSWORD_POLICY, { minLength: 14, requireSymbol: undefined })).toEqual({ ...DEFAULT_PASSWORD_POLICY, minLength: 14 });
    expect(() => mergePasswordPolicy(DEFAULT_PASSWORD_POLICY, { minLength: 4 })).toThrow(RangeError);
    expect(() => mergePasswordPolicy(DEFAULT_PASSWORD_POLICY, { minLength: 20, maxLength: 16 })).toThrow('maxLength must not be below minLength');
  });

  it('generates passwords that satisfy the policy they were made for', () => {
    const strict = { ...DEFAULT_PASSWORD_POLICY, requireSymbol: true, minLength: 24 };
    for (let round = 0; round < 50; round += 1) {
      expect(passwordPolicyViolations(generatePassword(DEFAULT_PASSWORD_POLICY), DEFAULT_PASSWORD_POLICY)).toEqual([]);
      expect(passwordPolicyViolations(generatePassword(strict), strict)).toEqual([]);
    }
  });
});
