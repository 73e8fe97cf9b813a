import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A numeric code (`kind = code`) or a URL token (`kind = link`), stored as a digest. */
@Entity({ name: 'one_time_codes' })
export class OneTimeCodeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  realm!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: 'code' | 'link';

  @Column({ type: 'varchar', length: 60 })
  purpose!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  recipient!: string | null;

  @Column({ name: 'user_id', type: 'bigint', nullable: true })
  userId!: string | null;

  @Column({ name: 'code_hash', type: 'char', length: 64 })
  codeHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts!: number;

  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true })
  consumedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
