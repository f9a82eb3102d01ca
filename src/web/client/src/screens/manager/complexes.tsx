import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { gql } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { ErrorMessage, Loading } from '../../components/error-message';
import { graphql } from '../../gql';
import type { ComplexesOverviewQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';

const ComplexesDocument = graphql(`
  query ComplexesOverview {
    complexes(first: 100) {
      totalCount
      nodes {
        id
        code
        name
        dwellingCount
        neighbourhood {
          name
          buurtCode
          resilienceClass
        }
        composition {
          occupiedCount
          inflow {
            count
            urgentShare
            vulnerableShare
          }
        }
        targets {
          targetId
          label
          bound
          basisPoints
          count
          total
          shareBasisPoints
          withinTarget
        }
      }
    }
  }
`);

type Complex = ComplexesOverviewQuery['complexes']['nodes'][number];

interface Buurt {
  code: string;
  name: string;
  resilienceClass: number;
  complexes: number;
  dwellings: number;
  outside: number;
}

/** Complexes and buurten: the mix against the targets, the resilience class, the inflow; sortable. */
export function ComplexesPage() {
  const { t, number, percent, percentBp } = useI18n();
  const query = useQuery({ queryKey: ['complexes-overview'], queryFn: () => gql(ComplexesDocument) });
  const columns = useMemo<ColumnDef<Complex, any>[]>(
    () => [
      { id: 'complex', header: t('complexes.complex'), accessorFn: (c) => `${c.name} (${c.code})` },
      { id: 'buurt', header: t('complexes.buurt'), accessorFn: (c) => c.neighbourhood.name },
      { id: 'class', header: t('complexes.resilience'), accessorFn: (c) => c.neighbourhood.resilienceClass },
      { id: 'dwellings', header: t('complexes.dwellings'), accessorFn: (c) => c.dwellingCount, cell: (x) => number(x.getValue()) },
      { id: 'occupied', header: t('complexes.occupied'), accessorFn: (c) => c.composition.occupiedCount, cell: (x) => number(x.getValue()) },
      {
        id: 'targets',
        header: t('complexes.targets'),
        accessorFn: (c) => c.targets.filter((x) => !x.withinTarget).length,
        cell: (x) => (
          <ul className="plain">
            {x.row.original.targets.length === 0 && <li className="muted">{t('complexes.noTargets')}</li>}
            {x.row.original.targets.map((target) => (
              <li key={target.targetId} className={target.withinTarget ? 'within' : 'outside'}>
                <span aria-hidden="true">{target.withinTarget ? '✓ ' : '✗ '}</span>
                {target.label}:{' '}
                {target.shareBasisPoints === null || target.shareBasisPoints === undefined ? t('complexes.small') : percentBp(target.shareBasisPoints)} (
                {target.bound === 'MAX' ? '≤' : '≥'} {percentBp(target.basisPoints)}) {target.withinTarget ? t('complexes.within') : t('complexes.outside')}
              </li>
            ))}
          </ul>
        ),
      },
      {
        id: 'inflow',
        header: t('complexes.inflow'),
        accessorFn: (c) => c.composition.inflow.count ?? -1,
        cell: (x) => (x.getValue() < 0 ? t('complexes.small') : number(x.getValue())),
      },
      {
        id: 'urgent',
        header: t('complexes.urgentInflow'),
        accessorFn: (c) => c.composition.inflow.urgentShare ?? -1,
        cell: (x) => (x.getValue() < 0 ? t('complexes.small') : percent(x.getValue())),
      },
      {
        id: 'vulnerable',
        header: t('complexes.vulnerableInflow'),
        accessorFn: (c) => c.composition.inflow.vulnerableShare ?? -1,
        cell: (x) => (x.getValue() < 0 ? t('complexes.small') : percent(x.getValue())),
      },
    ],
    [t, number, percent, percentBp],
  );
  const buurten = useMemo(() => {
    const byCode = new Map<string, Buurt>();
    for (const c of query.data?.complexes.nodes ?? []) {
      const b = byCode.get(c.neighbourhood.buurtCode) ?? {
        code: c.neighbourhood.buurtCode,
        name: c.neighbourhood.name,
        resilienceClass: c.neighbourhood.resilienceClass,
        complexes: 0,
        dwellings: 0,
        outside: 0,
      };
      b.complexes += 1;
      b.dwellings += c.dwellingCount;
      if (c.targets.some((x) => !x.withinTarget)) b.outside += 1;
      byCode.set(b.code, b);
    }
    return [...byCode.values()];
  }, [query.data]);
  const buurtColumns = useMemo<ColumnDef<Buurt, any>[]>(
    () => [
      { id: 'name', header: t('complexes.buurt'), accessorFn: (b) => `${b.name} (${b.code})` },
      { id: 'class', header: t('complexes.resilience'), accessorFn: (b) => b.resilienceClass },
      { id: 'complexes', header: t('complexes.complexes'), accessorFn: (b) => b.complexes },
      { id: 'dwellings', header: t('complexes.dwellings'), accessorFn: (b) => b.dwellings, cell: (x) => number(x.getValue()) },
      { id: 'outside', header: t('complexes.outsideCount'), accessorFn: (b) => b.outside },
    ],
    [t, number],
  );
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <ErrorMessage error={query.error} />;
  return (
    <section>
      <h1>{t('complexes.title')}</h1>
      <p className="note">{t('complexes.intro')}</p>
      <DataTable columns={buurtColumns} data={buurten} caption={t('complexes.buurtenCaption')} testId="buurten" />
      <DataTable
        columns={columns}
        data={query.data.complexes.nodes}
        caption={t('complexes.caption', { count: number(query.data.complexes.totalCount) })}
        testId="complexes"
      />
    </section>
  );
}
