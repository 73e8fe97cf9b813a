import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { AdminDto, CATALOG_NAME, RealmDto, ROLE_NAME } from '../../common/dto.js';

export class UpsertRoleDto extends AdminDto {
  @Matches(ROLE_NAME, { message: 'name must be a role name (letters, digits, . _ -)' })
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  formalName?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  permissions?: string[];

  @IsOptional()
  @IsBoolean()
  allPrivileges?: boolean;

  @IsOptional()
  @IsInt()
  @Min(-1000)
  @Max(1000)
  priority?: number;
}

export class ListRolesDto extends RealmDto {}

export class AssignRoleDto extends AdminDto {
  @IsString()
  @Length(1, 254)
  user!: string;

  @Matches(ROLE_NAME, { message: 'role must be a role name' })
  role!: string;

  @IsOptional()
  @IsISO8601()
  startsAt?: string;

  @IsOptional()
  @IsISO8601()
  endsAt?: string | null;
}

export class UnassignRoleDto extends AdminDto {
  @IsString()
  @Length(1, 254)
  user!: string;

  @Matches(ROLE_NAME, { message: 'role must be a role name' })
  role!: string;
}

export class DefineResourceDto extends AdminDto {
  @Matches(CATALOG_NAME, { message: 'name must be lower-case letters, digits, . _ -' })
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(80)
  group?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @Matches(CATALOG_NAME, { each: true, message: 'each privilege must be lower-case letters, digits, . _ -' })
  privileges!: string[];
}

export class PermissionCheckDto extends RealmDto {
  @IsString()
  @Length(1, 200)
  subject!: string;

  @IsOptional()
  @IsString()
  @MaxLength(80)
  role!: string | null;

  @IsString()
  @Length(1, 200)
  permission!: string;
}
