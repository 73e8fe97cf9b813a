import { IsBoolean, IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { AdminDto, RealmDto, ROLE_NAME } from '../../common/dto.js';
import { IsRequiredString } from '../../common/validation-rules.js';

export class CreateUserDto extends AdminDto {
  @IsOptional()
  @IsString()
  @Matches(/^\S{1,254}$/, { message: 'username must be 1 to 254 characters without spaces' })
  username?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string;

  @IsOptional()
  @IsString()
  @Length(1, 1024)
  password?: string;

  @Matches(ROLE_NAME, { message: 'role must be a role name' })
  role!: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsBoolean()
  passwordChangeRequired?: boolean;
}

export class ListUsersDto extends RealmDto {}

export class SetUserActiveDto extends AdminDto {
  @IsString()
  @Length(1, 254)
  user!: string;

  @IsBoolean()
  active!: boolean;
}

export class ResetPasswordDto extends RealmDto {
  @IsString()
  @Length(1, 200)
  token!: string;

  @IsString()
  @Length(1, 1024)
  newPassword!: string;
}

/** Body of the change-password subject (snake_case as the products' documents write fields). */
export class ChangePasswordBody {
  @IsRequiredString({ maxLength: 1024 })
  current_password!: string;

  @IsRequiredString({ maxLength: 1024 })
  new_password!: string;
}
