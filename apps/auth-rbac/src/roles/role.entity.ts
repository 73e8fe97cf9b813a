import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'roles' })
export class RoleEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  realm!: string;

  @Column({ type: 'varchar', length: 80 })
  name!: string;

  @Column({ name: 'formal_name', type: 'varchar', length: 200, nullable: true })
  formalName!: string | null;

  /** crm: the group of users the role is for; null means the realm's own staff (`internal`). */
  @Column({ name: 'group_name', type: 'varchar', length: 20, nullable: true })
  groupName!: string | null;

  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId!: string | null;

  /** Administrators: every privilege of the realm, including ones defined later. */
  @Column({ name: 'all_privileges', type: 'boolean', default: false })
  allPrivileges!: boolean;

  /** Higher wins when login picks the active role among a user's roles. */
  @Column({ type: 'integer', default: 0 })
  priority!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
