import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { gql } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/error-message';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n/i18n';

const ProgrammesDocument = graphql(`
  query ProgrammesList {
    programmes {
      id
      name
      buurtCode
      buurtName
      startDate
      reviewDate
      active
      wholeBuurt
      complexCodes
    }
  }
`);

/** The programmes (issue 16: "turn strategy into programmes"), newest start first; each opens its evaluation. */
export function ProgrammesPage() {
  const { t, date } = useI18n();
  const query = useQuery({ queryKey: ['programmes'], queryFn: () => gql(ProgrammesDocument) });
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <ErrorMessage error={query.error} />;
  const programmes = query.data.programmes;
  return (
    <section>
      <h1>{t('programmes.title')}</h1>
      <p className="note">{t('programmes.intro')}</p>
      <table className="data-table" data-testid="programmes">
        <caption>{t('programmes.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('programmes.name')}</th>
            <th scope="col">{t('programmes.buurt')}</th>
            <th scope="col">{t('programmes.complexes')}</th>
            <th scope="col">{t('programmes.start')}</th>
            <th scope="col">{t('programmes.review')}</th>
            <th scope="col">{t('programmes.active')}</th>
          </tr>
        </thead>
        <tbody>
          {programmes.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {t('programmes.none')}
              </td>
            </tr>
          )}
          {programmes.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={`/programmes/${p.id}`}>{p.name}</Link>
              </th>
              <td>
                <Link to={`/buurten/${p.buurtCode}/dossier`}>
                  {p.buurtName} ({p.buurtCode})
                </Link>
              </td>
              <td>{p.wholeBuurt ? t('programmes.wholeBuurt') : p.complexCodes.join(', ')}</td>
              <td>{date(p.startDate)}</td>
              <td>{date(p.reviewDate)}</td>
              <td>{p.active ? t('policy.yes') : t('policy.no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
