import * as Plot from '@observablehq/plot';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Button } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { ApiError, gql } from '../../api/client';
import { currentSession, hasRole } from '../../auth/session';
import { ErrorMessage, Loading } from '../../components/error-message';
import { PlotFigure } from '../../components/plot-figure';
import { saveTextFile } from '../../components/save-file';
import { CountOrWithheld, Withheld } from '../../components/withheld';
import { graphql } from '../../gql';
import type { NeighbourhoodDossierScreenQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const DossierDocument = graphql(`
  query NeighbourhoodDossierScreen($buurtCode: String!) {
    neighbourhoodDossier(buurtCode: $buurtCode) {
      buurtCode
      name
      municipalityName
      asOf
      windowFrom
      priorityRank
      priorityScore
      notes
      readings {
        year
        source
        resilienceClass
        leefbaarometerClass
        nuisanceClass
        socialCohesionClass
        dwellingStock
      }
      complexes {
        code
        name
        dwellings
        figuresAsOf
        households
        turnoverPer100
        deviations
        allocations
        targets {
          dimension
          category
          bound
          limit
          share
          withinTarget
        }
        inflowByRoute {
          total
          cells {
            key
            label
            count
            suppressed
          }
        }
        endedByReason {
          total
          cells {
            key
            label
            count
            suppressed
          }
        }
      }
      indicators {
        indicatorCode
        indicatorName
        scope
        year
        count
        denominator
        ratePer100
        suppressed
      }
      programmes {
        id
        name
        startDate
        reviewDate
        description
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
  }
`);

const DossierCsvDocument = graphql(`
  query NeighbourhoodDossierCsvFile($buurtCode: String!, $decimalComma: Boolean!) {
    neighbourhoodDossierCsv(buurtCode: $buurtCode, decimalComma: $decimalComma) {
      buurtCode
      decimalComma
      csv
    }
  }
`);

type Dossier = NeighbourhoodDossierScreenQuery['neighbourhoodDossier'];
type DossierComplex = Dossier['complexes'][number];
type Breakdown = DossierComplex['inflowByRoute'];

/** One colour per line, readable on paper too (grey scale keeps them apart by marker as well). */
const LINE_COLOURS = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#374151'];

/**
 * A buurt's dossier for its deep-dive session with welfare, care, municipality and police (issue 16):
 * the readings over the years, each complex against its targets with its inflow, tenancies ended and
 * deviations, the outcomes per year, the programmes running and what is left out and why. Aggregates
 * only (the service hides cells of 1-4 households); printable on A4 and downloadable as CSV. A partner
 * reads the buurten granted to it; every view is audited by the service.
 */
export function NeighbourhoodDossierPage() {
  const { t, number, date } = useI18n();
  const buurtCode = useParams().buurtCode!;
  const dossier = useQuery({ queryKey: ['dossier', buurtCode], queryFn: () => gql(DossierDocument, { buurtCode }) });
  const csv = useMutation({
    mutationFn: (decimalComma: boolean) => gql(DossierCsvDocument, { buurtCode, decimalComma }),
    onSuccess: ({ neighbourhoodDossierCsv: file }) => saveTextFile(file.csv, `buurtdossier-${file.buurtCode}${file.decimalComma ? '' : '-decimale-punt'}.csv`),
  });
  // the page's title names the buurt: a printed or saved dossier is named by it
  const title = dossier.data ? t('dossier.title', { name: dossier.data.neighbourhoodDossier.name }) : null;
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = `${title} – Woonmix`;
    return () => {
      document.title = before;
    };
  }, [title]);
  if (dossier.isPending) return <Loading />;
  // a partner asking for a buurt not granted to it: why, in words (other refusals in the API's own)
  if (dossier.error instanceof ApiError && dossier.error.code === 'FORBIDDEN' && hasRole(currentSession(), 'PARTNER'))
    return (
      <section>
        <h1>{t('dossier.title', { name: buurtCode })}</h1>
        <div role="alert" className="error" data-testid="dossier-refused">
          <strong>{t('dossier.refused')}</strong> <span lang="en">{dossier.error.message}</span>
        </div>
        <p>
          <Link to="/priorities">{t('dossier.back')}</Link>
        </p>
      </section>
    );
  if (dossier.error || !dossier.data) return <ErrorMessage error={dossier.error} />;
  const d = dossier.data.neighbourhoodDossier;
  return (
    <article className="dossier" data-testid="dossier" aria-labelledby="dossier-title">
      <p className="no-print">
        <Link to="/priorities">{t('dossier.back')}</Link>
      </p>
      <h1 id="dossier-title">{t('dossier.title', { name: d.name })}</h1>
      <dl className="facts" data-testid="dossier-facts">
        <dt>{t('dossier.buurtCode')}</dt>
        <dd>{d.buurtCode}</dd>
        <dt>{t('dossier.municipality')}</dt>
        <dd>{d.municipalityName}</dd>
        <dt>{t('dossier.asOf')}</dt>
        <dd>{date(d.asOf)}</dd>
        <dt>{t('dossier.window')}</dt>
        <dd>{date(d.windowFrom)}</dd>
        <dt>{t('dossier.rank')}</dt>
        <dd data-testid="dossier-rank">
          {d.priorityRank === null || d.priorityRank === undefined
            ? t('dossier.notRanked')
            : t('dossier.rankValue', { rank: d.priorityRank, score: number(d.priorityScore ?? 0, 1) })}
        </dd>
      </dl>
      <div className="actions no-print">
        <Button className="button secondary" onPress={() => window.print()}>
          {t('dossier.print')}
        </Button>
        <Button className="button secondary" isDisabled={csv.isPending} onPress={() => csv.mutate(true)}>
          {t('dossier.csvComma')}
        </Button>
        <Button className="button secondary" isDisabled={csv.isPending} onPress={() => csv.mutate(false)}>
          {t('dossier.csvPoint')}
        </Button>
        {csv.isPending && (
          <span role="status" className="muted">
            {t('dossier.csvBusy')}
          </span>
        )}
      </div>
      <ErrorMessage error={csv.error} />
      <Readings dossier={d} />
      <section aria-labelledby="dossier-complexes" className="dossier-section">
        <h2 id="dossier-complexes">{t('dossier.complexes')}</h2>
        {d.complexes.length === 0 && <p className="muted">{t('dossier.noComplexes')}</p>}
        {d.complexes.map((c) => (
          <ComplexPart key={c.code} complex={c} />
        ))}
      </section>
      <Indicators dossier={d} />
      <Programmes dossier={d} />
      <section aria-labelledby="dossier-notes" className="dossier-section keep-together">
        <h2 id="dossier-notes">{t('dossier.notes')}</h2>
        <ul data-testid="dossier-notes">
          {d.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
          <li>{t('withheld.legend')}</li>
        </ul>
      </section>
    </article>
  );
}

/** A class the reading's source does not give: empty, said in words for screen readers. */
function ClassCell({ value }: { value: number | null | undefined }) {
  const { t, number } = useI18n();
  return <td>{value === null || value === undefined ? <span className="visually-hidden">{t('dossier.notMeasured')}</span> : number(value)}</td>;
}

function Readings({ dossier: d }: { dossier: Dossier }) {
  const { t, language } = useI18n();
  const resilience = d.readings.filter((r) => r.resilienceClass !== null && r.resilienceClass !== undefined);
  const leefbaarometer = d.readings
    .filter((r) => r.leefbaarometerClass !== null && r.leefbaarometerClass !== undefined)
    .flatMap((r) => [
      { year: r.year, series: t('priorities.leefbaarometer'), value: r.leefbaarometerClass },
      { year: r.year, series: t('priorities.nuisance'), value: r.nuisanceClass ?? null },
      { year: r.year, series: t('priorities.cohesion'), value: r.socialCohesionClass ?? null },
    ]);
  const years = [...new Set(d.readings.map((r) => r.year))];
  // a source's long name once, under the table; each row names it by its number
  const sources = [...new Set(d.readings.map((r) => r.source))];
  const xAxis = { label: t('dossier.yearAxis'), ticks: years, tickFormat: (y: number) => String(y) };
  return (
    <section aria-labelledby="dossier-readings" className="dossier-section">
      <h2 id="dossier-readings">{t('dossier.readings')}</h2>
      {d.readings.length === 0 ? (
        <p className="muted">{t('priorities.noReadings')}</p>
      ) : (
        <>
          <div className="chart-row" data-testid="readings-charts">
            {resilience.length > 0 && (
              <PlotFigure
                label={t('dossier.readingsChart', { name: d.name })}
                deps={[d.readings, language]}
                make={() =>
                  Plot.plot({
                    width: 360,
                    height: 200,
                    marginLeft: 40,
                    x: xAxis,
                    y: {
                      label: `${t('priorities.resilience')} (1-5)`,
                      domain: [1, 5],
                      ticks: [1, 2, 3, 4, 5],
                      tickFormat: (v: number) => String(v),
                      grid: true,
                    },
                    marks: [
                      Plot.line(resilience, { x: 'year', y: 'resilienceClass', stroke: LINE_COLOURS[0], strokeWidth: 2 }),
                      Plot.dot(resilience, { x: 'year', y: 'resilienceClass', fill: LINE_COLOURS[0] }),
                    ],
                  })
                }
              />
            )}
            {leefbaarometer.length > 0 && (
              <PlotFigure
                label={t('dossier.leefbaarometerChart', { name: d.name })}
                deps={[d.readings, language]}
                make={() =>
                  Plot.plot({
                    width: 420,
                    height: 200,
                    marginLeft: 40,
                    x: xAxis,
                    y: { label: `${t('dossier.classAxis')} (1-9)`, domain: [1, 9], ticks: [1, 3, 5, 7, 9], tickFormat: (v: number) => String(v), grid: true },
                    color: { legend: true, range: LINE_COLOURS },
                    marks: [
                      Plot.line(leefbaarometer, { x: 'year', y: 'value', stroke: 'series', strokeWidth: 2 }),
                      Plot.dot(leefbaarometer, { x: 'year', y: 'value', fill: 'series', symbol: 'series' }),
                    ],
                  })
                }
              />
            )}
          </div>
          <table className="data-table compact" data-testid="dossier-readings">
            <caption>{t('dossier.readingsCaption', { name: d.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('priorities.year')}</th>
                <th scope="col">{t('priorities.source')}</th>
                <th scope="col">{t('priorities.resilience')}</th>
                <th scope="col">{t('priorities.leefbaarometer')}</th>
                <th scope="col">{t('priorities.nuisance')}</th>
                <th scope="col">{t('priorities.cohesion')}</th>
                <th scope="col">{t('dossier.dwellingStock')}</th>
              </tr>
            </thead>
            <tbody>
              {d.readings.map((r) => (
                <tr key={`${r.year}:${r.source}`}>
                  <th scope="row">{r.year}</th>
                  <td>
                    <span aria-hidden="true">{sources.indexOf(r.source) + 1}</span>
                    <span className="visually-hidden">{r.source}</span>
                  </td>
                  <ClassCell value={r.resilienceClass} />
                  <ClassCell value={r.leefbaarometerClass} />
                  <ClassCell value={r.nuisanceClass} />
                  <ClassCell value={r.socialCohesionClass} />
                  <ClassCell value={r.dwellingStock} />
                </tr>
              ))}
            </tbody>
          </table>
          <ol className="note sources" aria-label={t('priorities.source')}>
            {sources.map((source) => (
              <li key={source}>{source}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** A dimension of the composition in words (the policy form's names), else its code. */
function useDimensionName() {
  const { t } = useI18n();
  return (dimension: string) => {
    const key = `field.${dimension}` as MessageKey;
    const text = t(key);
    return text === key ? dimension : text;
  };
}

function ComplexPart({ complex: c }: { complex: DossierComplex }) {
  const { t, number, percent, date } = useI18n();
  const dimensionName = useDimensionName();
  const name = c.name;
  const count = (v: number) => number(v);
  return (
    <section aria-labelledby={`complex-${c.code}`} className="dossier-complex" data-testid={`dossier-complex-${c.code}`}>
      <h3 id={`complex-${c.code}`}>{t('dossier.complexTitle', { name: c.name, code: c.code })}</h3>
      <dl className="facts">
        <dt>{t('dossier.figuresAsOf')}</dt>
        <dd data-testid="complex-figures-as-of">{date(c.figuresAsOf)}</dd>
        <dt>{t('dossier.dwellings')}</dt>
        <dd>{number(c.dwellings)}</dd>
        <dt>{t('dossier.households')}</dt>
        <dd data-testid="complex-households">
          <CountOrWithheld value={c.households} format={count} />
        </dd>
        <dt>{t('dossier.turnover')}</dt>
        <dd data-testid="complex-turnover">
          <CountOrWithheld value={c.turnoverPer100} format={(v) => number(v, 1)} />
        </dd>
        <dt>{t('dossier.allocations')}</dt>
        <dd>
          <CountOrWithheld value={c.allocations} format={count} />
        </dd>
        <dt>{t('dossier.deviations')}</dt>
        <dd>
          <CountOrWithheld value={c.deviations} format={count} />
        </dd>
      </dl>
      <div className="table-row">
        <table className="data-table compact" data-testid="complex-targets">
          <caption>{t('dossier.targetsCaption', { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dossier.target')}</th>
              <th scope="col">{t('dossier.limit')}</th>
              <th scope="col">{t('dossier.share')}</th>
              <th scope="col">{t('dossier.within')}</th>
            </tr>
          </thead>
          <tbody>
            {c.targets.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  {t('dossier.noTargets')}
                </td>
              </tr>
            )}
            {c.targets.map((target) => (
              <tr key={`${target.dimension}:${target.category}`}>
                <th scope="row">
                  {dimensionName(target.dimension)}: {target.category}
                </th>
                <td>
                  {target.bound} {percent(target.limit, 0)}
                </td>
                <td>
                  <CountOrWithheld value={target.share} format={(v) => percent(v)} />
                </td>
                <td className={target.withinTarget === false ? 'outside' : target.withinTarget ? 'within' : undefined}>
                  {target.withinTarget === null || target.withinTarget === undefined
                    ? t('dossier.hidden')
                    : target.withinTarget
                      ? t('policy.yes')
                      : t('policy.no')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <BreakdownTable breakdown={c.inflowByRoute} caption={t('dossier.inflowCaption', { name })} testId="complex-inflow" />
        <BreakdownTable breakdown={c.endedByReason} caption={t('dossier.endedCaption', { name })} testId="complex-ended" />
      </div>
    </section>
  );
}

function BreakdownTable({ breakdown, caption, testId }: { breakdown: Breakdown; caption: string; testId: string }) {
  const { t, number } = useI18n();
  const count = (v: number) => number(v);
  return (
    <table className="data-table compact" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dossier.kind')}</th>
          <th scope="col">{t('dossier.count')}</th>
        </tr>
      </thead>
      <tbody>
        {breakdown.cells.length === 0 && (
          <tr>
            <td colSpan={2} className="muted">
              {t('dossier.nothing')}
            </td>
          </tr>
        )}
        {breakdown.cells.map((cell) => (
          <tr key={cell.key}>
            <th scope="row">{cell.label}</th>
            <td>{cell.suppressed ? <Withheld /> : <CountOrWithheld value={cell.count} format={count} />}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('dossier.total')}</th>
          <td>
            <CountOrWithheld value={breakdown.total} format={count} />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

function Indicators({ dossier: d }: { dossier: Dossier }) {
  const { t, number, language } = useI18n();
  const scopeName = (scope: string) =>
    scope === d.buurtCode ? t('dossier.buurtScope', { name: d.name }) : (d.complexes.find((c) => c.code === scope)?.name ?? scope);
  const codes = [...new Set(d.indicators.map((i) => i.indicatorCode))];
  return (
    <section aria-labelledby="dossier-indicators" className="dossier-section">
      <h2 id="dossier-indicators">{t('dossier.indicators')}</h2>
      <p className="note">{t('dossier.indicatorsIntro')}</p>
      {codes.length === 0 && <p className="muted">{t('dossier.noIndicators')}</p>}
      {codes.map((code) => {
        const rows = d.indicators.filter((i) => i.indicatorCode === code);
        const indicator = rows[0].indicatorName;
        const scopes = [...new Set(rows.map((r) => r.scope))];
        const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
        // a hidden year is a gap in its line, not a zero
        const points = rows
          .map((r) => ({ year: r.year, scope: scopeName(r.scope), rate: r.suppressed ? null : (r.ratePer100 ?? null) }))
          .sort((a, b) => a.year - b.year);
        const shown = points.filter((p) => p.rate !== null);
        return (
          <section key={code} aria-labelledby={`indicator-${code}`} className="dossier-indicator" data-testid={`dossier-indicator-${code}`}>
            <h3 id={`indicator-${code}`}>{indicator}</h3>
            <div className="chart-row">
              <PlotFigure
                label={t('dossier.indicatorChart', { indicator })}
                deps={[d.indicators, code, language]}
                make={() =>
                  Plot.plot({
                    width: 420,
                    height: 200,
                    marginLeft: 44,
                    x: { label: t('dossier.yearAxis'), ticks: years, tickFormat: (y: number) => String(y) },
                    y: { label: t('dossier.ratePer100'), zero: true, grid: true },
                    color: { legend: true, domain: scopes.map(scopeName), range: LINE_COLOURS },
                    marks: [
                      Plot.line(points, { x: 'year', y: 'rate', stroke: 'scope', strokeWidth: 2 }),
                      Plot.dot(shown, { x: 'year', y: 'rate', fill: 'scope', symbol: 'scope' }),
                    ],
                  })
                }
              />
              <table className="data-table compact" data-testid="indicator-table">
                <caption>{t('dossier.indicatorCaption', { indicator })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dossier.year')}</th>
                    {scopes.map((scope) => (
                      <th scope="col" key={scope}>
                        {scopeName(scope)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {years.map((year) => (
                    <tr key={year}>
                      <th scope="row">{year}</th>
                      {scopes.map((scope) => {
                        const r = rows.find((x) => x.year === year && x.scope === scope);
                        return (
                          <td key={scope}>
                            {!r ? (
                              ''
                            ) : r.suppressed || r.ratePer100 === null || r.ratePer100 === undefined ? (
                              <Withheld />
                            ) : (
                              <>
                                {number(r.ratePer100, 1)}{' '}
                                <span className="muted">
                                  ({r.count === null || r.count === undefined ? '' : number(r.count)}/
                                  {r.denominator === null || r.denominator === undefined ? '' : number(r.denominator)})
                                </span>
                              </>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </section>
  );
}

function Programmes({ dossier: d }: { dossier: Dossier }) {
  const { t, number, date } = useI18n();
  // programme queries are for staff; a partner reads the programme here, in its buurt's dossier
  const staff = hasRole(currentSession(), 'MANAGER', 'AUDITOR');
  return (
    <section aria-labelledby="dossier-programmes" className="dossier-section">
      <h2 id="dossier-programmes">{t('dossier.programmes')}</h2>
      {d.programmes.length === 0 && <p className="muted">{t('dossier.noProgrammes')}</p>}
      {d.programmes.map((p) => (
        <section key={p.id} aria-labelledby={`programme-${p.id}`} className="dossier-programme" data-testid="dossier-programme">
          <h3 id={`programme-${p.id}`}>{p.name}</h3>
          <p>
            {t('dossier.period', { start: date(p.startDate), review: date(p.reviewDate) })}
            {staff && (
              <span className="no-print">
                {' · '}
                <Link to={`/programmes/${p.id}`}>{t('dossier.evaluate', { name: p.name })}</Link>
              </span>
            )}
          </p>
          {p.description && <p className="note">{p.description}</p>}
          {p.goals.length > 0 && (
            <>
              <h4>{t('dossier.goals')}</h4>
              <ul>
                {p.goals.map((g) => (
                  <li key={g.indicatorCode + g.byDate}>
                    {t('dossier.goal', { indicator: g.indicatorName, target: number(g.target, 1), date: date(g.byDate) })}
                  </li>
                ))}
              </ul>
            </>
          )}
          {p.actions.length > 0 && (
            <table className="data-table compact">
              <caption>{t('dossier.actionsCaption', { name: p.name })}</caption>
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
        </section>
      ))}
    </section>
  );
}
