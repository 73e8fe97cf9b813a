import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Totals per business-zone day, location, gate and category; maintained by the aggregator. */
@Entity({ schema: 'retribusi', name: 'daily_summaries' })
export class DailySummaryEntity {
  @PrimaryColumn({ name: 'summary_date', type: 'date' })
  summaryDate!: string;

  @PrimaryColumn({ name: 'location_code', type: 'varchar', length: 64 })
  locationCode!: string;

  @PrimaryColumn({ name: 'gate_code', type: 'varchar', length: 64 })
  gateCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  category!: string;

  @Column({ name: 'total_count', type: 'bigint', default: 0 })
  totalCount!: string;

  @Column({ name: 'total_amount', type: 'bigint', default: 0 })
  totalAmount!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** The same totals per hour (0-23) of the business-zone day. */
@Entity({ schema: 'retribusi', name: 'hourly_summaries' })
export class HourlySummaryEntity {
  @PrimaryColumn({ name: 'summary_date', type: 'date' })
  summaryDate!: string;

  @PrimaryColumn({ type: 'smallint' })
  hour!: number;

  @PrimaryColumn({ name: 'location_code', type: 'varchar', length: 64 })
  locationCode!: string;

  @PrimaryColumn({ name: 'gate_code', type: 'varchar', length: 64 })
  gateCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  category!: string;

  @Column({ name: 'total_count', type: 'bigint', default: 0 })
  totalCount!: string;

  @Column({ name: 'total_amount', type: 'bigint', default: 0 })
  totalAmount!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * An entry a recompute counted from the raw events (or one folded before messages were
 * marked): the aggregator skips it when a message brings it again.
 */
@Entity({ schema: 'retribusi', name: 'aggregated_entries' })
export class AggregatedEntryEntity {
  @PrimaryColumn({ name: 'entry_id', type: 'bigint' })
  entryId!: string;

  @CreateDateColumn({ name: 'aggregated_at', type: 'timestamptz' })
  aggregatedAt!: Date;
}

/** A JetStream message folded into the summaries, by its first entry id; a redelivery finds it here and adds nothing. */
@Entity({ schema: 'retribusi', name: 'aggregated_messages' })
export class AggregatedMessageEntity {
  @PrimaryColumn({ name: 'first_entry_id', type: 'bigint' })
  firstEntryId!: string;

  @CreateDateColumn({ name: 'aggregated_at', type: 'timestamptz' })
  aggregatedAt!: Date;
}
