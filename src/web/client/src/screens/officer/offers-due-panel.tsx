import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { gql } from '../../api/client';
import { currentSession, hasRole } from '../../auth/session';
import { ErrorMessage, Loading } from '../../components/error-message';
import type { OffersDueQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { DueDate, useStageName } from './offer-stage';
import { OffersDueDocument } from './vacancy-operations';

type DueOffer = OffersDueQuery['offersDue'][number];

/** "Vandaag te doen": the officer's open offers whose stage is due today or overdue (past it, the offer expires). */
export function OffersDuePanel() {
  const { t } = useI18n();
  const officer = hasRole(currentSession(), 'OFFICER');
  const query = useQuery({ queryKey: ['offersDue'], queryFn: () => gql(OffersDueDocument, {}), enabled: officer });
  if (!officer) return null;
  return (
    <section aria-labelledby="offers-due-title" className="offers-due">
      <h2 id="offers-due-title">{t('due.title')}</h2>
      {query.isPending && <Loading />}
      <ErrorMessage error={query.error} />
      {query.data && query.data.offersDue.length === 0 && <p className="muted">{t('due.none')}</p>}
      {query.data && query.data.offersDue.length > 0 && (
        <table className="data-table" data-testid="offers-due">
          <caption className="visually-hidden">{t('due.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('due.vacancy')}</th>
              <th scope="col">{t('due.household')}</th>
              <th scope="col">{t('due.stage')}</th>
              <th scope="col">{t('due.due')}</th>
            </tr>
          </thead>
          <tbody>
            {query.data.offersDue.map((o) => (
              <DueRow key={o.id} offer={o} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function DueRow({ offer }: { offer: DueOffer }) {
  const stageName = useStageName();
  const v = offer.vacancy;
  return (
    <tr>
      <td>
        <Link to={`/vacancies/${v.id}`}>{v.reference}</Link>
      </td>
      <td>{offer.household.reference}</td>
      <td>{stageName(offer.stage)}</td>
      <td>
        <DueDate due={offer.stageDue} />
      </td>
    </tr>
  );
}
