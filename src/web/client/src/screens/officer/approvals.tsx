import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, FieldError, Label, TextArea, TextField } from 'react-aria-components';
import { Link } from 'react-router';
import { ApiError, gql } from '../../api/client';
import { useDraft } from '../../auth/draft';
import { CompositionChart } from '../../components/composition-chart';
import { ErrorMessage, Loading } from '../../components/error-message';
import { graphql } from '../../gql';
import type { PendingApprovalsQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const PendingApprovalsDocument = graphql(`
  query PendingApprovals {
    pendingApprovals {
      offerId
      proposalId
      vacancyId
      vacancyReference
      complexCode
      decision
      decidedBy
      decidedAt
      displacement
      offeredRank
      reasonCode
      reasonLabel
      reasonRequires
      reasonText
      household {
        id
        reference
        registrationDate
      }
      targets {
        ...TargetFields
      }
    }
  }
`);

const ApproveDocument = graphql(`
  mutation Approve($offerId: ID!) {
    approveOffer(offerId: $offerId) {
      id
      status
    }
  }
`);

const RefuseDocument = graphql(`
  mutation Refuse($input: RefuseOfferInput!) {
    refuseOffer(input: $input) {
      id
      status
    }
  }
`);

type Pending = PendingApprovalsQuery['pendingApprovals'][number];

/** Four-eyes: decisions of other officers waiting for a second officer, with what is needed to judge them. */
export function ApprovalsPage() {
  const { t } = useI18n();
  const query = useQuery({ queryKey: ['approvals'], queryFn: () => gql(PendingApprovalsDocument) });
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section>
      <h1>{t('approvals.title')}</h1>
      <p className="note">{t('approvals.intro')}</p>
      {message && <p role="status">{message}</p>}
      {query.isPending && <Loading />}
      <ErrorMessage error={query.error} />
      {query.data?.pendingApprovals.length === 0 && <p className="muted">{t('approvals.none')}</p>}
      {query.data?.pendingApprovals.map((p) => (
        <ApprovalCard key={p.offerId} pending={p} onDone={setMessage} />
      ))}
    </section>
  );
}

function ApprovalCard({ pending, onDone }: { pending: Pending; onDone: (message: string) => void }) {
  const { t, dateTime } = useI18n();
  const client = useQueryClient();
  const [reason, setReason, clearReason] = useDraft(`refuse.${pending.offerId}`);
  const done = (text: string) => {
    clearReason();
    onDone(text);
    return client.invalidateQueries({ queryKey: ['approvals'] });
  };
  const approve = useMutation({
    mutationFn: () => gql(ApproveDocument, { offerId: pending.offerId }),
    onSuccess: () => done(t('approvals.approved', { vacancy: pending.vacancyReference })),
  });
  const refuse = useMutation({
    mutationFn: () => gql(RefuseDocument, { input: { offerId: pending.offerId, reason } }),
    onSuccess: () => done(t('approvals.refused', { vacancy: pending.vacancyReference })),
  });
  const error = approve.error ?? refuse.error;
  const reasonError = refuse.error instanceof ApiError ? refuse.error.fields.find((f) => f.field === 'reason')?.reason : undefined;
  return (
    <article className="card approval" aria-labelledby={`approval-${pending.offerId}`} data-testid="approval">
      <h2 id={`approval-${pending.offerId}`}>
        <Link to={`/vacancies/${pending.vacancyId}`}>{pending.vacancyReference}</Link> · {pending.complexCode} · {pending.household.reference}
      </h2>
      <dl className="facts">
        <dt>{t('approvals.decision')}</dt>
        <dd>{t(`offerDecision.${pending.decision}` as MessageKey)}</dd>
        <dt>{t('approvals.decidedBy')}</dt>
        <dd>
          {pending.decidedBy}, {dateTime(pending.decidedAt)}
        </dd>
        <dt>{t('approvals.position')}</dt>
        <dd>
          {pending.offeredRank === null || pending.offeredRank === undefined ? '–' : t('approvals.rank', { rank: pending.offeredRank })}
          {pending.displacement ? ` · ${t('approvals.displacement', { places: pending.displacement })}` : ''}
        </dd>
        {pending.reasonCode && (
          <>
            <dt>{t('approvals.reason')}</dt>
            <dd>
              {pending.reasonCode}: {pending.reasonLabel}
              {pending.reasonRequires ? ` (${t('approvals.requires', { fact: pending.reasonRequires })})` : ''}
              {pending.reasonText && <blockquote>{pending.reasonText}</blockquote>}
            </dd>
          </>
        )}
      </dl>
      {pending.targets.length > 0 && <CompositionChart targets={pending.targets} />}
      <div className="actions">
        <Button className="button" onPress={() => approve.mutate()} isDisabled={approve.isPending || refuse.isPending}>
          {t('approvals.approve')}
        </Button>
        <TextField value={reason} onChange={setReason} isInvalid={!!reasonError} className="field">
          <Label>{t('approvals.refuseReason')}</Label>
          <TextArea rows={2} />
          <FieldError>{reasonError}</FieldError>
        </TextField>
        <Button className="button secondary" onPress={() => refuse.mutate()} isDisabled={approve.isPending || refuse.isPending}>
          {t('approvals.refuse')}
        </Button>
      </div>
      <ErrorMessage error={error} />
    </article>
  );
}
