import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Button, FieldError, Label, TextArea, TextField } from 'react-aria-components';
import { ApiError, gql } from '../../api/client';
import { useDraft } from '../../auth/draft';
import { ErrorMessage } from '../../components/error-message';
import type { VacancyScreenQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { RespondDocument } from './vacancy-operations';

type Offer = VacancyScreenQuery['offers'][number];

/** The vacancy's offers; an open one takes the household's answer (a decline brings the next proposal). */
export function OffersPanel({ offers, onAnswered }: { offers: readonly Offer[]; onAnswered: (message: string) => void }) {
  const { t } = useI18n();
  if (offers.length === 0) return <p className="muted">{t('offers.none')}</p>;
  return (
    <section>
      <table className="data-table" data-testid="offers">
        <caption className="visually-hidden">{t('vacancy.tab.offers')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('offers.household')}</th>
            <th scope="col">{t('offers.status')}</th>
            <th scope="col">{t('offers.decision')}</th>
            <th scope="col">{t('offers.by')}</th>
            <th scope="col">{t('offers.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {offers.map((o) => (
            <tr key={o.id}>
              <td>{o.household.reference}</td>
              <td>
                <span className={`badge offer-${o.status}`}>{t(`offerStatus.${o.status}` as MessageKey)}</span>
              </td>
              <td>{t(`offerDecision.${o.decision}` as MessageKey)}</td>
              <td>
                {o.decidedBy}
                {o.approvedBy ? ` · ${t('offers.approvedBy', { who: o.approvedBy })}` : ''}
              </td>
              <td>{[o.reasonCode, o.reasonText, o.responseReason].filter(Boolean).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {offers
        .filter((o) => o.status === 'OPEN')
        .map((o) => (
          <AnswerForm key={o.id} offer={o} onAnswered={onAnswered} />
        ))}
    </section>
  );
}

function AnswerForm({ offer, onAnswered }: { offer: Offer; onAnswered: (message: string) => void }) {
  const { t } = useI18n();
  const [reason, setReason, clearReason] = useDraft(`decline.${offer.id}`);
  const answer = useMutation({
    mutationFn: (response: 'ACCEPTED' | 'DECLINED') =>
      gql(RespondDocument, { input: { offerId: offer.id, response, ...(response === 'DECLINED' ? { reason } : {}) } }),
    onSuccess: (data) => {
      clearReason();
      const r = data.recordOfferResponse;
      if (r.offer.status === 'ACCEPTED') onAnswered(t('offers.acceptedMessage', { reference: offer.household.reference }));
      else if (r.nextProposal) onAnswered(t('offers.declinedNext', { reference: r.nextProposal.chosen?.household.reference ?? '–' }));
      else onAnswered(t('offers.declinedNone'));
    },
  });
  const reasonError = answer.error instanceof ApiError ? answer.error.fields.find((f) => f.field === 'reason')?.reason : undefined;
  return (
    <form
      className="answer"
      aria-labelledby={`answer-${offer.id}`}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
      }}
    >
      <h3 id={`answer-${offer.id}`}>{t('offers.answerTitle', { reference: offer.household.reference })}</h3>
      <Button className="button" onPress={() => answer.mutate('ACCEPTED')} isDisabled={answer.isPending}>
        {t('offers.accepted')}
      </Button>
      <TextField value={reason} onChange={setReason} isInvalid={!!reasonError} className="field">
        <Label>{t('offers.declineReason')}</Label>
        <TextArea rows={2} />
        <FieldError>{reasonError}</FieldError>
      </TextField>
      <Button className="button secondary" onPress={() => answer.mutate('DECLINED')} isDisabled={answer.isPending}>
        {t('offers.declined')}
      </Button>
      <ErrorMessage error={answer.error} />
    </form>
  );
}
