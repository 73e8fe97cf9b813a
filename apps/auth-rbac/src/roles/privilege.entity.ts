import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An action on a resource (`create`, `review-1`); with its resource it forms `resource:privilege`. */
@Entity({ name: 'privileges' })
export class PrivilegeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'resource_id', type: 'bigint' })
  resourceId!: string;

  @Column({ type: 'varchar', length: 80 })
  name!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description!: string | null;
}
