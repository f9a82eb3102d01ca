import type { CandidateFieldsFragment, ProposalFieldsFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

/** A proposal as the officer reads it: who is proposed, who was first in plain order, and why they differ. */
export function ProposalView({ proposal }: { proposal: ProposalFieldsFragment }) {
  const { t, number, date } = useI18n();
  const chosen = proposal.chosen;
  const plain = proposal.plainOrderCandidate;
  const passedOver = chosen && plain && chosen.household.id !== plain.household.id;
  return (
    <section aria-labelledby="proposal-title" className="proposal">
      <h2 id="proposal-title">
        {t('proposal.title')} <span className={`badge proposal-${proposal.status}`}>{t(`proposalStatus.${proposal.status}` as MessageKey)}</span>
      </h2>
      <p className="summary" data-testid="proposal-summary">
        {proposal.summary}
      </p>
      <div className="cards">
        <CandidateCard title={t('proposal.chosen')} candidate={chosen} testId="chosen" />
        <CandidateCard title={t('proposal.plainOrder')} candidate={plain} testId="plain-order" />
      </div>
      {passedOver && (
        <section aria-labelledby="passed-over-title" className="passed-over" data-testid="passed-over">
          <h3 id="passed-over-title">{t('proposal.whyPassedOver', { reference: plain.household.reference })}</h3>
          {proposal.passedOverSummary && <p>{proposal.passedOverSummary}</p>}
          <ul>
            {proposal.passedOverReasons.map((r, i) => (
              <li key={i}>
                <strong>{t(`passedOver.${r.kind}` as MessageKey)}</strong>
                {r.points !== null && r.points !== undefined ? ` (${t('proposal.points', { points: number(r.points, 2) })})` : ''}: {r.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="muted">
        {t('proposal.meta', {
          date: date(proposal.allocationDate),
          count: number(proposal.candidateCount),
          status: proposal.solveStatus,
          solver: proposal.solver ?? '–',
        })}
      </p>
      <p className="muted">{proposal.routeOrder}</p>
      <h3>{t('proposal.alternatives')}</h3>
      <table className="data-table" data-testid="alternatives">
        <caption className="visually-hidden">{t('proposal.alternatives')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('proposal.rank')}</th>
            <th scope="col">{t('proposal.household')}</th>
            <th scope="col">{t('proposal.registered')}</th>
            <th scope="col">{t('proposal.cost')}</th>
            <th scope="col">{t('proposal.eligibility')}</th>
          </tr>
        </thead>
        <tbody>
          {proposal.alternatives.map((a) => (
            <tr key={a.household.id}>
              <td>{a.rank}</td>
              <td>
                {a.household.reference}
                {a.urgent ? ` · ${t('proposal.urgent')}` : ''}
              </td>
              <td>{date(a.household.registrationDate)}</td>
              <td>
                {a.costVersusChosen === null || a.costVersusChosen === undefined ? '–' : number(a.costVersusChosen, 2)}
                {a.jointNote && <p className="note">{a.jointNote}</p>}
              </td>
              <td>{a.eligibility}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CandidateCard({ title, candidate, testId }: { title: string; candidate: CandidateFieldsFragment | null | undefined; testId: string }) {
  const { t, date } = useI18n();
  return (
    <div className="card" data-testid={testId}>
      <h3>{title}</h3>
      {candidate ? (
        <dl>
          <dt>{t('proposal.household')}</dt>
          <dd className="reference">{candidate.household.reference}</dd>
          <dt>{t('proposal.rank')}</dt>
          <dd>{candidate.rank}</dd>
          <dt>{t('proposal.registered')}</dt>
          <dd>{date(candidate.household.registrationDate)}</dd>
          <dt>{t('proposal.size')}</dt>
          <dd>
            {candidate.household.size} · {t(`householdType.${candidate.household.householdType}` as MessageKey)}
          </dd>
          {candidate.urgent && (
            <>
              <dt>{t('proposal.urgency')}</dt>
              <dd>{t('proposal.urgent')}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">{t('proposal.none')}</p>
      )}
    </div>
  );
}
