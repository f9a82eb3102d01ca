import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, FieldError, Label, TextArea, TextField } from 'react-aria-components';
import { Link } from 'react-router';
import { ApiError, gql } from '../../api/client';
import { useDraft } from '../../auth/draft';
import { ErrorMessage } from '../../components/error-message';
import type { VacancyScreenQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { DueDate, useStageName } from './offer-stage';
import { AdvanceOfferDocument, RespondDocument } from './vacancy-operations';

type Offer = VacancyScreenQuery['offers'][number];
type Reason = VacancyScreenQuery['lettingReasons'][number];

/** The service's reason for one input field, if it named that field. */
const fieldError = (error: unknown, field: string) =>
  error instanceof ApiError ? error.fields.find((f) => f.field === field || f.field.endsWith(`.${field}`))?.reason : undefined;

/** The vacancy's offers; an open one goes through its stages and takes the household's answer (a decline brings the next proposal). */
export function OffersPanel({ offers, reasons, onAnswered }: { offers: readonly Offer[]; reasons: readonly Reason[]; onAnswered: (message: string) => void }) {
  const { t } = useI18n();
  const stageName = useStageName();
  if (offers.length === 0) return <p className="muted">{t('offers.none')}</p>;
  const refusals = reasons.filter((r) => r.kind === 'REFUSAL');
  return (
    <section>
      <table className="data-table" data-testid="offers">
        <caption className="visually-hidden">{t('vacancy.tab.offers')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('offers.household')}</th>
            <th scope="col">{t('offers.status')}</th>
            <th scope="col">{t('offers.stage')}</th>
            <th scope="col">{t('due.due')}</th>
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
              <td>{o.status === 'OPEN' ? stageName(o.stage) : '–'}</td>
              <td>{o.status === 'OPEN' ? <DueDate due={o.stageDue} /> : '–'}</td>
              <td>{t(`offerDecision.${o.decision}` as MessageKey)}</td>
              <td>
                {o.decidedBy}
                {o.approvedBy ? ` · ${t('offers.approvedBy', { who: o.approvedBy })}` : ''}
              </td>
              <td>{[o.reasonCode, o.refusalReasonCode, o.reasonText, o.responseReason].filter(Boolean).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {offers
        .filter((o) => o.status === 'OPEN')
        .map((o) => (
          <div key={o.id}>
            <p className="no-print">
              <Link
                to={`/aanbiedingen/${o.id}/brief`}
                aria-label={t('offerLetter.linkLabel', { reference: o.household.reference })}
                data-testid="offer-letter-link"
              >
                {t('offerLetter.link')}
              </Link>
            </p>
            <StageForm offer={o} onAdvanced={onAnswered} />
            <AnswerForm offer={o} refusals={refusals} onAnswered={onAnswered} />
          </div>
        ))}
    </section>
  );
}

interface Documents {
  incomeStatement: boolean;
  identity: boolean;
}
const NONE_CHECKED: Documents = { incomeStatement: false, identity: false };

/** The two documents an offer is accepted with (the service names the one missing), in the stage form and in the answer form. */
function DocumentsCheck({
  documents,
  onChange,
  error,
  errorId,
  legend,
  errorTestId,
}: {
  documents: Documents;
  onChange: (documents: Documents) => void;
  error: string | undefined | null;
  errorId: string;
  legend: string;
  errorTestId: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="documents" aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      <label>
        <input type="checkbox" checked={documents.incomeStatement} onChange={(e) => onChange({ ...documents, incomeStatement: e.target.checked })} />
        {t('offers.incomeStatement')}
      </label>
      <label>
        <input type="checkbox" checked={documents.identity} onChange={(e) => onChange({ ...documents, identity: e.target.checked })} />
        {t('offers.identity')}
      </label>
      {error && (
        <p id={errorId} className="field-error" role="alert" data-testid={errorTestId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** The offer's current stage and the step to the next; the documents check needs both documents ticked (the service says which is missing). */
function StageForm({ offer, onAdvanced }: { offer: Offer; onAdvanced: (message: string) => void }) {
  const { t } = useI18n();
  const stageName = useStageName();
  const [documents, setDocuments] = useState<Documents>(NONE_CHECKED);
  const atDocuments = offer.stage === 'DOCUMENTS_CHECK';
  const advance = useMutation({
    mutationFn: () => gql(AdvanceOfferDocument, { input: { offerId: offer.id, ...(atDocuments ? { documents } : {}) } }),
    onSuccess: (data) => {
      const r = data.advanceOffer;
      const reference = offer.household.reference;
      if (r.offer.status === 'ACCEPTED') onAdvanced(t('offers.advancedLet', { reference }));
      else onAdvanced(t('offers.advanced', { reference, stage: stageName(r.offer.stage) }));
    },
  });
  const documentsError = fieldError(advance.error, 'documents');
  const headingId = `stage-${offer.id}`;
  const errorId = `stage-error-${offer.id}`;
  return (
    <form
      className="answer"
      aria-labelledby={headingId}
      data-testid="offer-stage"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        advance.mutate();
      }}
    >
      <h3 id={headingId}>{t('offers.stageTitle', { reference: offer.household.reference, stage: stageName(offer.stage) })}</h3>
      <p data-testid="offer-stage-due">
        {t('due.due')}: <DueDate due={offer.stageDue} />
      </p>
      {atDocuments && (
        <DocumentsCheck
          documents={documents}
          onChange={setDocuments}
          error={documentsError}
          errorId={errorId}
          legend={t('offers.documents')}
          errorTestId="documents-error"
        />
      )}
      <Button type="submit" className="button" isDisabled={advance.isPending}>
        {t('offers.advance')}
      </Button>
      {!documentsError && <ErrorMessage error={advance.error} />}
    </form>
  );
}

function AnswerForm({ offer, refusals, onAnswered }: { offer: Offer; refusals: readonly Reason[]; onAnswered: (message: string) => void }) {
  const { t } = useI18n();
  const [reason, setReason, clearReason] = useDraft(`decline.${offer.id}`);
  const [refusalReasonCode, setRefusalReasonCode] = useState('');
  // accepted at once: the documents the stages would check are checked here (from the final acceptance on, they were)
  const [documents, setDocuments] = useState<Documents>(NONE_CHECKED);
  const documentsChecked = offer.stage === 'FINAL_ACCEPTANCE';
  const answer = useMutation({
    mutationFn: (response: 'ACCEPTED' | 'DECLINED') =>
      gql(RespondDocument, {
        input: {
          offerId: offer.id,
          response,
          ...(response === 'DECLINED' ? { reason, ...(refusalReasonCode ? { refusalReasonCode } : {}) } : documentsChecked ? {} : { documents }),
        },
      }),
    onSuccess: (data) => {
      clearReason();
      const r = data.recordOfferResponse;
      if (r.offer.status === 'ACCEPTED') onAnswered(t('offers.acceptedMessage', { reference: offer.household.reference }));
      else if (r.nextProposal) onAnswered(t('offers.declinedNext', { reference: r.nextProposal.chosen?.household.reference ?? '–' }));
      else onAnswered(t('offers.declinedNone'));
    },
  });
  const reasonError = fieldError(answer.error, 'reason');
  const codeError = fieldError(answer.error, 'refusalReasonCode');
  const documentsError = fieldError(answer.error, 'documents');
  const codeId = `refusal-code-${offer.id}`;
  const codeErrorId = `refusal-code-error-${offer.id}`;
  return (
    <form
      className="answer"
      aria-labelledby={`answer-${offer.id}`}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
      }}
    >
      <h3 id={`answer-${offer.id}`}>{t('offers.answerTitle', { reference: offer.household.reference })}</h3>
      {!documentsChecked && (
        <DocumentsCheck
          documents={documents}
          onChange={setDocuments}
          error={documentsError}
          errorId={`answer-documents-error-${offer.id}`}
          legend={t('offers.documentsToAccept')}
          errorTestId="answer-documents-error"
        />
      )}
      <Button className="button" onPress={() => answer.mutate('ACCEPTED')} isDisabled={answer.isPending}>
        {t('offers.accepted')}
      </Button>
      <div className="field">
        <label htmlFor={codeId}>{t('offers.refusalReason')}</label>
        <select
          id={codeId}
          value={refusalReasonCode}
          onChange={(e) => setRefusalReasonCode(e.target.value)}
          aria-invalid={codeError ? true : undefined}
          aria-describedby={codeError ? codeErrorId : undefined}
        >
          <option value="">{t('offers.refusalNone')}</option>
          {refusals.map((r) => (
            <option key={r.code} value={r.code}>
              {r.code} {r.name} {t(r.justified ? 'offers.justified' : 'offers.unjustified')}
            </option>
          ))}
        </select>
        {codeError && (
          <span id={codeErrorId} className="field-error">
            {codeError}
          </span>
        )}
      </div>
      <TextField value={reason} onChange={setReason} isInvalid={!!reasonError} className="field">
        <Label>{t('offers.declineReason')}</Label>
        <TextArea rows={2} />
        <FieldError>{reasonError}</FieldError>
      </TextField>
      <Button className="button secondary" onPress={() => answer.mutate('DECLINED')} isDisabled={answer.isPending}>
        {t('offers.declined')}
      </Button>
      {!documentsError && <ErrorMessage error={answer.error} />}
    </form>
  );
}
