import { describe, expect, it } from '@jest/globals';
import { DEFAULT_PASSWORD_POLICY } from '@gerbang/auth';
import { passwordPolicyMessages } from './password-policy-messages.js';

describe('crm password policy messages', () => {
  it('states each broken rule of the policy in Indonesian', () => {
    expect(passwordPolicyMessages('abc', { ...DEFAULT_PASSWORD_POLICY, requireSymbol: true }, [])).toEqual([
      'minimal 10 karakter',
      'mengandung huruf besar',
      'mengandung angka',
      'mengandung simbol',
    ]);
    expect(passwordPolicyMessages('Budi@Example1.com', DEFAULT_PASSWORD_POLICY, ['budi@example1.com'])).toEqual(['tidak sama dengan email']);
  });

  it('is empty for a password that meets the policy', () => {
    expect(passwordPolicyMessages('Rahasia#2025', DEFAULT_PASSWORD_POLICY, ['budi@example.com'])).toEqual([]);
  });
});
