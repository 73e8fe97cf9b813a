import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsISO8601, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { AdminDto, RealmDto } from '../../common/dto.js';

const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]{1,100}$/;

export class VerifyApiKeyDto extends RealmDto {
  /** Any string: whatever a client put in the header is a credential problem, not a validation one. */
  @IsString()
  key!: string;

  /** Empty: any scope (the route asks for none). */
  @IsString()
  @MaxLength(100)
  scope!: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  clientIp!: string;
}

export class CreateApiKeyDto extends AdminDto {
  @IsString()
  @Length(1, 120)
  name!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @Matches(SCOPE, { each: true, message: 'each scope must be a scope token (no spaces or quotes)' })
  scopes!: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  allowedIps?: string[];

  @IsOptional()
  @IsISO8601()
  expiresAt?: string | null;
}

export class ListApiKeysDto extends RealmDto {
  @IsOptional()
  @IsBoolean()
  includeRevoked?: boolean;
}

export class RevokeApiKeyDto extends AdminDto {
  @IsString()
  @Length(1, 60)
  keyId!: string;
}
