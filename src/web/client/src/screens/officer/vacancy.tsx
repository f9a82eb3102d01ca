import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { gql } from '../../api/client';
import { currentSession, hasRole } from '../../auth/session';
import { CompositionChart } from '../../components/composition-chart';
import { ErrorMessage, Loading } from '../../components/error-message';
import type { VacancyScreenQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { CandidateListPanel } from './candidate-list-panel';
import { DecisionForm } from './decision-form';
import { OffersPanel } from './offers-panel';
import { ProposalView } from './proposal-view';
import { PublicationPanel } from './publication-panel';
import { RespondentsPanel } from './respondents-panel';
import { ProposeDocument, VacancyScreenDocument } from './vacancy-operations';

export type VacancyScreen = VacancyScreenQuery;

/** One vacancy: the dwelling and complex, the proposal and the decision, the respondents, the publication and candidate list, the offers. */
export function VacancyPage() {
  const { id = '' } = useParams();
  const { t, euros, date, number } = useI18n();
  const client = useQueryClient();
  const screen = useQuery({ queryKey: ['vacancy', id], queryFn: () => gql(VacancyScreenDocument, { id }) });
  const [tab, setTab] = useState<string>('proposal');
  // what the last action did, kept above the tabs: the form that did it may be gone once the data reloads
  const [notice, setNotice] = useState<string | null>(null);
  const reload = (message: string) => {
    setNotice(message);
    return client.invalidateQueries({ queryKey: ['vacancy', id] });
  };
  // a step of the letting process may lead to another part (closing the window: to the candidate list)
  const changed = (message: string, next?: string) => {
    if (next) setTab(next);
    return reload(message);
  };
  const propose = useMutation({
    mutationFn: () => gql(ProposeDocument, { id }),
    onSuccess: () => reload(t('vacancy.proposed')),
  });
  if (screen.isPending) return <Loading />;
  if (screen.error || !screen.data) return <ErrorMessage error={screen.error} />;
  const { vacancy, proposals, offers, overrideReasonPolicies } = screen.data;
  const current = [...proposals].reverse().find((p) => p.status !== 'SUPERSEDED') ?? null;
  const openOffer = offers.find((o) => o.status === 'OPEN' || o.status === 'PENDING_APPROVAL');
  const canPropose = vacancy.status === 'OPEN' || vacancy.status === 'PROPOSED';
  const reasons = overrideReasonPolicies.at(-1)?.reasons ?? [];
  const d = vacancy.dwelling;
  return (
    <article aria-labelledby="vacancy-title">
      <p>
        <Link to="/worklist">← {t('nav.worklist')}</Link>
      </p>
      <h1 id="vacancy-title">
        {t('vacancy.title', { reference: vacancy.reference })}{' '}
        <span className={`badge status-${vacancy.status}`}>{t(`vacancyStatus.${vacancy.status}` as MessageKey)}</span>
      </h1>
      <dl className="facts" data-testid="vacancy-facts">
        <dt>{t('vacancy.complex')}</dt>
        <dd>
          {d.complex.name} ({d.complex.code}), {d.complex.dwellingCount} {t('vacancy.dwellings')}
        </dd>
        <dt>{t('vacancy.buurt')}</dt>
        <dd>
          {d.complex.neighbourhood.name} ({d.complex.neighbourhood.buurtCode}),{' '}
          {t('vacancy.resilienceClass', { value: d.complex.neighbourhood.resilienceClass })}
        </dd>
        <dt>{t('vacancy.dwelling')}</dt>
        <dd>
          {d.address}, {d.postcode} · {d.rooms} {t('vacancy.rooms')} · {d.floorAreaM2} m² · {t('vacancy.netRent')} {euros(d.netRentCents)}
          {d.isDaeb ? ` · ${t('vacancy.daeb')}` : ''}
        </dd>
        <dt>{t('vacancy.route')}</dt>
        <dd>{t(`route.${vacancy.route}` as MessageKey)}</dd>
        <dt>{t('vacancy.availableFrom')}</dt>
        <dd>{date(vacancy.availableFrom)}</dd>
        <dt>{t('vacancy.respondents')}</dt>
        <dd>{number(vacancy.respondentCount)}</dd>
        {vacancy.publication && (
          <>
            <dt>{t('publication.window')}</dt>
            <dd data-testid="vacancy-window">
              {t('publication.windowWithState', {
                opens: date(vacancy.publication.opensOn),
                closes: date(vacancy.publication.closesOn),
                state: t(`publicationState.${vacancy.publication.state}` as MessageKey),
              })}
            </dd>
          </>
        )}
      </dl>
      {hasRole(currentSession(), 'OFFICER') && (
        <p>
          <Link to={`/objections/new?vacancy=${vacancy.id}`} data-testid="file-objection">
            {t('vacancy.fileObjection')}
          </Link>
        </p>
      )}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <Tabs selectedKey={tab} onSelectionChange={(key) => setTab(String(key))}>
        <TabList aria-label={t('vacancy.sections')} className="tabs">
          <Tab id="proposal">{t('vacancy.tab.proposal')}</Tab>
          <Tab id="respondents">{t('vacancy.tab.respondents')}</Tab>
          <Tab id="publication">{t('vacancy.tab.publication')}</Tab>
          <Tab id="candidates">{t('vacancy.tab.candidates')}</Tab>
          <Tab id="offers">
            {t('vacancy.tab.offers')} ({offers.length})
          </Tab>
        </TabList>
        <TabPanel id="proposal">
          {canPropose && (
            <p>
              <Button className="button" onPress={() => propose.mutate()} isDisabled={propose.isPending}>
                {current ? t('vacancy.proposeAgain') : t('vacancy.propose')}
              </Button>
              {propose.isPending && <span role="status"> {t('vacancy.proposing')}</span>}
            </p>
          )}
          <ErrorMessage error={propose.error} />
          {!current && <p className="muted">{t('vacancy.noProposal')}</p>}
          {current && (
            <>
              <ProposalView proposal={current} />
              <h2>{t('vacancy.composition')}</h2>
              <CompositionChart targets={current.composition} />
              {current.status === 'PROPOSED' && !openOffer && <DecisionForm proposal={current} reasons={reasons} onDecided={reload} />}
            </>
          )}
        </TabPanel>
        <TabPanel id="respondents">
          <RespondentsPanel vacancyId={vacancy.id} />
        </TabPanel>
        <TabPanel id="publication">
          <PublicationPanel vacancy={vacancy} onChanged={changed} />
        </TabPanel>
        <TabPanel id="candidates">
          <CandidateListPanel vacancyId={vacancy.id} onChanged={reload} />
        </TabPanel>
        <TabPanel id="offers">
          <OffersPanel offers={offers} reasons={screen.data.lettingReasons} onAnswered={reload} />
        </TabPanel>
      </Tabs>
    </article>
  );
}
