import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, FieldError, Label, Radio, RadioGroup, TextArea, TextField } from 'react-aria-components';
import { ApiError, gql } from '../../api/client';
import { useDraft } from '../../auth/draft';
import { ErrorMessage } from '../../components/error-message';
import type { ProposalFieldsFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { DecideDocument } from './vacancy-operations';

interface Reason {
  code: string;
  label: string;
  requires?: string | null;
}

/** Accept the proposal, or override it with another candidate, a coded reason and words (four-eyes follows). */
export function DecisionForm({
  proposal,
  reasons,
  onDecided,
}: {
  proposal: ProposalFieldsFragment;
  reasons: readonly Reason[];
  onDecided: (message: string) => void;
}) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'ACCEPT' | 'OVERRIDE'>('ACCEPT');
  const [householdId, setHouseholdId] = useState('');
  const [reasonCode, setReasonCode] = useState('');
  const [reasonText, setReasonText, clearText] = useDraft(`override.${proposal.id}`);
  const decide = useMutation({
    mutationFn: () =>
      gql(DecideDocument, {
        input:
          mode === 'ACCEPT'
            ? { proposalId: proposal.id, decision: 'ACCEPT' }
            : { proposalId: proposal.id, decision: 'OVERRIDE', householdId, reasonCode, reasonText },
      }),
    onSuccess: (data) => {
      clearText();
      onDecided(data.decideProposal.status === 'PENDING_APPROVAL' ? t('decision.pendingApproval') : t('decision.offered'));
    },
  });
  const fieldError = (field: string) => (decide.error instanceof ApiError ? decide.error.fields.find((f) => f.field === field)?.reason : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate();
  };
  const others = [...(proposal.plainOrderCandidate ? [proposal.plainOrderCandidate] : []), ...proposal.alternatives].filter(
    (c, i, all) => c.household.id !== proposal.chosen?.household.id && all.findIndex((x) => x.household.id === c.household.id) === i,
  );
  return (
    <form onSubmit={submit} className="decision" aria-labelledby="decision-title">
      <h2 id="decision-title">{t('decision.title')}</h2>
      <RadioGroup value={mode} onChange={(v) => setMode(v as 'ACCEPT' | 'OVERRIDE')} className="radio-group">
        <Label>{t('decision.choice')}</Label>
        <Radio value="ACCEPT">{t('decision.accept', { reference: proposal.chosen?.household.reference ?? '–' })}</Radio>
        <Radio value="OVERRIDE">{t('decision.override')}</Radio>
      </RadioGroup>
      {mode === 'OVERRIDE' && (
        <fieldset>
          <legend>{t('decision.overrideDetails')}</legend>
          <label className="field">
            <span>{t('decision.household')}</span>
            <select value={householdId} onChange={(e) => setHouseholdId(e.target.value)} aria-invalid={!!fieldError('householdId')} required>
              <option value="">{t('decision.pick')}</option>
              {others.map((c) => (
                <option key={c.household.id} value={c.household.id}>
                  {c.household.reference} ({t('proposal.rank')} {c.rank})
                </option>
              ))}
            </select>
            {fieldError('householdId') && <span className="field-error">{fieldError('householdId')}</span>}
          </label>
          <label className="field">
            <span>{t('decision.reasonCode')}</span>
            <select value={reasonCode} onChange={(e) => setReasonCode(e.target.value)} aria-invalid={!!fieldError('reasonCode')} required>
              <option value="">{t('decision.pick')}</option>
              {reasons.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.code}: {r.label}
                </option>
              ))}
            </select>
            {fieldError('reasonCode') && <span className="field-error">{fieldError('reasonCode')}</span>}
          </label>
          <TextField value={reasonText} onChange={setReasonText} isInvalid={!!fieldError('reasonText')} className="field">
            <Label>{t('decision.reasonText')}</Label>
            <TextArea rows={3} />
            <FieldError>{fieldError('reasonText')}</FieldError>
          </TextField>
          <p className="note">{t('decision.noSpecialCategory')}</p>
        </fieldset>
      )}
      <Button type="submit" className="button" isDisabled={decide.isPending}>
        {mode === 'ACCEPT' ? t('decision.submitAccept') : t('decision.submitOverride')}
      </Button>
      <ErrorMessage error={decide.error} />
    </form>
  );
}
