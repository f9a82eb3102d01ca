import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Dialog, DialogTrigger, FieldError, Heading, Label, Modal, ModalOverlay, Radio, RadioGroup } from 'react-aria-components';
import { ApiError, gql } from '../../api/client';
import { currentSession, hasRole } from '../../auth/session';
import { ErrorMessage, Loading } from '../../components/error-message';
import type { CandidateListQuery, CandidateRowFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import {
  CandidateListDocument,
  InviteCandidateDocument,
  SkipCandidateDocument,
  UndoInviteCandidateDocument,
  UndoSkipCandidateDocument,
} from './letting-operations';

type Reason = CandidateListQuery['lettingReasons'][number];
/** The steps an officer takes on the list here; the offer's steps belong to the offer. */
const STEPS = ['SKIP', 'UNDO_SKIP', 'INVITE', 'UNDO_INVITE'] as const;
type Step = (typeof STEPS)[number];

/**
 * The candidate list made when the reaction window closed (issue 17): every respondent at a stable
 * position by the published order, the rules' verdict, what the order compared, the state with its
 * coded reason, and the officer's steps the state allows (skip with a reason, invite, and their undo);
 * each candidate's history on demand. Managers never ask for it (households are not theirs to read).
 */
export function CandidateListPanel({ vacancyId, onChanged }: { vacancyId: string; onChanged: (message: string) => void }) {
  const { t, number } = useI18n();
  const session = currentSession();
  const readable = hasRole(session, 'OFFICER', 'ADMIN', 'AUDITOR');
  const officer = hasRole(session, 'OFFICER');
  const query = useQuery({
    // under the vacancy's key: whatever reloads the vacancy reloads its list
    queryKey: ['vacancy', vacancyId, 'candidates'],
    queryFn: () => gql(CandidateListDocument, { id: vacancyId }),
    enabled: readable,
  });
  // after a step the row's buttons change: the keyboard stays in that row once the list has reloaded
  const focusRow = useRef<string | null>(null);
  useEffect(() => {
    if (!focusRow.current || !query.data) return;
    const row = document.getElementById(`candidate-${focusRow.current}`);
    const target = row?.querySelector<HTMLElement>('.candidate-actions button') ?? row?.querySelector<HTMLElement>('summary');
    if (!target) return;
    target.focus();
    focusRow.current = null;
  }, [query.data]);
  const step = useMutation({
    mutationFn: async ({ candidate, type, reasonCode }: { candidate: CandidateRowFragment; type: Step; reasonCode?: string }) => {
      const candidateId = candidate.id;
      if (type === 'SKIP') return (await gql(SkipCandidateDocument, { input: { candidateId, reasonCode: reasonCode! } })).skipCandidate;
      if (type === 'UNDO_SKIP') return (await gql(UndoSkipCandidateDocument, { candidateId })).undoSkipCandidate;
      if (type === 'INVITE') return (await gql(InviteCandidateDocument, { candidateId })).inviteCandidate;
      return (await gql(UndoInviteCandidateDocument, { candidateId })).undoInviteCandidate;
    },
    onSuccess: (updated, { type, reasonCode }) => {
      focusRow.current = updated.id;
      const params = {
        reference: updated.household.reference,
        position: updated.position,
        reason: reasonName(query.data?.lettingReasons ?? [], 'SKIP', reasonCode ?? null),
      };
      onChanged(t(`candidates.done.${type}` as MessageKey, params));
    },
  });
  if (!readable) return <p className="muted">{t('candidates.notForYou')}</p>;
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <ErrorMessage error={query.error} />;
  const list = query.data.vacancy.candidateList;
  const reasons = query.data.lettingReasons;
  if (list.length === 0) return <p className="muted">{t('candidates.none')}</p>;
  const eligible = list.filter((c) => c.eligible).length;
  return (
    <section aria-labelledby="candidates-title">
      <h2 id="candidates-title">{t('candidates.title')}</h2>
      <p data-testid="candidate-counts">{t('candidates.counts', { count: number(list.length), eligible: number(eligible) })}</p>
      {/* a step's refusal, in the service's words, next to the list it concerns */}
      {step.error && !(step.variables?.type === 'SKIP') && <ErrorMessage error={step.error} />}
      <table className="data-table" data-testid="candidate-list">
        <caption className="visually-hidden">{t('candidates.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('candidates.position')}</th>
            <th scope="col">{t('candidates.household')}</th>
            <th scope="col">{t('candidates.eligible')}</th>
            <th scope="col">{t('candidates.order')}</th>
            <th scope="col">{t('candidates.state')}</th>
            <th scope="col">{t('candidates.reason')}</th>
            {officer && <th scope="col">{t('candidates.actions')}</th>}
            <th scope="col">{t('candidates.history')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((c) => (
            <CandidateRow
              key={c.id}
              candidate={c}
              reasons={reasons}
              officer={officer}
              busy={step.isPending}
              onStep={(type, reasonCode) => step.mutateAsync({ candidate: c, type, reasonCode })}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function reasonName(reasons: readonly Reason[], kind: 'SKIP' | 'REFUSAL', code: string | null): string {
  if (!code) return '';
  return reasons.find((r) => r.kind === kind && r.code === code)?.name ?? code;
}

function CandidateRow({
  candidate: c,
  reasons,
  officer,
  busy,
  onStep,
}: {
  candidate: CandidateRowFragment;
  reasons: readonly Reason[];
  officer: boolean;
  busy: boolean;
  onStep: (type: Step, reasonCode?: string) => Promise<unknown>;
}) {
  const { t, date, dateTime, number } = useI18n();
  const key = c.orderKey;
  const steps = STEPS.filter((s) => c.allowedEvents.includes(s));
  const reference = c.household.reference;
  const reasonKind = c.state === 'REFUSED' ? 'REFUSAL' : 'SKIP';
  return (
    <tr id={`candidate-${c.id}`} data-testid="candidate" data-state={c.state}>
      <th scope="row">{c.position}</th>
      <td className="reference">{reference}</td>
      <td>
        {c.eligible ? t('policy.yes') : t('policy.no')}
        {c.hardFailures.length > 0 && (
          <ul className="plain" aria-label={t('candidates.hardFailures', { reference })}>
            {c.hardFailures.map((f) => (
              <li key={f}>
                <code>{f}</code>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        {t('candidates.registered', { date: date(key.registrationDate) })}
        {key.rankingPoints !== null && key.rankingPoints !== undefined && (
          <>
            <br />
            {t('candidates.points', { points: number(key.rankingPoints) })}
          </>
        )}
        {key.lotteryRank !== null && key.lotteryRank !== undefined && (
          <>
            <br />
            {t('candidates.lottery', { number: number(key.lotteryRank) })}
          </>
        )}
        {key.priorityTier > 0 && (
          <>
            <br />
            {t('candidates.tier', { tier: key.priorityTier })}
          </>
        )}
      </td>
      <td>
        <span className={`badge candidate-${c.state}`}>{t(`candidateState.${c.state}` as MessageKey)}</span>
      </td>
      <td>
        {c.reasonCode ? (
          <>
            <code>{c.reasonCode}</code> {reasonName(reasons, reasonKind, c.reasonCode)}
          </>
        ) : (
          <span className="muted">–</span>
        )}
      </td>
      {officer && (
        <td>
          <div className="candidate-actions">
            {steps.map((s) =>
              s === 'SKIP' ? (
                <SkipDialog key={s} candidate={c} reasons={reasons.filter((r) => r.kind === 'SKIP')} onSkip={(code) => onStep('SKIP', code)} />
              ) : (
                <Button
                  key={s}
                  className="button small secondary"
                  aria-label={`${t(`candidates.step.${s}` as MessageKey)} ${reference}`}
                  isDisabled={busy}
                  onPress={() => void onStep(s).catch(() => undefined)}
                >
                  {t(`candidates.step.${s}` as MessageKey)}
                </Button>
              ),
            )}
            {steps.length === 0 && <span className="muted">–</span>}
          </div>
        </td>
      )}
      <td>
        <details>
          <summary>{t('candidates.historySummary', { count: c.history.length })}</summary>
          <p className="note">
            {t('candidates.verdict')} <span lang="en">{c.summary}</span>
          </p>
          <ol className="history">
            {c.history.map((h, i) => (
              <li key={i}>
                {dateTime(h.at)}: {t(`candidateEvent.${h.event}` as MessageKey)}{' '}
                {h.from !== h.to && (
                  <>
                    ({t(`candidateState.${h.from}` as MessageKey)} → {t(`candidateState.${h.to}` as MessageKey)}){' '}
                  </>
                )}
                {h.reasonCode && (
                  <>
                    · <code>{h.reasonCode}</code> {reasonName(reasons, h.event === 'SKIP' ? 'SKIP' : 'REFUSAL', h.reasonCode)}{' '}
                  </>
                )}
                · {t('candidates.by', { who: h.by })}
              </li>
            ))}
          </ol>
        </details>
      </td>
    </tr>
  );
}

/** Skipping asks for a coded reason (policy data, lettingReasons kind SKIP); a skip is not a refusal. */
function SkipDialog({
  candidate,
  reasons,
  onSkip,
}: {
  candidate: CandidateRowFragment;
  reasons: readonly Reason[];
  onSkip: (reasonCode: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const reference = candidate.household.reference;
  return (
    <DialogTrigger>
      <Button className="button small secondary" aria-label={`${t('candidates.step.SKIP')} ${reference}`}>
        {t('candidates.step.SKIP')}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">{({ close }) => <SkipForm candidate={candidate} reasons={reasons} onSkip={onSkip} close={close} />}</Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function SkipForm({
  candidate,
  reasons,
  onSkip,
  close,
}: {
  candidate: CandidateRowFragment;
  reasons: readonly Reason[];
  onSkip: (reasonCode: string) => Promise<unknown>;
  close: () => void;
}) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const [sending, setSending] = useState(false);
  // the service's refusal stays in the dialog, where the reason was chosen
  const [error, setError] = useState<unknown>(null);
  const apiReason = error instanceof ApiError ? error.fields.find((f) => f.field.endsWith('reasonCode'))?.reason : undefined;
  const invalid = missing ? t('candidates.skipPick') : apiReason;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!code) {
      setMissing(true);
      return;
    }
    setSending(true);
    setError(null);
    onSkip(code)
      .then(close)
      .catch((e: unknown) => {
        setSending(false);
        setError(e);
      });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Heading slot="title">{t('candidates.skipTitle', { position: candidate.position, reference: candidate.household.reference })}</Heading>
      <p className="note">{t('candidates.skipNote')}</p>
      <RadioGroup
        value={code}
        onChange={(v) => {
          setCode(v);
          setMissing(false);
        }}
        isRequired
        isInvalid={!!invalid}
        validationBehavior="aria"
        className="radio-group"
      >
        <Label>{t('candidates.skipReason')}</Label>
        {reasons.map((r) => (
          <Radio key={r.code} value={r.code}>
            {r.name} <code>{r.code}</code>
          </Radio>
        ))}
        <FieldError>{invalid}</FieldError>
      </RadioGroup>
      {!!error && !apiReason && <ErrorMessage error={error} />}
      <div className="actions">
        <Button type="submit" className="button" isDisabled={sending}>
          {t('candidates.skipConfirm')}
        </Button>
        <Button className="button secondary" onPress={close}>
          {t('candidates.cancel')}
        </Button>
      </div>
    </form>
  );
}
