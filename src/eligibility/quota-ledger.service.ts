import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EMPTY_QUOTA_COUNTS, PortfolioCounts, QuotaCounts } from '../engine/eligibility/portfolio-quotas.js';
import { QUOTA_COUNTER_KEYS, QuotaCounterKey } from '../engine/eligibility/rule-outcome.js';
import { AllocationEntity } from './allocation.entity.js';

/** Year-to-date counts of recorded allocations, per association and per municipality. */
@Injectable()
export class QuotaLedgerService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every allocation recorded for `year` (a recorded allocation is a decision taken, whatever its date). */
  async portfolioCounts(year: number, m: EntityManager = this.dataSource.manager): Promise<PortfolioCounts> {
    const rows: { municipality_code: string; counter: string | null; n: string }[] = await m.query(
      `SELECT a.municipality_code, c.counter, count(*) AS n
         FROM allocation a LEFT JOIN LATERAL unnest(a.counts_as) AS c(counter) ON true
        WHERE a.allocation_date >= $1 AND a.allocation_date <= $2
        GROUP BY a.municipality_code, c.counter`,
      [`${year}-01-01`, `${year}-12-31`],
    );
    const allocations: { municipality_code: string; n: string }[] = await m.query(
      `SELECT municipality_code, count(*) AS n FROM allocation WHERE allocation_date >= $1 AND allocation_date <= $2 GROUP BY municipality_code`,
      [`${year}-01-01`, `${year}-12-31`],
    );
    const municipalities: Record<string, QuotaCounts> = {};
    const scope = (code: string) => (municipalities[code] ??= { ...EMPTY_QUOTA_COUNTS });
    for (const r of allocations) scope(r.municipality_code).allocations = Number(r.n);
    for (const r of rows) {
      if (r.counter && (QUOTA_COUNTER_KEYS as readonly string[]).includes(r.counter)) scope(r.municipality_code)[r.counter as QuotaCounterKey] += Number(r.n);
    }
    const association = Object.values(municipalities).reduce(
      (sum, c) => Object.fromEntries(Object.keys(sum).map((k) => [k, sum[k as keyof QuotaCounts] + c[k as keyof QuotaCounts]])) as unknown as QuotaCounts,
      { ...EMPTY_QUOTA_COUNTS },
    );
    return { year, association, municipalities };
  }

  /** Records an allocation with the counters its verdict named (called in the caller's transaction). */
  async record(m: EntityManager, allocation: Omit<AllocationEntity, 'id'>): Promise<AllocationEntity> {
    return m.save(AllocationEntity, m.create(AllocationEntity, allocation));
  }
}
