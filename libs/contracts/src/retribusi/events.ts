import 'reflect-metadata';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Min } from 'class-validator';
import { RETRIBUSI_CATEGORIES, type RetribusiCategory } from './subjects.js';

/**
 * One stored entry event: the payload of `retribusi.entry.created.v1`, and each element of a
 * `retribusi.entry.batch-created.v1` batch (what the transactional outbox publishes, at least
 * once). Receivers validate it against these rules (EntryCreatedConsumer checks the outbox's
 * own shape by hand, anything else with class-validator) and are idempotent on `entryId`.
 * Fields are only ever added, never renamed or retyped.
 */
export class RetribusiEntryCreatedV1 {
  /** The entry event's id (also `id` in GET /retribusi/v1/frontend/entry-events). */
  @IsInt()
  @Min(1)
  entryId!: number;

  @IsString()
  @Length(1, 64)
  locationCode!: string;

  @IsString()
  @Length(1, 64)
  gateCode!: string;

  @IsIn(RETRIBUSI_CATEGORIES)
  category!: RetribusiCategory;

  /** When the gate saw the entry, Unix seconds. */
  @IsInt()
  @Min(0)
  eventTime!: number;

  /** The tariff price at the time of the event (what the entry counts in total_amount). */
  @IsInt()
  @Min(0)
  price!: number;

  @IsOptional()
  @IsString()
  sourceIp!: string | null;

  /** When the event was stored, ISO 8601 (UTC). */
  @IsISO8601()
  createdAt!: string;
}

/**
 * Payload of `retribusi.entry.batch-created.v1`: the entry events one ingest transaction
 * stored, in id order. Each entry is a RetribusiEntryCreatedV1 and is validated as one.
 */
export class RetribusiEntriesCreatedV1 {
  entries!: RetribusiEntryCreatedV1[];
}
