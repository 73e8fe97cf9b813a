import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { AdminDto, RealmDto } from '../../common/dto.js';

export class CreateOAuthClientDto extends AdminDto {
  @IsString()
  @Length(1, 120)
  name!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  scopes!: string[];
}

export class ListOAuthClientsDto extends RealmDto {
  @IsOptional()
  @IsBoolean()
  includeRevoked?: boolean;
}

export class RevokeOAuthClientDto extends AdminDto {
  @IsString()
  @Length(1, 60)
  clientId!: string;
}
