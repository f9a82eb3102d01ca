import * as Plot from '@observablehq/plot';
import type { TargetFieldsFragment } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';
import { PlotFigure } from './plot-figure';

/** The fields of api/fragments.ts (TargetFields). */
export type TargetRow = TargetFieldsFragment;

/**
 * The complex's mix against its composition targets: the share now and with the proposed household,
 * and the target as a line (at most for MAX, at least for MIN). The same figures as a table below,
 * for screen readers and for reading exact numbers.
 */
export function CompositionChart({ targets }: { targets: readonly TargetRow[] }) {
  const { t, percentBp } = useI18n();
  const points = targets.flatMap((target) => [
    { target: target.label, state: t('composition.now'), share: (target.before.basisPoints ?? 0) / 100 },
    ...(target.afterThis ? [{ target: target.label, state: t('composition.afterThis'), share: (target.afterThis.basisPoints ?? 0) / 100 }] : []),
  ]);
  const bounds = targets.map((target) => ({ target: target.label, share: target.basisPoints / 100, bound: target.bound }));
  return (
    <figure className="composition">
      <PlotFigure
        label={t('composition.chartLabel')}
        deps={[JSON.stringify(targets), t('composition.now')]}
        make={() =>
          Plot.plot({
            // room for the longest target label ("households living on work or pension")
            marginLeft: 250,
            width: 720,
            height: 60 + targets.length * 44,
            x: { label: t('composition.shareAxis'), domain: [0, 100], grid: true },
            y: { label: null },
            color: { legend: true, domain: [t('composition.now'), t('composition.afterThis')], range: ['#6b7280', '#1d4ed8'] },
            marks: [
              Plot.ruleY(
                bounds.map((b) => b.target),
                { stroke: '#e5e7eb' },
              ),
              Plot.tickX(bounds, {
                x: 'share',
                y: 'target',
                stroke: '#b91c1c',
                strokeWidth: 3,
                title: (b: { bound: string; share: number }) => `${b.bound === 'MAX' ? '≤' : '≥'} ${b.share}%`,
              }),
              Plot.dot(points, {
                x: 'share',
                y: 'target',
                fill: 'state',
                r: 6,
                title: (p: { state: string; share: number }) => `${p.state}: ${p.share.toFixed(1)}%`,
              }),
            ],
          })
        }
      />
      <table className="data-table compact">
        <caption>{t('composition.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('composition.target')}</th>
            <th scope="col">{t('composition.norm')}</th>
            <th scope="col">{t('composition.now')}</th>
            <th scope="col">{t('composition.afterThis')}</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((target) => (
            <tr key={target.targetId}>
              <th scope="row">{target.label}</th>
              <td>
                {target.bound === 'MAX' ? '≤' : '≥'} {percentBp(target.basisPoints)}
              </td>
              <td>
                {percentBp(target.before.basisPoints)} ({target.before.count}/{target.before.total})
              </td>
              <td>
                {target.afterThis
                  ? `${percentBp(target.afterThis.basisPoints)} (${target.afterThis.count}/${target.afterThis.total})`
                  : t('composition.withheld')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
