import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Something a privilege applies to (`customer`, `users`), per realm. */
@Entity({ name: 'resources' })
export class ResourceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  realm!: string;

  @Column({ type: 'varchar', length: 80 })
  name!: string;

  @Column({ name: 'group_name', type: 'varchar', length: 80, nullable: true })
  groupName!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description!: string | null;
}
