import { Public } from '../auth/auth.decorators.js';
import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Liveness (the process answers) and readiness (the database answers); no authentication. */
@Public()
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: 'ok' };
    } catch {
      // no driver message: it can name hosts and users, and health is served without authentication
      throw new HttpException({ status: 'unavailable', database: 'unreachable' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
  }
}
