import { SuppressedGroupRate, suppressGroupRates } from '../engine/privacy/small-cells.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { toCsv } from '../common/csv.js';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { MUNICIPALITY_CODE } from '../common/validators.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { RuleParametersService } from '../parameters/rule-parameters.service.js';
import { categorize } from '../engine/composition/compute-composition.js';
import { ApplicantRow, DecisionRow, DeviationCount, GroupRate, allocationRates, deviationCounts } from '../engine/reports/allocation-report.js';
import { householdFactsByIds } from '../households/household-facts.query.js';
import { QuotaShare } from '../eligibility/graphql/eligibility.type.js';

export interface AllocationReport {
  year: number;
  scope: string;
  allocations: number;
  quotas: QuotaShare[];
  deviations: DeviationCount[];
  groups: (GroupRate | SuppressedGroupRate)[];
  csv: string;
}

/**
 * Reports for auditors and managers, per year and municipality: the quota shares against their
 * norms, deviations from the plain order and overrides per officer, reason code and complex, and
 * allocation rates by group (who applies, who is housed), also as CSV.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eligibility: EligibilityService,
    private readonly ruleParameters: RuleParametersService,
  ) {}

  /** `suppressSmallCells`: for readers who see aggregates only (managers), in the fields and the CSV alike. */
  async allocationReport(year: number, municipalityCode: string | null, suppressSmallCells: boolean): Promise<AllocationReport> {
    if (municipalityCode !== null && !MUNICIPALITY_CODE.test(municipalityCode)) {
      throw DomainError.invalid([{ field: 'municipalityCode', reason: 'must be GM followed by 4 digits' }]);
    }
    const params = await this.ruleParameters.forYear(year);
    const quota = await this.eligibility.quotaStatus({ year, municipalityCode: municipalityCode ?? undefined });
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const m = this.dataSource.manager;
    const scoped = municipalityCode ? 'AND n.municipality_code = $3' : '';
    const args = municipalityCode ? [from, to, municipalityCode] : [from, to];
    const decisions: { decided_by: string | null; code: string; decision: 'PROPOSED' | 'OVERRIDE'; reason_code: string | null; rank: number | null }[] =
      await m.query(
        `SELECT o.decided_by, c.code, o.decision, o.reason_code, (p.plan->'proposals'->0->'chosen'->>'rank')::int AS rank
         FROM offer o JOIN proposal p ON p.id = o.proposal_id
         JOIN vacancy v ON v.id = o.vacancy_id JOIN dwelling d ON d.id = v.dwelling_id
         JOIN complex c ON c.id = d.complex_id JOIN neighbourhood n ON n.id = c.neighbourhood_id
        WHERE p.allocation_date BETWEEN $1 AND $2 ${scoped}
          -- an override the second officer refused (four-eyes) never went out: not a decision
          AND NOT (o.status = 'WITHDRAWN' AND o.response_reason LIKE 'approval refused:%')
        ORDER BY o.id`,
        args,
      );
    const decisionRows: DecisionRow[] = decisions.map((r) => ({
      officer: r.decided_by,
      complexCode: r.code,
      decision: r.decision,
      reasonCode: r.reason_code,
      proposedRank: r.rank === null ? null : Number(r.rank),
    }));
    // applicants: the respondents of the vacancies let in the year; housed: those the ledger recorded
    const applicants: { household_id: number; allocated: boolean }[] = await m.query(
      `WITH let AS (
         SELECT a.vacancy_id, a.household_id FROM allocation a
           JOIN dwelling d ON d.id = a.dwelling_id JOIN complex c ON c.id = d.complex_id JOIN neighbourhood n ON n.id = c.neighbourhood_id
          WHERE a.vacancy_id IS NOT NULL AND a.allocation_date BETWEEN $1 AND $2 ${scoped})
       SELECT r.household_id, bool_or(r.household_id IN (SELECT household_id FROM let)) AS allocated
         FROM vacancy_response r WHERE r.vacancy_id IN (SELECT vacancy_id FROM let)
        GROUP BY r.household_id ORDER BY r.household_id`,
      args,
    );
    const facts = await householdFactsByIds(
      m,
      applicants.map((a) => Number(a.household_id)),
    );
    const byId = new Map(facts.map((f) => [f.id, f]));
    // categories as at the end of the year; urgent when an urgency was valid at some point in the year
    const applicantRows: ApplicantRow[] = applicants.map((a) => {
      const h = byId.get(Number(a.household_id))!;
      const urgent = h.urgency !== null && h.urgency.granted <= to && (h.urgency.expires === null || h.urgency.expires >= from);
      return { categories: categorize(h, to, params), urgent, allocated: a.allocated };
    });
    const deviations = deviationCounts(decisionRows);
    const rates = allocationRates(applicantRows);
    const groups = suppressSmallCells ? suppressGroupRates(rates) : rates;
    const scope = municipalityCode ?? 'ASSOCIATION';
    const csv = toCsv([
      ['section', 'year', 'scope', 'dimension', 'key', 'measure', 'value'],
      ...quota.shares.flatMap((s) => [
        ['QUOTA', year, scope, s.quota, s.normReference, 'numerator', s.numerator],
        ['QUOTA', year, scope, s.quota, s.normReference, 'denominator', s.denominator],
        ['QUOTA', year, scope, s.quota, s.normReference, 'share_basis_points', s.basisPoints ?? ''],
        ['QUOTA', year, scope, s.quota, s.normReference, `norm_${s.normComparison}_basis_points`, s.normBasisPoints],
        ['QUOTA', year, scope, s.quota, s.normReference, 'meets_norm', s.meetsNorm === null ? '' : String(s.meetsNorm)],
      ]),
      ...deviations.flatMap((d) => (['decisions', 'passedOver', 'overrides'] as const).map((k) => ['DEVIATION', year, scope, d.dimension, d.key, k, d[k]])),
      ...groups.flatMap((g) => [
        ['ALLOCATION_RATE', year, scope, g.dimension, g.category, 'applicants', g.applicants ?? ''],
        ['ALLOCATION_RATE', year, scope, g.dimension, g.category, 'allocated', g.allocated ?? ''],
        ['ALLOCATION_RATE', year, scope, g.dimension, g.category, 'rate_basis_points', g.rateBasisPoints ?? ''],
      ]),
    ]);
    return { year, scope, allocations: quota.allocations, quotas: quota.shares, deviations, groups, csv };
  }
}
