import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ schema: 'retribusi', name: 'gates' })
export class GateEntity {
  @PrimaryColumn({ name: 'location_code', type: 'varchar', length: 64 })
  locationCode!: string;

  @PrimaryColumn({ name: 'gate_code', type: 'varchar', length: 64 })
  gateCode!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 3 })
  direction!: 'in' | 'out';

  /** HLS/HTTP(S) URL, RTSP URL or camera id; see camera-source.ts. */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  camera!: string | null;

  @Column({ name: 'is_active', type: 'smallint', default: 1 })
  isActive!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
