import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { yearOf } from '../engine/common/dates.js';
import { ParameterCoverage, parameterCoverage } from '../engine/eligibility/parameter-coverage.js';
import { IsoDate, RuleParameters } from '../engine/model.js';
import { AddRuleParameterYearInput } from './graphql/rule-parameters.type.js';
import { RuleParameterYearEntity } from './rule-parameter-year.entity.js';
import { ruleParameterOrderProblems } from './rule-parameters.checks.js';
import { toRuleParameters } from './rule-parameters.mapper.js';

/** Legal parameters come from the database, keyed by the year of the date in question. */
@Injectable()
export class RuleParametersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** `field` names the input the year came from, for the error a caller sees. */
  async forYear(year: number, manager: EntityManager = this.dataSource.manager, field = 'year'): Promise<RuleParameters> {
    const row = await manager.findOneBy(RuleParameterYearEntity, { year });
    if (!row) throw missingYear(year, field);
    return toRuleParameters(row);
  }

  forDate(date: IsoDate, manager: EntityManager = this.dataSource.manager, field = 'onDate'): Promise<RuleParameters> {
    return this.forYear(yearOf(date), manager, field);
  }

  /** Which parameter years exist, and which the next 90 days of work need (src/engine/eligibility/parameter-coverage.ts). */
  async coverage(today: IsoDate): Promise<ParameterCoverage> {
    const years: { year: number }[] = await this.dataSource.query('SELECT year FROM rule_parameter_year ORDER BY year');
    const inProgress: { reference: string; available_from: string }[] = await this.dataSource.query(
      `SELECT reference, available_from::text AS available_from FROM vacancy WHERE status IN ('OPEN', 'PROPOSED', 'OFFERED') ORDER BY available_from, id`,
    );
    return parameterCoverage(
      today,
      years.map((y) => Number(y.year)),
      inProgress.map((v) => ({ reference: v.reference, availableFrom: v.available_from })),
    );
  }

  async years(): Promise<RuleParameters[]> {
    return (await this.dataSource.manager.find(RuleParameterYearEntity, { order: { year: 'ASC' } })).map(toRuleParameters);
  }

  /** Adds the parameters of a new year (admin); existing years are never overwritten. */
  async add(input: AddRuleParameterYearInput, actor: Actor): Promise<RuleParameters> {
    const problems = ruleParameterOrderProblems(input);
    if (problems.length) throw DomainError.invalid(problems);
    return this.dataSource.transaction(async (m) => {
      if (await m.existsBy(RuleParameterYearEntity, { year: input.year })) {
        throw new DomainError(ErrorCode.CONFLICT, `Rule parameters for ${input.year} already exist; published figures are not overwritten`);
      }
      const { sources, ...figures } = input;
      const row = m.create(RuleParameterYearEntity, {
        ...figures,
        middleSegmentLimitCents: figures.middleSegmentLimitCents ?? null,
        elderlyAssetLimitSingleCents: figures.elderlyAssetLimitSingleCents ?? null,
        elderlyAssetLimitMultiCents: figures.elderlyAssetLimitMultiCents ?? null,
        sources: Object.fromEntries(sources.map((s) => [s.field, s.source])),
      });
      const saved = toRuleParameters(await m.save(RuleParameterYearEntity, row));
      await this.audit.append(m, actor, 'RULE_PARAMETERS_ADDED', { year: input.year }, { parameters: saved });
      return saved;
    });
  }
}

export function missingYear(year: number, field = 'year'): DomainError {
  return new DomainError(
    ErrorCode.BAD_USER_INPUT,
    `No rule parameters for ${year}: legal limits are set per calendar year; an admin adds the published ${year} limits, with their sources, with the mutation addRuleParameterYear (ruleParameterCoverage shows which years the work ahead needs)`,
    [{ field, reason: `falls in ${year}, a year without rule parameters` }],
  );
}
