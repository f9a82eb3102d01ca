import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState, type FormEvent } from 'react';
import { Button, FieldError, Input, Label, Radio, RadioGroup, TextArea, TextField } from 'react-aria-components';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, gql } from '../../api/client';
import { currentSession, hasRole } from '../../auth/session';
import { DataTable } from '../../components/data-table';
import { ErrorMessage, Loading } from '../../components/error-message';
import { graphql } from '../../gql';
import type { ObjectionDecision, ObjectionsScreenQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const ObjectionsScreenDocument = graphql(`
  query ObjectionsScreen {
    objections {
      id
      vacancyId
      vacancy {
        id
        reference
      }
      household {
        id
        reference
      }
      grounds
      state
      filedOn
      filedBy
      decisionDue
      overdue
      decidedOn
      decidedBy
      reasons
      whyNotChosen {
        outcome
        rank
        chosenRank
        sentences
      }
    }
  }
`);

const ObjectionVacancyDocument = graphql(`
  query ObjectionVacancy($id: ID!) {
    vacancy(id: $id) {
      id
      reference
      status
    }
  }
`);

const FileObjectionDocument = graphql(`
  mutation FileObjection($input: FileObjectionInput!) {
    fileObjection(input: $input) {
      id
      state
    }
  }
`);

const StartObjectionReviewDocument = graphql(`
  mutation StartObjectionReview($objectionId: ID!) {
    startObjectionReview(objectionId: $objectionId) {
      id
      state
    }
  }
`);

const DecideObjectionDocument = graphql(`
  mutation DecideObjection($input: DecideObjectionInput!) {
    decideObjection(input: $input) {
      id
      state
    }
  }
`);

const WithdrawObjectionDocument = graphql(`
  mutation WithdrawObjection($objectionId: ID!) {
    withdrawObjection(objectionId: $objectionId) {
      id
      state
    }
  }
`);

type Objection = ObjectionsScreenQuery['objections'][number];
const column = createColumnHelper<Objection>();
const OBJECTIONS = ['objections'];
/** The API's minimums (src/allocation/graphql/objection.type.ts), checked here first to say so in the reader's language. */
const MIN_GROUNDS = 5;
const MIN_REASONS = 10;

function useObjections() {
  return useQuery({ queryKey: OBJECTIONS, queryFn: () => gql(ObjectionsScreenDocument) });
}

function fieldProblem(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fields.find((f) => f.field === field)?.reason : undefined;
}

function StateBadge({ objection }: { objection: Pick<Objection, 'state'> }) {
  const { t } = useI18n();
  return <span className={`badge objection-${objection.state}`}>{t(`objectionState.${objection.state}` as MessageKey)}</span>;
}

function Due({ objection }: { objection: Pick<Objection, 'decisionDue' | 'overdue'> }) {
  const { t, date } = useI18n();
  return (
    <span>
      {date(objection.decisionDue)}
      {objection.overdue && <strong className="badge due-badge-overdue"> {t('objections.overdue')}</strong>}
    </span>
  );
}

/**
 * Objections to lettings (reclamaties, issue 17): every case, oldest first, with its decision date
 * (overdue ones marked); officers file, review and decide them, auditors read (under pseudonyms).
 */
export function ObjectionsPage() {
  const { t, date } = useI18n();
  const officer = hasRole(currentSession(), 'OFFICER');
  const query = useObjections();
  const columns = useMemo(
    () => [
      column.accessor((o) => o.vacancy.reference, {
        id: 'vacancy',
        header: t('objections.vacancy'),
        cell: (c) => (officer ? <Link to={`/vacancies/${c.row.original.vacancy.id}`}>{c.getValue()}</Link> : c.getValue()),
      }),
      column.accessor((o) => o.household.reference, { id: 'household', header: t('objections.household') }),
      column.accessor('filedOn', { header: t('objections.filedOn'), cell: (c) => date(c.getValue()) }),
      column.accessor('decisionDue', { header: t('objections.decisionDue'), cell: (c) => <Due objection={c.row.original} /> }),
      column.accessor('state', { header: t('objections.state'), cell: (c) => <StateBadge objection={c.row.original} /> }),
      column.display({
        id: 'open',
        header: t('objections.details'),
        cell: (c) => (
          <Link to={`/objections/${c.row.original.id}`}>
            {t('objections.open')}
            <span className="visually-hidden">
              {' '}
              {t('objections.openFor', { vacancy: c.row.original.vacancy.reference, household: c.row.original.household.reference })}
            </span>
          </Link>
        ),
      }),
    ],
    [t, date, officer],
  );
  const objections = query.data?.objections ?? [];
  const overdue = objections.filter((o) => o.overdue).length;
  return (
    <section>
      <h1>{t('objections.title')}</h1>
      <p className="note">{t(officer ? 'objections.intro' : 'objections.introReadOnly')}</p>
      {query.isPending && <Loading />}
      <ErrorMessage error={query.error} />
      {query.data && (
        <>
          <p>{t('objections.count', { count: objections.length, overdue })}</p>
          <DataTable columns={columns} data={objections} caption={t('objections.caption')} testId="objections" />
        </>
      )}
    </section>
  );
}

/** One objection: the grounds, the why-not answer as it stood when filed, the decision; an officer's next step. */
export function ObjectionPage() {
  const { id = '' } = useParams();
  const { t, date } = useI18n();
  const officer = hasRole(currentSession(), 'OFFICER');
  const query = useObjections();
  const [message, setMessage] = useState<string | null>(null);
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <ErrorMessage error={query.error} />;
  const objection = query.data.objections.find((o) => o.id === id);
  if (!objection) return <p role="alert">{t('objections.notFound')}</p>;
  const answer = objection.whyNotChosen;
  return (
    <article aria-labelledby="objection-title" data-testid="objection">
      <p>
        <Link to="/objections">← {t('nav.objections')}</Link>
      </p>
      <h1 id="objection-title">
        {t('objections.detailTitle', { vacancy: objection.vacancy.reference, household: objection.household.reference })} <StateBadge objection={objection} />
      </h1>
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      <dl className="facts">
        <dt>{t('objections.vacancy')}</dt>
        <dd>{officer ? <Link to={`/vacancies/${objection.vacancy.id}`}>{objection.vacancy.reference}</Link> : objection.vacancy.reference}</dd>
        <dt>{t('objections.household')}</dt>
        <dd>{objection.household.reference}</dd>
        <dt>{t('objections.filed')}</dt>
        <dd>{t('objections.byOn', { who: objection.filedBy, on: date(objection.filedOn) })}</dd>
        <dt>{t('objections.decisionDue')}</dt>
        <dd data-testid="objection-due">
          <Due objection={objection} />
        </dd>
        {objection.decidedOn && (
          <>
            <dt>{t('objections.decided')}</dt>
            <dd data-testid="objection-decision">
              {t(`objectionState.${objection.state}` as MessageKey)}, {t('objections.byOn', { who: objection.decidedBy ?? '–', on: date(objection.decidedOn) })}
              <blockquote className="pre-wrap">{objection.reasons}</blockquote>
            </dd>
          </>
        )}
      </dl>
      <h2>{t('objections.grounds')}</h2>
      <blockquote className="pre-wrap" data-testid="objection-grounds">
        {objection.grounds}
      </blockquote>
      <section aria-labelledby="why-not-title" className="card" data-testid="objection-why-not">
        <h2 id="why-not-title">{t('objections.whyNot')}</h2>
        <p className="note">{t('objections.whyNotNote')}</p>
        <dl className="facts">
          <dt>{t('objections.outcome')}</dt>
          <dd>{t(`notChosenOutcome.${answer.outcome}` as MessageKey)}</dd>
          {answer.rank !== null && answer.rank !== undefined && (
            <>
              <dt>{t('objections.rank')}</dt>
              <dd>
                {answer.chosenRank !== null && answer.chosenRank !== undefined
                  ? t('objections.rankAndChosen', { rank: answer.rank, chosen: answer.chosenRank })
                  : answer.rank}
              </dd>
            </>
          )}
        </dl>
        <ul>
          {answer.sentences.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ul>
      </section>
      {officer && <ObjectionActions objection={objection} onDone={setMessage} />}
    </article>
  );
}

function ObjectionActions({ objection, onDone }: { objection: Objection; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [decision, setDecision] = useState<ObjectionDecision | ''>('');
  const [reasons, setReasons] = useState('');
  const [problems, setProblems] = useState<{ decision?: string; reasons?: string }>({});
  const done = (key: MessageKey) => () => {
    onDone(t(key, { vacancy: objection.vacancy.reference, household: objection.household.reference }));
    return client.invalidateQueries({ queryKey: OBJECTIONS });
  };
  const review = useMutation({ mutationFn: () => gql(StartObjectionReviewDocument, { objectionId: objection.id }), onSuccess: done('objections.reviewing') });
  const withdraw = useMutation({ mutationFn: () => gql(WithdrawObjectionDocument, { objectionId: objection.id }), onSuccess: done('objections.withdrawn') });
  const decide = useMutation({
    mutationFn: () => gql(DecideObjectionDocument, { input: { objectionId: objection.id, decision: decision as ObjectionDecision, reasons: reasons.trim() } }),
    onSuccess: done('objections.decidedDone'),
  });
  const busy = review.isPending || withdraw.isPending || decide.isPending;
  if (objection.state !== 'OPEN' && objection.state !== 'UNDER_REVIEW') return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      decision: decision ? undefined : t('objections.pickDecision'),
      reasons: reasons.trim().length >= MIN_REASONS ? undefined : t('objections.reasonsRequired', { min: MIN_REASONS }),
    };
    setProblems(found);
    if (!found.decision && !found.reasons) decide.mutate();
  };
  const reasonsError = problems.reasons ?? fieldProblem(decide.error, 'reasons');
  return (
    <section aria-labelledby="objection-actions-title" className="card">
      <h2 id="objection-actions-title">{t('objections.next')}</h2>
      {objection.state === 'OPEN' && (
        <div className="actions">
          <Button className="button" onPress={() => review.mutate()} isDisabled={busy}>
            {t('objections.startReview')}
          </Button>
          <p className="note">{t('objections.startReviewNote')}</p>
        </div>
      )}
      {objection.state === 'UNDER_REVIEW' && (
        <form onSubmit={submit} aria-labelledby="objection-decide-title" noValidate>
          <h3 id="objection-decide-title">{t('objections.decide')}</h3>
          <RadioGroup
            value={decision}
            onChange={(v) => setDecision(v as ObjectionDecision)}
            isInvalid={!!problems.decision}
            isRequired
            validationBehavior="aria"
            className="radio-group"
          >
            <Label>{t('objections.decision')}</Label>
            <Radio value="UPHOLD">{t('objections.uphold')}</Radio>
            <Radio value="REJECT">{t('objections.reject')}</Radio>
            <FieldError>{problems.decision}</FieldError>
          </RadioGroup>
          <TextField value={reasons} onChange={setReasons} isRequired isInvalid={!!reasonsError} validationBehavior="aria" className="field">
            <Label>{t('objections.reasons')}</Label>
            <TextArea rows={4} />
            <FieldError>{reasonsError}</FieldError>
          </TextField>
          <p className="note">{t('objections.reasonsNote')}</p>
          <Button type="submit" className="button" isDisabled={busy}>
            {t('objections.submitDecision')}
          </Button>
        </form>
      )}
      <div className="actions">
        <Button className="button secondary" onPress={() => withdraw.mutate()} isDisabled={busy}>
          {t('objections.withdraw')}
        </Button>
        <p className="note">{t('objections.withdrawNote')}</p>
      </div>
      <ErrorMessage error={review.error ?? withdraw.error ?? (fieldProblem(decide.error, 'reasons') ? null : decide.error)} />
    </section>
  );
}

/** An officer records a seeker's objection to a letting (reached from the vacancy's page). */
export function FileObjectionPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const vacancyId = params.get('vacancy') ?? '';
  const vacancy = useQuery({
    queryKey: ['objectionVacancy', vacancyId],
    queryFn: () => gql(ObjectionVacancyDocument, { id: vacancyId }),
    enabled: !!vacancyId,
  });
  const [household, setHousehold] = useState(params.get('household') ?? '');
  const [grounds, setGrounds] = useState('');
  const [problems, setProblems] = useState<{ householdId?: string; grounds?: string }>({});
  const file = useMutation({
    mutationFn: () => gql(FileObjectionDocument, { input: { vacancyId, householdId: household.trim(), grounds: grounds.trim() } }),
    onSuccess: async (data) => {
      await client.invalidateQueries({ queryKey: OBJECTIONS });
      await navigate(`/objections/${data.fileObjection.id}`);
    },
  });
  if (!vacancyId) return <p role="alert">{t('objections.fileNeedsVacancy')}</p>;
  const reference = vacancy.data?.vacancy.reference ?? vacancyId;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      householdId: household.trim() ? undefined : t('objections.householdRequired'),
      grounds: grounds.trim().length >= MIN_GROUNDS ? undefined : t('objections.groundsRequired', { min: MIN_GROUNDS }),
    };
    setProblems(found);
    if (!found.householdId && !found.grounds) file.mutate();
  };
  const householdError = problems.householdId ?? fieldProblem(file.error, 'householdId');
  const groundsError = problems.grounds ?? fieldProblem(file.error, 'grounds');
  return (
    <section aria-labelledby="file-objection-title">
      <p>
        <Link to={`/vacancies/${vacancyId}`}>← {t('vacancy.title', { reference })}</Link>
      </p>
      <h1 id="file-objection-title">{t('objections.fileTitle', { vacancy: reference })}</h1>
      <p className="note">{t('objections.fileIntro')}</p>
      <ErrorMessage error={vacancy.error} />
      <form onSubmit={submit} noValidate aria-labelledby="file-objection-title">
        <TextField value={household} onChange={setHousehold} isRequired isInvalid={!!householdError} validationBehavior="aria" className="field">
          <Label>{t('objections.fileHousehold')}</Label>
          <Input />
          <FieldError>{householdError}</FieldError>
        </TextField>
        <TextField value={grounds} onChange={setGrounds} isRequired isInvalid={!!groundsError} validationBehavior="aria" className="field">
          <Label>{t('objections.grounds')}</Label>
          <TextArea rows={4} />
          <FieldError>{groundsError}</FieldError>
        </TextField>
        <p className="note">{t('objections.groundsNote')}</p>
        <Button type="submit" className="button" isDisabled={file.isPending}>
          {t('objections.file')}
        </Button>
      </form>
      <ErrorMessage error={householdError || groundsError ? null : file.error} />
    </section>
  );
}
