import { PRODUCTS } from '@gerbang/contracts';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export const REALM_MESSAGE = `realm must be one of ${PRODUCTS.join(', ')}`;

/** Every management and service payload names its realm. */
export class RealmDto {
  @IsIn(PRODUCTS, { message: REALM_MESSAGE })
  realm!: string;
}

/** Management payloads also say who acts, for the audit trail. */
export class AdminDto extends RealmDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;
}

/** Role names: CRM spells them DIRECTOR_OF_FINANCE, retribusi `viewer`. */
export const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
/** Resource and privilege names (`power-plant`, `review-1`). */
export const CATALOG_NAME = /^[a-z0-9][a-z0-9._-]{0,79}$/;
/** Purposes of one-time codes and links (`password_reset`). */
export const PURPOSE = /^[a-z][a-z0-9_.-]{0,59}$/;
