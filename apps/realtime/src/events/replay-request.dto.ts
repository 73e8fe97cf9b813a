import type { RealtimeReplayRequestV1 } from '@gerbang/contracts';
import { CODE_MESSAGE, CODE_PATTERN } from '@gerbang/retribusi';
import { IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';

/** RealtimeReplayRequestV1 as the replay handler validates it. */
export class ReplayRequestDto implements RealtimeReplayRequestV1 {
  @IsInt({ message: 'Must be an integer' })
  @Min(0, { message: 'Must be >= 0' })
  afterId!: number;

  @IsOptional()
  @IsString({ message: 'Must be a string' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  locationCode?: string;

  @IsOptional()
  @IsInt({ message: 'Must be an integer' })
  @Min(1, { message: 'Must be >= 1' })
  limit?: number;
}
