import { Public } from '../auth/auth.decorators.js';
import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { RuleParametersService } from '../parameters/rule-parameters.service.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Liveness (the process answers) and readiness (the database answers); no authentication. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly parameters: RuleParametersService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    try {
      await this.dataSource.query('SELECT 1');
      // ready, but tell the operator what the next weeks need (legal parameters per calendar year)
      const { warning } = await this.parameters.coverage(this.clock.today());
      return { status: 'ok', database: 'ok', ...(warning ? { warnings: [warning] } : {}) };
    } catch {
      // no driver message: it can name hosts and users, and health is served without authentication
      throw new HttpException({ status: 'unavailable', database: 'unreachable' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
  }
}
