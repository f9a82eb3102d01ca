import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { gql } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { ErrorMessage, Loading } from '../../components/error-message';
import type { RespondentsQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { RespondentsDocument } from './vacancy-operations';

type Candidate = RespondentsQuery['eligibleCandidates']['candidates'][number];

/** Every respondent judged rule by rule: the eligible ones in order with each rule's outcome, the others counted per rule that excluded them. */
export function RespondentsPanel({ vacancyId }: { vacancyId: string }) {
  const { t, number, date } = useI18n();
  const query = useQuery({ queryKey: ['respondents', vacancyId], queryFn: () => gql(RespondentsDocument, { id: vacancyId, first: 500 }) });
  const columns = useMemo<ColumnDef<Candidate, any>[]>(
    () => [
      { id: 'position', header: t('respondents.position'), accessorFn: (_r, i) => i + 1 },
      { id: 'household', header: t('respondents.household'), accessorFn: (r) => r.household.reference },
      { id: 'registered', header: t('respondents.registered'), accessorFn: (r) => r.household.registrationDate, cell: (c) => date(c.getValue()) },
      { id: 'tier', header: t('respondents.tier'), accessorFn: (r) => r.priorityTier },
      {
        id: 'rules',
        header: t('respondents.rules'),
        enableSorting: false,
        cell: (c) => (
          <details>
            <summary>{c.row.original.summary}</summary>
            <ul>
              {c.row.original.outcomes.map((o) => (
                <li key={o.ruleId}>
                  <span className={`badge rule-${o.result}`}>{t(`ruleResult.${o.result}`)}</span> {o.explanation}
                </li>
              ))}
            </ul>
          </details>
        ),
      },
    ],
    [t, date],
  );
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <ErrorMessage error={query.error} />;
  const e = query.data.eligibleCandidates;
  return (
    <section>
      <p data-testid="respondent-counts">
        {t('respondents.counts', { evaluated: number(e.evaluatedCount), eligible: number(e.eligibleCount), excluded: number(e.excludedCount) })}{' '}
        <span className="muted">{t('respondents.policy', { policy: e.policy, year: e.parameterYear })}</span>
      </p>
      {e.excludedByRule.length > 0 && (
        <table className="data-table compact" data-testid="excluded-by-rule">
          <caption>{t('respondents.excludedCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('respondents.rule')}</th>
              <th scope="col">{t('respondents.count')}</th>
              <th scope="col">{t('respondents.examples')}</th>
            </tr>
          </thead>
          <tbody>
            {e.excludedByRule.map((r) => (
              <tr key={r.ruleId}>
                <th scope="row">{r.ruleId}</th>
                <td>{number(r.count)}</td>
                <td>{r.examples.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <DataTable columns={columns} data={e.candidates} caption={t('respondents.eligibleCaption')} testId="eligible" />
    </section>
  );
}
