import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One raw event from a gate, with the tariff price at the time of the event. Written by
 * the ingest path with plain SQL (see entry-event.store.ts); the entity documents the table.
 */
@Entity({ schema: 'retribusi', name: 'entry_events' })
export class EntryEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'location_code', type: 'varchar', length: 64 })
  locationCode!: string;

  @Column({ name: 'gate_code', type: 'varchar', length: 64 })
  gateCode!: string;

  @Column({ type: 'varchar', length: 20 })
  category!: string;

  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime!: Date;

  @Column({ type: 'integer' })
  price!: number;

  @Column({ name: 'source_ip', type: 'varchar', length: 64, nullable: true })
  sourceIp!: string | null;

  /** The gate's event_id / Idempotency-Key, unique per gate; null when the event came without one. */
  @Column({ name: 'event_key', type: 'varchar', length: 200, nullable: true })
  eventKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
