import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditAction = 'create' | 'update' | 'delete';
export type AuditEntity = 'locations' | 'gates' | 'tariffs';

/** One master-data change, written in the same transaction as the change. */
@Entity({ schema: 'retribusi', name: 'audit_logs' })
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'actor_user_id', type: 'varchar', length: 64 })
  actorUserId!: string;

  @Column({ name: 'actor_username', type: 'varchar', length: 200 })
  actorUsername!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 50, nullable: true })
  actorRole!: string | null;

  @Column({ type: 'varchar', length: 10 })
  action!: AuditAction;

  @Column({ type: 'varchar', length: 20 })
  entity!: AuditEntity;

  @Column({ name: 'entity_key', type: 'varchar', length: 200 })
  entityKey!: string;

  @Column({ name: 'before_json', type: 'jsonb', nullable: true })
  beforeJson!: Record<string, unknown> | null;

  @Column({ name: 'after_json', type: 'jsonb', nullable: true })
  afterJson!: Record<string, unknown> | null;

  @Column({ name: 'ip_address', type: 'varchar', length: 64, nullable: true })
  ipAddress!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 500, nullable: true })
  userAgent!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
