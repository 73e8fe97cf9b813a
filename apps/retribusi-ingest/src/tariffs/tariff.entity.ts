import type { RetribusiCategory } from '@gerbang/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ schema: 'retribusi', name: 'tariffs' })
export class TariffEntity {
  @PrimaryColumn({ name: 'location_code', type: 'varchar', length: 64 })
  locationCode!: string;

  @PrimaryColumn({ name: 'gate_code', type: 'varchar', length: 64 })
  gateCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  category!: RetribusiCategory;

  /** Rupiah, a whole number. */
  @Column({ type: 'integer' })
  price!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
