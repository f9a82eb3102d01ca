import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Button, FieldError, Label, TextArea, TextField } from 'react-aria-components';
import { ApiError, gql } from '../../api/client';
import { currentSession, hasRole } from '../../auth/session';
import { DataTable } from '../../components/data-table';
import { ErrorMessage, Loading } from '../../components/error-message';
import { graphql } from '../../gql';
import type { SanctionsInForceQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const SanctionsInForceDocument = graphql(`
  query SanctionsInForce {
    sanctionsInForce {
      id
      kind
      state
      from
      until
      why
      liftRequestedBy
      liftReason
      household {
        id
        reference
      }
    }
  }
`);

const RequestSanctionLiftDocument = graphql(`
  mutation RequestSanctionLift($sanctionId: ID!, $reason: String!) {
    requestSanctionLift(sanctionId: $sanctionId, reason: $reason) {
      id
      state
    }
  }
`);

const ApproveSanctionLiftDocument = graphql(`
  mutation ApproveSanctionLift($sanctionId: ID!) {
    approveSanctionLift(sanctionId: $sanctionId) {
      id
      state
    }
  }
`);

const RefuseSanctionLiftDocument = graphql(`
  mutation RefuseSanctionLift($sanctionId: ID!) {
    refuseSanctionLift(sanctionId: $sanctionId) {
      id
      state
    }
  }
`);

type Sanction = SanctionsInForceQuery['sanctionsInForce'][number];
const column = createColumnHelper<Sanction>();

/**
 * Sanctions in force (issue 17): blocks from offers and losses of urgency after unjustified refusals,
 * oldest first. An officer asks to lift one with a reason; a second officer approves or refuses (four
 * eyes: the service refuses the requester's own approval, and the screen says so before). Auditors and
 * admins read (auditors under pseudonyms).
 */
export function SanctionsPage() {
  const { t, date } = useI18n();
  const officer = hasRole(currentSession(), 'OFFICER');
  const query = useQuery({ queryKey: ['sanctionsInForce'], queryFn: () => gql(SanctionsInForceDocument) });
  const [selected, setSelected] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const columns = useMemo(
    () => [
      column.accessor((s) => s.household.reference, { id: 'household', header: t('sanctions.household') }),
      column.accessor('kind', { header: t('sanctions.kind'), cell: (c) => t(`sanctionKind.${c.getValue()}` as MessageKey) }),
      column.accessor('from', { header: t('sanctions.from'), cell: (c) => date(c.getValue()) }),
      column.accessor('until', { header: t('sanctions.until'), cell: (c) => (c.getValue() ? date(c.getValue()) : t('sanctions.noEnd')) }),
      column.accessor('why', { header: t('sanctions.why'), enableSorting: false }),
      column.accessor('state', {
        header: t('sanctions.state'),
        cell: (c) => (
          <span className={`badge sanction-${c.getValue()}`}>
            {t(`sanctionState.${c.getValue()}` as MessageKey)}
            {c.row.original.liftRequestedBy ? ` (${t('sanctions.askedBy', { who: c.row.original.liftRequestedBy })})` : ''}
          </span>
        ),
      }),
      column.display({
        id: 'open',
        header: t('sanctions.open'),
        cell: (c) => (
          <Button
            className="link-button"
            aria-pressed={selected === c.row.original.id}
            onPress={() => {
              setMessage(null);
              setSelected(c.row.original.id);
            }}
          >
            {t(officer ? 'sanctions.handle' : 'sanctions.show')}
            <span className="visually-hidden"> {t('sanctions.openFor', { reference: c.row.original.household.reference })}</span>
          </Button>
        ),
      }),
    ],
    [t, date, officer, selected],
  );
  const sanctions = query.data?.sanctionsInForce ?? [];
  const current = sanctions.find((s) => s.id === selected) ?? null;
  return (
    <section>
      <h1>{t('sanctions.title')}</h1>
      <p className="note">{t(officer ? 'sanctions.intro' : 'sanctions.introReadOnly')}</p>
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      {query.isPending && <Loading />}
      <ErrorMessage error={query.error} />
      {query.data && (
        <>
          <p>{t('sanctions.count', { count: sanctions.length })}</p>
          <DataTable columns={columns} data={sanctions} caption={t('sanctions.caption')} testId="sanctions" />
        </>
      )}
      {current && (
        <SanctionCard
          key={current.id}
          sanction={current}
          officer={officer}
          onDone={(text) => {
            setMessage(text);
            setSelected(null);
          }}
        />
      )}
    </section>
  );
}

function SanctionCard({ sanction, officer, onDone }: { sanction: Sanction; officer: boolean; onDone: (message: string) => void }) {
  const { t, date } = useI18n();
  const client = useQueryClient();
  const me = currentSession()?.subject;
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const reference = sanction.household.reference;
  const done = (key: MessageKey) => () => {
    onDone(t(key, { reference }));
    return client.invalidateQueries({ queryKey: ['sanctionsInForce'] });
  };
  const request = useMutation({
    mutationFn: () => gql(RequestSanctionLiftDocument, { sanctionId: sanction.id, reason: reason.trim() }),
    onSuccess: done('sanctions.requested'),
  });
  const approve = useMutation({ mutationFn: () => gql(ApproveSanctionLiftDocument, { sanctionId: sanction.id }), onSuccess: done('sanctions.approved') });
  const refuse = useMutation({ mutationFn: () => gql(RefuseSanctionLiftDocument, { sanctionId: sanction.id }), onSuccess: done('sanctions.refused') });
  const busy = request.isPending || approve.isPending || refuse.isPending;
  const apiReason = request.error instanceof ApiError ? request.error.fields.find((f) => f.field === 'reason')?.reason : undefined;
  const reasonError = missingReason ? t('sanctions.reasonRequired') : apiReason;
  const ownRequest = !!me && sanction.liftRequestedBy === me;
  const submitRequest = () => {
    if (!reason.trim()) {
      setMissingReason(true);
      return;
    }
    setMissingReason(false);
    request.mutate();
  };
  return (
    <article className="card" aria-labelledby="sanction-title" data-testid="sanction">
      <h2 id="sanction-title">{t('sanctions.cardTitle', { kind: t(`sanctionKind.${sanction.kind}` as MessageKey), reference })}</h2>
      <dl className="facts">
        <dt>{t('sanctions.period')}</dt>
        <dd>
          {sanction.until
            ? t('sanctions.fromUntil', { from: date(sanction.from), until: date(sanction.until) })
            : t('sanctions.fromOn', { from: date(sanction.from) })}
        </dd>
        <dt>{t('sanctions.why')}</dt>
        <dd>{sanction.why}</dd>
        <dt>{t('sanctions.state')}</dt>
        <dd>{t(`sanctionState.${sanction.state}` as MessageKey)}</dd>
        {sanction.liftRequestedBy && (
          <>
            <dt>{t('sanctions.liftRequest')}</dt>
            <dd data-testid="lift-request">
              {t('sanctions.askedBy', { who: sanction.liftRequestedBy })}
              <blockquote className="pre-wrap">{sanction.liftReason}</blockquote>
            </dd>
          </>
        )}
      </dl>
      {officer && sanction.state === 'ACTIVE' && (
        <div className="actions">
          <TextField
            value={reason}
            onChange={(value) => {
              setReason(value);
              if (value.trim()) setMissingReason(false);
            }}
            isRequired
            isInvalid={!!reasonError}
            validationBehavior="aria"
            className="field"
          >
            <Label>{t('sanctions.reason')}</Label>
            <TextArea rows={3} />
            <FieldError>{reasonError}</FieldError>
          </TextField>
          <Button className="button" onPress={submitRequest} isDisabled={busy}>
            {t('sanctions.request')}
          </Button>
          <p className="note">{t('sanctions.requestNote')}</p>
        </div>
      )}
      {officer && sanction.state === 'LIFT_REQUESTED' && (
        <div className="actions">
          <Button
            className="button"
            onPress={() => approve.mutate()}
            isDisabled={busy || ownRequest}
            aria-describedby={ownRequest ? 'own-request-note' : undefined}
          >
            {t('sanctions.approve')}
          </Button>
          <Button className="button secondary" onPress={() => refuse.mutate()} isDisabled={busy}>
            {t(ownRequest ? 'sanctions.withdraw' : 'sanctions.refuse')}
          </Button>
          {ownRequest && (
            <p className="note" id="own-request-note" data-testid="own-request-note">
              {t('sanctions.ownRequest')}
            </p>
          )}
        </div>
      )}
      <ErrorMessage error={request.error && !apiReason ? request.error : (approve.error ?? refuse.error)} />
    </article>
  );
}
