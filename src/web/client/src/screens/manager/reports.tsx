import * as Plot from '@observablehq/plot';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { gql } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/error-message';
import { PlotFigure } from '../../components/plot-figure';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { quotaName } from '../../i18n/quota-name';

const ReportDocument = graphql(`
  query AllocationReportScreen($year: Int!, $municipalityCode: String) {
    allocationReport(year: $year, municipalityCode: $municipalityCode) {
      year
      scope
      allocations
      csv
      quotas {
        quota
        numerator
        denominator
        basisPoints
        normBasisPoints
        normComparison
        normReference
        meetsNorm
      }
      deviations {
        dimension
        key
        decisions
        passedOver
        overrides
      }
      groups {
        dimension
        category
        applicants
        allocated
        rateBasisPoints
      }
    }
  }
`);

/** The allocation report: quota shares against their norms, deviations per officer, reason and complex, rates per group; CSV. */
export function ReportsPage() {
  const { t, number, percentBp, language } = useI18n();
  const thisYear = new Date().getUTCFullYear();
  const [form, setForm] = useState({ year: String(thisYear), municipalityCode: '' });
  const [asked, setAsked] = useState({ year: thisYear, municipalityCode: '' });
  const report = useQuery({
    queryKey: ['report', asked],
    queryFn: () => gql(ReportDocument, { year: asked.year, municipalityCode: asked.municipalityCode || null }),
  });
  const csv = report.data?.allocationReport.csv ?? '';
  const download = useMemo(() => URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), [csv]);
  useEffect(() => () => URL.revokeObjectURL(download), [download]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked({ year: Number(form.year), municipalityCode: form.municipalityCode.trim() });
  };
  const loaded = report.data?.allocationReport;
  const r = loaded && { ...loaded, quotas: loaded.quotas.map((q) => ({ ...q, name: quotaName(t, q.quota) })) };
  const suppressed = r ? r.groups.filter((g) => g.applicants === null || g.applicants === undefined).length : 0;
  const dimensions = r ? [...new Set(r.groups.map((g) => g.dimension))] : [];
  return (
    <section>
      <h1>{t('reports.title')}</h1>
      <form onSubmit={submit} className="filters" aria-label={t('reports.choose')}>
        <label className="field">
          <span>{t('reports.year')}</span>
          <input type="number" min={2000} max={2100} value={form.year} onChange={(e) => setForm({ ...form, year: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('reports.municipality')}</span>
          <input value={form.municipalityCode} placeholder="GM0000" onChange={(e) => setForm({ ...form, municipalityCode: e.target.value })} />
        </label>
        <Button type="submit" className="button">
          {t('reports.show')}
        </Button>
      </form>
      {report.isPending && <Loading />}
      <ErrorMessage error={report.error} />
      {r && (
        <>
          <p data-testid="report-summary">
            {t('reports.summary', { year: r.year, scope: r.scope === 'ASSOCIATION' ? t('reports.association') : r.scope, count: number(r.allocations) })}
          </p>
          <p className="note" data-testid="report-caveat">
            {t('reports.caveat')}
            {suppressed > 0 && ` ${t('reports.suppressed', { count: suppressed })}`}
          </p>
          <section aria-labelledby="report-quotas">
            <h2 id="report-quotas">{t('reports.quotas')}</h2>
            <PlotFigure
              label={t('reports.quotaChart')}
              // drawn anew when the report or the reader's language (axis label, quota names) changes
              deps={[loaded, language]}
              make={() =>
                Plot.plot({
                  marginLeft: 320,
                  width: 780,
                  height: 60 + r.quotas.length * 40,
                  x: { label: t('reports.share'), domain: [0, 100], grid: true },
                  y: { label: null },
                  marks: [
                    Plot.barX(r.quotas, { x: (q) => (q.basisPoints ?? 0) / 100, y: 'name', fill: (q) => (q.meetsNorm === false ? '#b91c1c' : '#1d4ed8') }),
                    Plot.tickX(r.quotas, { x: (q) => q.normBasisPoints / 100, y: 'name', stroke: '#111827', strokeWidth: 3 }),
                  ],
                })
              }
            />
            <table className="data-table" data-testid="report-quotas">
              <caption>{t('reports.quotasCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('rounds.quota')}</th>
                  <th scope="col">{t('rounds.norm')}</th>
                  <th scope="col">{t('reports.share')}</th>
                  <th scope="col">{t('reports.basis')}</th>
                  <th scope="col">{t('rounds.meets')}</th>
                  <th scope="col">{t('reports.reference')}</th>
                </tr>
              </thead>
              <tbody>
                {r.quotas.map((q) => (
                  <tr key={q.quota}>
                    <th scope="row">{q.name}</th>
                    <td>
                      {q.normComparison} {percentBp(q.normBasisPoints)}
                    </td>
                    <td>{percentBp(q.basisPoints)}</td>
                    <td>
                      {number(q.numerator)} / {number(q.denominator)}
                    </td>
                    <td>{q.meetsNorm === null || q.meetsNorm === undefined ? t('reports.nothingYet') : q.meetsNorm ? t('policy.yes') : t('policy.no')}</td>
                    <td>{q.normReference}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="report-deviations">
            <h2 id="report-deviations">{t('reports.deviations')}</h2>
            {(['OFFICER', 'REASON_CODE', 'COMPLEX'] as const).map((dimension) => {
              const rows = r.deviations.filter((d) => d.dimension === dimension);
              return (
                <table key={dimension} className="data-table compact" data-testid={`report-deviations-${dimension}`}>
                  <caption>{t(`reports.deviations.${dimension}` as MessageKey)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t(`reports.key.${dimension}` as MessageKey)}</th>
                      <th scope="col">{t('reports.decisions')}</th>
                      <th scope="col">{t('reports.passedOver')}</th>
                      <th scope="col">{t('reports.overrides')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.length === 0 && (
                      <tr>
                        <td colSpan={4} className="muted">
                          {t('table.empty')}
                        </td>
                      </tr>
                    )}
                    {rows.map((d) => (
                      <tr key={d.key}>
                        <th scope="row">{d.key}</th>
                        <td>{number(d.decisions)}</td>
                        <td>{number(d.passedOver)}</td>
                        <td>{number(d.overrides)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              );
            })}
          </section>
          <section aria-labelledby="report-groups">
            <h2 id="report-groups">{t('reports.groups')}</h2>
            {dimensions.map((dimension) => {
              const rows = r.groups.filter((g) => g.dimension === dimension);
              const shown = rows.filter((g) => g.rateBasisPoints !== null && g.rateBasisPoints !== undefined);
              return (
                <figure key={dimension} className="report-group">
                  <figcaption>{t('reports.groupCaption', { dimension })}</figcaption>
                  {shown.length > 0 && (
                    <PlotFigure
                      label={t('reports.groupChart', { dimension })}
                      deps={[loaded, language, dimension]}
                      make={() =>
                        Plot.plot({
                          marginLeft: 220,
                          width: 720,
                          height: 40 + shown.length * 28,
                          x: { label: t('reports.rate'), domain: [0, 100], grid: true },
                          y: { label: null },
                          marks: [Plot.barX(shown, { x: (g) => (g.rateBasisPoints ?? 0) / 100, y: 'category', fill: '#0f766e' })],
                        })
                      }
                    />
                  )}
                  <table className="data-table compact" data-testid={`report-groups-${dimension}`}>
                    <caption className="visually-hidden">{t('reports.groupCaption', { dimension })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('reports.category')}</th>
                        <th scope="col">{t('reports.applicants')}</th>
                        <th scope="col">{t('reports.allocated')}</th>
                        <th scope="col">{t('reports.rate')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((g) => (
                        <tr key={g.category}>
                          <th scope="row">{g.category}</th>
                          <td>{g.applicants === null || g.applicants === undefined ? t('reports.small') : number(g.applicants)}</td>
                          <td>{g.allocated === null || g.allocated === undefined ? t('reports.small') : number(g.allocated)}</td>
                          <td>{percentBp(g.rateBasisPoints)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </figure>
              );
            })}
          </section>
          <p>
            <a href={download} download={`toewijzingsrapportage-${r.year}-${r.scope}.csv`}>
              {t('reports.csv')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}
