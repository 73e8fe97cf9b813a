import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Ids of issued client tokens, so revoking a client revokes its live tokens too. */
@Entity({ name: 'client_tokens' })
export class ClientTokenEntity {
  @PrimaryColumn({ name: 'token_id', type: 'uuid' })
  tokenId!: string;

  @Column({ name: 'client_id', type: 'bigint' })
  clientId!: string;

  @Column({ name: 'issued_at', type: 'timestamptz', default: () => 'now()' })
  issuedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
