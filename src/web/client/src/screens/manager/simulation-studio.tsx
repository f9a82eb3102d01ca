import * as Plot from '@observablehq/plot';
import { useMutation, useQuery } from '@tanstack/react-query';
import Papa from 'papaparse';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { gql } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/error-message';
import { PlotFigure } from '../../components/plot-figure';
import { graphql } from '../../gql';
import type { SimulationResultQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const StudioDocument = graphql(`
  query SimulationStudio {
    complexes(first: 200) {
      nodes {
        id
        code
        name
      }
    }
    compositionPolicies {
      id
      code
      version
      name
      effectiveFrom
    }
  }
`);

const StartDocument = graphql(`
  mutation StartSimulation($input: StartSimulationInput!) {
    startSimulation(input: $input) {
      id
      status
    }
  }
`);

const CancelDocument = graphql(`
  mutation CancelSimulation($id: ID!) {
    cancelSimulation(id: $id) {
      id
      status
    }
  }
`);

const SimulationDocument = graphql(`
  query SimulationResult($id: ID!) {
    simulation(id: $id) {
      id
      status
      error
      progress {
        stage
        percent
        message
      }
      results {
        complexCode
        runs
        years
        sources
        csv
        bands {
          targetId
          seriesId
          label
          bound
          basisPoints
          perPolicy {
            policy
            startBasisPoints
            endBasisPoints
            yearsOutside
            firstYearInside
          }
        }
        prices {
          policy
          registrationTimeGivenUpYears
          deviatedShareBasisPoints
          offersPerAllocation
          meanChosenWaitYears
        }
      }
    }
  }
`);

type Result = SimulationResultQuery['simulation']['results'][number];
const FINISHED = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** Simulation studio: a complex over the years under policies (the plain order always beside them), with the price of each. */
export function SimulationStudioPage() {
  const { t } = useI18n();
  const studio = useQuery({ queryKey: ['studio'], queryFn: () => gql(StudioDocument) });
  const [complexId, setComplexId] = useState('');
  const [policyIds, setPolicyIds] = useState<string[] | null>(null);
  const [horizon, setHorizon] = useState('10');
  const [runs, setRuns] = useState('200');
  const [simulationId, setSimulationId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () =>
      gql(StartDocument, {
        input: { complexIds: [complexId || defaultComplex], compositionPolicyIds: chosenPolicies, horizonYears: Number(horizon), runs: Number(runs), seed: 1 },
      }),
    onSuccess: (data) => setSimulationId(data.startSimulation.id),
  });
  const simulation = useQuery({
    queryKey: ['simulation', simulationId],
    enabled: simulationId !== null,
    queryFn: () => gql(SimulationDocument, { id: simulationId! }),
    refetchInterval: (query) => (query.state.data && FINISHED.includes(query.state.data.simulation.status) ? false : 1000),
  });
  const cancel = useMutation({ mutationFn: () => gql(CancelDocument, { id: simulationId! }), onSuccess: () => void simulation.refetch() });

  if (studio.isPending) return <Loading />;
  if (studio.error || !studio.data) return <ErrorMessage error={studio.error} />;
  const complexes = [...studio.data.complexes.nodes].sort((a, b) => a.name.localeCompare(b.name));
  const defaultComplex = complexes.find((c) => c.code === 'CPX-CASE')?.id ?? complexes[0]?.id ?? '';
  const policies = studio.data.compositionPolicies;
  const chosenPolicies = policyIds ?? policies.slice(-2).map((p) => p.id);
  const togglePolicy = (id: string, on: boolean) => setPolicyIds(on ? [...chosenPolicies, id].slice(-2) : chosenPolicies.filter((p) => p !== id));
  const s = simulation.data?.simulation;
  // the results name policies as "CODE vN" and the baseline "plain order": say which is which
  const policyName = (label: string) => {
    if (label === 'plain order') return t('sim.plainOrder');
    const policy = policies.find((p) => `${p.code} v${p.version}` === label);
    return policy?.name ? `${label} (${policy.name})` : label;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSimulationId(null);
    start.mutate();
  };
  return (
    <section>
      <h1>{t('sim.title')}</h1>
      <form onSubmit={submit} className="card" aria-labelledby="sim-form-title">
        <h2 id="sim-form-title">{t('sim.setup')}</h2>
        <label className="field">
          <span>{t('sim.complex')}</span>
          <select value={complexId || defaultComplex} onChange={(e) => setComplexId(e.target.value)}>
            {complexes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.code})
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t('sim.policies')}</legend>
          <p className="note">{t('sim.policiesNote')}</p>
          {policies.map((p) => (
            <label key={p.id} className="check">
              <input type="checkbox" checked={chosenPolicies.includes(p.id)} onChange={(e) => togglePolicy(p.id, e.target.checked)} /> {p.code} v{p.version}
              {p.name ? ` (${p.name})` : ''}, {t('sim.from')} {p.effectiveFrom}
            </label>
          ))}
        </fieldset>
        <div className="filters">
          <label className="field">
            <span>{t('sim.horizon')}</span>
            <input type="number" min={1} max={30} value={horizon} onChange={(e) => setHorizon(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('sim.runs')}</span>
            <input type="number" min={10} max={2000} value={runs} onChange={(e) => setRuns(e.target.value)} />
          </label>
        </div>
        <Button type="submit" className="button" isDisabled={start.isPending || (!!s && !FINISHED.includes(s.status))}>
          {t('sim.start')}
        </Button>
        <ErrorMessage error={start.error} />
      </form>
      <ErrorMessage error={simulation.error} />
      {s && (
        <section aria-labelledby="sim-run-title">
          <h2 id="sim-run-title">{t('sim.run', { id: s.id })}</h2>
          <p role="status" data-testid="sim-status">
            {t(`jobStatus.${s.status}` as MessageKey)} · {s.progress.message}
          </p>
          {!FINISHED.includes(s.status) && (
            <>
              <progress max={100} value={s.progress.percent} aria-label={t('sim.progress')}>
                {s.progress.percent}%
              </progress>
              <Button className="button secondary" onPress={() => cancel.mutate()} isDisabled={cancel.isPending}>
                {t('sim.cancel')}
              </Button>
            </>
          )}
          {s.error && <p className="error">{s.error}</p>}
          {s.results.map((r) => (
            <SimulationResultView key={r.complexCode} result={r} policyName={policyName} />
          ))}
        </section>
      )}
    </section>
  );
}

interface SeriesRow {
  policy: string;
  series: string;
  year: number;
  mean: number;
  p10: number;
  p90: number;
}

function SimulationResultView({ result, policyName }: { result: Result; policyName: (label: string) => string }) {
  const { t, percentBp, number } = useI18n();
  // columns of seriesRows (src/engine/simulation/summarise.ts); shares in basis points
  const rows = Papa.parse<Record<string, string>>(result.csv, { header: true, skipEmptyLines: true }).data.map((r): SeriesRow => ({
    policy: policyName(r.policy),
    series: r.series,
    year: Number(r.year),
    mean: Number(r.mean_basis_points) / 100,
    p10: Number(r.p10_basis_points) / 100,
    p90: Number(r.p90_basis_points) / 100,
  }));
  const download = useMemo(() => URL.createObjectURL(new Blob([result.csv], { type: 'text/csv' })), [result.csv]);
  useEffect(() => () => URL.revokeObjectURL(download), [download]);
  return (
    <article aria-labelledby={`result-${result.complexCode}`} data-testid="sim-result">
      <h3 id={`result-${result.complexCode}`}>{t('sim.resultTitle', { complex: result.complexCode, runs: number(result.runs), years: result.years })}</h3>
      <details className="note">
        <summary>{t('sim.sources')}</summary>
        <pre className="body">{JSON.stringify(JSON.parse(result.sources), null, 2)}</pre>
      </details>
      {result.bands.map((band) => {
        const series = rows.filter((r) => r.series === band.seriesId);
        return (
          <figure key={band.targetId} className="simulation-chart">
            <figcaption>
              {band.label}: {band.bound === 'MAX' ? '≤' : '≥'} {percentBp(band.basisPoints)}
            </figcaption>
            <PlotFigure
              label={t('sim.chartLabel', { target: band.label })}
              deps={[result.csv, band.targetId]}
              make={() =>
                Plot.plot({
                  width: 720,
                  height: 320,
                  x: { label: t('sim.year'), tickFormat: 'd' },
                  y: { label: t('sim.share'), grid: true },
                  color: { legend: true },
                  marks: [
                    Plot.areaY(series, { x: 'year', y1: 'p10', y2: 'p90', fill: 'policy', fillOpacity: 0.15 }),
                    Plot.lineY(series, { x: 'year', y: 'mean', stroke: 'policy', strokeWidth: 2 }),
                    Plot.ruleY([band.basisPoints / 100], { stroke: '#b91c1c', strokeDasharray: '4,3' }),
                  ],
                })
              }
            />
            <table className="data-table compact" data-testid="band-outcomes">
              <caption>{t('sim.bandCaption', { target: band.label })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sim.policy')}</th>
                  <th scope="col">{t('sim.startShare')}</th>
                  <th scope="col">{t('sim.endShare')}</th>
                  <th scope="col">{t('sim.yearsOutside')}</th>
                  <th scope="col">{t('sim.firstInside')}</th>
                </tr>
              </thead>
              <tbody>
                {band.perPolicy.map((p) => (
                  <tr key={p.policy}>
                    <th scope="row">{policyName(p.policy)}</th>
                    <td>{percentBp(p.startBasisPoints)}</td>
                    <td>{percentBp(p.endBasisPoints)}</td>
                    <td>
                      {p.yearsOutside} / {result.years}
                    </td>
                    <td>{p.firstYearInside ?? t('sim.never')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figure>
        );
      })}
      <table className="data-table" data-testid="sim-prices">
        <caption>{t('sim.pricesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sim.policy')}</th>
            <th scope="col">{t('sim.givenUp')}</th>
            <th scope="col">{t('sim.deviated')}</th>
            <th scope="col">{t('sim.offers')}</th>
            <th scope="col">{t('sim.wait')}</th>
          </tr>
        </thead>
        <tbody>
          {result.prices.map((p) => (
            <tr key={p.policy}>
              <th scope="row">{policyName(p.policy)}</th>
              <td>{t('sim.yearsValue', { value: number(p.registrationTimeGivenUpYears, 2) })}</td>
              <td>{percentBp(p.deviatedShareBasisPoints)}</td>
              <td>{number(p.offersPerAllocation, 2)}</td>
              <td>{t('sim.yearsValue', { value: number(p.meanChosenWaitYears, 1) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={download} download={`simulatie-${result.complexCode}.csv`}>
          {t('sim.csv')}
        </a>
      </p>
    </article>
  );
}
