import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Input, Label, SearchField } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { gql } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { ErrorMessage, Loading } from '../../components/error-message';
import { graphql } from '../../gql';
import type { AllocationRoute, VacancyStatus, WorklistQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { OffersDuePanel } from './offers-due-panel';

const WorklistDocument = graphql(`
  query Worklist($filter: VacancyFilter, $first: Int!) {
    vacancies(filter: $filter, first: $first) {
      totalCount
      nodes {
        id
        reference
        status
        route
        availableFrom
        respondentCount
        dwelling {
          code
          address
          complex {
            code
            name
            neighbourhood {
              name
              buurtCode
            }
          }
        }
      }
    }
    neighbourhoods {
      buurtCode
      name
    }
  }
`);

type Row = WorklistQuery['vacancies']['nodes'][number];

export const ACTIVE_STATUSES: VacancyStatus[] = ['OPEN', 'PROPOSED', 'OFFERED'];
export const ROUTES: AllocationRoute[] = ['REGULAR', 'LOTTERY', 'URGENCY', 'DIRECT', 'POINTS'];
const PAGE = 200;

/** The officer's worklist: what is due today (offers' stages), then the vacancies being let, by complex and route, filtered and searched by reference. */
export function WorklistPage() {
  const { t, date, number } = useI18n();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const status = params.get('status') ?? 'ACTIVE';
  const route = params.get('route') ?? '';
  const buurt = params.get('buurt') ?? '';
  const complex = params.get('complex') ?? '';
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const filter = {
    ...(status === 'ACTIVE' ? { statusIn: ACTIVE_STATUSES } : status ? { status: status as VacancyStatus } : {}),
    ...(route ? { route: route as AllocationRoute } : {}),
    ...(buurt ? { buurtCode: buurt } : {}),
    ...(complex ? { complexCode: complex } : {}),
    ...(params.get('q') ? { referenceContains: params.get('q')! } : {}),
  };
  const query = useQuery({ queryKey: ['worklist', filter], queryFn: () => gql(WorklistDocument, { filter, first: PAGE }) });
  const complexes = useMemo(() => {
    const seen = new Map<string, string>();
    for (const v of query.data?.vacancies.nodes ?? []) seen.set(v.dwelling.complex.code, v.dwelling.complex.name);
    return [...seen].sort((a, b) => a[1].localeCompare(b[1]));
  }, [query.data]);

  const columns = useMemo<ColumnDef<Row, any>[]>(
    () => [
      {
        id: 'reference',
        header: t('worklist.reference'),
        accessorFn: (r) => r.reference,
        cell: (c) => <Link to={`/vacancies/${c.row.original.id}`}>{c.row.original.reference}</Link>,
      },
      { id: 'complex', header: t('worklist.complex'), accessorFn: (r) => `${r.dwelling.complex.name} (${r.dwelling.complex.code})` },
      { id: 'buurt', header: t('worklist.buurt'), accessorFn: (r) => r.dwelling.complex.neighbourhood.name },
      { id: 'address', header: t('worklist.address'), accessorFn: (r) => r.dwelling.address },
      { id: 'route', header: t('worklist.route'), accessorFn: (r) => t(`route.${r.route}` as MessageKey) },
      {
        id: 'status',
        header: t('worklist.status'),
        accessorFn: (r) => t(`vacancyStatus.${r.status}` as MessageKey),
        cell: (c) => <span className={`badge status-${c.row.original.status}`}>{c.getValue()}</span>,
      },
      { id: 'respondents', header: t('worklist.respondents'), accessorFn: (r) => r.respondentCount, cell: (c) => number(c.getValue()) },
      { id: 'availableFrom', header: t('worklist.availableFrom'), accessorFn: (r) => r.availableFrom, cell: (c) => date(c.getValue()) },
    ],
    [t, date, number],
  );

  return (
    <section>
      <h1>{t('worklist.title')}</h1>
      <OffersDuePanel />
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter('q', search.trim());
        }}
      >
        <SearchField value={search} onChange={setSearch} onSubmit={(v) => setFilter('q', v.trim())} onClear={() => setFilter('q', '')} className="field">
          <Label>{t('worklist.search')}</Label>
          <Input placeholder="VAC-…" />
        </SearchField>
        <label className="field">
          <span>{t('worklist.status')}</span>
          <select value={status} onChange={(e) => setFilter('status', e.target.value === 'ACTIVE' ? '' : e.target.value)}>
            <option value="ACTIVE">{t('worklist.allActive')}</option>
            {(['OPEN', 'PROPOSED', 'OFFERED', 'ALLOCATED', 'WITHDRAWN'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`vacancyStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('worklist.route')}</span>
          <select value={route} onChange={(e) => setFilter('route', e.target.value)}>
            <option value="">{t('worklist.any')}</option>
            {ROUTES.map((r) => (
              <option key={r} value={r}>
                {t(`route.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('worklist.buurt')}</span>
          <select value={buurt} onChange={(e) => setFilter('buurt', e.target.value)}>
            <option value="">{t('worklist.any')}</option>
            {(query.data?.neighbourhoods ?? []).map((n) => (
              <option key={n.buurtCode} value={n.buurtCode}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('worklist.complex')}</span>
          <select value={complex} onChange={(e) => setFilter('complex', e.target.value)}>
            <option value="">{t('worklist.any')}</option>
            {complex && !complexes.some(([code]) => code === complex) && <option value={complex}>{complex}</option>}
            {complexes.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {query.isPending && <Loading />}
      <ErrorMessage error={query.error} />
      {query.data && (
        <>
          <p role="status" data-testid="worklist-count">
            {t('worklist.count', { shown: number(query.data.vacancies.nodes.length), total: number(query.data.vacancies.totalCount) })}
          </p>
          <DataTable columns={columns} data={query.data.vacancies.nodes} caption={t('worklist.caption')} testId="worklist" />
        </>
      )}
    </section>
  );
}
