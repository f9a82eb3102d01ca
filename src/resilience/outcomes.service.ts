import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { DomainError, FieldProblem } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import type { Language } from '../engine/common/language.js';
import { observationCountProblems, observationShapeProblems } from '../engine/resilience/observation-rules.js';
import type { IndicatorBasis } from '../engine/resilience/programme-evaluation.js';
import { OutcomeIndicator, OutcomeObservation, TenancyEndReason } from './graphql/outcomes.type.js';

export interface IndicatorRow {
  code: string;
  name_nl: string;
  name_en: string;
  kind: 'COUNT' | 'CLASS';
  basis: IndicatorBasis | null;
  lower_is_better: boolean;
  description: string;
}

interface ObservationRow {
  id: number;
  indicator_code: string;
  complex_code: string | null;
  buurt_code: string | null;
  period_start: string;
  period_end: string;
  count: number;
  denominator: number;
  source: string;
  corrects_id: number | null;
  correction_reason: string | null;
  standing: boolean;
  recorded_by: string;
  recorded_at: Date;
}

const OBSERVATION_COLUMNS = `o.id, o.indicator_code, c.code AS complex_code, n.buurt_code, to_char(o.period_start, 'YYYY-MM-DD') AS period_start,
  to_char(o.period_end, 'YYYY-MM-DD') AS period_end, o.count, o.denominator, o.source, o.corrects_id, o.correction_reason,
  NOT EXISTS (SELECT 1 FROM outcome_observation later WHERE later.corrects_id = o.id) AS standing, o.recorded_by, o.recorded_at`;
const OBSERVATION_FROM = `outcome_observation o LEFT JOIN complex c ON c.id = o.complex_id LEFT JOIN neighbourhood n ON n.id = o.neighbourhood_id`;

export const indicatorName = (r: Pick<IndicatorRow, 'name_nl' | 'name_en'>, language: Language) => (language === 'nl' ? r.name_nl : r.name_en);

const toObservation = (r: ObservationRow): OutcomeObservation => ({
  id: String(r.id),
  indicatorCode: r.indicator_code,
  complexCode: r.complex_code,
  buurtCode: r.buurt_code,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  count: Number(r.count),
  denominator: Number(r.denominator),
  source: r.source,
  correctsId: r.corrects_id === null ? null : String(r.corrects_id),
  correctionReason: r.correction_reason,
  standing: r.standing,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
});

/**
 * Outcome indicators and their observations (migrations/1764000000015): counts with a denominator per
 * complex or buurt and period, entered one by one (here) or imported (importData, OUTCOME_OBSERVATIONS).
 * Append-only: a correction is a new row naming the one it corrects, with a reason; both audited.
 */
@Injectable()
export class OutcomesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  indicatorRows(m: EntityManager = this.dataSource.manager): Promise<IndicatorRow[]> {
    return m.query(`SELECT code, name_nl, name_en, kind, basis, lower_is_better, description FROM outcome_indicator ORDER BY code`);
  }

  async indicators(language: Language): Promise<OutcomeIndicator[]> {
    return (await this.indicatorRows()).map((r) => ({
      code: r.code,
      name: indicatorName(r, language),
      kind: r.kind,
      basis: r.basis,
      lowerIsBetter: r.lower_is_better,
      description: r.description,
    }));
  }

  async endReasons(language: Language): Promise<TenancyEndReason[]> {
    const rows: { code: string; vera_end_reason: string; name_nl: string; name_en: string }[] = await this.dataSource.query(
      `SELECT code, vera_end_reason, name_nl, name_en FROM tenancy_end_reason ORDER BY code`,
    );
    return rows.map((r) => ({ code: r.code, veraEndReason: r.vera_end_reason, name: indicatorName(r, language) }));
  }

  async observations(filter: { complexCode?: string | null; buurtCode?: string | null; indicatorCode?: string | null; includeCorrected: boolean }) {
    const rows: ObservationRow[] = await this.dataSource.query(
      `SELECT ${OBSERVATION_COLUMNS} FROM ${OBSERVATION_FROM}
        WHERE ($1::text IS NULL OR c.code = $1) AND ($2::text IS NULL OR n.buurt_code = $2 OR c.neighbourhood_id = (SELECT id FROM neighbourhood WHERE buurt_code = $2))
          AND ($3::text IS NULL OR o.indicator_code = $3)
        ORDER BY o.indicator_code, coalesce(c.code, n.buurt_code), o.period_start, o.id`,
      [filter.complexCode ?? null, filter.buurtCode ?? null, filter.indicatorCode ?? null],
    );
    return rows.filter((r) => filter.includeCorrected || r.standing).map(toObservation);
  }

  async record(
    input: {
      indicatorCode: string;
      complexCode?: string | null;
      buurtCode?: string | null;
      periodStart: string;
      periodEnd: string;
      count: number;
      denominator: number;
      source: string;
    },
    actor: Actor,
  ): Promise<OutcomeObservation> {
    return this.dataSource.transaction(async (m) => {
      const problems: FieldProblem[] = observationShapeProblems(input);
      const [indicator]: IndicatorRow[] = await m.query(`SELECT code, kind, basis FROM outcome_indicator WHERE code = $1`, [input.indicatorCode]);
      problems.push(...observationCountProblems(indicator, input));
      let complexId: number | null = null;
      let buurtId: number | null = null;
      if (input.complexCode) {
        const [c]: { id: number }[] = await m.query(`SELECT id FROM complex WHERE code = $1`, [input.complexCode]);
        if (!c) problems.push({ field: 'complexCode', reason: `is not a known complex (${input.complexCode})` });
        else complexId = c.id;
      }
      if (input.buurtCode) {
        const [n]: { id: number }[] = await m.query(`SELECT id FROM neighbourhood WHERE buurt_code = $1`, [input.buurtCode]);
        if (!n) problems.push({ field: 'buurtCode', reason: `is not a known neighbourhood (${input.buurtCode})` });
        else buurtId = n.id;
      }
      if (problems.length) throw DomainError.invalid(problems);
      const [existing]: { id: number }[] = await m.query(
        `SELECT id FROM outcome_observation WHERE corrects_id IS NULL AND indicator_code = $1 AND complex_id IS NOT DISTINCT FROM $2
            AND neighbourhood_id IS NOT DISTINCT FROM $3 AND period_start = $4 AND period_end = $5`,
        [input.indicatorCode, complexId, buurtId, input.periodStart, input.periodEnd],
      );
      if (existing)
        throw DomainError.invalid([
          { field: 'periodStart', reason: `this period already has observation ${existing.id}; correct it (correctObservation), it is not overwritten` },
        ]);
      const [{ id }]: { id: number }[] = await m.query(
        `INSERT INTO outcome_observation (indicator_code, complex_id, neighbourhood_id, period_start, period_end, count, denominator, source, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [input.indicatorCode, complexId, buurtId, input.periodStart, input.periodEnd, input.count, input.denominator, input.source, actor.subject],
      );
      await this.audit.append(
        m,
        actor,
        'OUTCOME_OBSERVED',
        { observationId: id },
        {
          indicatorCode: input.indicatorCode,
          scope: input.complexCode ?? input.buurtCode,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          count: input.count,
          denominator: input.denominator,
          source: input.source,
        },
      );
      return this.one(m, id);
    });
  }

  /** A correction: a new row with the same indicator, scope and period; only the standing row of a chain is corrected. */
  async correct(input: { observationId: string; count: number; denominator: number; reason: string }, actor: Actor): Promise<OutcomeObservation> {
    return this.dataSource.transaction(async (m) => {
      const id = parseId(input.observationId, 'observationId');
      // lock the row so two corrections of it cannot both stand (corrects_id is UNIQUE as well)
      const [target]: (ObservationRow & { complex_id: number | null; neighbourhood_id: number | null })[] = await m.query(
        `SELECT o.*, to_char(o.period_start, 'YYYY-MM-DD') AS period_start, to_char(o.period_end, 'YYYY-MM-DD') AS period_end FROM outcome_observation o WHERE o.id = $1 FOR UPDATE`,
        [id],
      );
      if (!target) throw DomainError.notFound('Observation', input.observationId);
      const [later]: { id: number }[] = await m.query(`SELECT id FROM outcome_observation WHERE corrects_id = $1`, [id]);
      if (later) throw DomainError.invalid([{ field: 'observationId', reason: `was corrected already by observation ${later.id}; correct that one` }]);
      const [indicator]: IndicatorRow[] = await m.query(`SELECT code, kind, basis FROM outcome_indicator WHERE code = $1`, [target.indicator_code]);
      const problems = observationCountProblems(indicator, { ...input, indicatorCode: target.indicator_code });
      if (problems.length) throw DomainError.invalid(problems);
      const [{ id: newId }]: { id: number }[] = await m.query(
        `INSERT INTO outcome_observation (indicator_code, complex_id, neighbourhood_id, period_start, period_end, count, denominator, source, corrects_id, correction_reason, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          target.indicator_code,
          target.complex_id,
          target.neighbourhood_id,
          target.period_start,
          target.period_end,
          input.count,
          input.denominator,
          target.source,
          id,
          input.reason.trim(),
          actor.subject,
        ],
      );
      await this.audit.append(
        m,
        actor,
        'OUTCOME_CORRECTED',
        { observationId: newId, correctsId: id },
        {
          before: { count: Number(target.count), denominator: Number(target.denominator) },
          after: { count: input.count, denominator: input.denominator },
          reason: input.reason.trim(),
        },
      );
      return this.one(m, newId);
    });
  }

  private async one(m: EntityManager, id: number): Promise<OutcomeObservation> {
    const [row]: ObservationRow[] = await m.query(`SELECT ${OBSERVATION_COLUMNS} FROM ${OBSERVATION_FROM} WHERE o.id = $1`, [id]);
    return toObservation(row);
  }
}
