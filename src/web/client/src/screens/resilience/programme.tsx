import * as Plot from '@observablehq/plot';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { Link, useParams, useSearchParams } from 'react-router';
import { gql } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/error-message';
import { PlotFigure } from '../../components/plot-figure';
import { saveTextFile } from '../../components/save-file';
import { CountOrWithheld } from '../../components/withheld';
import { graphql } from '../../gql';
import type { ProgrammeEvaluationScreenQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const ProgrammeDocument = graphql(`
  query ProgrammeScreen($id: ID!) {
    programme(id: $id) {
      id
      name
      description
      buurtCode
      buurtName
      startDate
      reviewDate
      active
      wholeBuurt
      complexCodes
      compositionPolicyVersion
      createdBy
      goals {
        indicatorCode
        indicatorName
        target
        byDate
      }
      actions {
        id
        partner
        action
        dueDate
        status
      }
    }
  }
`);

const EvaluationDocument = graphql(`
  query ProgrammeEvaluationScreen($id: ID!, $windowYears: Int!) {
    programmeEvaluation(id: $id, windowYears: $windowYears, decimalComma: true) {
      asOf
      windowYears
      beforeFrom
      beforeTo
      afterFrom
      afterTo
      comparisonComplexCodes
      csv
      indicators {
        indicatorCode
        indicatorName
        basis
        lowerIsBetter
        programme {
          complexes
          change
          before {
            count
            exposure
            rate
            observations
          }
          after {
            count
            exposure
            rate
            observations
          }
        }
        comparison {
          complexes
          change
          before {
            count
            exposure
            rate
            observations
          }
          after {
            count
            exposure
            rate
            observations
          }
        }
        differenceInDifferences
        band {
          low
          high
        }
        verdict
        verdictText
        warnings {
          code
          text
        }
        goals {
          target
          byDate
        }
      }
      composition {
        complexCode
        dimension
        category
        before
        after
      }
      deviations {
        allocations
        deviated
        deviatedShare
        medianRegistrationDaysGivenUp
        totalRegistrationYearsGivenUp
      }
    }
  }
`);

const EvaluationCsvDocument = graphql(`
  query ProgrammeEvaluationCsvFile($id: ID!, $windowYears: Int!, $decimalComma: Boolean!) {
    programmeEvaluation(id: $id, windowYears: $windowYears, decimalComma: $decimalComma) {
      csv
    }
  }
`);

type Evaluation = ProgrammeEvaluationScreenQuery['programmeEvaluation'];
type IndicatorEvaluation = Evaluation['indicators'][number];
type EvaluationCell = IndicatorEvaluation['programme']['before'];

const WINDOW_YEARS = [1, 2, 3, 4, 5];
const VERDICTS = ['IMPROVED', 'WORSENED', 'NO_CLEAR_CHANGE', 'UNKNOWN'] as const;
const VERDICT_COLOURS = ['#047857', '#b91c1c', '#4b5563', '#9ca3af'];

/**
 * A programme and whether it helped (issue 16): per outcome the rates before and after the start in
 * the programme's complexes and in comparable ones, the difference in differences with its 95% band
 * and the service's verdict in words, with its warnings; the composition at the start and now; how
 * often plain waiting-list order was left and what registration time that cost. Managers and auditors.
 */
export function ProgrammePage() {
  const { t, date, number } = useI18n();
  const id = useParams().id!;
  const [search, setSearch] = useSearchParams();
  const asked = Number(search.get('jaren'));
  const windowYears = WINDOW_YEARS.includes(asked) ? asked : 3;
  const programme = useQuery({ queryKey: ['programme', id], queryFn: () => gql(ProgrammeDocument, { id }) });
  const evaluation = useQuery({
    queryKey: ['programme-evaluation', id, windowYears],
    queryFn: () => gql(EvaluationDocument, { id, windowYears }),
    // the previous window stays on screen while another is computed
    placeholderData: keepPreviousData,
  });
  const csvPoint = useMutation({
    mutationFn: () => gql(EvaluationCsvDocument, { id, windowYears, decimalComma: false }),
    onSuccess: (data) => saveTextFile(data.programmeEvaluation.csv, `programma-${id}-evaluatie-${windowYears}-jaar-decimale-punt.csv`),
  });
  if (programme.isPending) return <Loading />;
  if (programme.error || !programme.data) return <ErrorMessage error={programme.error} />;
  const p = programme.data.programme;
  const e = evaluation.data?.programmeEvaluation;
  return (
    <article className="programme" data-testid="programme" aria-labelledby="programme-title">
      <p className="no-print">
        <Link to="/programmes">{t('programme.back')}</Link>
      </p>
      <h1 id="programme-title">{p.name}</h1>
      {p.description && <p>{p.description}</p>}
      <dl className="facts">
        <dt>{t('programme.buurt')}</dt>
        <dd>
          <Link to={`/buurten/${p.buurtCode}/dossier`}>
            {p.buurtName} ({p.buurtCode})
          </Link>
        </dd>
        <dt>{t('programme.complexes')}</dt>
        <dd>{p.wholeBuurt ? `${t('programmes.wholeBuurt')}: ${p.complexCodes.join(', ')}` : p.complexCodes.join(', ')}</dd>
        <dt>{t('programme.period')}</dt>
        <dd>{t('dossier.period', { start: date(p.startDate), review: date(p.reviewDate) })}</dd>
        <dt>{t('programme.policy')}</dt>
        <dd>{t('programme.policyVersion', { version: p.compositionPolicyVersion })}</dd>
        <dt>{t('programme.createdBy')}</dt>
        <dd>{p.createdBy}</dd>
      </dl>
      {p.goals.length > 0 && (
        <section aria-labelledby="programme-goals">
          <h2 id="programme-goals">{t('dossier.goals')}</h2>
          <ul data-testid="programme-goals">
            {p.goals.map((g) => (
              <li key={g.indicatorCode + g.byDate}>{t('dossier.goal', { indicator: g.indicatorName, target: number(g.target, 1), date: date(g.byDate) })}</li>
            ))}
          </ul>
        </section>
      )}
      {p.actions.length > 0 && (
        <table className="data-table compact">
          <caption>{t('programme.actionsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dossier.partner')}</th>
              <th scope="col">{t('dossier.action')}</th>
              <th scope="col">{t('dossier.dueDate')}</th>
              <th scope="col">{t('dossier.status')}</th>
            </tr>
          </thead>
          <tbody>
            {p.actions.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.partner}</th>
                <td>{a.action}</td>
                <td>{date(a.dueDate)}</td>
                <td>
                  <span className={`badge action-${a.status}`}>{t(`dossier.status.${a.status}` as MessageKey)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <section aria-labelledby="evaluation-title" data-testid="evaluation">
        <h2 id="evaluation-title">{t('evaluation.title')}</h2>
        <div className="filters no-print">
          <label className="field">
            <span>{t('evaluation.windowYears')}</span>
            <select
              value={windowYears}
              onChange={(event) =>
                setSearch(
                  (previous) => {
                    const next = new URLSearchParams(previous);
                    next.set('jaren', event.target.value);
                    return next;
                  },
                  { replace: true },
                )
              }
            >
              {WINDOW_YEARS.map((years) => (
                <option key={years} value={years}>
                  {t('evaluation.years', { count: years })}
                </option>
              ))}
            </select>
          </label>
          <Button className="button secondary" isDisabled={!e} onPress={() => e && saveTextFile(e.csv, `programma-${id}-evaluatie-${windowYears}-jaar.csv`)}>
            {t('evaluation.csvComma')}
          </Button>
          <Button className="button secondary" isDisabled={!e || csvPoint.isPending} onPress={() => csvPoint.mutate()}>
            {t('evaluation.csvPoint')}
          </Button>
        </div>
        <ErrorMessage error={csvPoint.error} />
        {evaluation.isPending && <Loading />}
        <ErrorMessage error={evaluation.error} />
        {e && <EvaluationView evaluation={e} busy={evaluation.isFetching} />}
      </section>
    </article>
  );
}

function EvaluationView({ evaluation: e, busy }: { evaluation: Evaluation; busy: boolean }) {
  const { t, date, number, percent, language } = useI18n();
  const verdictName = (verdict: string) => t(`evaluation.verdict.${verdict}` as MessageKey);
  const forest = e.indicators
    .filter((i) => i.differenceInDifferences !== null && i.differenceInDifferences !== undefined)
    .map((i) => ({
      name: i.indicatorName,
      did: i.differenceInDifferences!,
      low: i.band?.low ?? i.differenceInDifferences!,
      high: i.band?.high ?? i.differenceInDifferences!,
      verdict: verdictName(i.verdict),
    }));
  return (
    <div aria-busy={busy}>
      <p data-testid="evaluation-periods">
        {t('evaluation.periods', {
          beforeFrom: date(e.beforeFrom),
          beforeTo: date(e.beforeTo),
          afterFrom: date(e.afterFrom),
          afterTo: date(e.afterTo),
          asOf: date(e.asOf),
        })}{' '}
        {e.comparisonComplexCodes.length > 0 ? t('evaluation.comparison', { codes: e.comparisonComplexCodes.join(', ') }) : t('evaluation.noComparison')}
      </p>
      <p className="note">{t('evaluation.method')}</p>
      {forest.length > 0 && (
        <figure className="evaluation-forest" data-testid="evaluation-chart">
          <PlotFigure
            label={t('evaluation.forestChart')}
            deps={[e, language]}
            make={() =>
              Plot.plot({
                width: 760,
                height: 70 + forest.length * 44,
                marginLeft: 230,
                x: { label: t('evaluation.didAxis'), grid: true },
                y: { label: null, domain: forest.map((f) => f.name) },
                color: { legend: true, domain: VERDICTS.map(verdictName), range: VERDICT_COLOURS },
                marks: [
                  Plot.ruleX([0], { stroke: '#111827', strokeWidth: 1.5 }),
                  Plot.ruleY(forest, { y: 'name', x1: 'low', x2: 'high', stroke: 'verdict', strokeWidth: 3 }),
                  Plot.dot(forest, { x: 'did', y: 'name', fill: 'verdict', r: 6, stroke: '#ffffff' }),
                ],
              })
            }
          />
        </figure>
      )}
      {e.indicators.map((indicator) => (
        <IndicatorPart key={indicator.indicatorCode} indicator={indicator} />
      ))}
      <CompositionPart evaluation={e} />
      <section aria-labelledby="evaluation-deviations" className="dossier-section keep-together">
        <h3 id="evaluation-deviations">{t('evaluation.deviations')}</h3>
        <dl className="facts" data-testid="evaluation-deviations">
          <dt>{t('evaluation.allocationsCount')}</dt>
          <dd>
            <CountOrWithheld value={e.deviations.allocations} format={(v) => number(v)} />
          </dd>
          <dt>{t('evaluation.deviated')}</dt>
          <dd>
            <CountOrWithheld value={e.deviations.deviated} format={(v) => number(v)} />
          </dd>
          <dt>{t('evaluation.deviatedShare')}</dt>
          <dd>
            <CountOrWithheld value={e.deviations.deviatedShare} format={(v) => percent(v)} />
          </dd>
          <dt>{t('evaluation.medianDays')}</dt>
          <dd>
            {e.deviations.medianRegistrationDaysGivenUp === null || e.deviations.medianRegistrationDaysGivenUp === undefined
              ? '–'
              : number(e.deviations.medianRegistrationDaysGivenUp)}
          </dd>
          <dt>{t('evaluation.totalYears')}</dt>
          <dd>
            {e.deviations.totalRegistrationYearsGivenUp === null || e.deviations.totalRegistrationYearsGivenUp === undefined
              ? '–'
              : number(e.deviations.totalRegistrationYearsGivenUp, 1)}
          </dd>
        </dl>
      </section>
    </div>
  );
}

function RateCell({ cell }: { cell: EvaluationCell }) {
  const { number } = useI18n();
  return (
    <td>
      <CountOrWithheld value={cell.rate} format={(v) => number(v, 1)} />{' '}
      <span className="muted">
        (<CountOrWithheld value={cell.count} format={(v) => number(v)} /> / <CountOrWithheld value={cell.exposure} format={(v) => number(v, 1)} />)
      </span>
    </td>
  );
}

function IndicatorPart({ indicator: i }: { indicator: IndicatorEvaluation }) {
  const { t, number, date, language } = useI18n();
  const before = t('evaluation.before');
  const after = t('evaluation.after');
  const groups = [
    { name: t('evaluation.programme'), group: i.programme },
    { name: t('evaluation.comparisonGroup'), group: i.comparison },
  ];
  const points = groups.flatMap(({ name, group }) => [
    { group: name, period: before, rate: group.before.rate ?? null },
    { group: name, period: after, rate: group.after.rate ?? null },
  ]);
  const did = i.differenceInDifferences;
  const basisKey = `evaluation.basis.${i.basis}` as MessageKey;
  const basisText = t(basisKey) === basisKey ? i.basis : t(basisKey);
  const signed = (v: number) => `${v > 0 ? '+' : ''}${number(v, 1)}`;
  return (
    <section
      aria-labelledby={`evaluation-${i.indicatorCode}`}
      className="evaluation-indicator"
      data-testid={`evaluation-${i.indicatorCode}`}
      data-verdict={i.verdict}
    >
      <h3 id={`evaluation-${i.indicatorCode}`}>
        {i.indicatorName}{' '}
        <span className={`badge verdict-${i.verdict}`} data-testid="verdict">
          {t(`evaluation.verdict.${i.verdict}` as MessageKey)}
        </span>
      </h3>
      <p className="note">
        {basisText}; {i.lowerIsBetter ? t('evaluation.lowerIsBetter') : t('evaluation.higherIsBetter')}
      </p>
      <p data-testid="verdict-text">{i.verdictText}</p>
      <p data-testid="did">
        {did === null || did === undefined
          ? t('evaluation.didUnknown')
          : i.band
            ? t('evaluation.did', { value: signed(did), low: signed(i.band.low), high: signed(i.band.high) })
            : t('evaluation.didNoBand', { value: signed(did) })}
      </p>
      <div className="chart-row">
        <PlotFigure
          label={t('evaluation.ratesChart', { indicator: i.indicatorName })}
          deps={[i, language]}
          make={() =>
            Plot.plot({
              width: 300,
              height: 180,
              marginLeft: 44,
              x: { label: null, domain: [before, after], type: 'point', inset: 30 },
              y: { label: t('evaluation.rateAxis'), zero: true, grid: true },
              color: { legend: true, domain: groups.map((g) => g.name), range: ['#1d4ed8', '#6b7280'] },
              marks: [
                Plot.line(points, { x: 'period', y: 'rate', stroke: 'group', strokeWidth: 2 }),
                Plot.dot(
                  points.filter((p) => p.rate !== null),
                  { x: 'period', y: 'rate', fill: 'group', r: 4 },
                ),
              ],
            })
          }
        />
        <table className="data-table compact" data-testid="evaluation-rates">
          <caption>{t('evaluation.ratesCaption', { indicator: i.indicatorName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('evaluation.group')}</th>
              <th scope="col">{t('evaluation.groupComplexes')}</th>
              <th scope="col">{before}</th>
              <th scope="col">{after}</th>
              <th scope="col">{t('evaluation.change')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map(({ name, group }) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{number(group.complexes)}</td>
                <RateCell cell={group.before} />
                <RateCell cell={group.after} />
                <td>{group.change === null || group.change === undefined ? '–' : signed(group.change)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {i.warnings.length > 0 && (
        <div className="warnings" data-testid="evaluation-warnings">
          <strong>{t('evaluation.warnings')}:</strong>
          <ul>
            {i.warnings.map((w) => (
              <li key={w.code} data-code={w.code}>
                {w.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {i.goals.length > 0 && (
        <ul className="plain" data-testid="evaluation-goals">
          {i.goals.map((g) => (
            <li key={g.byDate + g.target}>
              {t('evaluation.goal', {
                bound: i.lowerIsBetter ? t('evaluation.atMost') : t('evaluation.atLeast'),
                target: number(g.target, 1),
                date: date(g.byDate),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CompositionPart({ evaluation: e }: { evaluation: Evaluation }) {
  const { t, percent } = useI18n();
  if (e.composition.length === 0) return null;
  const dimensionName = (dimension: string) => {
    const key = `field.${dimension}` as MessageKey;
    const text = t(key);
    return text === key ? dimension : text;
  };
  const share = (v: number) => percent(v);
  return (
    <section aria-labelledby="evaluation-composition" className="dossier-section">
      <h3 id="evaluation-composition">{t('evaluation.composition')}</h3>
      <table className="data-table compact" data-testid="evaluation-composition">
        <caption>{t('evaluation.compositionCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evaluation.complex')}</th>
            <th scope="col">{t('evaluation.dimension')}</th>
            <th scope="col">{t('evaluation.category')}</th>
            <th scope="col">{t('evaluation.atStart')}</th>
            <th scope="col">{t('evaluation.now')}</th>
          </tr>
        </thead>
        <tbody>
          {e.composition.map((c) => (
            <tr key={`${c.complexCode}:${c.dimension}:${c.category}`}>
              <td>{c.complexCode}</td>
              <td>{dimensionName(c.dimension)}</td>
              <th scope="row">{c.category}</th>
              <td>
                <CountOrWithheld value={c.before} format={share} />
              </td>
              <td>
                <CountOrWithheld value={c.after} format={share} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
