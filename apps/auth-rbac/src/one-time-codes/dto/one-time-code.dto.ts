import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PURPOSE, RealmDto } from '../../common/dto.js';

export class IssueOneTimeCodeDto extends RealmDto {
  @Matches(PURPOSE, { message: 'purpose must be lower-case letters, digits, _ . -' })
  purpose!: string;

  @IsString()
  @Length(1, 254)
  recipient!: string;

  @IsOptional()
  @IsInt()
  @Min(30)
  @Max(3600)
  ttlSeconds?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  maxAttempts?: number;

  @IsOptional()
  @IsInt()
  @Min(4)
  @Max(10)
  digits?: number;
}

export class VerifyOneTimeCodeDto extends RealmDto {
  @Matches(PURPOSE, { message: 'purpose must be lower-case letters, digits, _ . -' })
  purpose!: string;

  @IsString()
  @Length(1, 254)
  recipient!: string;

  @IsString()
  @Length(1, 20)
  code!: string;
}

export class IssueLinkTokenDto extends RealmDto {
  @Matches(PURPOSE, { message: 'purpose must be lower-case letters, digits, _ . -' })
  purpose!: string;

  @Matches(/^\d{1,18}$/, { message: 'userId must be a numeric user id' })
  userId!: string;

  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(604_800)
  ttlSeconds?: number;
}

export class ConsumeLinkTokenDto extends RealmDto {
  @Matches(PURPOSE, { message: 'purpose must be lower-case letters, digits, _ . -' })
  purpose!: string;

  @IsString()
  @Length(1, 200)
  token!: string;
}
