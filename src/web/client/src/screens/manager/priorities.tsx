import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { gql } from '../../api/client';
import { currentSession, hasRole } from '../../auth/session';
import { ErrorMessage, Loading } from '../../components/error-message';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const PrioritiesDocument = graphql(`
  query NeighbourhoodPriorities {
    neighbourhoodPriorities {
      asOf
      inflowSince
      policyVersion
      policyName
      buurten {
        rank
        buurtCode
        name
        score
        latestYear
        complexes
        associationDwellings
        components {
          id
          value
          weight
          points
          note
        }
      }
    }
  }
`);

/** The readings per buurt: for staff only (a partner may not ask for `neighbourhoods`; it reads them in the dossier). */
const ReadingsDocument = graphql(`
  query NeighbourhoodReadingsForPriorities {
    neighbourhoods {
      buurtCode
      readings {
        year
        source
        resilienceClass
        leefbaarometerClass
        nuisanceClass
        socialCohesionClass
        dwellingStock
      }
    }
  }
`);

/**
 * Where to steer (issue 16): the buurten where the association has homes, ranked through the
 * resilience lens, each with the components of its score (value, weight, points) and its readings
 * over the years. The weights are the priority policy in force (named above the list). Each buurt
 * opens its dossier; a partner sees only the buurten granted to it.
 */
export function PrioritiesPage() {
  const { t, number, percent, date } = useI18n();
  const session = currentSession();
  // a partner is refused any query but its buurten's priorities and dossiers, so it never asks for the readings here
  const staff = hasRole(session, 'OFFICER', 'MANAGER', 'AUDITOR', 'ADMIN');
  const query = useQuery({ queryKey: ['priorities'], queryFn: () => gql(PrioritiesDocument) });
  const readings = useQuery({ queryKey: ['priority-readings'], queryFn: () => gql(ReadingsDocument), enabled: staff });
  const [open, setOpen] = useState<string | null>(null);
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <ErrorMessage error={query.error} />;
  const p = query.data.neighbourhoodPriorities;
  const readingsOf = (code: string) => readings.data?.neighbourhoods.find((n) => n.buurtCode === code)?.readings ?? [];
  const valueText = (id: string, value: number | null | undefined) =>
    value === null || value === undefined
      ? '–'
      : id === 'ASSOCIATION_SHARE' || id === 'VULNERABLE_INFLOW' || id === 'URGENT_INFLOW'
        ? percent(value)
        : number(value);
  return (
    <section>
      <h1>{t('priorities.title')}</h1>
      <p className="note">{t('priorities.intro', { policy: p.policyName, version: p.policyVersion, since: date(p.inflowSince) })}</p>
      {!staff && <p className="note">{t('priorities.partnerNote')}</p>}
      <table className="data-table" data-testid="priorities">
        <caption>{t('priorities.caption', { date: date(p.asOf) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('priorities.rank')}</th>
            <th scope="col">{t('priorities.buurt')}</th>
            <th scope="col">{t('priorities.score')}</th>
            <th scope="col">{t('priorities.latest')}</th>
            <th scope="col">{t('priorities.complexes')}</th>
            <th scope="col">{t('priorities.homes')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('priorities.details')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {p.buurten.map((b) => (
            <Fragment key={b.buurtCode}>
              <tr>
                <td>{b.rank}</td>
                <th scope="row">
                  <Link to={`/buurten/${b.buurtCode}/dossier`} aria-label={t('priorities.openDossier', { name: `${b.name} (${b.buurtCode})` })}>
                    {b.name} ({b.buurtCode})
                  </Link>
                </th>
                <td>{number(b.score, 1)}</td>
                <td>{b.latestYear ?? '–'}</td>
                <td>{b.complexes}</td>
                <td>{number(b.associationDwellings)}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-expanded={open === b.buurtCode}
                    aria-controls={`why-${b.buurtCode}`}
                    onClick={() => setOpen(open === b.buurtCode ? null : b.buurtCode)}
                  >
                    {t('priorities.why', { name: b.name })}
                  </button>
                </td>
              </tr>
              {open === b.buurtCode && (
                <tr id={`why-${b.buurtCode}`}>
                  <td colSpan={7}>
                    <table className="data-table compact" data-testid="priority-components">
                      <caption>{t('priorities.componentsCaption', { name: b.name })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('priorities.component')}</th>
                          <th scope="col">{t('priorities.value')}</th>
                          <th scope="col">{t('priorities.weight')}</th>
                          <th scope="col">{t('priorities.points')}</th>
                          <th scope="col">{t('priorities.note')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {b.components.map((c) => (
                          <tr key={c.id}>
                            <th scope="row">{t(`priorities.component.${c.id}` as MessageKey)}</th>
                            <td>{valueText(c.id, c.value)}</td>
                            <td>{number(c.weight, 2)}</td>
                            <td>{number(c.points, 2)}</td>
                            <td>{c.note ?? ''}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    <ErrorMessage error={readings.error} />
                    {staff && readings.isPending ? (
                      <Loading />
                    ) : staff ? (
                      <table className="data-table compact" data-testid="buurt-readings">
                        <caption>{t('priorities.readingsCaption', { name: b.name })}</caption>
                        <thead>
                          <tr>
                            <th scope="col">{t('priorities.year')}</th>
                            <th scope="col">{t('priorities.source')}</th>
                            <th scope="col">{t('priorities.resilience')}</th>
                            <th scope="col">{t('priorities.leefbaarometer')}</th>
                            <th scope="col">{t('priorities.nuisance')}</th>
                            <th scope="col">{t('priorities.cohesion')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {readingsOf(b.buurtCode).length === 0 && (
                            <tr>
                              <td colSpan={6} className="muted">
                                {t('priorities.noReadings')}
                              </td>
                            </tr>
                          )}
                          {readingsOf(b.buurtCode).map((r) => (
                            <tr key={`${r.year}:${r.source}`}>
                              <td>{r.year}</td>
                              <td>{r.source}</td>
                              <td>{r.resilienceClass ?? '–'}</td>
                              <td>{r.leefbaarometerClass ?? '–'}</td>
                              <td>{r.nuisanceClass ?? '–'}</td>
                              <td>{r.socialCohesionClass ?? '–'}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    ) : (
                      <p>
                        <Link to={`/buurten/${b.buurtCode}/dossier`}>{t('priorities.readingsInDossier', { name: b.name })}</Link>
                      </p>
                    )}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}
