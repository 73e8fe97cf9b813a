import { randomInt } from 'node:crypto';
import type { PasswordPolicy } from '@gerbang/contracts';

/**
 * Length first (NIST SP 800-63B), with the character classes most of Gerbang's products
 * already ask for. Each realm stores its own copy and may change it.
 */
export const DEFAULT_PASSWORD_POLICY: Readonly<PasswordPolicy> = Object.freeze({
  minLength: 10,
  maxLength: 128,
  requireLowercase: true,
  requireUppercase: true,
  requireDigit: true,
  requireSymbol: false,
  forbidIdentifier: true,
});

/** Absolute bounds a realm's policy must stay within. */
export const PASSWORD_POLICY_BOUNDS = { minLength: { min: 8, max: 128 }, maxLength: { min: 16, max: 1024 } } as const;

/** Every rule the password breaks, as messages a user can act on; empty when it passes. */
export function passwordPolicyViolations(password: string, policy: PasswordPolicy, identifiers: Array<string | null | undefined> = []): string[] {
  const violations: string[] = [];
  const length = [...password].length;
  if (length < policy.minLength) violations.push(`Must be at least ${policy.minLength} characters`);
  if (length > policy.maxLength) violations.push(`Must be at most ${policy.maxLength} characters`);
  if (policy.requireLowercase && !/\p{Ll}/u.test(password)) violations.push('Must contain a lowercase letter');
  if (policy.requireUppercase && !/\p{Lu}/u.test(password)) violations.push('Must contain an uppercase letter');
  if (policy.requireDigit && !/\p{Nd}/u.test(password)) violations.push('Must contain a digit');
  if (policy.requireSymbol && !/[^\p{L}\p{Nd}]/u.test(password)) violations.push('Must contain a symbol');
  if (policy.forbidIdentifier && identifiers.some((identifier) => identifier && identifier.toLowerCase() === password.toLowerCase())) {
    violations.push('Must not be the same as the username or e-mail');
  }
  return violations;
}

/** Merges a partial policy into a full one and checks that it is coherent; throws RangeError otherwise. */
export function mergePasswordPolicy(base: PasswordPolicy, changes: Partial<PasswordPolicy> = {}): PasswordPolicy {
  const merged: PasswordPolicy = { ...base, ...definedOnly(changes) };
  const { minLength, maxLength } = PASSWORD_POLICY_BOUNDS;
  if (!Number.isInteger(merged.minLength) || merged.minLength < minLength.min || merged.minLength > minLength.max) {
    throw new RangeError(`minLength must be an integer from ${minLength.min} to ${minLength.max}`);
  }
  if (!Number.isInteger(merged.maxLength) || merged.maxLength < maxLength.min || merged.maxLength > maxLength.max) {
    throw new RangeError(`maxLength must be an integer from ${maxLength.min} to ${maxLength.max}`);
  }
  if (merged.maxLength < merged.minLength) throw new RangeError('maxLength must not be below minLength');
  return merged;
}

const GENERATED_ALPHABETS = {
  lower: 'abcdefghijkmnopqrstuvwxyz',
  upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  digit: '23456789',
  symbol: '#%+-=@_',
};

/** A random password that satisfies the policy (for accounts an operator creates). */
export function generatePassword(policy: PasswordPolicy, length = Math.max(20, policy.minLength)): string {
  const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)];
  const all = Object.values(GENERATED_ALPHABETS).join('');
  const required = [
    pick(GENERATED_ALPHABETS.lower),
    pick(GENERATED_ALPHABETS.upper),
    pick(GENERATED_ALPHABETS.digit),
    ...(policy.requireSymbol ? [pick(GENERATED_ALPHABETS.symbol)] : []),
  ];
  const characters = [...required, ...Array.from({ length: Math.min(length, policy.maxLength) - required.length }, () => pick(all))];
  for (let index = characters.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [characters[index], characters[other]] = [characters[other], characters[index]];
  }
  return characters.join('');
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
