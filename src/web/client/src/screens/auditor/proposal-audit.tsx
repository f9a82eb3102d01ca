import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { gql } from '../../api/client';
import { CompositionChart } from '../../components/composition-chart';
import { ErrorMessage, Loading } from '../../components/error-message';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const RationaleDocument = graphql(`
  query ProposalAudit($id: ID!) {
    proposalRationale(proposalId: $id) {
      proposalId
      vacancyReference
      allocationDate
      displacement
      sentences
      basis {
        inputHash
        planHash
        solver
        compositionPolicy
        parameterYear
        eventSeqs
      }
      bindingTargets {
        ...TargetFields
      }
      decisions {
        decision
        status
        householdReference
        decidedBy
        approvedBy
        reasonCode
        reasonText
        responseReason
      }
    }
    proposal(id: $id) {
      vacancy {
        id
      }
    }
  }
`);

const ReplayDocument = graphql(`
  query Replay($id: ID!) {
    replayProposal(proposalId: $id) {
      result
      message
      storedPlanHash
      replayedPlanHash
      differences {
        path
        recorded
        replayed
      }
    }
  }
`);

const WhyNotDocument = graphql(`
  query WhyNotChosen($vacancyId: ID!, $household: String!) {
    whyNotChosen(vacancyId: $vacancyId, householdReference: $household) {
      outcome
      rank
      chosenRank
      sentences
    }
  }
`);

/** A proposal as the auditor checks it: its rationale and basis, a replay, and why a household was not chosen. */
export function ProposalAuditPage() {
  const { id = '' } = useParams();
  const { t, date } = useI18n();
  const rationale = useQuery({ queryKey: ['rationale', id], queryFn: () => gql(RationaleDocument, { id }) });
  const replay = useMutation({ mutationFn: () => gql(ReplayDocument, { id }) });
  const [household, setHousehold] = useState('');
  const whyNot = useMutation({ mutationFn: (vacancyId: string) => gql(WhyNotDocument, { vacancyId, household }) });
  if (rationale.isPending) return <Loading />;
  if (rationale.error || !rationale.data) return <ErrorMessage error={rationale.error} />;
  const r = rationale.data.proposalRationale;
  const vacancyId = rationale.data.proposal.vacancy.id;
  const replayed = replay.data?.replayProposal;
  return (
    <article aria-labelledby="audit-proposal-title">
      <p>
        <Link to="/audit">← {t('nav.audit')}</Link>
      </p>
      <h1 id="audit-proposal-title">{t('auditProposal.title', { id: r.proposalId, vacancy: r.vacancyReference })}</h1>
      <dl className="facts" data-testid="rationale-basis">
        <dt>{t('auditProposal.date')}</dt>
        <dd>{date(r.allocationDate)}</dd>
        <dt>{t('auditProposal.policy')}</dt>
        <dd>
          {r.basis.compositionPolicy ?? '–'} · {t('auditProposal.parameters', { year: r.basis.parameterYear ?? '–' })}
        </dd>
        <dt>{t('auditProposal.solver')}</dt>
        <dd>{r.basis.solver ?? '–'}</dd>
        <dt>{t('auditProposal.input')}</dt>
        <dd className="hash">{r.basis.inputHash ?? '–'}</dd>
        <dt>{t('auditProposal.plan')}</dt>
        <dd className="hash">{r.basis.planHash ?? '–'}</dd>
        <dt>{t('auditProposal.events')}</dt>
        <dd>{r.basis.eventSeqs.join(', ')}</dd>
        {r.displacement !== null && r.displacement !== undefined && (
          <>
            <dt>{t('auditProposal.displacement')}</dt>
            <dd>{r.displacement}</dd>
          </>
        )}
      </dl>
      <h2>{t('auditProposal.rationale')}</h2>
      <div data-testid="rationale">
        {r.sentences.map((s, i) => (
          <p key={i}>{s}</p>
        ))}
      </div>
      {r.bindingTargets.length > 0 && <CompositionChart targets={r.bindingTargets} />}
      <h2>{t('auditProposal.decisions')}</h2>
      {r.decisions.length === 0 ? (
        <p className="muted">{t('auditProposal.noDecisions')}</p>
      ) : (
        <ul data-testid="decisions">
          {r.decisions.map((d, i) => (
            <li key={i}>
              {t(`offerDecision.${d.decision}` as MessageKey)} · {d.householdReference} · {t(`offerStatus.${d.status}` as MessageKey)} · {d.decidedBy ?? '–'}
              {d.approvedBy ? ` · ${t('offers.approvedBy', { who: d.approvedBy })}` : ''}
              {d.reasonCode ? ` · ${d.reasonCode}` : ''}
              {d.reasonText ? `: ${d.reasonText}` : ''}
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="replay-title" className="card">
        <h2 id="replay-title">{t('auditProposal.replayTitle')}</h2>
        <p className="note">{t('auditProposal.replayIntro')}</p>
        <Button className="button" onPress={() => replay.mutate()} isDisabled={replay.isPending}>
          {t('auditProposal.replay')}
        </Button>
        <ErrorMessage error={replay.error} />
        {replayed && (
          <div role="status" data-testid="replay-result">
            <p>
              <strong>{t(`replayResult.${replayed.result}` as MessageKey)}</strong>: {replayed.message}
            </p>
            {replayed.differences.length > 0 && (
              <table className="data-table compact">
                <caption>{t('auditProposal.differences')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('auditProposal.path')}</th>
                    <th scope="col">{t('auditProposal.recorded')}</th>
                    <th scope="col">{t('auditProposal.replayed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {replayed.differences.map((d) => (
                    <tr key={d.path}>
                      <td>{d.path}</td>
                      <td>{d.recorded}</td>
                      <td>{d.replayed}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
      </section>
      <section aria-labelledby="whynot-title" className="card">
        <h2 id="whynot-title">{t('auditProposal.whyNotTitle')}</h2>
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            whyNot.mutate(vacancyId);
          }}
          className="filters"
        >
          <TextField value={household} onChange={setHousehold} className="field" isRequired>
            <Label>{t('auditProposal.household')}</Label>
            <Input placeholder="PSN-…" />
          </TextField>
          <Button type="submit" className="button" isDisabled={whyNot.isPending || !household.trim()}>
            {t('auditProposal.ask')}
          </Button>
        </form>
        <ErrorMessage error={whyNot.error} />
        {whyNot.data && (
          <div role="status" data-testid="why-not">
            {whyNot.data.whyNotChosen.sentences.map((s, i) => (
              <p key={i}>{s}</p>
            ))}
          </div>
        )}
      </section>
    </article>
  );
}
