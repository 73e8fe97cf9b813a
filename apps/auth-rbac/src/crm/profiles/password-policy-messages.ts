import type { PasswordPolicy } from '@gerbang/contracts';
import { passwordPolicyViolations } from '@gerbang/auth';

/** The realm's password rules as the crm document's language states them. */
const RULES: Array<[pattern: RegExp, message: (match: RegExpExecArray) => string]> = [
  [/at least (\d+) characters/, (match) => `minimal ${match[1]} karakter`],
  [/at most (\d+) characters/, (match) => `maksimal ${match[1]} karakter`],
  [/lowercase/, () => 'mengandung huruf kecil'],
  [/uppercase/, () => 'mengandung huruf besar'],
  [/digit/, () => 'mengandung angka'],
  [/symbol/, () => 'mengandung simbol'],
  [/username or e-mail/, () => 'tidak sama dengan email'],
];

/** Every rule of the policy the password breaks, in Indonesian; empty when it passes. */
export function passwordPolicyMessages(password: string, policy: PasswordPolicy, identifiers: Array<string | null>): string[] {
  return passwordPolicyViolations(password, policy, identifiers).map((violation) => {
    for (const [pattern, message] of RULES) {
      const match = pattern.exec(violation);
      if (match) return message(match);
    }
    return violation;
  });
}
