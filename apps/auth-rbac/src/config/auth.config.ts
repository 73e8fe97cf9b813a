import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, MinLength, ValidateBy, type ValidationArguments } from 'class-validator';
import { DEFAULT_ARGON2_PARAMETERS } from '@gerbang/auth';

/**
 * auth-rbac's environment, validated at boot (the process refuses to start on any error).
 * Defaults are production values; tests only shorten what they must.
 */
export class AuthConfig {
  /** Only `production` changes a rule here (the argon2 floor). */
  @IsOptional()
  @IsString()
  NODE_ENV: string = 'development';

  /** Issuer (`iss`) of every token. */
  @IsString()
  @IsNotEmpty()
  JWT_ISSUER: string = 'gerbang-auth';

  /** Access token lifetime (retribusi documents JWT_TTL_SECONDS, default 3600). */
  @IsInt()
  @Min(60)
  @Max(86_400)
  JWT_TTL_SECONDS: number = 3600;

  /** Refresh token lifetime; every use replaces the token and restarts this period. */
  @IsInt()
  @Min(300)
  @Max(31_536_000)
  REFRESH_TTL_SECONDS: number = 2_592_000;

  /** Lifetime of OAuth client-credentials tokens. */
  @IsInt()
  @Min(60)
  @Max(86_400)
  CLIENT_TOKEN_TTL_SECONDS: number = 3600;

  /** Encrypts signing private keys at rest (AES-256-GCM, key derived with HKDF). Unset: stored unencrypted, with a warning. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'KEY_ENCRYPTION_SECRET must be at least 32 characters (e.g. openssl rand -base64 48)' })
  KEY_ENCRYPTION_SECRET?: string;

  /** A rotated-in key is published this long before it signs, so every gateway knows it first. */
  @IsInt()
  @Min(0)
  @Max(3600)
  SIGNING_KEY_ACTIVATION_DELAY_SECONDS: number = 10;

  /** The active signing key is rotated automatically when older than this; 0 turns that off. */
  @IsInt()
  @Min(0)
  @Max(3650)
  SIGNING_KEY_MAX_AGE_DAYS: number = 90;

  /** Password of every realm's bootstrap admin; must satisfy the realm's password policy. */
  @IsString()
  @MinLength(8)
  BOOTSTRAP_ADMIN_PASSWORD: string = 'Gerbang#Admin2025';

  /** Seeds a retribusi ingest key (scope retribusi:ingest) that accepts exactly this value. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'RETRIBUSI_API_KEY must be at least 16 characters' })
  RETRIBUSI_API_KEY?: string;

  /** Seeds an isp billing partner key (X-MYWIFI-KEY, scope isp:billing). */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'ISP_API_KEY must be at least 16 characters' })
  ISP_API_KEY?: string;

  /** argon2id memory in KiB; production refuses less than the OWASP minimum. */
  @IsInt()
  @Min(1024)
  @Max(4_194_304)
  @MinInProduction(DEFAULT_ARGON2_PARAMETERS.memoryCost)
  ARGON2_MEMORY_KIB: number = DEFAULT_ARGON2_PARAMETERS.memoryCost;

  @IsInt()
  @Min(1)
  @Max(20)
  ARGON2_TIME_COST: number = DEFAULT_ARGON2_PARAMETERS.timeCost;

  @IsInt()
  @Min(1)
  @Max(16)
  ARGON2_PARALLELISM: number = DEFAULT_ARGON2_PARAMETERS.parallelism;

  /** Longest time a gateway may cache a permission answer (never past a role's end). */
  @IsInt()
  @Min(0)
  @Max(300)
  PERMISSION_CACHE_SECONDS: number = 5;

  /** An API key's last-used time is written at most this often per replica. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  API_KEY_LAST_USED_INTERVAL_SECONDS: number = 60;

  /** How often expired revocations, tokens, codes and retired keys are cleaned up. */
  @IsInt()
  @Min(1)
  @Max(3600)
  HOUSEKEEPING_INTERVAL_SECONDS: number = 60;
}

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

/** A lower bound that only applies when NODE_ENV=production (tests may hash faster). */
function MinInProduction(minimum: number): PropertyDecorator {
  return ValidateBy({
    name: 'minInProduction',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        (args?.object as AuthConfig).NODE_ENV !== 'production' || (typeof value === 'number' && value >= minimum),
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must be at least ${minimum} in production`,
    },
  });
}
