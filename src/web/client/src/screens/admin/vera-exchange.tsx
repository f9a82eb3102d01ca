import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { gql } from '../../api/client';
import { CheckThenImportActions, ImportFileField } from '../../components/check-then-import';
import { ErrorMessage } from '../../components/error-message';
import { saveTextFile } from '../../components/save-file';
import { graphql } from '../../gql';
import type { VeraResource } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const VeraImportDocument = graphql(`
  mutation VeraImport($input: VeraImportInput!) {
    veraImport(input: $input) {
      ok
      written
      resource
      schema
      documents
      errors {
        document
        pointer
        rule
        reason
      }
      notes {
        document
        pointer
        reason
      }
    }
  }
`);

const VeraExportDocument = graphql(`
  query VeraExport($resource: VeraResource!, $from: String, $to: String) {
    veraExport(resource: $resource, from: $from, to: $to) {
      schema
      count
      documents
    }
  }
`);

/** What Woonmix reads, in the order a receiving system needs them (units before their vacancies, households before their responses). */
const READ: readonly VeraResource[] = ['EENHEDEN', 'RELATIES', 'PUBLICATIES', 'KANDIDATEN', 'PUNTENBEREKENINGEN'];
/** Decisions are exported for a period; the stock and the list as they stand. */
const FOR_A_PERIOD: readonly VeraResource[] = ['TOEWIJZINGEN', 'AANBIEDINGEN', 'SANCTIES', 'RECLAMATIES'];
const WRITTEN: readonly VeraResource[] = [...FOR_A_PERIOD, ...READ];

interface VeraRequest {
  resource: VeraResource;
  sender: string;
  content: string;
}
const same = (a: VeraRequest, b: VeraRequest) => a.resource === b.resource && a.sender === b.sender && a.content === b.content;

/**
 * VERA-WRV, the sector's standard, beside the letting platform and the ERP (admins): a delivery of
 * documents checked against the specification and Woonmix's rules first (nothing stored), then
 * imported all or nothing, a record delivered before updated; and Woonmix's records downloaded as
 * VERA documents. Every problem names the document, the place in it and, for the specification, its rule.
 */
export function VeraExchange() {
  const { t, number } = useI18n();
  const [resource, setResource] = useState<VeraResource>('EENHEDEN');
  const [sender, setSender] = useState('');
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [checked, setChecked] = useState<VeraRequest | null>(null);
  const run = useMutation({
    mutationFn: ({ dryRun, ...input }: VeraRequest & { dryRun: boolean }) => gql(VeraImportDocument, { input: { ...input, dryRun } }),
    onSuccess: (answer, { dryRun, ...sent }) => setChecked(dryRun && answer.veraImport.ok ? sent : null),
  });
  const request: VeraRequest | null = file && sender.trim() ? { resource, sender: sender.trim(), content: file.content } : null;
  const canImport = request !== null && checked !== null && same(checked, request) && !run.isPending;
  const result = run.data?.veraImport;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (request) run.mutate({ ...request, dryRun: true });
  };

  const [exportResource, setExportResource] = useState<VeraResource>('TOEWIJZINGEN');
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const periodic = FOR_A_PERIOD.includes(exportResource);
  const download = useMutation({
    mutationFn: () => gql(VeraExportDocument, { resource: exportResource, ...(periodic ? { from, to } : {}) }),
    onSuccess: (answer) =>
      saveTextFile(answer.veraExport.documents, `vera-${exportResource.toLowerCase()}${periodic ? `-${from}-${to}` : ''}.json`, 'application/json'),
  });

  return (
    <section aria-labelledby="vera-title">
      <h2 id="vera-title">{t('vera.title')}</h2>
      <p className="note">{t('vera.intro')}</p>
      <form onSubmit={submit} className="card" aria-labelledby="vera-import-title">
        <h3 id="vera-import-title">{t('vera.importTitle')}</h3>
        <div className="filters">
          <label className="field">
            <span>{t('vera.resource')}</span>
            <select
              value={resource}
              onChange={(e) => {
                setResource(e.target.value as VeraResource);
                setChecked(null);
              }}
            >
              {READ.map((r) => (
                <option key={r} value={r}>
                  {t(`vera.resource.${r}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('vera.sender')}</span>
            <input value={sender} onChange={(e) => setSender(e.target.value)} placeholder="woningnet" required />
          </label>
          <ImportFileField
            label={t('vera.file')}
            accept=".json,application/json"
            onChosen={(chosen) => {
              setChecked(null);
              run.reset();
              setFile(chosen);
            }}
          />
        </div>
        <CheckThenImportActions
          canCheck={request !== null}
          canImport={canImport}
          pending={run.isPending}
          error={run.error}
          onImport={() => request && run.mutate({ ...request, dryRun: false })}
        />
      </form>
      {result && (
        <section aria-labelledby="vera-result" data-testid="vera-result">
          <h3 id="vera-result">{t(result.written ? 'imports.written' : result.ok ? 'imports.checkedOk' : 'vera.refused')}</h3>
          <p className="muted">{t('vera.documents', { count: number(result.documents), schema: result.schema })}</p>
          {result.errors.length > 0 && (
            <table className="data-table" data-testid="vera-errors">
              <caption>{t('vera.errorsCaption', { count: number(result.errors.length) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('vera.document')}</th>
                  <th scope="col">{t('vera.pointer')}</th>
                  <th scope="col">{t('vera.rule')}</th>
                  <th scope="col">{t('imports.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.document}</td>
                    <th scope="row">
                      <code>{e.pointer || '/'}</code>
                    </th>
                    <td>{e.rule ? <code>{e.rule}</code> : t('vera.woonmixRule')}</td>
                    <td>{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.notes.length > 0 && (
            <ul className="plain" aria-label={t('vera.notes')}>
              {result.notes.map((n, i) => (
                <li key={i}>{t('vera.note', { document: n.document, pointer: n.pointer, reason: n.reason })}</li>
              ))}
            </ul>
          )}
        </section>
      )}
      <form
        className="card"
        aria-labelledby="vera-export-title"
        onSubmit={(e) => {
          e.preventDefault();
          download.mutate();
        }}
      >
        <h3 id="vera-export-title">{t('vera.exportTitle')}</h3>
        <div className="filters">
          <label className="field">
            <span>{t('vera.resource')}</span>
            <select value={exportResource} onChange={(e) => setExportResource(e.target.value as VeraResource)}>
              {WRITTEN.map((r) => (
                <option key={r} value={r}>
                  {t(`vera.resource.${r}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          {periodic && (
            <>
              <label className="field">
                <span>{t('vera.from')}</span>
                <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
              </label>
              <label className="field">
                <span>{t('vera.to')}</span>
                <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
              </label>
            </>
          )}
        </div>
        <div className="actions">
          <Button type="submit" className="button" isDisabled={download.isPending}>
            {t('vera.download')}
          </Button>
        </div>
        {download.data && (
          <p role="status" className="muted" data-testid="vera-exported">
            {t('vera.exported', { count: number(download.data.veraExport.count), schema: download.data.veraExport.schema })}
          </p>
        )}
        <ErrorMessage error={download.error} />
      </form>
    </section>
  );
}
