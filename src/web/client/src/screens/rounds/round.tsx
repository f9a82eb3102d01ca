import * as Plot from '@observablehq/plot';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { gql } from '../../api/client';
import { currentSession, hasRole } from '../../auth/session';
import { ErrorMessage, Loading } from '../../components/error-message';
import { PlotFigure } from '../../components/plot-figure';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { quotaName } from '../../i18n/quota-name';

const RoundDocument = graphql(`
  query AllocationRoundDetail($id: ID!) {
    allocationRound(id: $id) {
      id
      status
      allocationDate
      seed
      timeLimitSeconds
      attempts
      error
      createdAt
      startedAt
      finishedAt
      vacancyIds
      progress {
        stage
        percent
        message
      }
      skipped {
        vacancyId
        reason
      }
      solverReport {
        status
        source
        solverName
        gap
        pairs
        totalMs
        optimalityScope
        message
      }
      quotaEffects {
        scope
        penalty
        before {
          quota
          basisPoints
          normBasisPoints
          normComparison
          numerator
          denominator
          meetsNorm
        }
        after {
          quota
          basisPoints
          normBasisPoints
          normComparison
          numerator
          denominator
          meetsNorm
          normReference
        }
      }
      outcomeTotals {
        planned
        filled
        plainOrderPassedOver
        skipped
      }
      vacancyOutcomes {
        vacancyId
        vacancyReference
        complexReference
        route
      }
    }
  }
`);

/** Per home: for the officers handling the letting only (a manager reads the totals; src/privacy/disclosure-policy.ts). */
const RoundHomesDocument = graphql(`
  query AllocationRoundHomes($id: ID!) {
    allocationRound(id: $id) {
      id
      vacancyOutcomes {
        vacancyId
        candidateCount
        filled
        plainOrderPassedOver
      }
    }
  }
`);

const CancelRoundDocument = graphql(`
  mutation CancelAllocationRound($id: ID!) {
    cancelAllocationRound(id: $id) {
      id
      status
    }
  }
`);

const FINISHED = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** One round: progress while it runs (cancel), then quota effects, passed-over counts and each vacancy's outcome. */
export function RoundPage() {
  const { t, number, percentBp, dateTime } = useI18n();
  const id = useParams().id!;
  const round = useQuery({
    queryKey: ['round', id],
    queryFn: () => gql(RoundDocument, { id }),
    refetchInterval: (query) => (query.state.data && FINISHED.includes(query.state.data.allocationRound.status) ? false : 1000),
  });
  const cancel = useMutation({ mutationFn: () => gql(CancelRoundDocument, { id }), onSuccess: () => void round.refetch() });
  const handles = hasRole(currentSession(), 'OFFICER', 'ADMIN');
  const completed = round.data?.allocationRound.status === 'COMPLETED';
  const homes = useQuery({
    queryKey: ['round-homes', id],
    queryFn: () => gql(RoundHomesDocument, { id }),
    enabled: handles && completed,
  });
  if (round.isPending) return <Loading />;
  if (round.error || !round.data) return <ErrorMessage error={round.error} />;
  const r = round.data.allocationRound;
  const outcomes = r.vacancyOutcomes;
  const perHome = new Map((homes.data?.allocationRound.vacancyOutcomes ?? []).map((o) => [o.vacancyId, o]));
  const quotaRows = r.quotaEffects.flatMap((q) =>
    q.after.map((after) => ({ scope: q.scope, quota: quotaName(t, after.quota), before: q.before.find((b) => b.quota === after.quota), after })),
  );
  const chartRows = quotaRows.flatMap((row) => [
    { label: `${row.scope} · ${row.quota}`, moment: t('rounds.before'), share: (row.before?.basisPoints ?? 0) / 100 },
    { label: `${row.scope} · ${row.quota}`, moment: t('rounds.after'), share: (row.after.basisPoints ?? 0) / 100 },
  ]);
  return (
    <section>
      <p>
        <Link to="/rounds">{t('rounds.back')}</Link>
      </p>
      <h1>{t('rounds.roundName', { id: r.id })}</h1>
      <dl className="facts">
        <dt>{t('rounds.status')}</dt>
        <dd data-testid="round-status">{t(`jobStatus.${r.status}` as MessageKey)}</dd>
        <dt>{t('rounds.allocationDate')}</dt>
        <dd>{r.allocationDate}</dd>
        <dt>{t('rounds.vacancies')}</dt>
        <dd>{number(r.vacancyIds.length)}</dd>
        <dt>{t('rounds.seed')}</dt>
        <dd>{r.seed}</dd>
        <dt>{t('rounds.started')}</dt>
        <dd>{dateTime(r.startedAt as string | null)}</dd>
        <dt>{t('rounds.finished')}</dt>
        <dd>{dateTime(r.finishedAt as string | null)}</dd>
      </dl>
      <p role="status" data-testid="round-progress-message">
        {r.progress.message}
      </p>
      {!FINISHED.includes(r.status) && (
        <div className="actions">
          <progress max={100} value={r.progress.percent} aria-label={t('rounds.progress')}>
            {r.progress.percent}%
          </progress>
          <Button className="button secondary" onPress={() => cancel.mutate()} isDisabled={cancel.isPending}>
            {t('rounds.cancel')}
          </Button>
        </div>
      )}
      <ErrorMessage error={cancel.error} />
      {r.error && <p className="error">{r.error}</p>}
      {r.status === 'COMPLETED' && (
        <>
          <section aria-labelledby="round-outcome">
            <h2 id="round-outcome">{t('rounds.outcome')}</h2>
            <p data-testid="round-counts">
              {t('rounds.counts', {
                planned: number(r.outcomeTotals.planned),
                filled: number(r.outcomeTotals.filled),
                passedOver: number(r.outcomeTotals.plainOrderPassedOver),
                skipped: number(r.outcomeTotals.skipped),
              })}
            </p>
            {r.solverReport && (
              <p className="note">
                {t('rounds.solver', {
                  solver: r.solverReport.solverName ?? r.solverReport.source,
                  status: r.solverReport.status,
                  gap: r.solverReport.gap === null || r.solverReport.gap === undefined ? '–' : `${number(r.solverReport.gap * 100, 2)}%`,
                  ms: number(r.solverReport.totalMs),
                })}
              </p>
            )}
          </section>
          <section aria-labelledby="round-quotas">
            <h2 id="round-quotas">{t('rounds.quotas')}</h2>
            {chartRows.length > 0 && (
              <PlotFigure
                label={t('rounds.quotaChart')}
                deps={[JSON.stringify(chartRows)]}
                make={() =>
                  Plot.plot({
                    marginLeft: 300,
                    width: 760,
                    height: 50 + quotaRows.length * 36,
                    x: { label: t('rounds.share'), domain: [0, 100], grid: true },
                    y: { label: null },
                    color: { legend: true, domain: [t('rounds.before'), t('rounds.after')], range: ['#9ca3af', '#1d4ed8'] },
                    marks: [
                      Plot.barX(
                        chartRows.filter((c) => c.moment === t('rounds.after')),
                        { x: 'share', y: 'label', fill: 'moment', insetTop: 6, insetBottom: 6 },
                      ),
                      Plot.dot(
                        chartRows.filter((c) => c.moment === t('rounds.before')),
                        { x: 'share', y: 'label', fill: 'moment', r: 5 },
                      ),
                      Plot.tickX(
                        quotaRows.map((q) => ({ label: `${q.scope} · ${q.quota}`, norm: q.after.normBasisPoints / 100 })),
                        { x: 'norm', y: 'label', stroke: '#b91c1c', strokeWidth: 2 },
                      ),
                    ],
                  })
                }
              />
            )}
            <table className="data-table" data-testid="round-quotas">
              <caption>{t('rounds.quotasCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('rounds.scope')}</th>
                  <th scope="col">{t('rounds.quota')}</th>
                  <th scope="col">{t('rounds.norm')}</th>
                  <th scope="col">{t('rounds.before')}</th>
                  <th scope="col">{t('rounds.after')}</th>
                  <th scope="col">{t('rounds.meets')}</th>
                </tr>
              </thead>
              <tbody>
                {quotaRows.map((q) => (
                  <tr key={`${q.scope}:${q.quota}`}>
                    <td>{q.scope}</td>
                    <th scope="row" title={q.after.normReference}>
                      {q.quota}
                    </th>
                    <td>
                      {q.after.normComparison} {percentBp(q.after.normBasisPoints)}
                    </td>
                    <td>
                      {percentBp(q.before?.basisPoints)} ({number(q.before?.numerator ?? 0)}/{number(q.before?.denominator ?? 0)})
                    </td>
                    <td>
                      {percentBp(q.after.basisPoints)} ({number(q.after.numerator)}/{number(q.after.denominator)})
                    </td>
                    <td>{q.after.meetsNorm === null || q.after.meetsNorm === undefined ? '–' : q.after.meetsNorm ? t('policy.yes') : t('policy.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <table className="data-table" data-testid="round-vacancies">
            <caption>{t(handles ? 'rounds.vacanciesCaption' : 'rounds.vacanciesCaptionAggregate')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rounds.vacancy')}</th>
                <th scope="col">{t('rounds.complex')}</th>
                <th scope="col">{t('rounds.route')}</th>
                {handles && (
                  <>
                    <th scope="col">{t('rounds.candidates')}</th>
                    <th scope="col">{t('rounds.proposed')}</th>
                    <th scope="col">{t('rounds.passedOver')}</th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {outcomes.map((o) => (
                <tr key={o.vacancyId}>
                  <th scope="row">{handles ? <Link to={`/vacancies/${o.vacancyId}`}>{o.vacancyReference}</Link> : o.vacancyReference}</th>
                  <td>{o.complexReference}</td>
                  <td>{t(`route.${o.route}` as MessageKey)}</td>
                  {handles && <HomeOutcomeCells home={perHome.get(o.vacancyId)} />}
                </tr>
              ))}
              {r.skipped.map((s) => (
                <tr key={`skipped-${s.vacancyId}`}>
                  <th scope="row">{handles ? <Link to={`/vacancies/${s.vacancyId}`}>{t('rounds.vacancyId', { id: s.vacancyId })}</Link> : s.vacancyId}</th>
                  <td colSpan={handles ? 5 : 2}>{t('rounds.skipped', { reason: s.reason })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function HomeOutcomeCells({ home }: { home: { candidateCount: number; filled: boolean; plainOrderPassedOver: boolean } | undefined }) {
  const { t, number } = useI18n();
  if (!home) return <td colSpan={3}>…</td>;
  return (
    <>
      <td>{number(home.candidateCount)}</td>
      <td>{home.filled ? t('policy.yes') : t('rounds.leftEmpty')}</td>
      <td>{home.plainOrderPassedOver ? t('policy.yes') : t('policy.no')}</td>
    </>
  );
}
