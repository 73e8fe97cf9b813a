import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An ES256 key pair. It signs from `activatesAt` until `retiredAt`; its public half stays in
 * the JWKS until `publishUntil`, when every token it signed has expired.
 */
@Entity({ name: 'signing_keys' })
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  kid!: string;

  @Column({ type: 'varchar', length: 10 })
  algorithm!: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk!: Record<string, unknown>;

  /** The private JWK, sealed with KEY_ENCRYPTION_SECRET when set (see `encryption`). */
  @Column({ name: 'private_key', type: 'text' })
  privateKey!: string;

  @Column({ type: 'varchar', length: 20 })
  encryption!: 'none' | 'aes-256-gcm';

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'activates_at', type: 'timestamptz' })
  activatesAt!: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @Column({ name: 'publish_until', type: 'timestamptz', nullable: true })
  publishUntil!: Date | null;
}
