import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { gql } from '../../api/client';
import { hasRole, currentSession } from '../../auth/session';
import { ErrorMessage, Loading } from '../../components/error-message';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n/i18n';
import { documentChanges, type Json } from '../../policies/document-paths';
import { ChangesTable, ReadableDocument } from '../../policies/document-view';

const PoliciesDocument = graphql(`
  query PoliciesOverview {
    compositionPolicies {
      id
      code
      version
      name
      effectiveFrom
      document
    }
    localPolicies {
      code
      version
      name
      effectiveFrom
      municipalityCodes
      document
    }
    overrideReasonPolicies {
      id
      version
      effectiveFrom
      reasons {
        code
        label
        requires
      }
    }
  }
`);

/** One version of any policy, as this screen lists, reads and compares them. */
export interface PolicyVersionView {
  key: string;
  line: string;
  version: number;
  name: string;
  effectiveFrom: string;
  document: Json;
}

/** Today as the API writes dates (the service's clock is UTC). */
export const todayIso = () => new Date().toISOString().slice(0, 10);

/** In force: the newest version of its line already effective; planned: effective later. */
export function versionState(v: PolicyVersionView, all: PolicyVersionView[]): 'IN_FORCE' | 'PLANNED' | 'EARLIER' {
  const today = todayIso();
  if (v.effectiveFrom > today) return 'PLANNED';
  const current = all
    .filter((x) => x.line === v.line && x.effectiveFrom <= today)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.version - b.version)
    .pop();
  return current?.key === v.key ? 'IN_FORCE' : 'EARLIER';
}

/** A line's versions as a key: a new version draws the line anew (what is read and compared starts from the newest). */
const lineKey = (versions: PolicyVersionView[]) => versions.map((v) => v.key).join(',');

/** Policies: every version with its name and date, read in words, two versions compared; managers author the next one. */
export function PoliciesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const query = useQuery({ queryKey: ['policies'], queryFn: () => gql(PoliciesDocument) });
  const lines = useMemo(() => {
    const d = query.data;
    if (!d) return null;
    return {
      composition: d.compositionPolicies.map((p): PolicyVersionView => ({
        key: `composition:${p.version}`,
        line: p.code,
        version: p.version,
        name: p.name ?? `${p.code} v${p.version}`,
        effectiveFrom: p.effectiveFrom,
        document: JSON.parse(p.document) as Json,
      })),
      local: d.localPolicies.map((p): PolicyVersionView => ({
        key: `local:${p.code}:${p.version}`,
        line: p.code,
        version: p.version,
        name: p.name,
        effectiveFrom: p.effectiveFrom,
        document: { municipalityCodes: p.municipalityCodes, ...(JSON.parse(p.document) as { [key: string]: Json }) },
      })),
      overrideReasons: d.overrideReasonPolicies.map((p): PolicyVersionView => ({
        key: `override:${p.version}`,
        line: 'OVERRIDE_REASONS',
        version: p.version,
        name: t('policies.overrideVersion', { version: p.version }),
        effectiveFrom: p.effectiveFrom,
        document: { reasons: p.reasons.map((r) => ({ code: r.code, label: r.label, requires: r.requires ?? null })) },
      })),
    };
  }, [query.data, t]);
  if (query.isPending) return <Loading />;
  if (query.error || !lines) return <ErrorMessage error={query.error} />;
  const tab = params.get('tab') ?? 'composition';
  const manager = hasRole(currentSession(), 'MANAGER');
  return (
    <section>
      <h1>{t('policies.title')}</h1>
      <p className="note">{t('policies.intro')}</p>
      <Tabs selectedKey={tab} onSelectionChange={(key) => setParams({ tab: String(key) }, { replace: true })}>
        <TabList aria-label={t('policies.kinds')} className="tabs">
          <Tab id="composition">{t('policies.tab.composition')}</Tab>
          <Tab id="local">{t('policies.tab.local')}</Tab>
          <Tab id="override">{t('policies.tab.override')}</Tab>
        </TabList>
        <TabPanel id="composition">
          <PolicyLine key={lineKey(lines.composition)} versions={lines.composition} newVersion={manager ? '/policies/composition/new' : null} />
        </TabPanel>
        <TabPanel id="local">
          {[...new Set(lines.local.map((v) => v.line))].map((code) => (
            <PolicyLine
              key={`${code}:${lineKey(lines.local.filter((v) => v.line === code))}`}
              title={code}
              versions={lines.local.filter((v) => v.line === code)}
              newVersion={manager ? `/policies/local/new?code=${encodeURIComponent(code)}` : null}
            />
          ))}
        </TabPanel>
        <TabPanel id="override">
          <PolicyLine key={lineKey(lines.overrideReasons)} versions={lines.overrideReasons} newVersion={manager ? '/policies/override/new' : null} />
        </TabPanel>
      </Tabs>
    </section>
  );
}

/** The versions of one policy: a table, the chosen version in words, and what changed between two of them. */
function PolicyLine({ versions, newVersion, title }: { versions: PolicyVersionView[]; newVersion: string | null; title?: string }) {
  const { t, date } = useI18n();
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const inForce = sorted.find((v) => versionState(v, sorted) === 'IN_FORCE') ?? sorted[sorted.length - 1];
  const [shown, setShown] = useState(inForce?.key ?? '');
  const [from, setFrom] = useState(sorted.length > 1 ? sorted[sorted.length - 2].key : (sorted[0]?.key ?? ''));
  const [to, setTo] = useState(sorted[sorted.length - 1]?.key ?? '');
  const byKey = (key: string) => sorted.find((v) => v.key === key);
  const shownVersion = byKey(shown);
  const fromVersion = byKey(from);
  const toVersion = byKey(to);
  const headingId = `line-${title ?? sorted[0]?.line ?? 'policy'}`;
  return (
    <section aria-labelledby={headingId} className="policy-line">
      <h2 id={headingId}>{title ?? t('policies.versions')}</h2>
      <table className="data-table" data-testid="policy-versions">
        <caption>{t('policies.versionsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('policies.version')}</th>
            <th scope="col">{t('policies.name')}</th>
            <th scope="col">{t('policies.effectiveFrom')}</th>
            <th scope="col">{t('policies.state')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('policies.read')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((v) => {
            const state = versionState(v, sorted);
            return (
              <tr key={v.key} aria-current={v.key === shown || undefined}>
                <td>v{v.version}</td>
                <th scope="row">{v.name}</th>
                <td>{date(v.effectiveFrom)}</td>
                <td>
                  <span className={`badge state-${state}`}>{t(`policies.state.${state}`)}</span>
                </td>
                <td>
                  <button type="button" className="link-button" onClick={() => setShown(v.key)} aria-pressed={v.key === shown}>
                    {t('policies.readVersion', { name: v.name })}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {newVersion && (
        <p>
          <Link className="button" to={newVersion}>
            {t('policies.new')}
          </Link>
        </p>
      )}
      {shownVersion && (
        <article aria-labelledby={`${headingId}-read`} className="card" data-testid="policy-readable">
          <h3 id={`${headingId}-read`}>
            {t('policies.readTitle', { name: shownVersion.name, version: shownVersion.version, date: date(shownVersion.effectiveFrom) })}
          </h3>
          <ReadableDocument document={shownVersion.document} />
        </article>
      )}
      {sorted.length > 1 && (
        <section aria-labelledby={`${headingId}-compare`}>
          <h3 id={`${headingId}-compare`}>{t('policies.compare')}</h3>
          <div className="filters">
            <VersionSelect label={t('policies.compareFrom')} versions={sorted} value={from} onChange={setFrom} />
            <VersionSelect label={t('policies.compareTo')} versions={sorted} value={to} onChange={setTo} />
          </div>
          {fromVersion && toVersion && (
            <ChangesTable
              changes={documentChanges(fromVersion.document, toVersion.document)}
              caption={t('policies.changesCaption', { from: `v${fromVersion.version} ${fromVersion.name}`, to: `v${toVersion.version} ${toVersion.name}` })}
            />
          )}
        </section>
      )}
    </section>
  );
}

function VersionSelect({ label, versions, value, onChange }: { label: string; versions: PolicyVersionView[]; value: string; onChange: (key: string) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {versions.map((v) => (
          <option key={v.key} value={v.key}>
            v{v.version} {v.name}
          </option>
        ))}
      </select>
    </label>
  );
}
