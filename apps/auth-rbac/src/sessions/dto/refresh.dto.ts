import { IsOptionalString, IsRequiredString } from '../../common/validation-rules.js';

export class RefreshBody {
  @IsRequiredString({ maxLength: 200 })
  refresh_token!: string;
}

export class LogoutBody {
  @IsOptionalString({ maxLength: 200 })
  refresh_token?: string;
}
