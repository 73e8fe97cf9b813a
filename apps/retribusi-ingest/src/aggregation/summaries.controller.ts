import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
import { RETRIBUSI_ADMIN_ROLES, RETRIBUSI_READ_ROLES, RETRIBUSI_SUBJECTS as S, type ServiceReply, type ServiceRequest } from '@gerbang/contracts';
import { readMessageMeta } from '@gerbang/runtime';
import { invalidField, optionalCodeFilter, parseCalendarDate, requiredDate, requireUser, type Query } from '@gerbang/retribusi';
import { SummariesService } from './summaries.service.js';

const gateFilter = (query: Query) => ({ locationCode: optionalCodeFilter(query, 'location_code'), gateCode: optionalCodeFilter(query, 'gate_code') });

/** Summary and dashboard endpoints: reads of the aggregates, and the admin recompute of a day. */
@Controller()
export class SummariesController {
  constructor(private readonly summaries: SummariesService) {}

  @MessagePattern(S.dailySummaryList)
  async daily(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_READ_ROLES);
    return { data: await this.summaries.daily(requiredDate(request.query, 'date'), gateFilter(request.query)) };
  }

  @MessagePattern(S.hourlySummaryGet)
  async hourly(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_READ_ROLES);
    return { data: await this.summaries.hourly(requiredDate(request.query, 'date'), gateFilter(request.query)) };
  }

  @MessagePattern(S.dashboardDaily)
  async dashboardDaily(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_READ_ROLES);
    const [startDate, endDate] = [requiredDate(request.query, 'start_date'), requiredDate(request.query, 'end_date')];
    return { data: await this.summaries.dashboardDaily(startDate, endDate, gateFilter(request.query)) };
  }

  @MessagePattern(S.dashboardByCategory)
  async byCategory(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_READ_ROLES);
    return { data: await this.summaries.byCategory(requiredDate(request.query, 'date'), gateFilter(request.query)) };
  }

  @MessagePattern(S.dashboardSummary)
  async dashboardSummary(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_READ_ROLES);
    const filter = { locationCode: optionalCodeFilter(request.query, 'location_code') };
    return { data: await this.summaries.dashboardSummary(requiredDate(request.query, 'date'), filter) };
  }

  @MessagePattern(S.dailySummaryRecompute)
  async recompute(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_ADMIN_ROLES);
    return { data: await this.summaries.recompute(recomputeDate(request.body)) };
  }
}

function recomputeDate(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidField('body', 'Body must be a JSON object');
  const date = (body as { date?: unknown }).date;
  if (date === undefined || date === null || date === '') throw invalidField('date', 'Field is required');
  return parseCalendarDate(date, 'date');
}
