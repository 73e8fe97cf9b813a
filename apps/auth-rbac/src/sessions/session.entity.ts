import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A login: the family of refresh tokens that descend from it. Revoking it ends them all. */
@Entity({ name: 'sessions' })
export class SessionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  realm!: string;

  @Column({ name: 'user_id', type: 'bigint' })
  userId!: string;

  /** The role the user made active in this session (null: the highest-priority role held). */
  @Column({ name: 'active_role_id', type: 'bigint', nullable: true })
  activeRoleId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoke_reason', type: 'varchar', length: 40, nullable: true })
  revokeReason!: string | null;
}
