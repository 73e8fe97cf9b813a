import { Controller, Inject, Optional, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { healthSubject, type AppName, type HealthReply } from '@gerbang/contracts';
import { DataSource } from 'typeorm';

/** Builds the controller that answers `<app>.health.check.v1`, checking the database too. */
export function createHealthController(app: AppName): Type<unknown> {
  @Controller()
  class HealthController {
    constructor(@Optional() @Inject(DataSource) private readonly dataSource?: DataSource) {}

    @MessagePattern(healthSubject(app))
    async check(): Promise<HealthReply> {
      const database = await this.databaseAnswers();
      return { app, status: database ? 'ok' : 'degraded', database, uptimeSeconds: Math.round(process.uptime()) };
    }

    private async databaseAnswers(): Promise<boolean> {
      if (!this.dataSource) return false;
      try {
        await this.dataSource.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    }
  }
  return HealthController;
}
