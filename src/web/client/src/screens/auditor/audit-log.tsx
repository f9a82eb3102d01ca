import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { gql } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/error-message';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const AuditEventsDocument = graphql(`
  query AuditEvents($after: Int!, $limit: Int!, $type: String, $actor: String, $vacancyId: ID, $from: String, $to: String) {
    auditEvents(afterSeq: $after, limit: $limit, type: $type, actor: $actor, vacancyId: $vacancyId, from: $from, to: $to) {
      seq
      occurredAt
      actor
      type
      subject
      body
      hash
    }
  }
`);

const VacancyByReferenceDocument = graphql(`
  query VacancyByReference($reference: String!) {
    vacancy(reference: $reference) {
      id
    }
  }
`);

const VerifyChainDocument = graphql(`
  query VerifyChain {
    verifyAuditChain {
      valid
      checked
      fromSeq
      toSeq
      checkpointsChecked
      firstBreak {
        seq
        reason
      }
    }
  }
`);

export const AUDIT_EVENT_TYPES = [
  'PROPOSAL_MADE',
  'OFFER_DECIDED',
  'OFFER_APPROVED',
  'OFFER_APPROVAL_REFUSED',
  'OFFER_RESPONSE',
  'ALLOCATION_RECORDED',
  'ROUND_STARTED',
  'ROUND_COMPLETED',
  'ROUND_FAILED',
  'ROUND_CANCELLED',
  'SIMULATION_STARTED',
  'SIMULATION_COMPLETED',
  'SIMULATION_FAILED',
  'SIMULATION_CANCELLED',
  'COMPOSITION_POLICY_ADDED',
  'PRIORITY_POLICY_ADDED',
  'OUTCOME_OBSERVED',
  'OUTCOME_CORRECTED',
  'PROGRAMME_CREATED',
  'PROGRAMME_ACTION_UPDATED',
  'PARTNER_GRANTED',
  'PARTNER_REVOKED',
  'DOSSIER_VIEWED',
  'LOCAL_POLICY_ADDED',
  'OVERRIDE_REASONS_ADDED',
  'OFFER_LETTER_TEMPLATE_ADDED',
  'RULE_PARAMETERS_ADDED',
  'OFFICER_ASSIGNED',
  'OFFICER_ASSIGNMENT_ENDED',
  'DATA_IMPORTED',
  'DATA_EXPORTED',
] as const;

const PAGE = 100;

/** The audit log: browse and filter (vacancy, officer, event type, period), each event readable; the chain verified on request. */
export function AuditLogPage() {
  const { t, dateTime, number } = useI18n();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(() => Object.fromEntries(['type', 'actor', 'vacancy', 'from', 'to'].map((k) => [k, params.get(k) ?? ''])));
  const filter = Object.fromEntries(['type', 'actor', 'vacancy', 'from', 'to'].map((k) => [k, params.get(k) ?? '']));
  const events = useInfiniteQuery({
    queryKey: ['audit', filter],
    initialPageParam: 0,
    queryFn: async ({ pageParam }) => {
      const vacancyId = filter.vacancy ? (await gql(VacancyByReferenceDocument, { reference: filter.vacancy })).vacancy.id : undefined;
      return (
        await gql(AuditEventsDocument, {
          after: pageParam,
          limit: PAGE,
          type: filter.type || undefined,
          actor: filter.actor || undefined,
          vacancyId,
          from: filter.from || undefined,
          to: filter.to || undefined,
        })
      ).auditEvents;
    },
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1].seq : undefined),
  });
  const verify = useMutation({ mutationFn: () => gql(VerifyChainDocument) });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(draft)) if (v.trim()) next.set(k, v.trim());
    setParams(next, { replace: true });
  };
  const rows = events.data?.pages.flat() ?? [];
  const result = verify.data?.verifyAuditChain;
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <section aria-labelledby="chain-title" className="card">
        <h2 id="chain-title">{t('audit.chainTitle')}</h2>
        <Button className="button" onPress={() => verify.mutate()} isDisabled={verify.isPending}>
          {t('audit.verify')}
        </Button>
        <ErrorMessage error={verify.error} />
        {result && (
          <p role="status" data-testid="chain-result" className={result.valid ? 'ok' : 'error'}>
            {result.valid
              ? t('audit.chainValid', {
                  checked: number(result.checked),
                  from: result.fromSeq,
                  to: result.toSeq,
                  checkpoints: result.checkpointsChecked,
                  at: dateTime(new Date().toISOString()),
                })
              : t('audit.chainBroken', { seq: result.firstBreak?.seq ?? '?', reason: result.firstBreak?.reason ?? '', at: dateTime(new Date().toISOString()) })}
          </p>
        )}
      </section>
      <form className="filters" onSubmit={apply} aria-label={t('audit.filters')}>
        <label className="field">
          <span>{t('audit.type')}</span>
          <select value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value })}>
            <option value="">{t('worklist.any')}</option>
            {AUDIT_EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`auditType.${type}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('audit.actor')}</span>
          <input value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('audit.vacancy')}</span>
          <input value={draft.vacancy} placeholder="VAC-…" onChange={(e) => setDraft({ ...draft, vacancy: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('audit.from')}</span>
          <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('audit.to')}</span>
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <Button type="submit" className="button">
          {t('audit.apply')}
        </Button>
      </form>
      {events.isPending && <Loading />}
      <ErrorMessage error={events.error} />
      {events.data && (
        <>
          <p role="status" data-testid="audit-count">
            {t('audit.count', { count: number(rows.length) })}
          </p>
          <table className="data-table" data-testid="audit-events">
            <caption className="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.type')}</th>
                <th scope="col">{t('audit.about')}</th>
                <th scope="col">{t('audit.body')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => {
                const subject = JSON.parse(e.subject) as Record<string, number | string>;
                return (
                  <tr key={e.seq}>
                    <td>{e.seq}</td>
                    <td>{dateTime(e.occurredAt)}</td>
                    <td>{e.actor}</td>
                    <td>{t(`auditType.${e.type}` as MessageKey)}</td>
                    <td>
                      {Object.entries(subject).map(([k, v]) => (
                        <span key={k} className="subject">
                          {k === 'proposalId' ? <Link to={`/proposals/${v}`}>{t('audit.proposal', { id: v })}</Link> : `${k} ${v}`}{' '}
                        </span>
                      ))}
                    </td>
                    <td>
                      <details>
                        <summary>{t('audit.showBody')}</summary>
                        <pre className="body">{JSON.stringify(JSON.parse(e.body), null, 2)}</pre>
                        <p className="muted">sha256 {e.hash}</p>
                      </details>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {events.hasNextPage && (
            <Button className="button secondary" onPress={() => void events.fetchNextPage()} isDisabled={events.isFetchingNextPage}>
              {t('audit.more')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
