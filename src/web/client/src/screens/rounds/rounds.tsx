import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { Link, useNavigate } from 'react-router';
import { ApiError, gql } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/error-message';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const RoundsDocument = graphql(`
  query AllocationRounds {
    allocationRounds(limit: 50) {
      id
      status
      allocationDate
      createdAt
      finishedAt
      vacancyIds
      progress {
        percent
        message
      }
    }
  }
`);

const StartRoundDocument = graphql(`
  mutation StartAllocationRound($input: StartAllocationRoundInput!) {
    startAllocationRound(input: $input) {
      id
    }
  }
`);

/** Allocation rounds: the recent ones with their state, and a new round over the open vacancies (of a municipality). */
export function RoundsPage() {
  const { t, dateTime, number } = useI18n();
  const navigate = useNavigate();
  const rounds = useQuery({ queryKey: ['rounds'], queryFn: () => gql(RoundsDocument), refetchInterval: 5_000 });
  const [municipalityCode, setMunicipalityCode] = useState('');
  const [timeLimit, setTimeLimit] = useState('60');
  const start = useMutation({
    mutationFn: () => gql(StartRoundDocument, { input: { municipalityCode: municipalityCode.trim() || undefined, timeLimitSeconds: Number(timeLimit) } }),
    onSuccess: (data) => void navigate(`/rounds/${data.startAllocationRound.id}`),
  });
  const fieldError = (field: string) =>
    start.error instanceof ApiError
      ? start.error.fields
          .filter((f) => f.field === field || f.field === `input.${field}`)
          .map((f) => f.reason)
          .join('; ')
      : '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate();
  };
  return (
    <section>
      <h1>{t('rounds.title')}</h1>
      <p className="note">{t('rounds.intro')}</p>
      <form onSubmit={submit} className="card" aria-labelledby="round-form-title" noValidate>
        <h2 id="round-form-title">{t('rounds.new')}</h2>
        <div className="filters">
          <label className="field">
            <span>{t('rounds.municipality')}</span>
            <input
              value={municipalityCode}
              onChange={(e) => setMunicipalityCode(e.target.value)}
              placeholder="GM0000"
              aria-invalid={!!fieldError('municipalityCode') || undefined}
            />
            {fieldError('municipalityCode') && <span className="field-error">{fieldError('municipalityCode')}</span>}
          </label>
          <label className="field">
            <span>{t('rounds.timeLimit')}</span>
            <input
              type="number"
              min={1}
              max={600}
              value={timeLimit}
              onChange={(e) => setTimeLimit(e.target.value)}
              aria-invalid={!!fieldError('timeLimitSeconds') || undefined}
            />
            {fieldError('timeLimitSeconds') && <span className="field-error">{fieldError('timeLimitSeconds')}</span>}
          </label>
        </div>
        <Button type="submit" className="button" isDisabled={start.isPending}>
          {t('rounds.start')}
        </Button>
        <ErrorMessage error={start.error} />
      </form>
      {rounds.isPending && <Loading />}
      <ErrorMessage error={rounds.error} />
      {rounds.data && (
        <table className="data-table" data-testid="rounds">
          <caption>{t('rounds.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rounds.round')}</th>
              <th scope="col">{t('rounds.status')}</th>
              <th scope="col">{t('rounds.vacancies')}</th>
              <th scope="col">{t('rounds.started')}</th>
              <th scope="col">{t('rounds.progress')}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.data.allocationRounds.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {t('rounds.none')}
                </td>
              </tr>
            )}
            {rounds.data.allocationRounds.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/rounds/${r.id}`}>{t('rounds.roundName', { id: r.id })}</Link>
                </th>
                <td>
                  <span className={`badge job-${r.status}`}>{t(`jobStatus.${r.status}` as MessageKey)}</span>
                </td>
                <td>{number(r.vacancyIds.length)}</td>
                <td>{dateTime(r.createdAt as string)}</td>
                <td>{r.progress.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
