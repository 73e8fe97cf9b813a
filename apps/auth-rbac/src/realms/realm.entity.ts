import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LockoutPolicy, PasswordPolicy } from '@gerbang/contracts';

/** One realm per product; holds that product's password and lockout policy. */
@Entity({ name: 'realms' })
export class RealmEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name!: string;

  @Column({ name: 'password_policy', type: 'jsonb' })
  passwordPolicy!: PasswordPolicy;

  @Column({ name: 'lockout_policy', type: 'jsonb' })
  lockoutPolicy!: LockoutPolicy;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
