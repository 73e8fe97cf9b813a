import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, ValidateNested } from 'class-validator';
import { AdminDto, RealmDto } from '../../common/dto.js';

/** Ranges are checked when merged (mergePasswordPolicy), so the message names the broken rule. */
class PasswordPolicyChanges {
  @IsOptional()
  @IsInt()
  minLength?: number;

  @IsOptional()
  @IsInt()
  maxLength?: number;

  @IsOptional()
  @IsBoolean()
  requireLowercase?: boolean;

  @IsOptional()
  @IsBoolean()
  requireUppercase?: boolean;

  @IsOptional()
  @IsBoolean()
  requireDigit?: boolean;

  @IsOptional()
  @IsBoolean()
  requireSymbol?: boolean;

  @IsOptional()
  @IsBoolean()
  forbidIdentifier?: boolean;
}

class LockoutPolicyChanges {
  @IsOptional()
  @IsInt()
  maxAttempts?: number;

  @IsOptional()
  @IsInt()
  windowSeconds?: number;

  @IsOptional()
  @IsInt()
  lockSeconds?: number;
}

export class RealmPolicyDto extends RealmDto {}

export class SetRealmPolicyDto extends AdminDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => PasswordPolicyChanges)
  passwordPolicy?: PasswordPolicyChanges;

  @IsOptional()
  @ValidateNested()
  @Type(() => LockoutPolicyChanges)
  lockoutPolicy?: LockoutPolicyChanges;
}
