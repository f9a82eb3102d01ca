import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, FieldError, Input, Label, TextArea, TextField } from 'react-aria-components';
import { ApiError, gql, type FieldProblem } from '../../api/client';
import { currentSession, hasRole } from '../../auth/session';
import { ErrorMessage } from '../../components/error-message';
import type { PublicationFieldsFragment, VacancyScreenQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { CloseReactionWindowDocument, PublishVacancyDocument } from './letting-operations';

type Vacancy = VacancyScreenQuery['vacancy'];
type Field = 'opensOn' | 'closesOn' | 'viewingOn' | 'conditions';
const FIELDS: readonly Field[] = ['opensOn', 'closesOn', 'viewingOn', 'conditions'];

/** Calendar days are Dutch days, as the service counts them (src/common/clock.ts). */
const AMSTERDAM = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
export const dutchToday = () => AMSTERDAM.format(new Date());
export const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A problem of the form: a field of this form (linked), or another input the API names. */
interface Problem {
  field: Field | null;
  name: string;
  reason: string;
}

const inputId = (field: Field) => `publish-${field}`;
/** The API names input fields as the input does; some validators put the argument in front. */
const fieldOf = (problem: FieldProblem) => problem.field.replace(/^input\./, '');

/**
 * The vacancy as advertised (issue 17): an open vacancy that is not a direct allocation is published
 * with its reaction window, viewing day and conditions; once published, the window and its state, and
 * (from the window's last day on) closing it, which makes the candidate list.
 */
export function PublicationPanel({ vacancy, onChanged }: { vacancy: Vacancy; onChanged: (message: string, tab?: string) => void }) {
  const { t } = useI18n();
  const officer = hasRole(currentSession(), 'OFFICER');
  const publication = vacancy.publication;
  if (publication) return <PublicationView vacancy={vacancy} publication={publication} officer={officer} onChanged={onChanged} />;
  if (vacancy.route === 'DIRECT') return <p className="muted">{t('publication.direct')}</p>;
  if (vacancy.status !== 'OPEN') return <p className="muted">{t('publication.notOpen', { status: t(`vacancyStatus.${vacancy.status}` as MessageKey) })}</p>;
  if (!officer) return <p className="muted">{t('publication.none')}</p>;
  return <PublishForm vacancy={vacancy} onChanged={onChanged} />;
}

function PublicationView({
  vacancy,
  publication: p,
  officer,
  onChanged,
}: {
  vacancy: Vacancy;
  publication: PublicationFieldsFragment;
  officer: boolean;
  onChanged: (message: string, tab?: string) => void;
}) {
  const { t, date, dateTime, number } = useI18n();
  const close = useMutation({
    mutationFn: () => gql(CloseReactionWindowDocument, { vacancyId: vacancy.id }),
    onSuccess: (data) => {
      const list = data.closeReactionWindow;
      onChanged(t('publication.listed', { count: number(list.length), eligible: number(list.filter((c) => c.eligible).length) }), 'candidates');
    },
  });
  const today = dutchToday();
  const windowNow =
    p.state !== 'PUBLISHED'
      ? null
      : today < p.opensOn
        ? t('publication.window.before', { date: date(p.opensOn) })
        : today <= p.closesOn
          ? t('publication.window.open', { date: date(p.closesOn) })
          : t('publication.window.after', { date: date(p.closesOn) });
  return (
    <section aria-labelledby="publication-title">
      <h2 id="publication-title">{t('publication.title')}</h2>
      <dl className="facts" data-testid="publication">
        <dt>{t('publication.state')}</dt>
        <dd>
          <span className={`badge publication-${p.state}`}>{t(`publicationState.${p.state}` as MessageKey)}</span>
          {windowNow && <> {windowNow}</>}
        </dd>
        <dt>{t('publication.model')}</dt>
        <dd>{t(`route.${p.model}` as MessageKey)}</dd>
        <dt>{t('publication.window')}</dt>
        <dd data-testid="publication-window">{t('publication.windowRange', { opens: date(p.opensOn), closes: date(p.closesOn) })}</dd>
        <dt>{t('publication.viewingOn')}</dt>
        <dd>{p.viewingOn ? date(p.viewingOn) : t('publication.noViewing')}</dd>
        <dt>{t('publication.conditions')}</dt>
        <dd className="pre-wrap">{p.conditions || t('publication.noConditions')}</dd>
        <dt>{t('publication.publishedBy')}</dt>
        <dd>{t('publication.byAt', { who: p.publishedBy, at: dateTime(p.publishedAt) })}</dd>
        {p.listedAt && (
          <>
            <dt>{t('publication.listedAt')}</dt>
            <dd>{dateTime(p.listedAt)}</dd>
          </>
        )}
        {p.lotterySeed && (
          <>
            <dt>{t('publication.lotterySeed')}</dt>
            <dd>
              <code>{p.lotterySeed}</code>
            </dd>
          </>
        )}
      </dl>
      {officer && (p.state === 'PUBLISHED' || p.state === 'CLOSED') && (
        <div className="actions">
          <Button className="button" onPress={() => close.mutate()} isDisabled={close.isPending}>
            {t('publication.close')}
          </Button>
          {close.isPending && <span role="status">{t('publication.closing')}</span>}
        </div>
      )}
      <p className="note">{t('publication.closeNote')}</p>
      <ErrorMessage error={close.error} />
    </section>
  );
}

function PublishForm({ vacancy, onChanged }: { vacancy: Vacancy; onChanged: (message: string, tab?: string) => void }) {
  const { t, date } = useI18n();
  const today = dutchToday();
  const [values, setValues] = useState<Record<Field, string>>({ opensOn: today, closesOn: addDays(today, 7), viewingOn: '', conditions: '' });
  // a submit refused for the form's own problems: they are listed until fixed
  const [refused, setRefused] = useState(false);
  const publish = useMutation({
    mutationFn: (v: Record<Field, string>) =>
      gql(PublishVacancyDocument, {
        input: { vacancyId: vacancy.id, opensOn: v.opensOn, closesOn: v.closesOn, viewingOn: v.viewingOn || null, conditions: v.conditions.trim() },
      }),
    onSuccess: (data) => {
      const p = data.publishVacancy;
      onChanged(t('publication.published', { reference: vacancy.reference, opens: date(p.opensOn), closes: date(p.closesOn) }));
    },
  });
  // a date the browser could not read is empty: nothing is sent until both days of the window are there
  const local: Problem[] = (['opensOn', 'closesOn'] as const)
    .filter((field) => values[field] === '')
    .map((field) => ({ field, name: field, reason: t('publication.required') }));
  const api: Problem[] =
    publish.error instanceof ApiError
      ? publish.error.fields.map((p) => {
          const name = fieldOf(p);
          return { field: (FIELDS as readonly string[]).includes(name) ? (name as Field) : null, name, reason: p.reason };
        })
      : [];
  const problems = [...(refused ? local : []), ...api];
  const errorOf = (field: Field) =>
    problems
      .filter((p) => p.field === field)
      .map((p) => p.reason)
      .join('; ') || undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (local.length > 0) {
      setRefused(true);
      window.setTimeout(() => document.getElementById('publish-problems')?.focus());
      return;
    }
    setRefused(false);
    publish.mutate(values);
  };
  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const dateField = (field: Field, label: string) => (
    <TextField
      id={inputId(field)}
      type="date"
      value={values[field]}
      onChange={set(field)}
      isInvalid={!!errorOf(field)}
      isRequired={field !== 'viewingOn'}
      validationBehavior="aria"
      className="field"
    >
      <Label>{label}</Label>
      <Input />
      <FieldError>{errorOf(field)}</FieldError>
    </TextField>
  );
  const showSummary = (refused && local.length > 0) || !!publish.error;
  return (
    <section aria-labelledby="publish-title">
      <h2 id="publish-title">{t('publication.publishTitle')}</h2>
      <p className="note">{t('publication.publishIntro', { model: t(`route.${vacancy.route}` as MessageKey) })}</p>
      {showSummary && (
        <div role="alert" className="error" data-testid="publish-problems" id="publish-problems" tabIndex={-1}>
          <strong>{problems.length > 0 ? t('publication.problems', { count: problems.length }) : t('error.title')}</strong>
          {publish.error && api.length === 0 && <> {publish.error.message}</>}
          {problems.length > 0 && (
            <ul>
              {problems.map((p, i) => (
                <li key={`${p.field ?? ''}:${i}`}>
                  {p.field ? (
                    <a
                      href={`#${inputId(p.field)}`}
                      onClick={(event) => {
                        // to the field itself, focused, as an error summary does (GOV.UK / NL Design System pattern)
                        const element = document.getElementById(inputId(p.field!));
                        if (!element) return;
                        event.preventDefault();
                        element.focus();
                      }}
                    >
                      {t(`publication.field.${p.field}` as MessageKey)}
                    </a>
                  ) : (
                    <code>{p.name}</code>
                  )}
                  : {p.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <form onSubmit={submit} noValidate className="publish-form" aria-labelledby="publish-title">
        <div className="publish-dates">
          {dateField('opensOn', t('publication.field.opensOn'))}
          {dateField('closesOn', t('publication.field.closesOn'))}
          {dateField('viewingOn', t('publication.field.viewingOn'))}
        </div>
        <TextField
          id={inputId('conditions')}
          value={values.conditions}
          onChange={set('conditions')}
          isInvalid={!!errorOf('conditions')}
          validationBehavior="aria"
          className="field"
        >
          <Label>{t('publication.field.conditions')}</Label>
          <TextArea rows={3} maxLength={2000} />
          <FieldError>{errorOf('conditions')}</FieldError>
        </TextField>
        <p className="note">{t('publication.conditionsNote')}</p>
        <div className="actions">
          <Button type="submit" className="button" isDisabled={publish.isPending}>
            {t('publication.publish')}
          </Button>
          {publish.isPending && <span role="status">{t('publication.publishing')}</span>}
        </div>
      </form>
    </section>
  );
}
